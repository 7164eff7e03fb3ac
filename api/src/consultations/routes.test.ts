import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerConsultationRoutes } from './routes.ts';

let t: TestDb;
let app: TestApp;
let patient: TestClient;
let doctor: TestClient;
let other: TestClient;
let roomId: string;
let ids: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  t = await createTestPostgres();
  ids = await seedDemo(t.db);
  app = await startTestApp(t.db, { modules: [registerConsultationRoutes] });
  const starts = new Date(Date.now() + 5 * 60_000);
  roomId = (
    await t.db.query<{ id: string }>(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
       VALUES ($1, $2, $3, $4, $4, 'confirmed', 5000, 'INR', now()) RETURNING id`,
      [ids!.doctorIds[0], ids!.patientIds[0], starts, new Date(starts.getTime() + 30 * 60_000)],
    )
  ).rows[0]!.id;
  patient = createClient(app.url);
  await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
  doctor = createClient(app.url);
  await doctor.login(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
  other = createClient(app.url);
  await other.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('consultation API', () => {
  it('shows the room to its patient and doctor only', async () => {
    const mine = await patient.get(`/api/v1/consultations/${roomId}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      roomId,
      kind: 'appointment',
      patient: { id: ids!.patientIds[0] },
      doctor: { id: ids!.doctorIds[0] },
    });
    expect((await doctor.get(`/api/v1/consultations/${roomId}`)).status).toBe(200);
    expect((await other.get(`/api/v1/consultations/${roomId}`)).status).toBe(404);
  });
});
