import type { Server } from 'node:http';
import { Duplex } from 'node:stream';
import type uWS from 'uwebsockets';
import { createResponseReader, type ReaderEvent } from './http-response-reader.ts';

/**
 * The front door: uWebSockets.js owns the origin's port and serves `/ws` natively, so WebSocket
 * frames never cross Node streams; every other HTTP request is handed to a Node `http.Server` (the
 * Express app and the web app) in the same process, without a second TCP hop.
 *
 * Each request gets a socket of its own (a Duplex, which Node's HTTP server accepts as a
 * connection: documented for the 'connection' event). The request head is re-serialised with
 * `Connection: close`, so Node answers exactly one response and ends the stream; what Node writes
 * is parsed back (http-response-reader.ts) and replayed through uWS with backpressure both ways.
 * The socket reports the peer address uWS saw, so Express's req.ip and its TRUST_PROXY handling
 * behave exactly as if Node had accepted the connection itself.
 */

/** Headers about this hop, or that we re-frame: uWS already dealt with them on the client side. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'http2-settings',
  'expect',
  'te',
  'transfer-encoding',
  'content-length',
]);
/** Headers uWS writes itself on the response (it frames the body and closes or keeps the connection). */
const RESPONSE_SKIP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

class BridgeSocket extends Duplex {
  readonly remoteAddress: string;
  readonly remotePort = 0;
  readonly remoteFamily: string;
  readonly localAddress = '';
  readonly localPort: number;
  readonly encrypted = undefined;
  readonly bufferSize = 0;
  bytesWritten = 0;
  onRead: () => void = () => {};
  writeOut: (chunk: Buffer, done: (err?: Error | null) => void) => void = (_c, done) => done();
  finalOut: (done: (err?: Error | null) => void) => void = (done) => done();

