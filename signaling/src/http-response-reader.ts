/**
 * Reads the HTTP/1.1 response a Node `http.Server` writes to its socket, incrementally: the head,
 * then the body with its framing removed (Content-Length, chunked, or until the end of the stream).
 * The front door (http-bridge.ts) hands the Express app a socket of its own and replays what it
 * writes through uWebSockets.js, which frames the body again itself.
 *
 * Only Node's own output is parsed here, so the grammar is the narrow one Node emits; anything else
 * is reported as an error rather than guessed at.
 */

export interface ResponseHead {
  status: number;
  statusText: string;
  /** In order, names as written (Set-Cookie may repeat). */
  headers: [string, string][];
  /** Body length when the response declared one (Content-Length), else null. */
  contentLength: number | null;
  /** No body can follow: HEAD request, 204, 304. */
  bodyless: boolean;
}

export type ReaderEvent =
  | { kind: 'head'; head: ResponseHead }
  | { kind: 'body'; chunk: Buffer }
  | { kind: 'end' }
  | { kind: 'error'; message: string };

type State =
  | { s: 'head' }
  | { s: 'length'; left: number }
  | { s: 'chunk-size' }
  | { s: 'chunk-data'; left: number }
  | { s: 'chunk-crlf' }
  | { s: 'trailers' }
  | { s: 'eof' }
  | { s: 'done' };

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 256 * 1024;

export interface ResponseReader {
  feed(chunk: Buffer): ReaderEvent[];
  /** The writer ended its stream. */
  finish(): ReaderEvent[];
  readonly done: boolean;
}

export function createResponseReader(opts: { requestMethod: string }): ResponseReader {
  let state: State = { s: 'head' };
  let buf: Buffer = Buffer.alloc(0);
  const isHead = opts.requestMethod.toUpperCase() === 'HEAD';

  function parseHead(text: string): ResponseHead | string {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
    if (!m) return 'bad status line';
    const status = Number(m[1]);
    const headers: [string, string][] = [];
    let contentLength: number | null = null;
    let chunked = false;
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      if (i <= 0) return 'bad header line';
      const name = line.slice(0, i);
      const value = line.slice(i + 1).trim();
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        if (!/^\d+$/.test(value)) return 'bad content-length';
        contentLength = Number(value);
      } else if (lower === 'transfer-encoding') chunked = /(^|,)\s*chunked\s*$/i.test(value);
      headers.push([name, value]);
    }
    const bodyless = isHead || status === 204 || status === 304 || (status >= 100 && status < 200);
    if (!bodyless) {
      if (chunked) {
        contentLength = null;
        state = { s: 'chunk-size' };
      } else if (contentLength !== null)
        state = contentLength > 0 ? { s: 'length', left: contentLength } : { s: 'done' };
      else state = { s: 'eof' };
    } else state = status < 200 ? { s: 'head' } : { s: 'done' };
    return { status, statusText: m[2] ?? '', headers, contentLength, bodyless };
  }

  function run(out: ReaderEvent[]) {
    for (;;) {
      switch (state.s) {
        case 'head': {
          const end = buf.indexOf(HEAD_END);
          if (end < 0) {
            if (buf.length > MAX_HEAD) {
              out.push({ kind: 'error', message: 'response head too large' });
              state = { s: 'done' };
            }
            return;
          }
          const text = buf.subarray(0, end).toString('latin1');
          buf = buf.subarray(end + 4);
          const head = parseHead(text);
          if (typeof head === 'string') {
            out.push({ kind: 'error', message: head });
            state = { s: 'done' };
            return;
          }
          // Informational responses (100 Continue, 103 Early Hints) are not relayed.
          if (head.status >= 200) out.push({ kind: 'head', head });
          // parseHead moved the state on (TypeScript cannot see it through the closure).
          if ((state as State).s === 'done') out.push({ kind: 'end' });
          continue;
        }
        case 'length': {
          if (buf.length === 0) return;
          const take = Math.min(state.left, buf.length);
          out.push({ kind: 'body', chunk: buf.subarray(0, take) });
          buf = buf.subarray(take);
          state.left -= take;
          if (state.left === 0) {
            state = { s: 'done' };
            out.push({ kind: 'end' });
          }
          continue;
        }
        case 'chunk-size': {
          const end = buf.indexOf(CRLF);
          if (end < 0) return;
          const line = buf.subarray(0, end).toString('latin1');
          buf = buf.subarray(end + 2);
          const m = /^([0-9a-fA-F]{1,16})(;.*)?$/.exec(line);
          if (!m) {
            out.push({ kind: 'error', message: 'bad chunk size' });
            state = { s: 'done' };
            return;
          }
          const size = parseInt(m[1]!, 16);
          state = size === 0 ? { s: 'trailers' } : { s: 'chunk-data', left: size };
          continue;
        }
        case 'chunk-data': {
          if (buf.length === 0) return;
          const take = Math.min(state.left, buf.length);
          out.push({ kind: 'body', chunk: buf.subarray(0, take) });
          buf = buf.subarray(take);
          state.left -= take;
          if (state.left === 0) state = { s: 'chunk-crlf' };
          continue;
        }
        case 'chunk-crlf': {
          if (buf.length < 2) return;
          if (buf[0] !== 13 || buf[1] !== 10) {
            out.push({ kind: 'error', message: 'bad chunk end' });
            state = { s: 'done' };
            return;
          }
          buf = buf.subarray(2);
          state = { s: 'chunk-size' };
          continue;
        }
        case 'trailers': {
          // Trailer fields are dropped (nothing here sends them); the empty line ends the body.
          const end = buf.indexOf(CRLF);
          if (end < 0) return;
          buf = buf.subarray(end + 2);
          if (end === 0) {
            state = { s: 'done' };
            out.push({ kind: 'end' });
          }
          continue;
        }
        case 'eof': {
          if (buf.length) out.push({ kind: 'body', chunk: buf });
          buf = Buffer.alloc(0);
          return;
        }
        case 'done':
          buf = Buffer.alloc(0);
          return;
      }
    }
  }

  return {
    feed(chunk) {
      const out: ReaderEvent[] = [];
      if (state.s === 'done') return out;
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      run(out);
      return out;
    },
    finish() {
      if (state.s === 'done') return [];
      if (state.s === 'eof') {
        state = { s: 'done' };
        return [{ kind: 'end' }];
      }
      state = { s: 'done' };
      return [{ kind: 'error', message: 'response ended early' }];
    },
    get done() {
      return state.s === 'done';
    },
  };
}
