/**
 * Issue 14, item 5 — who sets queue order. The symptom check (its deterministic red flags and the
 * screen answers) sets a patient's place; the patient's own override is recorded and shown to the
 * doctor but never moves them up; only the doctor of that queue can change it, and that is audited.
 * Real PostgreSQL, the real API and a real signaling node on the app's bus, with the host's triage
 * resolver and audit log wired as in production (api/src/realtime).
 */
import type { QueueSnapshot } from '@telehealth/signaling/protocol';
import { client, startServer } from '@telehealth/signaling/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerAiRoutes, triageForQueue } from './routes.ts';

let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;
let ids: DemoIds;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  app = await startTestApp(t.db, { modules: [registerAiRoutes] });
  signaling = await startServer({
    db: t.db,
    bus: app.ctx.bus,
    tokens: app.ctx.tokens,
    resolveTriage: ({ patientId, triageId }) => triageForQueue(t.db, patientId, triageId),
    audit,
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
});

/** A patient of their own (the demo patients wait in queues left by the tests above). */
async function newPatient(timezone: string) {
  const email = `red-flag.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'a-patient-password';
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash, timezone) VALUES ($1, 'Red Flag Test', 'patient', $2, $3) RETURNING id`,
    [email, await hashPassword(password), timezone],
  );
  return { id: rows[0]!.id, ...(await signedIn(email, password)) };
}

async function signedIn(email: string, password: string) {
  const c = createClient(app.url);
  await c.login(email, password);
  const s = client(signaling.url, { token: async () => c.token! });
  sockets.push(s);
  await s.connect();
  return { http: c, socket: s };
}

