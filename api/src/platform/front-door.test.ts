import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTokenService } from '@telehealth/platform/auth/tokens';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../observability/logger.ts';
import { startServer, type RunningServer } from '../serve.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

/**
 * What `npm start` serves, started as main.ts starts it (serve.ts), reached as a browser reaches it:
 * one origin, HTTP and the socket on the same port. The socket's close codes must arrive as sent.
 */
const SECRET = 'front-door-test-secret-0123456789abcdef';
let t: TestDb;
let running: RunningServer;
let base: string;
let dataDir: string;
const userId = randomUUID();
const tokens = createTokenService(SECRET);

beforeAll(async () => {
  t = await createTestPostgres({ max: 2 });
  await t.db.query(
    `INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, 'Front Door', 'patient', 'x')`,
    [userId, `${userId}@test.local`],
  );
  dataDir = mkdtempSync(join(tmpdir(), 'th-front-door-'));
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://app.test',
    DATA_DIR: dataDir,
    DATABASE_URL: t.url!,
    DATABASE_POOL_MAX: '4',
    JWT_SECRET: SECRET,
    RECORDS_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    WS_MAX_CONN_PER_USER: '1',
    WS_MAX_VIOLATIONS_PER_MIN: '3',
    WS_SWEEP_INTERVAL_S: '0',
  };
  running = await startServer(loadConfig(env), createLogger('silent'), { sfu: false, env });
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(async () => {
  await running?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function socket(token: string, origin = 'http://app.test') {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, ['th.v1', `auth.${token}`], {
    headers: { origin },
  });
  const frames: { type: string; event?: string; code?: string }[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as (typeof frames)[number]));
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('message', () => frames.some((f) => f.event === 'session.ready') && resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('close', (code) => reject(new Error(`close ${code}`)));
  });
  ready.catch(() => {}); // awaited only by the tests that expect the session
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, frames, ready, closed };
}

describe('the default front door', () => {
  it('serves the API and the socket on one port', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${base}/api/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    const s = socket(await tokens.sign({ userId, role: 'patient' }));
    await s.ready;
    s.ws.close();
    expect(await s.closed).toBe(1005);
  });

  it("refuses another origin's socket before the upgrade", async () => {
    const s = socket(await tokens.sign({ userId, role: 'patient' }), 'https://evil.test');
    await expect(s.ready).rejects.toThrow('HTTP 403');
  });

  it('delivers a limit close (4029) and a protocol close (4000) with their codes, the error first', async () => {
    const token = await tokens.sign({ userId, role: 'patient' });
    const first = socket(token);
    await first.ready;
    // WS_MAX_CONN_PER_USER=1: the second socket is admitted at the transport, then closed with 4029.
    const second = socket(token);
    expect(await second.closed).toBe(4029);
    // Three malformed frames are tolerated per minute: the fourth closes with 4000, after its error.
    for (let i = 0; i < 6; i++) first.ws.send('{oops');
    expect(await first.closed).toBe(4000);
    expect(first.frames.filter((f) => f.code === 'bad_json').length).toBeGreaterThanOrEqual(3);
  });

  it('counts the sockets and their frames in /metrics', async () => {
    const s = socket(await tokens.sign({ userId, role: 'patient' }));
    await s.ready;
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (name: string) =>
      Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[2]);
    expect(value('signaling_open_sockets')).toBe(1);
    // The earlier test's malformed frames up to the close (the fourth), and what they got back.
    expect(value('signaling_frames_in_total')).toBeGreaterThanOrEqual(4);
    expect(value('signaling_frames_out_total')).toBeGreaterThanOrEqual(4);
    expect(value('signaling_backpressure_closes_total')).toBe(0);
    expect(value('email_outbox_due')).toBe(0);
    expect(value('ai_jobs_in_queue')).toBe(0);
    s.ws.close();
  });
});
