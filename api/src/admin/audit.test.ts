/**
 * Admin power is visible (issue 21): every admin action writes a hash-chained audit entry naming the
 * actor, the action, the target and the reason, and the audit explorer lists them. Real API, real
 * PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainModules } from '../modules.ts';
import { DEMO_ADMIN, DEMO_PASSWORDS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

let t: TestDb;
let app: TestApp;
let ids: DemoIds;
let admin: TestClient;
let dataDir: string;

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  dataDir = mkdtempSync(join(tmpdir(), 'th-admin-audit-'));
  // All modules: the audit explorer lives with the records vault.
  app = await startTestApp(t.db, { modules: domainModules, env: { DATA_DIR: dataDir } });
  admin = createClient(app.url);
  await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const entries = async (action: string, recordId?: string) =>
  (
    await t.db.query<{
      actor_id: string;
      actor_role: string;
      record_type: string | null;
      record_id: string | null;
      reason: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT actor_id, actor_role, record_type, record_id, reason, details FROM audit_log
        WHERE action = $1 AND ($2::text IS NULL OR record_id = $2) ORDER BY seq`,
      [action, recordId ?? null],
    )
  ).rows;

describe('admin actions are audited', () => {
  it('suspend, reactivate, role change, verify and unverify each write an entry with actor, target and reason', async () => {
    const patientId = ids.patientIds[2]!;
    const doctorId = ids.doctorIds[4]!;
    const suspended = await admin.patch(`/api/v1/admin/users/${patientId}`, {
      status: 'suspended',
      reason: 'Chargeback fraud',
    });
    expect(suspended.body).toMatchObject({ id: patientId, status: 'suspended' });
    expect((await admin.patch(`/api/v1/admin/users/${patientId}`, { status: 'active' })).status).toBe(200);
    expect(
      (await admin.patch(`/api/v1/admin/users/${patientId}`, { role: 'doctor', reason: 'Asked to switch' }))
        .status,
    ).toBe(200);
    // A no-op change is no action.
    expect((await admin.patch(`/api/v1/admin/users/${patientId}`, { role: 'doctor' })).status).toBe(200);
    expect(
      (
        await admin.post(`/api/v1/admin/doctors/${doctorId}/verify`, {
          verified: false,
          reason: 'Licence lapsed',
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (await admin.post(`/api/v1/admin/doctors/${doctorId}/verify`, { verified: true })).status,
    ).toBeLessThan(300);

    const who = { actor_id: ids.adminId, actor_role: 'admin', record_type: 'user' };
    expect(await entries('admin.user.suspend', patientId)).toEqual([
      {
        ...who,
        record_id: patientId,
        reason: 'Chargeback fraud',
        details: { from: 'active', to: 'suspended' },
      },
    ]);
    expect(await entries('admin.user.activate', patientId)).toEqual([
      { ...who, record_id: patientId, reason: null, details: { from: 'suspended', to: 'active' } },
    ]);
    expect(await entries('admin.user.role_change', patientId)).toEqual([
      { ...who, record_id: patientId, reason: 'Asked to switch', details: { from: 'patient', to: 'doctor' } },
    ]);
    expect(await entries('admin.doctor.unverify', doctorId)).toMatchObject([
      { ...who, record_id: doctorId, reason: 'Licence lapsed' },
    ]);
    expect(await entries('admin.doctor.verify', doctorId)).toMatchObject([{ ...who, record_id: doctorId }]);
  });

  it('reading the dev mailbox is an audited action too', async () => {
    expect((await admin.get('/api/v1/admin/mailbox?limit=5')).status).toBe(200);
    expect((await entries('admin.mailbox.read')).length).toBe(1);
  });

  it('the audit explorer lists admin actions and the chain stays intact', async () => {
    const page = await admin.get('/api/v1/admin/audit?action=admin.&pageSize=50');
    expect(page.status).toBe(200);
    const actions = new Set(page.body.items.map((e: { action: string }) => e.action));
    for (const a of [
      'admin.user.suspend',
      'admin.user.role_change',
      'admin.doctor.verify',
      'admin.mailbox.read',
    ])
      expect(actions).toContain(a);
    const verify = await admin.get('/api/v1/admin/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('a refused admin action writes nothing', async () => {
    const before = (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'admin.%'`)
    ).rows[0]!.n;
    expect(
      (await admin.post(`/api/v1/admin/doctors/${ids.patientIds[0]}/verify`, { verified: true })).status,
    ).toBe(404);
    expect((await admin.patch(`/api/v1/admin/users/${ids.adminId}`, { status: 'suspended' })).status).toBe(
      400,
    );
    const after = (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'admin.%'`)
    ).rows[0]!.n;
    expect(after).toBe(before);
  });
});
