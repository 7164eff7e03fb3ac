import { randomUUID } from 'node:crypto';
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import { SignalingClientError } from './client.ts';
import { openConversation } from './chat/store.ts';
import { CloseCodes, eventFrame } from './protocol.ts';
import { createTokenService } from '@telehealth/platform/auth/tokens';
import {
  client,
  createUser,
  rawSocket,
  setupDb,
  startServer,
  tokens,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;
let patient: TestUser, other: TestUser, doctor: TestUser;
let conversationId: string;

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer(
    { db: t.db, bus },
    {
      WS_ALLOWED_ORIGINS: ['https://app.test'],
      WS_MAX_PAYLOAD: 4096,
      WS_MAX_BACKPRESSURE: 64 * 1024,
      WS_MAX_CONN_PER_USER: 3,
    },
  );
  patient = await createUser(t.db, 'patient');
  other = await createUser(t.db, 'patient');
  doctor = await createUser(t.db, 'doctor');
  conversationId = (await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id })).id;
});
afterAll(async () => {
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

describe('upgrade authentication', () => {
  it('accepts a valid token in Sec-WebSocket-Protocol and selects only th.v1', async () => {
    const s = rawSocket(server.url, ['th.v1', `auth.${await patient.token()}`]);
    await s.opened;
    expect(s.ws.protocol).toBe('th.v1');
    s.ws.close();
  });
  it('rejects a missing or malformed token and a missing th.v1 protocol before upgrading', async () => {
    await expect(rawSocket(server.url, ['th.v1']).opened).rejects.toThrow('HTTP 401');
    await expect(rawSocket(server.url, ['th.v1', 'auth.garbage']).opened).rejects.toThrow('HTTP 401');
    await expect(rawSocket(server.url, [`auth.${await patient.token()}`]).opened).rejects.toThrow('HTTP 400');
  });
  it('closes with 4001 before processing anything when the token does not verify', async () => {
    const forged = await createTokenService('another-secret').sign({ userId: patient.id, role: 'admin' });
    const s = rawSocket(server.url, ['th.v1', `auth.${forged}`]);
    s.ws.on('open', () => s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'early' })));
    await expect(s.opened).rejects.toThrow('close 4001');
    expect(s.frames).toEqual([]);
  });
  it('enforces the origin allow-list', async () => {
    const token = await patient.token();
    await expect(
      rawSocket(server.url, ['th.v1', `auth.${token}`], { origin: 'https://evil.test' }).opened,
    ).rejects.toThrow('HTTP 403');
    const ok = rawSocket(server.url, ['th.v1', `auth.${token}`], { origin: 'https://app.test' });
    await ok.opened;
    ok.ws.close();
  });
  it('limits sockets per user', async () => {
    const token = await other.token();
    const socks = [0, 1, 2].map(() => rawSocket(server.url, ['th.v1', `auth.${token}`]));
    await Promise.all(socks.map((s) => s.opened));
    await expect(rawSocket(server.url, ['th.v1', `auth.${token}`]).opened).rejects.toThrow(
      `close ${CloseCodes.tooManyConnections}`,
    );
    for (const s of socks) s.ws.close();
    await Promise.all(socks.map((s) => s.closed));
  });
  it('closes with 4001 when the token expired mid-connection', async () => {
    // A verifier that accepts a token whose exp claim is already in the past.
    const past = Math.floor(Date.now() / 1000) - 10;
    const fake = `e30.${Buffer.from(JSON.stringify({ exp: past })).toString('base64url')}.sig`;
    const s2 = await startServer({
      db: t.db,
      bus,
      tokens: {
        verify: async () => ({
          ok: true,
          principal: { userId: patient.id, role: 'patient' },
          sessionVersion: 0,
          expiresAt: past,
        }),
      },
    });
    try {
      const s = rawSocket(s2.url, ['th.v1', `auth.${fake}`]);
      await s.opened;
      s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'p' }));
      const closed = await s.closed;
      expect(closed.code).toBe(CloseCodes.unauthorized);
      expect(s.frames).toContainEqual(
        expect.objectContaining({ type: 'error', id: 'p', code: 'unauthorized' }),
      );
    } finally {
      await s2.close({ force: true });
    }
  });
});

