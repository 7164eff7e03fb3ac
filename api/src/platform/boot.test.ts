import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORDS, DEMO_PATIENTS } from '../seed/demo.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

function boot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

describe('the embedded default (what `npm start` runs)', () => {
  it('boots on PGlite, seeds demo logins, refuses a second process on the same data, and drains on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'th-boot-'));
    const port = await freePort();
    const a = boot({ DATA_DIR: dataDir, PORT: String(port) });
    children.push(a.child);
    await waitFor(`http://127.0.0.1:${port}/health`, 60_000);

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_PATIENTS[0].email, password: DEMO_PASSWORDS.patient }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { accessToken: string; user: { role: string } };
    expect(session.user.role).toBe('patient');

    // The socket tier answers on the same origin, authenticated during the upgrade.
    const origin = `http://localhost:${port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['th.v1', `auth.${session.accessToken}`], {
      origin,
    });
    const frames: { type: string; id?: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
    ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'p1' }));
    const until = Date.now() + 10_000;
    while (!frames.some((f) => f.type === 'ack' && f.id === 'p1') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(frames.map((f) => f.type)).toContain('ack');
    ws.close();
    const stranger = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['th.v1', `auth.${session.accessToken}`], {
      origin: 'https://evil.example',
    });
    await expect(
      new Promise((res, rej) => (stranger.once('open', res), stranger.once('error', rej))),
    ).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

    const b = boot({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    children.push(b.child);
    expect(await b.exited).toBe(75);
    expect(b.output()).toMatch(/data directory .* is in use by another Telehealth Hub process/);

    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.output()).toContain('shutting down');
    // No PHI in logs: the demo patient's email never appears even though she signed in.
    expect(a.output()).not.toContain(DEMO_PATIENTS[0].email);
  }, 120_000);

  it('fails fast with a message naming the bad variable', async () => {
    const c = boot({ DATA_DIR: mkdtempSync(join(tmpdir(), 'th-boot-')), PORT: 'not-a-port' });
    children.push(c.child);
    expect(await c.exited).toBe(78);
    expect(c.output()).toMatch(/Invalid configuration:\s+- PORT:/);
  }, 60_000);
});
