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
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '../testing/db.ts';
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
