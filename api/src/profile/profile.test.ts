import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { registerRecordsRoutes, seedRecordsDemo } from '../records/index.ts';
import { registerRecordsAccessRoutes } from '../records-access/routes.ts';
import {
  DEMO_ADMIN,
  DEMO_DOCTORS,
  DEMO_PASSWORDS,
  DEMO_PATIENTS,
  seedDemo,
  type DemoIds,
} from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { readZip } from '../records/zip.testutil.ts';
import { registerProfileRoutes } from './routes.ts';

// Priya consented to Dr. Asha Rao (the records demo); Dr. Vikram Mehta has nothing to do with her
// until the tests open a visit between them. John is another patient.
describe.each(Object.entries(testDbFactories))(
  'health profile and safer prescribing on %s',
  (_kind, factory) => {
    let t: TestDb;
    let app: TestApp;
    let ids: DemoIds;
    const c: Record<'priya' | 'john' | 'asha' | 'vikram' | 'admin', TestClient> = {} as never;
    let priya: string;
    let vikram: string;

    beforeAll(async () => {
      t = await factory();
      ids = (await seedDemo(t.db, { seeders: [seedRecordsDemo] }))!;
      priya = ids.patientIds[0]!;
      vikram = ids.doctorIds[1]!;
      app = await startTestApp(t.db, {
        modules: [registerRecordsRoutes, registerRecordsAccessRoutes, registerProfileRoutes],
      });
      const logins: [keyof typeof c, string, string][] = [
        ['priya', DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient],
        ['john', DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient],
        ['asha', DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor],
        ['vikram', DEMO_DOCTORS[1].email, DEMO_PASSWORDS.doctor],
        ['admin', DEMO_ADMIN.email, DEMO_PASSWORDS.admin],
      ];
      for (const [k, email, pw] of logins) {
        c[k] = createClient(app.url);
        await c[k].login(email, pw);
      }
    });
    afterAll(async () => {
      await app?.close();
      await t?.drop();
    });

    const profilePath = () => `/api/v1/patients/${priya}/health-profile`;
    const audits = async (action: string, actor: string) =>
      (
        await t.db.query<{ details: Record<string, unknown> }>(
          'SELECT details FROM audit_log WHERE action = $1 AND actor_id = $2 AND subject_id = $3 ORDER BY seq',
          [action, actor, priya],
        )
      ).rows.map((r) => r.details);

    it('the patient fills in and reads their profile; it is stored sealed, never in clear', async () => {
      const empty = await c.priya.get(profilePath());
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ patientId: priya, version: 0, ageYears: null });
      const saved = await c.priya.put(profilePath(), {
        version: 0,
        profile: {
          dateOfBirth: '1991-04-12',
          sexAtBirth: 'female',
          bloodGroup: 'B+',
          heightCm: 162,
          weightKg: 58,
          allergies: [{ substance: 'Penicillin', reaction: 'Hives and swelling', severity: 'severe' }],
          conditions: [{ name: 'Asthma' }],
          medications: [{ name: 'Salbutamol inhaler', dose: '2 puffs as needed', since: '2019-01-01' }],
          procedures: [{ name: 'Appendectomy', date: '2010-06-01' }],
          emergencyContacts: [{ name: 'Rahul Sharma', relation: 'Husband', phone: '+91 98765 43210' }],
        },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(1);
      expect(saved.body.ageYears).toBeGreaterThanOrEqual(34);
      const again = await c.priya.get(profilePath());
      expect(again.body.profile.allergies).toEqual([
        { substance: 'Penicillin', reaction: 'Hives and swelling', severity: 'severe' },
      ]);
      const row = (
        await t.db.query<{ ciphertext: Uint8Array; key_id: string }>(
          'SELECT ciphertext, key_id FROM health_profiles WHERE patient_id = $1',
          [priya],
        )
      ).rows[0]!;
      expect(row.key_id).toBe('k1');
      expect(Buffer.from(row.ciphertext).toString('latin1')).not.toMatch(/Penicillin|Asthma|Rahul/);
    });

    it('a save from an old version is refused (409 PROFILE_CHANGED); bad input is 400 with field paths', async () => {
      const stale = await c.priya.put(profilePath(), { version: 0, profile: {} });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('PROFILE_CHANGED');
      const bad = await c.priya.put(profilePath(), {
        version: 1,
        profile: {
          bloodGroup: 'C+',
          allergies: [{ substance: '' }],
          emergencyContacts: [{ name: 'X', relation: 'Y', phone: 'call me' }],
        },
      });
      expect(bad.status).toBe(400);
      const paths = JSON.stringify(bad.body.error.details);
      for (const p of ['bloodGroup', 'allergies', 'emergencyContacts']) expect(paths).toContain(p);
      expect((await c.priya.get(profilePath())).body.version).toBe(1);
    });

    it('another patient, an admin without break-glass and an unrelated doctor are refused', async () => {
      const john = await c.john.get(profilePath());
      expect(john.status).toBe(404);
      expect((await c.john.get(`/api/v1/patients/${ids.patientIds[1]}/health-profile`)).body).toMatchObject({
        version: 0,
      });
      const write = await c.john.put(profilePath(), { version: 1, profile: {} });
      expect(write.status).toBe(404);
      expect((await c.asha.put(profilePath(), { version: 1, profile: {} })).status).toBe(403);
      const admin = await c.admin.get(profilePath());
      expect(admin.status).toBe(403);
      expect(admin.body.error.code).toBe('BREAK_GLASS_REQUIRED');
      const v = await c.vikram.get(profilePath());
      expect(v.status).toBe(403);
      expect(v.body.error.code).toBe('CONSENT_REQUIRED');
      expect(await audits('record.access_denied', vikram)).toContainEqual({ code: 'CONSENT_REQUIRED' });
      expect(await audits('profile.read', vikram)).toEqual([]);
    });

    it('a doctor under consent reads it, audited with the consent', async () => {
      const r = await c.asha.get(profilePath());
      expect(r.status).toBe(200);
      expect(r.body.profile.allergies[0].substance).toBe('Penicillin');
      expect(await audits('profile.read', ids.doctorIds[0]!)).toEqual([
        expect.objectContaining({ basis: 'consent', consentId: expect.any(String) }),
      ]);
    });

    it('a doctor reads it during an open visit (called from the queue, then the call), and not after', async () => {
      const { rows } = await t.db.query<{ id: string }>(
        `INSERT INTO queue_entries (doctor_id, patient_id, kind, status, room_id, called_at)
       VALUES ($1, $2, 'walk_in', 'called', gen_random_uuid()::text, now()) RETURNING id`,
        [vikram, priya],
      );
      const entry = rows[0]!.id;
      const r = await c.vikram.get(profilePath());
      expect(r.status).toBe(200);
      expect(await audits('profile.read', vikram)).toEqual([
        { basis: 'open_visit', visit: 'queue', visitId: entry },
      ]);
      // The visit is over and its call ended long ago: no basis left.
      await t.db.query(`UPDATE queue_entries SET status = 'done', ended_at = now() WHERE id = $1`, [entry]);
      await t.db.query(
        `INSERT INTO consultations (room_id, queue_entry_id, patient_id, doctor_id, started_at, ended_at)
       VALUES ('old-' || gen_random_uuid(), $1, $2, $3, now() - interval '3 hours', now() - interval '2 hours')`,
        [entry, priya, vikram],
      );
      expect((await c.vikram.get(profilePath())).status).toBe(403);
    });

    describe('prescribing in the visit notes', () => {
      let room: string;
      beforeAll(async () => {
        room = `room-${Date.now()}`;
        await t.db.query(
          `INSERT INTO consultations (room_id, patient_id, doctor_id, started_at) VALUES ($1, $2, $3, now())`,
          [room, priya, vikram],
        );
      });
      const visit = (overrides?: { index: number; reason: string }[]) =>
        c.vikram.post('/api/v1/records/visits', {
          patientId: priya,
          notes: 'Sore throat, exudate on tonsils.',
          prescriptions: [
            {
              drug: 'Paracetamol 500 mg',
              dose: '500 mg',
              route: 'oral',
              frequency: 'every 6 hours',
              duration: '3 days',
            },
            {
              drug: 'Amoxicillin 500 mg',
              dose: '500 mg',
              route: 'oral',
              frequency: 'three times a day',
              duration: '5 days',
            },
          ],
          ...(overrides ? { safetyOverrides: overrides } : {}),
        });

      it('a drug of the allergic class is refused with the warning (409), nothing is written', async () => {
        const before = await t.db.query('SELECT 1 FROM visit_records WHERE patient_id = $1', [priya]);
        const r = await visit();
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('PRESCRIPTION_WARNINGS');
        expect(r.body.error.details).toEqual({
          unacknowledged: [1],
          warnings: [
            {
              kind: 'allergy',
              index: 1,
              drug: 'Amoxicillin 500 mg',
              allergen: 'Penicillin',
              severity: 'severe',
              match: 'class',
              classId: 'penicillins',
              className: 'Penicillins',
            },
          ],
        });
        const after = await t.db.query('SELECT 1 FROM visit_records WHERE patient_id = $1', [priya]);
        expect(after.rows.length).toBe(before.rows.length);
        // Learning of the allergy is a look at the profile: audited.
        expect(await audits('profile.read', vikram)).toContainEqual({
          basis: 'consultation',
          via: 'prescribing_check',
          warnings: 1,
        });
      });

      it('an override needs a real reason', async () => {
        const r = await visit([{ index: 1, reason: '' }]);
        expect(r.status).toBe(400);
        expect(JSON.stringify(r.body.error.details)).toContain('safetyOverrides');
      });

      it('overridden with a reason: written, the reason recorded, the drugs join the current medications', async () => {
        const reason = 'Rash was to ampicillin in childhood; tolerated amoxicillin in 2023 under observation';
        const r = await visit([{ index: 1, reason }]);
        expect(r.status).toBe(201);
        const rx = r.body.prescriptions[1];
        const o = (
          await t.db.query<{ reason: string; doctor_id: string; warnings: unknown }>(
            'SELECT reason, doctor_id, warnings FROM prescription_overrides WHERE prescription_id = $1',
            [rx.id],
          )
        ).rows[0]!;
        expect(o).toMatchObject({ reason, doctor_id: vikram });
        expect(JSON.stringify(o.warnings)).toContain('penicillins');
        expect(await audits('prescription.override', vikram)).toEqual([
          { visitId: r.body.id, kinds: ['allergy'] },
        ]);
        const meds = (await c.priya.get(profilePath())).body.profile.medications;
        expect(meds.map((m: { name: string }) => m.name)).toEqual([
          'Salbutamol inhaler',
          'Paracetamol 500 mg',
          'Amoxicillin 500 mg',
        ]);
        expect(meds[2]).toMatchObject({ dose: '500 mg, three times a day', visitId: r.body.id });
        // Written again: now a duplicate of a current medication too.
        const dup = await visit([{ index: 1, reason }]);
        expect(dup.status).toBe(409);
        expect(dup.body.error.details.unacknowledged).toEqual([0]);
        expect(
          dup.body.error.details.warnings.map((w: { kind: string; index: number }) => [w.kind, w.index]),
        ).toEqual([
          ['duplicate', 0],
          ['allergy', 1],
          ['duplicate', 1],
        ]);
      });

      it('the patient sees who looked at their profile', async () => {
        const r = await c.priya.get('/api/v1/me/records-access?pageSize=100');
        const looks = r.body.items.filter((e: { action: string }) => e.action === 'profile.read');
        expect(looks.map((e: { actorName: string }) => e.actorName)).toContain('Dr. Vikram Mehta');
      });

      it('a doctor who may not write learns nothing of the allergies', async () => {
        const john = ids.patientIds[1]!;
        await c.john.put(`/api/v1/patients/${john}/health-profile`, {
          version: 0,
          profile: { allergies: [{ substance: 'Penicillin' }] },
        });
        const r = await c.vikram.post('/api/v1/records/visits', {
          patientId: john,
          prescriptions: [
            { drug: 'Amoxicillin', dose: '500 mg', route: 'oral', frequency: 'tds', duration: '5 days' },
          ],
        });
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('CONSENT_REQUIRED');
        expect(JSON.stringify(r.body)).not.toContain('Penicillin');
      });
    });

    it('the export carries the profile, decrypted; erasing the account deletes it', async () => {
      const john = ids.patientIds[1]!;
      const res = await fetch(`${app.url}/api/v1/me/export`, {
        headers: { authorization: `Bearer ${c.john.token}` },
      });
      expect(res.status).toBe(200);
      const me = JSON.parse(
        readZip(Buffer.from(await res.arrayBuffer()))
          .get('me.json')!
          .toString(),
      );
      expect(me.healthProfile).toMatchObject({ version: 1, allergies: [{ substance: 'Penicillin' }] });
      const done = await c.john.request('DELETE', '/api/v1/me', {
        password: DEMO_PASSWORDS.patient,
        confirm: 'ERASE',
      });
      expect(done.status).toBe(200);
      const left = await t.db.query('SELECT 1 FROM health_profiles WHERE patient_id = $1', [john]);
      expect(left.rows).toEqual([]);
    });
  },
);
