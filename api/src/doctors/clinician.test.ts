/**
 * Issue 21, the probe's finding: anyone could sign up as a doctor and, unverified, break the glass
 * into any patient's records, write visits, go on call and take walk-ins. Here a doctor signs up
 * through the real API, is refused every clinical power (REST 403 DOCTOR_NOT_VERIFIED, socket error
 * frame doctor_not_verified), and after an admin verifies them can do all of it. Real PostgreSQL,
 * the real app and a real signaling node on the app's bus.
 */
import { SignalingClientError } from '@telehealth/signaling/client';
import { client, startServer } from '@telehealth/signaling/test-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainModules } from '../modules.ts';
import { DEMO_ADMIN, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;
let ids: DemoIds;
let dataDir: string;
let admin: TestClient;
let patient: TestClient;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  dataDir = mkdtempSync(join(tmpdir(), 'th-clinician-'));
  app = await startTestApp(t.db, { modules: domainModules, env: { DATA_DIR: dataDir } });
  signaling = await startServer({ db: t.db, bus: app.ctx.bus, tokens: app.ctx.tokens });
  admin = createClient(app.url);
  await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
  patient = createClient(app.url);
  await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs up through the API (emailed code), as anyone on the internet can. */
async function selfRegisteredDoctor(name: string) {
  const c = createClient(app.url);
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.test`;
  expect(
    (await c.post('/api/v1/auth/register', { email, password: 'a-long-password', name, role: 'doctor' }))
      .status,
  ).toBe(202);
  await app.flushEmails();
  const mail = (
    await t.db.query<{ text_body: string }>(
      'SELECT text_body FROM dev_mailbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1',
      [email],
    )
  ).rows[0]!;
  const code = /\b(\d{6})\b/.exec(mail.text_body)![1]!;
  const ok = await c.post('/api/v1/auth/register/verify', { email, code });
  expect(ok.status).toBe(201);
  expect(ok.body.user.role).toBe('doctor');
  c.token = ok.body.accessToken;
  return { c, id: ok.body.user.id as string };
}

const profile = (onCall: boolean) => ({
  specialty: 'General Practice',
  languages: ['en'],
  feeMinor: 50000,
  currency: 'INR',
  timezone: 'Asia/Kolkata',
  onCall,
});

const socketFor = async (c: TestClient) => {
  const s = client(signaling.url, { token: async () => c.token! });
  sockets.push(s);
  await s.connect();
  return s;
};

const visit = (patientId: string) => ({
  patientId,
  notes: 'Seen after a fall; observation advised.',
  prescriptions: [
    { drug: 'Paracetamol', dose: '500 mg', route: 'oral', frequency: 'every 6 hours', duration: '3 days' },
  ],
});

describe('clinical powers need an admin-verified doctor', () => {
  it('refuses an unverified self-registered doctor everything clinical, and allows it once verified', async () => {
    const { c: doc, id: doctorId } = await selfRegisteredDoctor('Dr. Fake Person');
    const priyaId = ids.patientIds[0]!;
    const emergency = {
      patientId: priyaId,
      reasonCode: 'unconscious_patient',
      justification: 'Brought in unconscious, need allergies and current medication.',
    };

    // A profile may be written, but going on call (taking walk-ins) is refused.
    expect((await doc.put('/api/v1/doctors/me/profile', profile(false))).status).toBe(200);
    const onCall = await doc.put('/api/v1/doctors/me/profile', profile(true));
    expect(onCall.status).toBe(403);
    expect(onCall.body.error.code).toBe('DOCTOR_NOT_VERIFIED');

    // Break-glass, visit writing, uploads and reads under consent: all 403 DOCTOR_NOT_VERIFIED.
    const eg = await doc.post('/api/v1/emergency-access', emergency);
    expect(eg.status).toBe(403);
    expect(eg.body.error.code).toBe('DOCTOR_NOT_VERIFIED');
    const v = await doc.post('/api/v1/records/visits', visit(priyaId));
    expect(v.status).toBe(403);
    expect(v.body.error.code).toBe('DOCTOR_NOT_VERIFIED');
    expect((await patient.post('/api/v1/consents', { doctorId, scope: 'all' })).status).toBe(201);
    const read = await doc.get(`/api/v1/records?patientId=${priyaId}`);
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('DOCTOR_NOT_VERIFIED');
    const upload = await fetch(`${app.url}/api/v1/records/files?patientId=${priyaId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doc.token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.7\n% scan\n'.padEnd(400, 'x')),
    });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { error: { code: string } }).error.code).toBe('DOCTOR_NOT_VERIFIED');
    expect(
      (await t.db.query('SELECT 1 FROM emergency_access WHERE doctor_id = $1', [doctorId])).rows.length,
    ).toBe(0);

    // The socket: no queue of their own to watch, no calling, no walk-in reaches them.
    const ds = await socketFor(doc);
    await expect(ds.subscribe(`queue:${doctorId}`)).rejects.toMatchObject({ code: 'forbidden' });
    const callNext = await ds.request('queue.callNext', {}).catch((e: unknown) => e);
    expect(callNext).toBeInstanceOf(SignalingClientError);
    expect(callNext).toMatchObject({ code: 'doctor_not_verified' });
    await expect(ds.request('queue.state', { doctorId })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    const ps = await socketFor(patient);
    await expect(ps.request('queue.checkIn', { doctorId })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });
    // Nor can the doctor be put on call behind the API's back and take walk-ins then.
    await t.db.query('UPDATE doctor_profiles SET on_call = true WHERE user_id = $1', [doctorId]);
    await expect(ps.request('queue.checkIn', { doctorId })).rejects.toMatchObject({
      code: 'doctor_not_verified',
    });

    // An admin verifies them: every power opens, and the verification is in the audit log.
    const verified = await admin.post(`/api/v1/admin/doctors/${doctorId}/verify`, {
      verified: true,
      reason: 'Registration number checked with the medical council',
    });
    expect(verified.status).toBeLessThan(300);
    expect((await doc.put('/api/v1/doctors/me/profile', profile(true))).status).toBe(200);
    expect((await doc.get(`/api/v1/records?patientId=${priyaId}`)).status).toBe(200);
    const grant = await doc.post('/api/v1/emergency-access', emergency);
    expect(grant.status).toBe(201);
    const written = await doc.post('/api/v1/records/visits', visit(priyaId));
    expect(written.status).toBe(201);

    const walkIn = await ps.request('queue.checkIn', { doctorId });
    expect(walkIn.entryId).toBeTruthy();
    const ds2 = await socketFor(doc);
    await ds2.subscribe(`queue:${doctorId}`);
    const called = await ds2.request('queue.callNext', {});
    expect(called.called).toMatchObject({ entryId: walkIn.entryId, patientId: priyaId });
    const state = await ds2.request('queue.state', { doctorId });
    expect(state.snapshot?.entries.map((e) => e.patientId)).toContain(priyaId);

    const entry = (
      await t.db.query<{ reason: string; actor_id: string }>(
        `SELECT reason, actor_id FROM audit_log WHERE action = 'admin.doctor.verify' AND record_id = $1`,
        [doctorId],
      )
    ).rows;
    expect(entry).toEqual([
      { reason: 'Registration number checked with the medical council', actor_id: ids.adminId },
    ]);
  });

  it('withdrawing a verification takes the doctor off call and ends their running emergency access', async () => {
    const { c: doc, id: doctorId } = await selfRegisteredDoctor('Dr. Soon Withdrawn');
    expect((await doc.put('/api/v1/doctors/me/profile', profile(false))).status).toBe(200);
    expect(
      (await admin.post(`/api/v1/admin/doctors/${doctorId}/verify`, { verified: true })).status,
    ).toBeLessThan(300);
    expect((await doc.put('/api/v1/doctors/me/profile', profile(true))).status).toBe(200);
    const johnId = ids.patientIds[1]!;
    const g = await doc.post('/api/v1/emergency-access', {
      patientId: johnId,
      reasonCode: 'life_threatening',
      justification: 'Anaphylaxis in progress, need the allergy list right now.',
    });
    expect(g.status).toBe(201);
    expect((await doc.get(`/api/v1/records?patientId=${johnId}`)).body.access).toBe('full');

    const r = await admin.post(`/api/v1/admin/doctors/${doctorId}/verify`, {
      verified: false,
      reason: 'Licence suspended',
    });
    expect(r.status).toBeLessThan(300);
    const prof = await t.db.query<{ on_call: boolean }>(
      'SELECT on_call FROM doctor_profiles WHERE user_id = $1',
      [doctorId],
    );
    expect(prof.rows[0]!.on_call).toBe(false);
    const mine = await doc.get('/api/v1/emergency-access');
    expect(mine.body.items[0]).toMatchObject({ id: g.body.id, active: false });
    expect((await doc.get(`/api/v1/records?patientId=${johnId}`)).body.error.code).toBe(
      'DOCTOR_NOT_VERIFIED',
    );
    const audit = await t.db.query<{ details: { emergencyAccessEnded: number } }>(
      `SELECT details FROM audit_log WHERE action = 'admin.doctor.unverify' AND record_id = $1`,
      [doctorId],
    );
    expect(audit.rows[0]!.details.emergencyAccessEnded).toBe(1);
  });
});