  constructor(remoteAddress: string, localPort: number) {
    super({ allowHalfOpen: true });
    this.remoteAddress = remoteAddress;
    this.remoteFamily = remoteAddress.includes(':') ? 'IPv6' : 'IPv4';
    this.localPort = localPort;
  }
  override _read() {
    this.onRead();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void) {
    this.bytesWritten += chunk.length;
    this.writeOut(chunk, done);
  }
  override _final(done: (err?: Error | null) => void) {
    this.finalOut(done);
  }
  // net.Socket methods Node's HTTP server may call on a connection.
  setTimeout(_ms: number, _cb?: () => void) {
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  address() {
    return { address: this.localAddress, family: this.remoteFamily, port: this.localPort };
  }
}

/** uWS reports IPv4 peers of a dual-stack socket as IPv4-mapped IPv6; Node would say "::ffff:a.b.c.d". */
export function peerAddress(raw: string): string {
  const mapped = /^(?:0{1,4}:){5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(raw);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return raw;
}

export interface HttpBridgeOptions {
  /** The port the front door listens on (what Node's socket reports as localPort). */
  localPort?: () => number;
}

export interface HttpBridge {
  /** The uWS route handler (`app.any('/*', handle)`): serves the request with `server`'s 'request' listeners. */
  handle(res: uWS.HttpResponse, req: uWS.HttpRequest): void;
  /** Requests being served right now. */
  inflight(): number;
  /** Resolves once no request is in flight (graceful shutdown, after the listener closed). */
  idle(): Promise<void>;
}

export function createHttpBridge(server: Server, opts: HttpBridgeOptions = {}): HttpBridge {
  let open = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (--open > 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const handle = (res: uWS.HttpResponse, req: uWS.HttpRequest) => {
    const method = req.getCaseSensitiveMethod();
    const query = req.getQuery();
    const url = query ? `${req.getUrl()}?${query}` : req.getUrl();
    const lines = [`${method} ${url} HTTP/1.1`];
    let contentLength: number | null = null;
    let chunkedIn = false;
    req.forEach((name, value) => {
      if (name === 'content-length') contentLength = /^\d+$/.test(value) ? Number(value) : null;
      if (name === 'transfer-encoding') chunkedIn = /chunked/i.test(value);
      if (HOP_BY_HOP.has(name)) return;
      // Header values come from uWS's parser (no CR/LF can be in them).
      lines.push(`${name}: ${value}`);
    });
    const hasBody = (contentLength ?? 0) > 0 || chunkedIn;
    if (contentLength !== null && !chunkedIn) lines.push(`content-length: ${contentLength}`);
    else if (chunkedIn) lines.push('transfer-encoding: chunked');
    lines.push('connection: close');
    const socket = new BridgeSocket(
      peerAddress(Buffer.from(res.getRemoteAddressAsText()).toString()),
      opts.localPort?.() ?? 0,
    );

    let aborted = false;
    let responded = false;
    let headWritten = false;
    let total: number | null = null;
    const reader = createResponseReader({ requestMethod: method });
    /** A body part uWS could not take yet, waiting for onWritable (with the write's done callback). */
    let stalled: { chunk: Buffer; offset: number; done: (err?: Error | null) => void } | null = null;

    res.onAborted(() => {
      aborted = true;
      const s = stalled;
      stalled = null;
      s?.done(new Error('client went away'));
      socket.destroy();
    });

    // ---- request body: uWS → Node, paused while Node's parser is not reading.
    let paused = false;
    socket.onRead = () => {
      if (paused && !aborted && !responded) {
        paused = false;
        res.resume();
      }
    };
    socket.push(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
    if (hasBody) {
      res.onData((ab, isLast) => {
        // The ArrayBuffer is only valid during this call: copy (once; Buffer.from(Uint8Array) copies).
        const chunk = Buffer.from(new Uint8Array(ab));
        let ok = true;
        if (chunkedIn) {
          if (chunk.length) ok = socket.push(`${chunk.length.toString(16)}\r\n`) && ok;
          if (chunk.length) ok = socket.push(chunk) && ok;
          if (chunk.length) ok = socket.push('\r\n') && ok;
          if (isLast) ok = socket.push('0\r\n\r\n') && ok;
        } else if (chunk.length) ok = socket.push(chunk);
        // The request's own framing tells Node's parser where the body ends; ending the stream
        // here would make Node's server abort the request (it treats it as the client hanging up).
        if (!isLast && !ok && !paused) {
          paused = true;
          res.pause();
        }
      });
    }

    // ---- response: Node → uWS.
    const fail = () => {
      if (aborted || responded) return;
      responded = true;
      res.cork(() => {
        if (headWritten) res.close();
        else res.writeStatus('502 Bad Gateway').writeHeader('Content-Type', 'text/plain').end('Bad gateway');
      });
    };

    /** Writes one body part; calls done once uWS took all of it. */
    const writeBody = (chunk: Buffer, done: (err?: Error | null) => void) => {
      if (aborted) return done(new Error('client went away'));
      let ok: boolean;
      if (total !== null) {
        const offset = res.getWriteOffset();
        let finished = false;
        res.cork(() => ([ok, finished] = res.tryEnd(chunk, total!)));
        if (finished) responded = true;
        if (ok! || finished) return done();
        // Part of the chunk may have gone out; the rest is resent from onWritable.
        stalled = { chunk, offset, done };
        return;
      }
      res.cork(() => (ok = res.write(chunk)));
      // write() buffers everything it does not send: wait for the buffer to drain before more.
      if (ok!) return done();
      stalled = { chunk: Buffer.alloc(0), offset: -1, done };
    };

    const onWritable = (offset: number): boolean => {
      const s = stalled;
      if (!s) return true;
      if (s.offset < 0) {
        stalled = null;
        s.done();
        return true;
      }
      const rest = s.chunk.subarray(offset - s.offset);
      const [ok, finished] = res.tryEnd(rest, total!);
      if (finished) responded = true;
      if (ok || finished) {
        stalled = null;
        s.done();
      } else {
        s.chunk = rest;
        s.offset = offset;
      }
      return ok;
    };

    const apply = (events: ReaderEvent[], done: (err?: Error | null) => void) => {
      let i = 0;
      const next = (err?: Error | null) => {
        if (err) return done(err);
        while (i < events.length) {
          const e = events[i++]!;
          if (aborted) return done(new Error('client went away'));
          if (e.kind === 'error') {
            fail();
            return done(new Error(e.message));
          }
          if (e.kind === 'head') {
            headWritten = true;
            const h = e.head;
            res.cork(() => {
              res.writeStatus(`${h.status} ${h.statusText}`.trimEnd());
              for (const [k, v] of h.headers) if (!RESPONSE_SKIP.has(k.toLowerCase())) res.writeHeader(k, v);
              if (h.bodyless) {
                responded = true;
                if (method.toUpperCase() === 'HEAD' && h.contentLength !== null)
                  res.endWithoutBody(h.contentLength);
                else res.endWithoutBody();
              }
            });
            if (!h.bodyless && h.contentLength !== null) {
              total = h.contentLength;
              if (total === 0) {
                responded = true;
                res.cork(() => res.end());
              }
            }
            continue;
          }
          if (e.kind === 'body') {
            if (responded || e.chunk.length === 0) continue;
            return writeBody(e.chunk, next);
          }
          if (e.kind === 'end' && !responded) {
            responded = true;
            if (total === null) res.cork(() => res.end());
          }
        }
        done();
      };
      next();
    };

    socket.writeOut = (chunk, done) => apply(reader.feed(chunk), done);
    socket.finalOut = (done) =>
      apply(reader.finish(), (err) => {
        if (!responded) fail();
        done(err);
        // Node ended the connection after its one response: end the other side too, so it closes.
        socket.push(null);
      });
    open++;
    socket.once('close', () => {
      // Node destroyed the connection without finishing a response (parse error, handler crash).
      if (!responded && !aborted) fail();
      settle();
    });
    res.onWritable(onWritable);
    server.emit('connection', socket);
  };
  return {
    handle,
    inflight: () => open,
    idle: () => (open === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
  };
}
