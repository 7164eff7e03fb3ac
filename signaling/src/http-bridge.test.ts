import type { TestDb } from '@telehealth/platform/testing/db';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import { createHttpBridge, peerAddress, type HttpBridge } from './http-bridge.ts';
import { CloseCodes } from './protocol.ts';
import {
  client,
  createUser,
  rawSocket,
  setupDb,
  startServer,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let door: Awaited<ReturnType<typeof startServer>>;
let bridge: HttpBridge;
let base: string;
let patient: TestUser;
/** What the Node side saw of the last request that finished or was cut. */
const seen: { closedEarly: number } = { closedEarly: 0 };

const BIG = 8 * 1024 * 1024;

function app(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/big') {
    res.setHeader('content-length', String(BIG));
    res.end(Buffer.alloc(BIG, 97));
    return;
  }
  if (url.pathname === '/stream') {
    // Written over several turns without a length: chunked from Node, chunked again by uWS.
    let i = 0;
    const next = () => {
      if (i === 4) return res.end('end');
      res.write(`part${i++};`);
      setImmediate(next);
    };
    return next();
  }
  if (url.pathname === '/slow-stream') {
    // Many writes, one large: exercises the write path's backpressure and the client hanging up.
    res.on('close', () => {
      if (!res.writableFinished) seen.closedEarly++;
    });
    let i = 0;
    const next = () => {
      if (res.destroyed) return;
      if (i++ === 64) return res.end();
      if (res.write(Buffer.alloc(256 * 1024, 98))) setImmediate(next);
      else res.once('drain', next);
    };
    return next();
  }
  if (url.pathname === '/crash') return req.socket.destroy();
  let bytes = 0;
  req.on('data', (c: Buffer) => (bytes += c.length));
  req.on('end', () => {
    res.setHeader('set-cookie', ['a=1; HttpOnly', 'b=2']);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        remoteAddress: req.socket.remoteAddress,
        forwardedFor: req.headers['x-forwarded-for'] ?? null,
        bytes,
      }),
    );
  });
}

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  const node = createServer(app);
  bridge = createHttpBridge(node, { localPort: () => door.port });
  door = await startServer(
    { db: t.db, bus, http: bridge.handle },
    { WS_MAX_VIOLATIONS_PER_MIN: 3, WS_RATE_CONN_PER_S: 1, WS_RATE_CONN_BURST: 2 },
  );
  base = `http://127.0.0.1:${door.port}`;
  patient = await createUser(t.db, 'patient');
});
afterAll(async () => {
  await door?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

describe('the front door: uWS serves the socket, Node serves the rest', () => {
  it('answers the WebSocket, its health check and the HTTP app on one port', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const c = client(door.url, patient);
    await c.connect();
    expect(await c.request('ping', {})).toHaveProperty('t');
    c.close();
    const r = await fetch(`${base}/api/thing?x=1&y=2`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { url: string }).url).toBe('/api/thing?x=1&y=2');
    // A plain GET of the socket's path is an ordinary HTTP request.
    expect((await fetch(`${base}/ws`)).status).toBe(200);
  });

  it("gives the app the peer's address and the client's X-Forwarded-For untouched (TRUST_PROXY decides)", async () => {
    const r = await fetch(`${base}/who`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const body = (await r.json()) as { remoteAddress: string; forwardedFor: string };
    expect(body.remoteAddress).toBe('127.0.0.1');
    expect(body.forwardedFor).toBe('203.0.113.9');
    expect(r.headers.getSetCookie()).toEqual(['a=1; HttpOnly', 'b=2']);
    expect(peerAddress('0000:0000:0000:0000:0000:ffff:7f00:0001')).toBe('::ffff:127.0.0.1');
    expect(peerAddress('2001:db8::1')).toBe('2001:db8::1');
  });

  it('streams bodies both ways: uploads with a length or chunked, downloads with a length or chunked, HEAD', async () => {
    const up = await fetch(`${base}/up`, { method: 'POST', body: Buffer.alloc(3_000_000, 1) });
    expect(((await up.json()) as { bytes: number }).bytes).toBe(3_000_000);
    const parts = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('abc'));
        c.enqueue(new TextEncoder().encode('defg'));
        c.close();
      },
    });
    const chunked = await fetch(`${base}/up`, { method: 'PUT', body: parts, duplex: 'half' } as RequestInit);
    expect(((await chunked.json()) as { bytes: number }).bytes).toBe(7);
    const big = await fetch(`${base}/big`);
    expect(big.headers.get('content-length')).toBe(String(BIG));
    expect((await big.arrayBuffer()).byteLength).toBe(BIG);
    const stream = await fetch(`${base}/stream`);
    expect(await stream.text()).toBe('part0;part1;part2;part3;end');
    const head = await fetch(`${base}/big`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(BIG));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('holds the app back while a client reads slowly, and lets go of a client that hangs up', async () => {
    // A raw socket that stops reading: the app sees backpressure (drain) and the bytes still arrive whole.
    const sock = connect(door.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write('GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    sock.pause();
    await new Promise((r) => setTimeout(r, 300));
    let got = 0;
    const done = new Promise<void>((resolve) =>
      sock.on('data', (d: Buffer) => {
        got += d.length;
        if (got > BIG) resolve();
      }),
    );
    sock.resume();
    await done;
    sock.destroy();
    // A client that leaves mid-download: the app's response closes early and nothing stays in flight.
    const quitter = connect(door.port, '127.0.0.1');
    await new Promise((r) => quitter.once('connect', r));
    quitter.write('GET /slow-stream HTTP/1.1\r\nHost: x\r\n\r\n');
    quitter.pause();
    await waitFor(() => bridge.inflight() === 1, 'request in flight');
    quitter.destroy();
    await waitFor(() => seen.closedEarly === 1, "the app's response closed");
    await waitFor(() => bridge.inflight() === 0, 'nothing in flight');
  });

  it('answers 502 when the app drops the connection without a response', async () => {
    expect((await fetch(`${base}/crash`)).status).toBe(502);
  });

  it("delivers the server's close code and the error before it (no proxy to lose them)", async () => {
    const s = rawSocket(door.url, ['th.v1', `auth.${await patient.token()}`]);
    await s.opened;
    for (let i = 0; i < 10; i++) s.ws.send('not json');
    const closed = await s.closed;
    expect(closed.code).toBe(CloseCodes.abuse);
    expect(s.frames.some((f) => (f as { code?: string }).code === 'bad_json')).toBe(true);
  });
});