describe('protocol handling', () => {
  it('acks requests and reports errors with a code', async () => {
    const c = client(server.url, patient);
    await c.connect();
    expect(await c.request('ping', {})).toHaveProperty('t');
    await expect(c.request('nope.nope', {})).rejects.toMatchObject({ code: 'unknown_type' });
    await expect(c.request('chat.send', { conversationId: 'x' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    c.close();
  });
  it('answers malformed, binary and wrong-version frames with errors and keeps serving', async () => {
    const s = rawSocket(server.url, ['th.v1', `auth.${await patient.token()}`]);
    await s.opened;
    s.ws.send('{not json');
    s.ws.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true });
    s.ws.send(JSON.stringify({ v: 2, type: 'ping', id: 'v2' }));
    s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'ok' }));
    await waitFor(() => s.frames.length >= 4, 'four answers');
    const codes = s.frames.map(
      (f) => (f as { code?: string; type: string }).code ?? (f as { type: string }).type,
    );
    expect(codes).toEqual(['bad_json', 'binary_not_supported', 'unsupported_version', 'ack']);
    s.ws.close();
  });
  it('closes the connection on oversized frames', async () => {
    const s = rawSocket(server.url, ['th.v1', `auth.${await patient.token()}`]);
    await s.opened;
    s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'x', pad: 'a'.repeat(10_000) }));
    // uWS cuts the TCP connection at once (the client sees 1006 rather than a 1009 close frame).
    expect([1006, 1009]).toContain((await s.closed).code);
  });
  it('closes abusive clients after too many violations', async () => {
    const s2 = await startServer({ db: t.db, bus }, { WS_MAX_VIOLATIONS_PER_MIN: 5 });
    try {
      const s = rawSocket(s2.url, ['th.v1', `auth.${await patient.token()}`]);
      await s.opened;
      for (let i = 0; i < 10; i++) s.ws.send('garbage');
      expect((await s.closed).code).toBe(CloseCodes.abuse);
    } finally {
      await s2.close({ force: true });
    }
  });
  it('rate limits per connection', async () => {
    const s2 = await startServer({ db: t.db, bus }, { WS_RATE_CONN_PER_S: 1, WS_RATE_CONN_BURST: 3 });
    try {
      const s = rawSocket(s2.url, ['th.v1', `auth.${await patient.token()}`]);
      await s.opened;
      for (let i = 0; i < 6; i++) s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: `p${i}` }));
      await waitFor(() => s.frames.length >= 6, 'answers');
      const limited = s.frames.filter((f) => (f as { code?: string }).code === 'rate_limited');
      expect(limited.length).toBeGreaterThanOrEqual(2);
      s.ws.close();
    } finally {
      await s2.close({ force: true });
    }
  });
  it('drops a slow consumer once its buffer passes the limit', async () => {
    const s = rawSocket(server.url, ['th.v1', `auth.${await doctor.token()}`]);
    await s.opened;
    // Stop reading: the kernel buffers fill, then the server's backpressure.
    (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = server.stats().slowConsumersDropped;
    const topic = `user:${doctor.id}`;
    const big = eventFrame(topic, 'test.flood', { pad: 'x'.repeat(32 * 1024) });
    for (let i = 0; i < 2000 && server.stats().slowConsumersDropped === before; i++) {
      await bus.publish(topic, big);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(server.stats().slowConsumersDropped).toBeGreaterThan(before);
    s.ws.terminate();
  });
});

