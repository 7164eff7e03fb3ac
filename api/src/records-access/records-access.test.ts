import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit/index.ts';
import { clientAs, makeDoctor, makePatients } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { basisOf, registerRecordsAccessRoutes } from './routes.ts';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db, { modules: [registerRecordsAccessRoutes] });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

it('basisOf names the recorded basis and nothing else', () => {
  expect(basisOf({ basis: 'consent', consentId: 'x' }, 'doctor')).toBe('consent');
  expect(basisOf({ basis: 'emergency' }, 'doctor')).toBe('emergency');
  expect(basisOf({}, 'doctor')).toBe('clinician');
  expect(basisOf({ basis: 'weird' }, 'admin')).toBe('other');
});

describe('who opened my records', () => {
  it('lists reads by others, newest first, with the basis; never my own reads or someone else’s records', async () => {
    const [me, other] = await makePatients(t.db, 2);
    const doctor = await makeDoctor(t.db);
    const read = (actorId: string, role: string, action: string, subjectId: string, details = {}) =>
      audit(t.db, { actorId, actorRole: role, action, subjectId, recordType: 'file', details });
    await read(me!, 'patient', 'file.read', me!);
    await read(doctor, 'doctor', 'file.read', me!, { basis: 'consent', consentId: 'c1' });
    await read(doctor, 'doctor', 'visit.export_pdf', me!, { basis: 'emergency', emergencyAccessId: 'e1' });
    await read(doctor, 'doctor', 'file.read', other!, { basis: 'consent' });
    await read(doctor, 'doctor', 'consent.grant', me!);

    const c = await clientAs(app, me!, 'patient');
    const r = (await c.get('/api/v1/me/records-access')).body;
    expect(r.total).toBe(2);
    expect(r.items.map((i: { action: string; basis: string }) => [i.action, i.basis])).toEqual([
      ['visit.export_pdf', 'emergency'],
      ['file.read', 'consent'],
    ]);
    expect(r.items[0].actorName).toMatch(/^Dr\. /);
    expect((await (await clientAs(app, doctor, 'doctor')).get('/api/v1/me/records-access')).status).toBe(403);
  });
});

describe('why they opened them', () => {
  it('gives the emergency access’s coded reason and justification, and the consent’s scope, of each read', async () => {
    const [me] = await makePatients(t.db, 1);
    const doctor = await makeDoctor(t.db);
    const justification = 'Found unconscious at home; checking medication and allergies.';
    const grant = (
      await t.db.query<{ id: string }>(
        `INSERT INTO emergency_access (doctor_id, patient_id, justification, reason_code, expires_at)
         VALUES ($1, $2, $3, 'unconscious_patient', now() + interval '4 hours') RETURNING id`,
        [doctor, me, justification],
      )
    ).rows[0]!.id;
    const consent = (
      await t.db.query<{ id: string }>(
        `INSERT INTO consents (patient_id, doctor_id, scope) VALUES ($1, $2, 'all') RETURNING id`,
        [me, doctor],
      )
    ).rows[0]!.id;
    const read = (action: string, details: Record<string, string>) =>
      audit(t.db, {
        actorId: doctor,
        actorRole: 'doctor',
        action,
        subjectId: me!,
        recordType: 'file',
        details,
      });
    await read('file.read', { basis: 'consent', consentId: consent });
    await read('summary.read', { basis: 'emergency', emergencyAccessId: grant });

    const c = await clientAs(app, me!, 'patient');
    const r = (await c.get('/api/v1/me/records-access')).body;
    expect(r.items).toMatchObject([
      {
        action: 'summary.read',
        basis: 'emergency',
        reasonCode: 'unconscious_patient',
        reason: justification,
        consentScope: null,
      },
      { action: 'file.read', basis: 'consent', consentScope: 'all', reasonCode: null, reason: null },
    ]);
  });
});
