// Issue 21, auth hardening: each case below was reproduced against the previous code by a black-box probe.
import { createMemoryBus } from '@telehealth/signaling';
import { AUTH_PROTOCOL_PREFIX, CloseCodes, SUBPROTOCOL } from '@telehealth/signaling/protocol';
import { rawSocket, startServer, waitFor } from '@telehealth/signaling/test-helpers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRecordsRoutes } from '../records/routes.ts';
import { randomToken, sha256Hex } from '../security/crypto.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { LimitKeys, Limits } from './limits.ts';
import { hashPassword } from './passwords.ts';
import { currentTotp } from './totp.ts';

const PASSWORD = 'the-first-password';

let t: TestDb;
let app: TestApp;
let passwordHash: string;
beforeAll(async () => {
  t = await createTestPostgres();
  passwordHash = await hashPassword(PASSWORD);
  app = await startTestApp(t.db, {
    modules: [registerRecordsRoutes],
    env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'th-auth-hardening-')) },
  });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

let n = 0;
async function makeUser(role: 'patient' | 'doctor' = 'patient') {
  const email = `hardening.${++n}.${Date.now()}@example.test`;
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Hardening Test', $2, $3) RETURNING id`,
    [email, role, passwordHash],
  );
  return { id: rows[0]!.id, email };
}

async function resetLinks(email: string): Promise<string[]> {
  await app.flushEmails();
  const { rows } = await t.db.query<{ text_body: string }>(
    `SELECT text_body FROM dev_mailbox WHERE to_address = $1 AND text_body LIKE '%reset-password?token=%' ORDER BY created_at`,
    [email],
  );
  return rows.map((r) => /reset-password\?token=(\S+)/.exec(r.text_body)![1]!);
}

const reset = (token: string, password = 'a-brand-new-password') =>
  createClient(app.url).post('/api/v1/auth/password/reset', { token, password });

