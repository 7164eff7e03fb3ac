import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '../testing/db.ts';
import { registerAiRoutes, triageForQueue } from './routes.ts';

let t: TestDb;
let app: TestApp;
let priya: TestClient;
let john: TestClient;
let doctor: TestClient;
beforeAll(async () => {
  t = await createTestPostgres();
  await seedDemo(t.db);
  app = await startTestApp(t.db, { modules: [registerAiRoutes] });
  priya = createClient(app.url);
  await priya.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
  john = createClient(app.url);
  await john.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
  doctor = createClient(app.url);
  await doctor.login(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('symptom check API', () => {
  it('flags a heart attack picture as an emergency with call-now guidance, in rules mode', async () => {
    const r = await priya.post('/api/v1/triage', {
      symptoms: 'Crushing chest pain spreading to my left arm, sweating a lot',
      age: 58,
      sex: 'male',
      durationHours: 1,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ priority: 'emergency', currentPriority: 'emergency', source: 'rules' });
    expect(r.body.redFlags.length).toBeGreaterThan(0);
    expect(r.body.disclaimer).toMatch(/not a diagnosis|advis/i);
  });

  it('keeps routine complaints routine and suggests a specialty', async () => {
    const r = await priya.post('/api/v1/triage', {
      symptoms: 'itchy rash on my forearm for a week',
      age: 30,
      sex: 'female',
    });
    expect(r.status).toBe(201);
    expect(r.body.priority).toBe('routine');
    expect(r.body.suggestedSpecialty).toBeTruthy();
  });

  it("keeps one patient's assessment from other patients and from doctors not treating her", async () => {
    const mine = await priya.post('/api/v1/triage', { symptoms: 'mild headache', age: 30, sex: 'female' });
    expect((await priya.get(`/api/v1/triage/${mine.body.id}`)).status).toBe(200);
    expect((await john.get(`/api/v1/triage/${mine.body.id}`)).status).toBe(404);
    expect((await doctor.get(`/api/v1/triage/${mine.body.id}`)).status).toBe(404);
    expect(
      (await john.post(`/api/v1/triage/${mine.body.id}/override`, { priority: 'urgent', reason: 'hijack' }))
        .status,
    ).toBe(404);
    expect((await doctor.post('/api/v1/triage', { symptoms: 'x', age: 30 })).status).toBe(403);
  });

  it('records an override and makes it the priority in force', async () => {
    const a = await priya.post('/api/v1/triage', {
      symptoms: 'sore throat and mild fever',
      age: 25,
      sex: 'female',
    });
    const o = await priya.post(`/api/v1/triage/${a.body.id}/override`, {
      priority: 'urgent',
      reason: 'It is getting worse fast',
    });
    expect(o.status).toBe(200);
    expect(o.body.currentPriority).toBe('urgent');
    expect(o.body.priority).toBe(a.body.priority);
    const { rows } = await t.db.query<{ record: { by: { role: string }; to: { priority: string } } }>(
      'SELECT record FROM triage_overrides WHERE assessment_id = $1',
      [a.body.id],
    );
    expect(rows[0]!.record).toMatchObject({ by: { role: 'patient' }, to: { priority: 'urgent' } });
  });

  it("turns a patient's own check into a queue priority; nobody can borrow another's", async () => {
    const urgent = await priya.post('/api/v1/triage', {
      symptoms: 'Crushing chest pain and sweating',
      age: 60,
      sex: 'male',
    });
    const mine = await triageForQueue(t.db, urgent.body.patientId, urgent.body.id);
    expect(mine?.priority).toBe(1);
    expect(mine?.summary).toMatch(/^EMERGENCY/);
    const johnId = (await john.get('/api/v1/me')).body.id;
    expect(await triageForQueue(t.db, johnId, urgent.body.id)).toBeNull();
  });

  it('validates input with field paths', async () => {
    const r = await priya.post('/api/v1/triage', { symptoms: '', age: -1 });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.symptoms', 'body.age']),
    );
  });
});
