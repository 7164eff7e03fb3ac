import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
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

  it("records a patient's own override beside the assessment without making it the priority in force", async () => {
    const a = await priya.post('/api/v1/triage', {
      symptoms: 'sore throat and mild fever',
      age: 25,
      sex: 'female',
    });
    expect(a.body.patientOverride).toBeNull();
    const o = await priya.post(`/api/v1/triage/${a.body.id}/override`, {
      priority: 'urgent',
      reason: 'It is getting worse fast',
    });
    expect(o.status).toBe(200);
    expect(o.body.currentPriority).toBe(a.body.priority);
    expect(o.body.patientOverride).toMatchObject({ priority: 'urgent', reason: 'It is getting worse fast' });
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

  it('lists the red-flag questions for the age, sex and pregnancy, in the asked language, with the country number', async () => {
    const hi = await priya.get('/api/v1/triage/screen?age=29&sex=female&pregnant=true&lang=hi');
    expect(hi.status).toBe(200);
    expect(hi.body).toMatchObject({ lang: 'hi', emergencyNumber: '112' });
    const codes = hi.body.questions.map((q: { code: string }) => q.code);
    expect(codes).toEqual(
      expect.arrayContaining(['preg_bleeding', 'preg_movements', 'stroke', 'mh_suicide_plan']),
    );
    expect(codes).not.toContain('u5_colour');
    const bleeding = hi.body.questions.find((q: { code: string }) => q.code === 'preg_bleeding');
    expect(bleeding.text).toMatch(/[\u0900-\u097F]/);
    expect(bleeding.actionText).toContain('112');
    // English by default (Priya's saved language); a London number for a London patient.
    const baby = await priya.get('/api/v1/triage/screen?age=0.1');
    expect(baby.body.lang).toBe('en');
    expect(baby.body.questions.map((q: { code: string }) => q.code)).toContain('infant_fever');
    const amelia = createClient(app.url);
    await amelia.login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    const uk = await amelia.get('/api/v1/triage/screen?age=40&sex=male');
    expect(uk.body.emergencyNumber).toBe('999');
    expect(uk.body.questions.find((q: { code: string }) => q.code === 'chest_pain').actionText).toMatch(
      /^Call 999 now/,
    );
    const bad = await priya.get('/api/v1/triage/screen?age=abc&sex=robot&lang=fr');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['query.age', 'query.sex', 'query.lang']),
    );
  });

  it('makes a "yes" on the screen an emergency even when the words are mild, and stores the answers', async () => {
    const r = await priya.post('/api/v1/triage', {
      symptoms: 'feeling a bit off today',
      age: 67,
      sex: 'male',
      screen: [
        { code: 'chest_pain', answer: 'no' },
        { code: 'stroke', answer: 'yes' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      priority: 'emergency',
      currentPriority: 'emergency',
      action: 'call_emergency_services',
    });
    expect(r.body.redFlags).toEqual([expect.objectContaining({ code: 'stroke', priority: 'emergency' })]);
    const stored = await t.db.query<{ input: { screen: unknown } }>(
      'SELECT input FROM triage_assessments WHERE id = $1',
      [r.body.id],
    );
    expect(stored.rows[0]!.input.screen).toEqual([
      { code: 'chest_pain', answer: 'no' },
      { code: 'stroke', answer: 'yes' },
    ]);
    const again = await priya.get(`/api/v1/triage/${r.body.id}`);
    expect(again.body.screen).toEqual([
      { code: 'chest_pain', answer: 'no', label: expect.stringMatching(/chest pain/i) },
      { code: 'stroke', answer: 'yes', label: expect.stringMatching(/face drooping/i) },
    ]);
  });

  it('makes "not sure" at least urgent, and refuses unknown codes and answers with field paths', async () => {
    const r = await priya.post('/api/v1/triage', {
      symptoms: 'my baby has a runny nose',
      age: 1,
      screen: [{ code: 'u5_breathing', answer: 'unsure' }],
    });
    expect(r.body).toMatchObject({ priority: 'urgent', action: 'see_doctor_today' });
    const bad = await priya.post('/api/v1/triage', {
      symptoms: 'x',
      age: 30,
      screen: [
        { code: 'made_up', answer: 'yes' },
        { code: 'stroke', answer: 'perhaps' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.screen.0.code', 'body.screen.1.answer']),
    );
  });

  it('validates input with field paths', async () => {
    const r = await priya.post('/api/v1/triage', { symptoms: '', age: -1 });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.symptoms', 'body.age']),
    );
  });
});
