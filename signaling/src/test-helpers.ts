/** Shared setup for the signaling tests: real PostgreSQL, real sockets, optional real Redis. */
import { randomBytes, randomUUID } from 'node:crypto';
import { createTokenService, type Role } from '@telehealth/platform/auth/tokens';
import type { Db } from '@telehealth/platform/db/types';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import type { Bus } from './bus.ts';
import { createRedisBus } from './redis-bus.ts';
import { SignalingClient, type SignalingClientOptions, type WebSocketCtor } from './client.ts';
import type { SignalingConfigInput } from './config.ts';
import { createSignalingServer, type SignalingServerWithModules } from './index.ts';
import type { SignalingDeps } from './types.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const tokens = createTokenService(`test-secret-${randomBytes(8).toString('hex')}`);

export async function setupDb(): Promise<TestDb> {
  return createTestPostgres({ max: 10 });
}

/** Doctors are admin-verified unless `verified: false` (clinical powers need it). */
export async function createUser(
  db: Db,
  role: Role,
  opts: { onCall?: boolean; name?: string; verified?: boolean } = {},
) {
  const id = randomUUID();
  await db.query(`INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'x')`, [
    id,
    `${id}@test.local`,
    opts.name ?? `${role}-${id.slice(0, 6)}`,
    role,
  ]);
  if (role === 'doctor') {
    await db.query(
      `INSERT INTO doctor_profiles (user_id, specialty, fee_minor, currency, timezone, on_call, verified_at)
       VALUES ($1, 'gp', 5000, 'EUR', 'UTC', $2, CASE WHEN $3 THEN now() END)`,
      [id, opts.onCall ?? true, opts.verified ?? true],
    );
  }
  return { id, role, token: () => tokens.sign({ userId: id, role }) };
}
export type TestUser = Awaited<ReturnType<typeof createUser>>;

export const testConfig = (over: SignalingConfigInput = {}): SignalingConfigInput => ({
  WS_PORT: 0,
  WS_SWEEP_INTERVAL_S: 0,
  WS_RATE_CONN_PER_S: 1000,
  WS_RATE_CONN_BURST: 1000,
  WS_RATE_USER_PER_S: 2000,
  WS_RATE_USER_BURST: 2000,
  WS_MAX_VIOLATIONS_PER_MIN: 1000,
  ...over,
});

export async function startServer(
  deps: Omit<SignalingDeps, 'tokens'> & { tokens?: SignalingDeps['tokens'] },
  config: SignalingConfigInput = {},
): Promise<SignalingServerWithModules & { url: string }> {
  const server = createSignalingServer({ tokens, ...deps }, testConfig(config));
  const port = await server.listen();
  return Object.assign(server, { url: `ws://127.0.0.1:${port}/ws` });
}

export function client(
  url: string | (() => string),
  user: { token: () => Promise<string> },
  opts: Partial<SignalingClientOptions> = {},
) {
  return new SignalingClient({
    url,
    getToken: user.token,
    WebSocket: WebSocket as unknown as WebSocketCtor,
    minReconnectMs: 50,
    maxReconnectMs: 500,
    requestTimeoutMs: 10_000,
    gapFillDelayMs: 200,
    ...opts,
  });
}

/** Polls until `check` passes or the (generous) deadline; not a timing assertion. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Async variant of waitFor (database polling). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what = 'condition',
  timeoutMs = 10_000,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Raw ws connection for transport tests (subprotocol/origin control). `opened` resolves at
 * `session.ready` and rejects with `HTTP <status>` (refused upgrade) or `close <code>` (refused
 * after the 101, e.g. a bad token).
 */
export function rawSocket(url: string, protocols: string[], headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, protocols, { headers });
  const frames: unknown[] = [];
  let ready = false;
  let resolveOpen!: () => void;
  let rejectOpen!: (e: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    resolveOpen = resolve;
    rejectOpen = reject;
  });
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as { event?: string };
    if (!ready && f.event === 'session.ready') {
      ready = true;
      return resolveOpen();
    }
    frames.push(f);
  });
  ws.once('unexpected-response', (_req, res) => rejectOpen(new Error(`HTTP ${res.statusCode}`)));
  ws.once('error', (e) => rejectOpen(e));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      if (!ready) rejectOpen(new Error(`close ${code}`));
      resolve({ code, reason: String(reason) });
    }),
  );
  return { ws, frames, opened, closed };
}

export function randomPrefix() {
  return `th:test:${randomBytes(6).toString('hex')}:`;
}

/** Removes every Redis key under a test prefix (presence keys). */
export async function cleanupRedis(prefix: string) {
  const r = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/**
 * Signaling nodes on one real Redis under a channel prefix of their own: the multi-node tests'
 * cluster. `close()` stops every node and bus it made and removes the prefix's keys.
 */
export function redisNodes(db: () => Db) {
  const prefix = randomPrefix();
  const buses: Bus[] = [];
  const servers: SignalingServerWithModules[] = [];
  return {
    prefix,
    /** A bus of the cluster (e.g. to read presence as a node would); closed with the cluster. */
    bus() {
      const bus = createRedisBus(REDIS_URL, prefix);
      buses.push(bus);
      return bus;
    },
    async node(
      config: SignalingConfigInput = {},
      deps: Partial<Pick<SignalingDeps, 'bus' | 'authorize'>> = {},
    ) {
      const bus = deps.bus ?? this.bus();
      if (deps.bus) buses.push(bus);
      const s = await startServer({ db: db(), ...deps, bus }, config);
      servers.push(s);
      return Object.assign(s, { bus });
    },
    async close() {
      for (const s of servers) await s.close({ force: true }).catch(() => {});
      for (const b of buses) await b.close().catch(() => {});
      await cleanupRedis(prefix);
    },
  };
}

export type { Bus };