describe('password reset', () => {
  it('a newer reset link retires every earlier one', async () => {
    const u = await makeUser();
    const anon = createClient(app.url);
    expect((await anon.post('/api/v1/auth/password/forgot', { email: u.email })).status).toBe(202);
    const [older] = await resetLinks(u.email);
    expect((await anon.post('/api/v1/auth/password/forgot', { email: u.email })).status).toBe(202);
    const newer = (await resetLinks(u.email)).find((l) => l !== older);
    const refused = await reset(older!);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('RESET_TOKEN_INVALID');
    expect((await reset(newer!)).status).toBe(204);
  });

  it('using a link retires every other outstanding link of the account', async () => {
    const u = await makeUser();
    // Two links outstanding at once (issued before this rule existed, or racing): both valid until one is used.
    const [a, b] = [randomToken(), randomToken()];
    for (const token of [a, b])
      await t.db.query(
        `INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '30 minutes')`,
        [u.id, sha256Hex(token)],
      );
    expect((await reset(b)).status).toBe(204);
    const refused = await reset(a, 'an-attackers-password');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('RESET_TOKEN_INVALID');
    await createClient(app.url).login(u.email, 'a-brand-new-password');
  });

  it('ends every session: refresh families and access tokens issued before it, over HTTP and the socket', async () => {
    const u = await makeUser();
    const device = createClient(app.url);
    await device.login(u.email, PASSWORD);
    const oldToken = device.token!;
    expect((await device.get('/api/v1/me')).status).toBe(200);

    await createClient(app.url).post('/api/v1/auth/password/forgot', { email: u.email });
    const [link] = await resetLinks(u.email);
    expect((await reset(link!)).status).toBe(204);

    const me = await device.get('/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('SESSION_REVOKED');
    expect((await device.post('/api/v1/auth/refresh')).status).toBe(401);

    // The socket tier verifies with the same token service: the old token is refused at the handshake.
    const bus = createMemoryBus();
    const signaling = await startServer({ db: t.db, bus, tokens: app.ctx.tokens });
    try {
      const stale = rawSocket(signaling.url, ['th.v1', `auth.${oldToken}`]);
      await expect(stale.opened).rejects.toThrow('close 4001');

      const fresh = createClient(app.url);
      await fresh.login(u.email, 'a-brand-new-password');
      expect((await fresh.get('/api/v1/me')).status).toBe(200);
      const live = rawSocket(signaling.url, ['th.v1', `auth.${fresh.token}`]);
      await live.opened;
      live.ws.close();
      await live.closed;
    } finally {
      await signaling.close({ force: true });
      await bus.close();
    }
  });
});

describe('password reset reaches open sockets', () => {
  it('every socket of the account, opened before the reset, closes with 4001 at once; others stay', async () => {
    const u = await makeUser();
    const other = await makeUser();
    // The signaling node listens on the app's own bus, as in the running server.
    const signaling = await startServer({ db: t.db, bus: app.ctx.bus, tokens: app.ctx.tokens });
    try {
      const device = createClient(app.url);
      await device.login(u.email, PASSWORD);
      const bystander = createClient(app.url);
      await bystander.login(other.email, PASSWORD);
      const open = (token: string) => rawSocket(signaling.url, [SUBPROTOCOL, AUTH_PROTOCOL_PREFIX + token]);
      const [phone, laptop, theirs] = [open(device.token!), open(device.token!), open(bystander.token!)];
      await Promise.all([phone.opened, laptop.opened, theirs.opened]);

      // The e-mailed link flow: forgot, the link from the mailbox, the new password.
      const anon = createClient(app.url);
      expect((await anon.post('/api/v1/auth/password/forgot', { email: u.email })).status).toBe(202);
      const [link] = await resetLinks(u.email);
      expect((await reset(link!)).status).toBe(204);
      const resetAt = Date.now();

      const within = <T>(p: Promise<T>, ms: number) =>
        Promise.race([
          p,
          new Promise<never>((_, no) => setTimeout(() => no(new Error(`not within ${ms} ms`)), ms)),
        ]);
      // Without the announcement the sockets would live until the token's expiry (up to 15 minutes).
      const closes = await within(Promise.all([phone.closed, laptop.closed]), 2000);
      expect(closes.map((c) => c.code)).toEqual([CloseCodes.unauthorized, CloseCodes.unauthorized]);
      expect(Date.now() - resetAt).toBeLessThan(2000);
      // The reconnect with the pre-reset token is refused.
      await expect(open(device.token!).opened).rejects.toThrow('close 4001');

      // Another account's socket is untouched.
      theirs.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'still-here' }));
      await waitFor(() => theirs.frames.some((f) => (f as { id?: string }).id === 'still-here'), 'ping');
      theirs.ws.close();
      await theirs.closed;

      // Signed in again with the new password, the account connects again.
      const again = createClient(app.url);
      await again.login(u.email, 'a-brand-new-password');
      const fresh = open(again.token!);
      await fresh.opened;
      fresh.ws.close();
      await fresh.closed;
    } finally {
      await signaling.close({ force: true });
    }
  });
});