describe('who sets queue order', () => {
  it("ignores a patient's own override for order but shows it to the doctor; the doctor's change moves them, audited", async () => {
    const doctorId = ids.doctorIds[0]!;
    const priya = await signedIn(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    const john = await signedIn(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
    const doctor = await signedIn(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
    const otherDoctor = await signedIn(DEMO_DOCTORS[2].email, DEMO_PASSWORDS.doctor);

    // Priya's check is routine; she says it is an emergency.
    const mild = await priya.http.post('/api/v1/triage', {
      symptoms: 'itchy rash on my forearm',
      age: 30,
      sex: 'female',
    });
    expect(mild.body.priority).toBe('routine');
    const own = await priya.http.post(`/api/v1/triage/${mild.body.id}/override`, {
      priority: 'emergency',
      reason: 'I feel much worse than this says',
    });
    expect(own.status).toBe(200);
    expect(own.body.currentPriority).toBe('routine');
    // John is not sure about a red flag: the screen makes his check urgent.
    const unsure = await john.http.post('/api/v1/triage', {
      symptoms: 'cough for two days',
      age: 45,
      sex: 'male',
      screen: [{ code: 'severe_breathing', answer: 'unsure' }],
    });
    expect(unsure.body.priority).toBe('urgent');

    const a = await priya.socket.request('queue.checkIn', { doctorId, triageId: mild.body.id as string });
    const b = await john.socket.request('queue.checkIn', { doctorId, triageId: unsure.body.id as string });
    const snapshot = async () =>
      (await doctor.socket.request('queue.state', { doctorId })).snapshot as QueueSnapshot;
    const waiting = async () => (await snapshot()).entries.filter((e) => e.status === 'waiting');

    // John (urgent, from the screen) is ahead of Priya, whose own "emergency" did not move her up.
    expect((await waiting()).map((e) => e.entryId)).toEqual([b.entryId, a.entryId]);
    const priyaEntry = (await waiting()).find((e) => e.entryId === a.entryId)!;
    expect(priyaEntry).toMatchObject({ priority: 4, triagePriority: 4, priorityOverride: null });
    expect(priyaEntry.triageSummary).toMatch(/^ROUTINE · /);
    expect(priyaEntry.triageSummary).toContain(
      `Patient's own view: EMERGENCY ("I feel much worse than this says")`,
    );
    // The doctor of the queue reads the same through the API, with the screen answers.
    const seen = await doctor.http.get(`/api/v1/triage/${mild.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      currentPriority: 'routine',
      patientOverride: { priority: 'emergency', reason: 'I feel much worse than this says' },
    });
    const johnsCheck = await doctor.http.get(`/api/v1/triage/${unsure.body.id}`);
    expect(johnsCheck.body.screen).toEqual([
      { code: 'severe_breathing', answer: 'unsure', label: expect.any(String) },
    ]);

    // Neither a patient nor another doctor can move her.
    await expect(
      priya.socket.request('queue.setPriority', { entryId: a.entryId, priority: 1 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      otherDoctor.socket.request('queue.setPriority', { entryId: a.entryId, priority: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    expect((await waiting()).map((e) => e.entryId)).toEqual([b.entryId, a.entryId]);
    const audited = async () =>
      (await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'queue.priority.set'`)).rows.length;
    expect(await audited()).toBe(0);

    // Her doctor can: she goes first, and the change is in the audit log.
    await doctor.socket.request('queue.setPriority', { entryId: a.entryId, priority: 1 });
    expect((await waiting()).map((e) => e.entryId)).toEqual([a.entryId, b.entryId]);
    expect((await waiting())[0]).toMatchObject({ priority: 1, priorityOverride: 1, triagePriority: 4 });
    const log = await t.db.query<{
      actor_id: string;
      actor_role: string;
      subject_id: string;
      record_type: string;
      record_id: string;
      details: Record<string, unknown>;
    }>(
      `SELECT actor_id, actor_role, subject_id, record_type, record_id, details FROM audit_log WHERE action = 'queue.priority.set'`,
    );
    expect(log.rows).toEqual([
      {
        actor_id: doctorId,
        actor_role: 'doctor',
        subject_id: ids.patientIds[0],
        record_type: 'queue_entry',
        record_id: a.entryId,
        details: { doctorId, triagePriority: 4, from: null, to: 1 },
      },
    ]);
    // Clearing the override puts her back behind John, audited too.
    await doctor.socket.request('queue.setPriority', { entryId: a.entryId, priority: null });
    expect((await waiting()).map((e) => e.entryId)).toEqual([b.entryId, a.entryId]);
    expect(await audited()).toBe(2);
  });

  it("lets a clinician's override of the assessment set the priority in force, unlike the patient's", async () => {
    const doctorId = ids.doctorIds[0]!;
    const amelia = await signedIn(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    const doctor = await signedIn(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
    const check = await amelia.http.post('/api/v1/triage', {
      symptoms: 'mild earache',
      age: 40,
      sex: 'female',
    });
    await amelia.http.post(`/api/v1/triage/${check.body.id}/override`, {
      priority: 'urgent',
      reason: 'It hurts a lot',
    });
    await amelia.socket.request('queue.checkIn', { doctorId, triageId: check.body.id as string });
    const byDoctor = await doctor.http.post(`/api/v1/triage/${check.body.id}/override`, {
      priority: 'urgent',
      reason: 'Discharge seen on video, see today',
    });
    expect(byDoctor.status).toBe(200);
    expect(byDoctor.body).toMatchObject({
      currentPriority: 'urgent',
      patientOverride: { priority: 'urgent' },
    });
    expect((await triageForQueue(t.db, ids.patientIds[2]!, check.body.id))?.priority).toBe(2);
  });
});

describe('the red-flag screen keeps an emergency out of the queue (issue 14)', () => {
  it('refuses check-in with an emergency check, whatever the patient says; a doctor lowering it lets them in', async () => {
    const doctorId = ids.doctorIds[0]!; // on call
    const patient = await newPatient('Europe/London');
    const doctor = await signedIn(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
    // Benign words, but "yes" to a red-flag question: the emergency action, not the waiting room.
    const check = await patient.http.post('/api/v1/triage', {
      symptoms: 'cough for two days',
      age: 45,
      sex: 'male',
      screen: [{ code: 'severe_breathing', answer: 'yes' }],
    });
    expect(check.status).toBe(201);
    expect(check.body).toMatchObject({ priority: 'emergency', action: 'call_emergency_services' });
    const triageId = check.body.id as string;

    const refusal = (await patient.socket.request('queue.checkIn', { doctorId, triageId }).then(
      () => null,
      (err: unknown) => err,
    )) as { code: string; message: string } | null;
    expect(refusal).toMatchObject({ code: 'emergency_triage' });
    // Told what to do, with the number for where they are (London: 999).
    expect(refusal!.message).toMatch(
      /emergency help now: call 999 or go to the nearest emergency department/,
    );
    expect(refusal!.message).toMatch(/not been placed in the queue/);
    const placed = async () =>
      (
        await t.db.query(`SELECT status, triage_priority FROM queue_entries WHERE patient_id = $1`, [
          patient.id,
        ])
      ).rows;
    expect(await placed()).toEqual([]);
    const { snapshot } = (await doctor.socket.request('queue.state', { doctorId })) as {
      snapshot: QueueSnapshot;
    };
    expect(snapshot.entries.some((e) => e.patientId === patient.id)).toBe(false);

    // The patient's own "it is not that bad" is recorded, but does not open the queue.
    const own = await patient.http.post(`/api/v1/triage/${triageId}/override`, {
      priority: 'routine',
      reason: 'I can breathe fine now',
    });
    expect(own.body).toMatchObject({
      currentPriority: 'emergency',
      patientOverride: { priority: 'routine' },
    });
    await expect(patient.socket.request('queue.checkIn', { doctorId, triageId })).rejects.toMatchObject({
      code: 'emergency_triage',
    });
    expect(await placed()).toEqual([]);

    // A doctor who treats them (a past visit) reviews the check and lowers it: now they may wait.
    await t.db.query(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
       VALUES ($1, $2, now() - interval '400 days', now() - interval '400 days' + interval '30 minutes',
               now() - interval '400 days' + interval '30 minutes', 'completed', 0, 'INR', now() - interval '401 days')`,
      [doctorId, patient.id],
    );
    const lowered = await doctor.http.post(`/api/v1/triage/${triageId}/override`, {
      priority: 'urgent',
      reason: 'Spoke on the phone: talking in full sentences, see today',
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body.currentPriority).toBe('urgent');
    const entry = await patient.socket.request('queue.checkIn', { doctorId, triageId });
    expect(entry).toMatchObject({ status: 'waiting' });
    expect(await placed()).toEqual([{ status: 'waiting', triage_priority: 2 }]);
    await patient.socket.request('queue.leave', { doctorId });
  });
});
