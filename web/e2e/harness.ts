// E2E harness: the real server (API + built web app, PGlite in a temp dir) and headless Debian Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(REPO, 'docs/screenshots');
export const DEMO = {
  admin: { email: 'admin@telehealth.local', password: 'Admin-demo-2026' },
  patient: { email: 'priya@telehealth.local', password: 'Patient-demo-2026' },
  doctor: { email: 'asha.rao@telehealth.local', password: 'Doctor-demo-2026' },
} as const;

/** A port the OS says is free now (for a child process to bind). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/** The SFU's worker binary (built offline on these machines; CI exports the variable too). */
const OFFLINE_WORKER = '/var/cache/mediasoup-offline/3.27.1/mediasoup-worker';
const workerBin =
  process.env.MEDIASOUP_WORKER_BIN ?? (existsSync(OFFLINE_WORKER) ? OFFLINE_WORKER : undefined);

export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'th-web-e2e-'));
  const port = await freePort();
  let out = '';
  // E2E_SERVER_ROOT: run the server from another checkout (e.g. a clean export of HEAD) with this web build.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: process.env.E2E_SERVER_ROOT ?? REPO,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      // The app's origin: links in emails, and the only origin allowed to open the signaling socket.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      EMAIL_POLL_MS: '200',
      SEED_DEMO: 'true',
      ...(workerBin ? { MEDIASOUP_WORKER_BIN: workerBin } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  // E2E_START_TIMEOUT_MS: more time to boot on a busy machine (migrations, seed and the SFU).
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

/** A fresh browser profile (cookies, storage) per user; records CSP violations and page errors. */
export async function newUser(
  browser: Browser,
  baseURL: string,
  opts: { phone?: boolean; timezone?: string } = {},
) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    isMobile: opts.phone ?? false,
    hasTouch: opts.phone ?? false,
    locale: 'en-US',
    timezoneId: opts.timezone ?? 'Asia/Kolkata',
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const recent: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`csp: ${m.text()}`);
    recent.push(`${m.type()}: ${m.text().slice(0, 300)}`);
    if (recent.length > 30) recent.shift();
  });
  page.on('response', (r) => {
    if (r.status() >= 400)
      recent.push(`http ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('websocket', (ws) =>
    ws.on('close', () => recent.push(`websocket closed ${new URL(ws.url()).pathname}`)),
  );
  try {
    // A failed browser step says little by itself: show where the page was and what it logged.
    onTestFailed(async () => {
      const heading = await page
        .locator('h1')
        .first()
        .innerText({ timeout: 1000 })
        .catch(() => '(none)');
      console.error(`page at ${page.url()} (h1: ${heading})\n${[...problems, ...recent].join('\n')}`);
    });
  } catch {
    // Called from a beforeAll: no test to attach to.
  }
  return { context, page, problems };
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The header shows "Sign out" while the login page is still navigating to the role's home; a
  // click made before that navigation lands would be undone by it.
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let transitions and fonts settle so screenshots are stable.
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** API calls from the test itself (admin mailbox, setup), with a bearer token. */
export async function apiLogin(url: string, who: { email: string; password: string }) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!r.ok) throw new Error(`login ${who.email}: ${r.status} ${await r.text()}`);
  const { accessToken } = (await r.json()) as { accessToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Waits for an email to `to` whose subject matches, via the admin dev mailbox. */
const adminClients = new Map<string, ReturnType<typeof apiLogin>>();
export async function waitForMail(
  url: string,
  to: string,
  subject: RegExp,
  timeoutMs = 20_000,
): Promise<Mail> {
  if (!adminClients.has(url)) adminClients.set(url, apiLogin(url, DEMO.admin));
  const admin = await adminClients.get(url)!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await admin<Mail[]>('GET', `/admin/mailbox?to=${encodeURIComponent(to)}`);
    const m = items.find((i) => subject.test(i.subject));
    if (m) return m;
    if (Date.now() > deadline)
      throw new Error(
        `no email to ${to} matching ${subject}; got: ${items.map((i) => i.subject).join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
}
