import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignupHooks } from '../modules.ts';
import { walletBalances } from '../payments/wallet.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db, { onUserCreated: demoSignupHooks });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function signUp(email: string, extra: Record<string, string>) {
  const c = createClient(app.url);
  expect(
    (await c.post('/api/v1/auth/register', { email, password: 'a-long-password', name: 'Nia', ...extra }))
      .status,
  ).toBe(202);
  await app.flushEmails();
  const { rows } = await t.db.query<{ text_body: string }>(
    'SELECT text_body FROM dev_mailbox WHERE to_address = $1',
    [email],
  );
  const code = /\b(\d{6})\b/.exec(rows[0]!.text_body)![1]!;
  const r = await c.post('/api/v1/auth/register/verify', { email, code });
  expect(r.status).toBe(201);
  return r.body.user;
}

describe('sign-up on a demo instance', () => {
  it('starts the account in the zone and language it signed up with, with welcome credit in that currency', async () => {
    const user = await signUp('nia@example.test', { timezone: 'Asia/Kolkata', locale: 'hi' });
    expect(user).toMatchObject({ timezone: 'Asia/Kolkata', locale: 'hi' });
    expect(await walletBalances(t.db, user.id)).toEqual([
      expect.objectContaining({ currency: 'INR', balanceMinor: 500_000 }),
    ]);
  });

  it('credits nobody twice and gives doctors nothing', async () => {
    const doctor = await signUp('dr.new@example.test', { role: 'doctor' });
    expect(await walletBalances(t.db, doctor.id)).toEqual([]);
    const bad = await createClient(app.url).post('/api/v1/auth/register', {
      email: 'x@example.test',
      password: 'a-long-password',
      name: 'X',
      timezone: 'Mars/Olympus',
    });
    expect(bad.body.error.details[0].path).toBe('body.timezone');
  });
});