describe('TOTP', () => {
  it('a code is good once per time step, even for two requests at the same moment', async () => {
    const u = await makeUser();
    const c = createClient(app.url);
    await c.login(u.email, PASSWORD);
    // A fixed clock: which step a code belongs to must not depend on when the test runs.
    const realNow = app.ctx.now;
    const at = Date.now();
    app.ctx.now = () => new Date(at);
    try {
      const { secret } = (await c.post('/api/v1/auth/mfa/setup')).body as { secret: string };
      expect((await c.post('/api/v1/auth/mfa/enable', { code: currentTotp(secret, at, -1) })).status).toBe(
        200,
      );

      const login = (otp: string) =>
        createClient(app.url).post('/api/v1/auth/login', { email: u.email, password: PASSWORD, otp });
      // The code that turned MFA on is spent.
      const replayedEnable = await login(currentTotp(secret, at, -1));
      expect(replayedEnable.status).toBe(401);
      expect(replayedEnable.body.error.code).toBe('MFA_CODE_USED');

      const code = currentTotp(secret, at);
      expect((await login(code)).status).toBe(200);
      const replay = await login(code);
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('MFA_CODE_USED');

      const next = currentTotp(secret, at, 1);
      const both = await Promise.all([login(next), login(next)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    } finally {
      app.ctx.now = realNow;
      await app.ctx.limiter.reset(LimitKeys.loginEmail(u.email));
    }
  });
});

describe('re-authentication', () => {
  it('DELETE /me spends the sign-in budget: 429 with Retry-After, even with the right password', async () => {
    const u = await makeUser();
    const c = createClient(app.url);
    await c.login(u.email, PASSWORD);
    for (let i = 0; i < Limits.loginPerEmail.limit; i++) {
      const r = await c.request('DELETE', '/api/v1/me', { password: `guess-number-${i}`, confirm: 'ERASE' });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('REAUTHENTICATION_FAILED');
    }
    const locked = await c.request('DELETE', '/api/v1/me', { password: PASSWORD, confirm: 'ERASE' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('REAUTHENTICATION_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // One password, one budget: the guesses locked sign-in too, and the account was not erased.
    const login = await createClient(app.url).post('/api/v1/auth/login', {
      email: u.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(429);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    await app.ctx.limiter.reset(LimitKeys.loginEmail(u.email));
  });

  it('turning MFA off re-checks the password under the same budget', async () => {
    const u = await makeUser();
    const c = createClient(app.url);
    await c.login(u.email, PASSWORD);
    const realNow = app.ctx.now;
    const at = Date.now();
    app.ctx.now = () => new Date(at);
    try {
      const { secret } = (await c.post('/api/v1/auth/mfa/setup')).body as { secret: string };
      expect((await c.post('/api/v1/auth/mfa/enable', { code: currentTotp(secret, at) })).status).toBe(200);
      for (let i = 0; i < Limits.loginPerEmail.limit; i++)
        await c.post('/api/v1/auth/mfa/disable', {
          password: `guess-${i}`,
          code: currentTotp(secret, at, 1),
        });
      const locked = await c.post('/api/v1/auth/mfa/disable', {
        password: PASSWORD,
        code: currentTotp(secret, at, 1),
      });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBeTruthy();
    } finally {
      app.ctx.now = realNow;
      await app.ctx.limiter.reset(LimitKeys.loginEmail(u.email));
    }
  });
});

describe('sign-up code lock', () => {
  it('OTP_LOCKED says when to retry', async () => {
    const email = `otp.${Date.now()}@example.test`;
    const c = createClient(app.url);
    await c.post('/api/v1/auth/register', { email, password: 'a-long-password', name: 'Otp Person' });
    await app.flushEmails();
    const mail = (
      await t.db.query<{ text_body: string }>('SELECT text_body FROM dev_mailbox WHERE to_address = $1', [
        email,
      ])
    ).rows[0]!;
    const code = /\b(\d{6})\b/.exec(mail.text_body)![1]!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/register/verify', { email, code: wrong });
    const locked = await c.post('/api/v1/auth/register/verify', { email, code });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('OTP_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('client address', () => {
  const attempt = (url: string, forwardedFor: string) =>
    createClient(url).post(
      '/api/v1/auth/password/reset',
      { token: 'x'.repeat(40), password: 'some-new-password' },
      { 'x-forwarded-for': forwardedFor },
    );

  it('by default a client-sent X-Forwarded-For does not buy a fresh per-IP budget', async () => {
    await app.ctx.limiter.reset('reset-ip:127.0.0.1'); // the resets above spent some of it
    for (let i = 0; i < Limits.resetPerIp.limit; i++)
      expect((await attempt(app.url, `203.0.113.${i + 1}`)).status).toBe(400);
    const limited = await attempt(app.url, '198.51.100.77');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await app.ctx.limiter.reset('reset-ip:127.0.0.1');
  });

  it('with TRUST_PROXY naming the proxy, its X-Forwarded-For is the client address', async () => {
    const proxied = await startTestApp(t.db, { env: { TRUST_PROXY: 'loopback' } });
    try {
      for (let i = 0; i < Limits.resetPerIp.limit; i++)
        expect((await attempt(proxied.url, '203.0.113.9')).status).toBe(400);
      expect((await attempt(proxied.url, '203.0.113.9')).status).toBe(429);
      expect((await attempt(proxied.url, '198.51.100.77')).status).toBe(400);
    } finally {
      await proxied.close();
    }
  });
});
