/**
 * The queue is a clinical power (issue 21): only an admin-verified doctor has one to watch, call
 * from, or receive walk-ins into. The rule is the database's is_verified_clinician(), asked at the
 * moment of each action, so a verification withdrawn mid-session counts at once.
 */
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import { client, createUser, setupDb, startServer } from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;
const open: { close(): void }[] = [];

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer({ db: t.db, bus });
});
afterAll(async () => {
  for (const c of open) c.close();
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

async function connected(user: Awaited<ReturnType<typeof createUser>>) {
  const c = client(server.url, user);
  open.push(c);
  await c.connect();
  return c;
}

describe('queue and verification', () => {
  it('an unverified doctor (even marked on call) gets no queue, no calls and no walk-ins', async () => {
    const doctor = await createUser(t.db, 'doctor', { verified: false, onCall: true });
    const d = await connected(doctor);
    await expect(d.subscribe(`queue:${doctor.id}`)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(d.request('queue.callNext', {})).rejects.toMatchObject({ code: 'doctor_not_verified' });
    await expect(d.request('queue.state', { doctorId: doctor.id })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    const p = await connected(await createUser(t.db, 'patient'));
    await expect(p.request('queue.checkIn', { doctorId: doctor.id })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    const n = await t.db.query('SELECT 1 FROM queue_entries WHERE doctor_id = $1', [doctor.id]);
    expect(n.rows.length).toBe(0);
  });

  it('a verification withdrawn mid-session stops the next action (no cached answer)', async () => {
    const doctor = await createUser(t.db, 'doctor');
    const d = await connected(doctor);
    await d.subscribe(`queue:${doctor.id}`);
    const p = await connected(await createUser(t.db, 'patient'));
    const first = await p.request('queue.checkIn', { doctorId: doctor.id });
    const called = await d.request('queue.callNext', {});
    expect(called.called?.entryId).toBe(first.entryId);

    await t.db.query('UPDATE doctor_profiles SET verified_at = NULL WHERE user_id = $1', [doctor.id]);
    await expect(d.request('queue.end', { entryId: first.entryId })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    const p2 = await connected(await createUser(t.db, 'patient'));
    await expect(p2.request('queue.checkIn', { doctorId: doctor.id })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    // A suspended account is no verified clinician either.
    await t.db.query('UPDATE doctor_profiles SET verified_at = now() WHERE user_id = $1', [doctor.id]);
    expect((await d.request('queue.state', { doctorId: doctor.id })).snapshot).toBeTruthy();
    await t.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [doctor.id]);
    await expect(p2.request('queue.checkIn', { doctorId: doctor.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
