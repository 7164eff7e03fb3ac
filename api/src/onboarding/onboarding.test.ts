/**
 * A doctor joins through the API as the app does: signs up, gives a profile, credentials, photo and
 * hours; stays out of search and cannot be booked until an admin verifies them; a rejection carries
 * its reason by e-mail and the doctor resubmits; every review is audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBookingRoutes } from '../booking/routes.ts';
import { clientAs, makePatients, slotIn } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerOnboardingRoutes } from './routes.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestDb;
let app: TestApp;
let dataDir: string;
beforeAll(async () => {
  t = await createTestPostgres();
  dataDir = mkdtempSync(join(tmpdir(), 'th-onboarding-'));
  app = await startTestApp(t.db, {
    modules: [registerBookingRoutes, registerOnboardingRoutes],
    env: { DATA_DIR: dataDir },
  });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function user(role: 'doctor' | 'admin') {
  const id = randomUUID();
  await t.db.query(`INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'x')`, [
    id,
    `${role}.${id}@example.test`,
    role === 'doctor' ? 'Dr. Meera Iyer' : 'Admin',
    role,
  ]);
  return { id, email: `${role}.${id}@example.test`, c: await clientAs(app, id, role) };
}

const credentials = {
  registrationNumber: 'MCI-2011-48213',
  registrationCouncil: 'National Medical Commission',
  qualifications: ['MBBS', 'MD (Internal Medicine)'],
  experienceYears: 12,
};

describe('doctor onboarding', () => {
  it('sign-up over the API lets a doctor account start its application', async () => {
    const c = createClient(app.url);
    const email = `join.${randomUUID()}@example.test`;
    expect(
      (
        await c.post('/api/v1/auth/register', {
          name: 'Dr. Ravi Nair',
          email,
          password: 'Doctor-secret-2026',
          role: 'doctor',
        })
      ).status,
    ).toBe(202);
    await app.flushEmails();
    const mail = await t.db.query<{ subject: string }>(
      'SELECT subject FROM dev_mailbox WHERE to_address = $1',
      [email],
    );
    const code = /\b(\d{6})\b/.exec(mail.rows[0]!.subject)![1];
    const s = await c.post('/api/v1/auth/register/verify', { email, code });
    expect(s.body.user.role).toBe('doctor');
    c.token = s.body.accessToken;
    expect((await c.get('/api/v1/doctors/me/onboarding')).body).toMatchObject({
      state: 'incomplete',
      missing: ['profile', 'credentials', 'photo', 'hours'],
    });
  });

  it('hidden and not bookable until verified; rejected with an e-mailed reason; resubmitted; verified; audited', async () => {
    const doc = await user('doctor');
    const admin = await user('admin');
    const [patientId] = await makePatients(t.db, 1);
    const patient = await clientAs(app, patientId!, 'patient');

    expect(
      (
        await doc.c.put('/api/v1/doctors/me/profile', {
          specialty: 'Endocrinology',
          languages: ['en', 'ta'],
          feeMinor: 60_000,
          currency: 'INR',
          timezone: 'UTC',
          slotMinutes: 30,
        })
      ).status,
    ).toBe(200);
    const bad = await doc.c.put('/api/v1/doctors/me/credentials', { ...credentials, qualifications: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.qualifications');
    expect((await doc.c.put('/api/v1/doctors/me/credentials', credentials)).body).toMatchObject({
      state: 'incomplete',
      missing: ['photo', 'hours'],
      credentials: { ...credentials, reviewStatus: 'pending' },
    });
    // Someone else cannot claim the same registration (case and council spelling as given).
    const other = await user('doctor');
    const dup = await other.c.put('/api/v1/doctors/me/credentials', {
      ...credentials,
      registrationNumber: 'mci-2011-48213',
      registrationCouncil: 'NATIONAL MEDICAL COMMISSION',
    });
    expect(dup.body.error.code).toBe('REGISTRATION_IN_USE');

    await fetch(`${app.url}/api/v1/doctors/me/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${doc.c.token}`, 'content-type': 'image/png' },
      body: PNG,
    });
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    expect((await doc.c.put('/api/v1/doctors/me/availability', { rules: hours })).status).toBe(200);
    expect((await doc.c.get('/api/v1/doctors/me/onboarding')).body).toMatchObject({
      state: 'pending_verification',
      missing: [],
    });

    // Invisible to patients and not bookable.
    const listed = async () =>
      (await patient.get('/api/v1/doctors?pageSize=100')).body.items.some(
        (d: { id: string }) => d.id === doc.id,
      );
    const book = () =>
      patient.post('/api/v1/appointments', { doctorId: doc.id, startsAt: slotIn(30).toISOString() });
    expect(await listed()).toBe(false);
    expect((await patient.get(`/api/v1/doctors/${doc.id}`)).status).toBe(404);
    expect((await book()).body.error.code).toBe('DOCTOR_NOT_FOUND');

    // The admin sees the credentials; a rejection needs a reason, which the doctor receives.
    const apps = (await admin.c.get('/api/v1/admin/doctor-applications?state=pending_verification')).body;
    expect(apps.items.find((a: { doctorId: string }) => a.doctorId === doc.id)).toMatchObject({
      name: 'Dr. Meera Iyer',
      credentials,
      profile: { specialty: 'Endocrinology' },
    });
    const noReason = await admin.c.post(`/api/v1/admin/doctors/${doc.id}/review`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('body.reason');
    const reason = 'The registration number does not match the council register';
    const rejected = await admin.c.post(`/api/v1/admin/doctors/${doc.id}/review`, {
      decision: 'reject',
      reason,
    });
    expect(rejected.body).toMatchObject({ state: 'rejected', credentials: { rejectionReason: reason } });
    expect((await doc.c.get('/api/v1/doctors/me/onboarding')).body.state).toBe('rejected');
    await app.flushEmails();
    const mail = async (template: string) =>
      (
        await t.db.query<{ text_body: string }>(
          `SELECT o.text_body FROM outbox_emails o WHERE o.template = $1 AND o.to_address = $2`,
          [template, doc.email],
        )
      ).rows;
    expect((await mail('doctor_rejected'))[0]!.text_body).toContain(reason);
    expect(await listed()).toBe(false);

    // Resubmitted: pending again, then verified.
    expect((await doc.c.put('/api/v1/doctors/me/credentials', credentials)).body.state).toBe(
      'pending_verification',
    );
    expect(
      (await patient.post(`/api/v1/admin/doctors/${doc.id}/review`, { decision: 'verify' })).status,
    ).toBe(403);
    const ok = await admin.c.post(`/api/v1/admin/doctors/${doc.id}/review`, {
      decision: 'verify',
      reason: 'Checked on the NMC register',
    });
    expect(ok.body).toMatchObject({ state: 'verified', credentials: { reviewStatus: 'verified' } });
    expect(await mail('doctor_verified')).toHaveLength(1);
    expect(await listed()).toBe(true);
    expect((await book()).status).toBe(201);
    expect(
      (await admin.c.post(`/api/v1/admin/doctors/${doc.id}/review`, { decision: 'verify' })).body.error.code,
    ).toBe('ALREADY_VERIFIED');
    expect((await doc.c.put('/api/v1/doctors/me/credentials', credentials)).body.error.code).toBe(
      'CREDENTIALS_LOCKED',
    );

    const audit = await t.db.query<{ action: string; reason: string | null }>(
      `SELECT action, reason FROM audit_log WHERE record_id = $1 AND action LIKE 'admin.doctor.%' ORDER BY seq`,
      [doc.id],
    );
    expect(audit.rows).toEqual([
      { action: 'admin.doctor.reject', reason },
      { action: 'admin.doctor.verify', reason: 'Checked on the NMC register' },
    ]);
  });
});
