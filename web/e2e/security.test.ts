// Issue 21, headers a black-box probe found missing: the app's CSP allowed sockets to any host, and the
// API docs page had no CSP at all. Checked on the real server, then in Chromium (nothing refused that
// the app itself needs).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO, launchBrowser, newUser, signIn, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1) ?? [];

test('the app may open sockets to its own origin only, and still does', async () => {
  const res = await fetch(`${server.url}/login`);
  expect(res.status).toBe(200);
  const policy = res.headers.get('content-security-policy') ?? '';
  const connect = directive(policy, 'connect-src');
  expect(connect).toContain("'self'");
  // PUBLIC_URL (the harness sets http://127.0.0.1:<port>) in its socket form; no scheme-wide ws:/wss:.
  expect(connect).toContain(server.url.replace(/^http/, 'ws'));
  expect(connect.filter((s) => /^wss?:$/.test(s))).toEqual([]);
  expect(connect.filter((s) => s.startsWith('ws'))).toEqual([server.url.replace(/^http/, 'ws')]);
  expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);

  const { page, problems } = await newUser(browser, server.url);
  // Frames are counted from the start: the first one (session.ready) may arrive before sign-in returns.
  let frames = 0;
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname === '/ws') ws.on('framereceived', () => frames++);
  });
  await signIn(page, DEMO.patient);
  await expect.poll(() => frames, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test('the API docs render under their own CSP, which forbids framing', async () => {
  const res = await fetch(`${server.url}/api/docs/`);
  const policy = res.headers.get('content-security-policy') ?? '';
  expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
  expect(directive(policy, 'script-src')).toEqual(["'self'"]);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');

  const { page, problems } = await newUser(browser, server.url);
  await page.goto('/api/docs/');
  await page.getByRole('heading', { name: /Telehealth Hub API/ }).waitFor();
  await page.getByText('/api/v1/auth/login').first().waitFor();
  expect(problems).toEqual([]);
});
