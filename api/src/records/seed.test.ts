import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { canDoctorRead } from './access.ts';
import { seedRecordsDemo } from './seed.ts';

describe('records demo seed', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestPglite();
  });
  afterAll(() => t?.drop());

  it('creates consented visit records with an intact audit chain, and cascades on hard delete', async () => {
    const ids = (await seedDemo(t.db, { seeders: [seedRecordsDemo] }))!;
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_records');
    expect(rows[0]!.n).toBe(2);
    expect(await canDoctorRead(t.db, ids.doctorIds[0]!, ids.patientIds[0]!)).toBe(true);
    expect(await canDoctorRead(t.db, ids.doctorIds[1]!, ids.patientIds[0]!)).toBe(false);
    // Development reseeding hard-deletes demo accounts: the records cascade away, the audit log stays.
    await t.db.query(`DELETE FROM users WHERE role <> 'admin'`);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_records')).rows[0]!.n).toBe(
      0,
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
