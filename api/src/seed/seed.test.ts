import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainSeeders } from '../modules.ts';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { DEMO_DOCTORS, DEMO_PATIENTS, seedDemo } from './demo.ts';

describe.each(Object.entries(testDbFactories))('demo seed on %s', (_kind, factory) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(() => t.drop());

  it('seeds an empty database once, leaves a used one alone, and reseeds on demand', async () => {
    const first = await seedDemo(t.db, { seeders: domainSeeders });
    expect(first?.doctorIds).toHaveLength(DEMO_DOCTORS.length);
    expect(first?.patientIds).toHaveLength(DEMO_PATIENTS.length);
    expect(await seedDemo(t.db, { seeders: domainSeeders })).toBeUndefined();
    const again = await seedDemo(t.db, { force: true, seeders: domainSeeders });
    expect(again?.adminId).not.toBe(first?.adminId);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'doctor'`,
    );
    expect(rows[0]!.n).toBe(DEMO_DOCTORS.length);
    const verified = await t.db.query(`SELECT 1 FROM doctor_profiles WHERE verified_at IS NOT NULL`);
    expect(verified.rowCount).toBe(DEMO_DOCTORS.length);
  });
});