describe('topic authorization', () => {
  it('lets users subscribe only to what they may see', async () => {
    const p = client(server.url, patient);
    const o = client(server.url, other);
    const d = client(server.url, doctor);
    await Promise.all([p.connect(), o.connect(), d.connect()]);
    try {
      await expect(p.subscribe(`user:${patient.id}`)).resolves.toBeTruthy();
      await expect(p.subscribe(`user:${other.id}`)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(p.subscribe(`chat:${conversationId}`)).resolves.toBeTruthy();
      await expect(d.subscribe(`chat:${conversationId}`)).resolves.toBeTruthy();
      await expect(o.subscribe(`chat:${conversationId}`)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(p.subscribe(`queue:${doctor.id}`)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(d.subscribe(`queue:${doctor.id}`)).resolves.toBeTruthy();
      await expect(p.subscribe(`call:${randomUUID()}`)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(p.request('sub', { topic: 'admin:all' })).rejects.toMatchObject({ code: 'bad_request' });
      // Requests bound to a topic need the subscription.
      await expect(o.request('chat.typing', { conversationId, typing: true })).rejects.toMatchObject({
        code: 'not_subscribed',
      });
      await expect(o.request('chat.history', { conversationId })).rejects.toBeInstanceOf(
        SignalingClientError,
      );
    } finally {
      p.close();
      o.close();
      d.close();
    }
  });

  it('runs integrator handlers registered for call:<room> only for subscribed sockets', async () => {
    const { z } = await import('zod');
    const seen: string[] = [];
    server.registerHandler(
      'call.join',
      z.object({ roomId: z.string().max(64) }),
      (ctx, m) => {
        seen.push(`${ctx.principal.userId}:${m.roomId}`);
        return { joined: m.roomId };
      },
      { topic: (m) => `call:${m.roomId}` },
    );
    const c = client(server.url, patient);
    await c.connect();
    await expect(c.request('call.join', { roomId: 'r1' })).rejects.toMatchObject({ code: 'not_subscribed' });
    expect(seen).toEqual([]);
    c.close();
  });
});

describe('fuzz', () => {
  it('survives a run of random and mutated frames', async () => {
    const s = rawSocket(server.url, ['th.v1', `auth.${await patient.token()}`]);
    await s.opened;
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const valid = [
      { v: 1, type: 'ping', id: 'a' },
      { v: 1, type: 'sub', id: 'b', topic: `chat:${conversationId}`, since: 0 },
      { v: 1, type: 'chat.send', id: 'c', conversationId, clientMsgId: 'm', text: 'hello' },
      { v: 1, type: 'chat.history', id: 'd', conversationId, limit: 5 },
      { v: 1, type: 'queue.state', id: 'e', doctorId: doctor.id },
      { v: 1, type: 'presence.get', id: 'f', userIds: [doctor.id] },
    ];
    const junk = [
      null,
      true,
      -1,
      1e308,
      'x'.repeat(300),
      [],
      {},
      { __proto__: { polluted: 1 } },
      '\u0000',
      NaN,
    ];
    const frames: (string | Buffer)[] = [];
    for (let i = 0; i < 400; i++) {
      const kind = rnd();
      if (kind < 0.15) {
        frames.push(
          Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256))),
        );
      } else if (kind < 0.3) {
        frames.push(JSON.stringify(pick(valid)).slice(0, Math.floor(rnd() * 40)));
      } else if (kind < 0.4) {
        frames.push('['.repeat(500) + ']'.repeat(500));
      } else {
        const m: Record<string, unknown> = { ...pick(valid) };
        const keys = Object.keys(m).concat(['__proto__', 'constructor', 'extra']);
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) m[pick(keys)] = pick(junk);
        m.id = `f${i}`;
        frames.push(JSON.stringify(m));
      }
    }
    let i = 0;
    for (const f of frames) {
      if (s.ws.readyState !== s.ws.OPEN) break;
      s.ws.send(f, { binary: typeof f !== 'string' });
      if (++i % 50 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    // The server is alive and still serving a fresh client; no request hit an internal error.
    const c = client(server.url, patient);
    await c.connect();
    expect(await c.request('ping', {})).toHaveProperty('t');
    c.close();
    const internal = s.frames.filter((f) => (f as { code?: string }).code === 'internal');
    expect(internal).toEqual([]);
    s.ws.terminate();
  });
});

describe('hosting', () => {
  // Serving the rest of the origin from the same listener: http-bridge.test.ts.
  it('answers /healthz for load balancers, without auth', async () => {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, nodeId: server.nodeId });
  });
});

describe('tokens', () => {
  it('auth.refresh accepts only a token for the same principal', async () => {
    const c = client(server.url, patient);
    await c.connect();
    const fresh = await tokens.sign({ userId: patient.id, role: 'patient' });
    await expect(c.request('auth.refresh', { token: fresh })).resolves.toHaveProperty('expiresAt');
    const foreign = await tokens.sign({ userId: other.id, role: 'patient' });
    await expect(c.request('auth.refresh', { token: foreign })).rejects.toMatchObject({ code: 'forbidden' });
    c.close();
  });
});
