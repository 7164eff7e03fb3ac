import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { DEMO_ADMIN, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { currentTotp } from './totp.ts';

// The same HTTP flows against the real PostgreSQL server and against embedded PGlite.
describe.each(Object.entries(testDbFactories))('auth over HTTP on %s', (_kind, factory) => {
  let t: TestDb;
  let app: TestApp;
  beforeAll(async () => {
    t = await factory();
    await seedDemo(t.db);
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  async function lastMail(to: string) {
    await app.flushEmails();
    const { rows } = await t.db.query<{ subject: string; text_body: string }>(
      'SELECT subject, text_body FROM dev_mailbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1',
      [to],
    );
    return rows[0];
  }

  it('signs up in two steps with the emailed one-time code', async () => {
    const c = createClient(app.url);
    const email = `new.${Date.now()}@example.test`;
    const start = await c.post('/api/v1/auth/register', {
      email: email.toUpperCase(),
      password: 'a-long-password',
      name: 'New Person',
    });
    expect(start.status).toBe(202);
    const mail = await lastMail(email);
    const code = /\b(\d{6})\b/.exec(mail!.text_body)![1]!;
    expect(mail!.subject).toContain(code);

    const wrong = await c.post('/api/v1/auth/register/verify', {
      email,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('OTP_INVALID');

    const ok = await c.post('/api/v1/auth/register/verify', { email, code });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({ email, role: 'patient', name: 'New Person' });
    expect(c.cookies.get('th_rt')).toBeTruthy();
    c.token = ok.body.accessToken;
    expect((await c.get('/api/v1/me')).body.email).toBe(email);

    // The code is spent with the pending registration.
    expect((await createClient(app.url).post('/api/v1/auth/register/verify', { email, code })).status).toBe(
      400,
    );
  });

  it('locks the code after five wrong guesses', async () => {
    const c = createClient(app.url);
    const email = `guess.${Date.now()}@example.test`;
    await c.post('/api/v1/auth/register', { email, password: 'a-long-password', name: 'G' });
    const code = /\b(\d{6})\b/.exec((await lastMail(email))!.text_body)![1]!;
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++)
      expect((await c.post('/api/v1/auth/register/verify', { email, code: wrongCode })).status).toBe(400);
    const locked = await c.post('/api/v1/auth/register/verify', { email, code });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('OTP_LOCKED');
  });

  it('does not reveal whether an email is registered', async () => {
    const r = await createClient(app.url).post('/api/v1/auth/register', {
      email: DEMO_PATIENTS[0].email,
      password: 'another-password',
      name: 'Someone',
    });
    expect(r.status).toBe(202);
    expect((await lastMail(DEMO_PATIENTS[0].email))!.subject).toMatch(/already have/);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const c = createClient(app.url);
    await c.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
    const first = c.cookies.get('th_rt')!;
    const r1 = await c.post('/api/v1/auth/refresh');
    expect(r1.status).toBe(200);
    const second = c.cookies.get('th_rt')!;
    expect(second).not.toBe(first);

    // An attacker replays the first token: the whole family dies, including the legitimate second one.
    const thief = createClient(app.url);
    thief.cookies.set('th_rt', first);
    const replay = await thief.post('/api/v1/auth/refresh');
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('REFRESH_REUSED');
    const victim = await c.post('/api/v1/auth/refresh');
    expect(victim.status).toBe(401);
  });

  it('logout revokes the session', async () => {
    const c = createClient(app.url);
    await c.login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    const rt = c.cookies.get('th_rt')!;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const again = createClient(app.url);
    again.cookies.set('th_rt', rt);
    expect((await again.post('/api/v1/auth/refresh')).status).toBe(401);
  });

  it('locks login after repeated failures with 429 and Retry-After', async () => {
    const c = createClient(app.url);
    const email = DEMO_PATIENTS[2].email;
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/v1/auth/login', { email, password: 'wrong-password' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORDS.patient });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    await app.ctx.limiter.reset(`login:${email}`);
  });

  it('enforces TOTP MFA with single-use backup codes', async () => {
    const c = createClient(app.url);
    const email = DEMO_PATIENTS[0].email;
    await c.login(email, DEMO_PASSWORDS.patient);
    // Each TOTP code is good once: the enable, sign-in and disable below use three different time
    // steps (the previous, current and next one all verify), on a fixed clock.
    const realNow = app.ctx.now;
    const at = Date.now();
    app.ctx.now = () => new Date(at);
    const setup = await c.post('/api/v1/auth/mfa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post('/api/v1/auth/mfa/enable', { code: '000000' })).status).toBe(400);
    const enabled = await c.post('/api/v1/auth/mfa/enable', {
      code: currentTotp(setup.body.secret, at, -1),
    });
    expect(enabled.status).toBe(200);
    const backup: string[] = enabled.body.backupCodes;
    expect(backup).toHaveLength(10);

    const noCode = await createClient(app.url).post('/api/v1/auth/login', {
      email,
      password: DEMO_PASSWORDS.patient,
    });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe('MFA_REQUIRED');
    await createClient(app.url).login(email, DEMO_PASSWORDS.patient, currentTotp(setup.body.secret, at));
    await createClient(app.url).login(email, DEMO_PASSWORDS.patient, backup[0]);
    const reused = await createClient(app.url).post('/api/v1/auth/login', {
      email,
      password: DEMO_PASSWORDS.patient,
      otp: backup[0],
    });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('MFA_INVALID');

    const off = await c.post('/api/v1/auth/mfa/disable', {
      password: DEMO_PASSWORDS.patient,
      code: currentTotp(setup.body.secret, at, 1),
    });
    expect(off.status).toBe(204);
    app.ctx.now = realNow;
    await createClient(app.url).login(email, DEMO_PASSWORDS.patient);
    await app.ctx.limiter.reset(`login:${email}`);
  });

  it('resets a password by emailed link and signs out every device', async () => {
    const email = DEMO_PATIENTS[1].email;
    const device = createClient(app.url);
    await device.login(email, DEMO_PASSWORDS.patient);
    expect((await createClient(app.url).post('/api/v1/auth/password/forgot', { email })).status).toBe(202);
    const link = /reset-password\?token=(\S+)/.exec((await lastMail(email))!.text_body)![1]!;
    const c = createClient(app.url);
    expect(
      (await c.post('/api/v1/auth/password/reset', { token: 'x'.repeat(30), password: 'brand-new-password' }))
        .body.error.code,
    ).toBe('RESET_TOKEN_INVALID');
    expect(
      (await c.post('/api/v1/auth/password/reset', { token: link, password: 'brand-new-password' })).status,
    ).toBe(204);
    expect(
      (await c.post('/api/v1/auth/password/reset', { token: link, password: 'another-new-password' })).status,
    ).toBe(400);
    expect((await device.post('/api/v1/auth/refresh')).status).toBe(401);
    await c.login(email, 'brand-new-password');
    expect((await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORDS.patient })).status).toBe(
      401,
    );
  });

  it('applies role-based access control', async () => {
    const anon = createClient(app.url);
    expect((await anon.get('/api/v1/me')).status).toBe(401);
    expect((await anon.get('/api/v1/admin/users')).body.error.code).toBe('UNAUTHENTICATED');
    const patient = createClient(app.url);
    await patient.login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    expect((await patient.get('/api/v1/admin/users')).status).toBe(403);
    expect((await patient.get('/api/v1/admin/mailbox')).status).toBe(403);
    const profile = { specialty: 'Fake', languages: ['en'], feeMinor: 1, currency: 'USD', timezone: 'UTC' };
    expect((await patient.put('/api/v1/doctors/me/profile', profile)).status).toBe(403);
    const forged = createClient(app.url);
    forged.token = patient.token!.slice(0, -2) + (patient.token!.endsWith('AA') ? 'BB' : 'AA');
    expect((await forged.get('/api/v1/me')).body.error.code).toBe('INVALID_TOKEN');

    const admin = createClient(app.url);
    await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
    const users = await admin.get('/api/v1/admin/users?role=patient');
    expect(users.status).toBe(200);
    expect(users.body.items.every((u: { role: string }) => u.role === 'patient')).toBe(true);
    const target = users.body.items.find((u: { email: string }) => u.email === DEMO_PATIENTS[2].email);
    expect((await admin.patch(`/api/v1/admin/users/${target.id}`, { status: 'suspended' })).status).toBe(200);
    expect((await patient.get('/api/v1/me')).body.error.code).toBe('ACCOUNT_SUSPENDED');
    patient.token = undefined;
    expect((await patient.post('/api/v1/auth/refresh')).status).toBe(401);
    await admin.patch(`/api/v1/admin/users/${target.id}`, { status: 'active' });
    expect((await admin.get('/api/v1/admin/mailbox')).status).toBe(200);
  });

  it('rejects bad input with field paths and a machine-readable code', async () => {
    const r = await createClient(app.url).post('/api/v1/auth/register', {
      email: 'nope',
      password: 'short',
      name: '',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
    ]);
    const malformed = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
    const missing = await createClient(app.url).get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
