/**
 * Emergency access hardening (issue 21): a coded reason, a per-doctor daily limit held by the
 * database, the patient and every admin told at once (bell over the socket, email in the outbox of
 * the same transaction), writes marked with the grant, quarantine on flagging until an admin clears
 * it, and admins reading clinical content only under a break-glass of their own. Real API, real
 * PostgreSQL, a real signaling node on the app's bus.
 */
import { client, startServer, waitFor } from '@telehealth/signaling/test-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainModules } from '../modules.ts';
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
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

const LIMIT = 2;
let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;
let ids: DemoIds;
let dataDir: string;
const c: Record<'priya' | 'john' | 'amelia' | 'd0' | 'd1' | 'd2' | 'd3' | 'admin', TestClient> = {} as never;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  // A second admin: "every admin" is told, not just the first.
  await t.db.query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ('second.admin@telehealth.local', 'Second Admin', 'admin', 'x')`,
  );
  dataDir = mkdtempSync(join(tmpdir(), 'th-emergency-'));
  app = await startTestApp(t.db, {
    modules: domainModules,
    env: { DATA_DIR: dataDir, EMERGENCY_ACCESS_DAILY_LIMIT: String(LIMIT) },
  });
  signaling = await startServer({ db: t.db, bus: app.ctx.bus, tokens: app.ctx.tokens });
  const logins: [keyof typeof c, string, string][] = [
    ['priya', DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient],
    ['john', DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient],
    ['amelia', DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient],
    ['d0', DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor],
    ['d1', DEMO_DOCTORS[1].email, DEMO_PASSWORDS.doctor],
    ['d2', DEMO_DOCTORS[2].email, DEMO_PASSWORDS.doctor],
    ['d3', DEMO_DOCTORS[3].email, DEMO_PASSWORDS.doctor],
    ['admin', DEMO_ADMIN.email, DEMO_PASSWORDS.admin],
  ];
  for (const [k, email, pw] of logins) {
    c[k] = createClient(app.url);
    await c[k].login(email, pw);
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const request = (who: TestClient, patientId: string, reasonCode = 'patient_cannot_consent') =>
  who.post('/api/v1/emergency-access', {
    patientId,
    reasonCode,
    justification: 'Confused after a stroke, cannot consent; need the medication list.',
  });

const upload = async (who: TestClient, patientId: string, marker: string) => {
  const res = await fetch(`${app.url}/api/v1/records/files?patientId=${patientId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(`%PDF-1.7\n% ${marker}\n`.padEnd(600, '.')),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const download = async (who: TestClient, id: string) =>
  (
    await fetch(`${app.url}/api/v1/records/files/${id}/content`, {
      headers: { authorization: `Bearer ${who.token}` },
    })
  ).status;

describe('emergency access', () => {
  it('needs one of the reason codes besides the free text', async () => {
    const amelia = ids.patientIds[2]!;
    const none = await c.d3.post('/api/v1/emergency-access', {
      patientId: amelia,
      justification: 'Unconscious on arrival, need allergy history.',
    });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.error.details)).toContain('reasonCode');
    const unknown = await request(c.d3, amelia, 'curiosity');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('reasonCode');
  });

  it('tells the patient at once over the socket and in the outbox, and every admin too', async () => {
    const priyaId = ids.patientIds[0]!;
    const ps = client(signaling.url, { token: async () => c.priya.token! });
    sockets.push(ps);
    await ps.connect();
    const pushed: { kind: string; data: Record<string, unknown> }[] = [];
    ps.on('notification', (n) => pushed.push(n));

    const g = await request(c.d0, priyaId, 'unconscious_patient');
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ reasonCode: 'unconscious_patient', writes: { visits: [], files: [] } });
    const n = await waitFor(() => pushed.find((x) => x.kind === 'records.emergency_access'), 'the bell');
    expect(n.data).toMatchObject({ emergencyAccessId: g.body.id });

    // The mails were written with the grant (outbox rows exist before any dispatch).
    const out = await t.db.query<{ to_address: string; template: string }>(
      `SELECT to_address, template FROM outbox_emails WHERE template LIKE 'records_emergency_access%' ORDER BY to_address`,
    );
    expect(out.rows).toEqual([
      { to_address: DEMO_ADMIN.email, template: 'records_emergency_access_admin' },
      { to_address: DEMO_PATIENTS[0].email, template: 'records_emergency_access' },
      { to_address: 'second.admin@telehealth.local', template: 'records_emergency_access_admin' },
    ]);
    const bell = await c.admin.get('/api/v1/notifications');
    expect(bell.body.notifications.map((x: { kind: string }) => x.kind)).toContain('admin.emergency_access');
    await app.flushEmails();
    const adminMail = (
      await t.db.query<{ text_body: string }>(`SELECT text_body FROM dev_mailbox WHERE to_address = $1`, [
        DEMO_ADMIN.email,
      ])
    ).rows[0]!;
    expect(adminMail.text_body).toContain('unconscious_patient');
    // No patient data in the admins' mail.
    expect(adminMail.text_body).not.toContain(DEMO_PATIENTS[0].name);
    expect(adminMail.text_body).toContain(`${app.ctx.config.publicUrl}/admin/emergency-access`);
    // The patient's mail lands on the page that lists who opened their records (issue 15).
    const patientMail = (
      await t.db.query<{ text_body: string }>(`SELECT text_body FROM dev_mailbox WHERE to_address = $1`, [
        DEMO_PATIENTS[0].email,
      ])
    ).rows[0]!;
    expect(patientMail.text_body).toContain(`${app.ctx.config.publicUrl}/records/access\n`);
  });

  it('holds each doctor to the daily limit even under concurrent requests (429 with Retry-After)', async () => {
    const patients = [ids.patientIds[0]!, ids.patientIds[1]!, ids.patientIds[2]!, ids.patientIds[0]!];
    const replies = await Promise.all(patients.map((p) => request(c.d1, p)));
    const byStatus = replies.map((r) => r.status).sort();
    expect(byStatus).toEqual([201, 201, 429, 429]);
    for (const r of replies.filter((x) => x.status === 429)) {
      expect(r.body.error.code).toBe('EMERGENCY_ACCESS_LIMIT');
      const after = Number(r.headers.get('retry-after'));
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(24 * 3600);
    }
    const n = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM emergency_access WHERE doctor_id = $1',
      [ids.doctorIds[1]],
    );
    expect(n.rows[0]!.n).toBe(LIMIT);
    // Another doctor's budget is their own.
    expect((await request(c.d2, ids.patientIds[2]!)).status).toBe(201);
  });

  it('marks what is written under a grant, quarantines it when flagged, and releases it when cleared', async () => {
    const johnId = ids.patientIds[1]!;
    const g = await request(c.d3, johnId, 'urgent_continuity_of_care');
    expect(g.status).toBe(201);
    const notes = 'Quarantine marker: ED note written under break-glass.';
    const v = await c.d3.post('/api/v1/records/visits', { patientId: johnId, notes });
    expect(v.status).toBe(201);
    expect(v.body.emergencyGrantId).toBe(g.body.id);
    const f = await upload(c.d3, johnId, 'ed-scan');
    expect(f.status).toBe(201);
    expect(f.body.emergencyGrantId).toBe(g.body.id);
    // A patient's own upload is no grant's.
    const own = await upload(c.john, johnId, 'own');
    expect(own.body.emergencyGrantId).toBeNull();

    const listed = (await c.admin.get('/api/v1/admin/emergency-access?status=pending')).body.items.find(
      (x: { id: string }) => x.id === g.body.id,
    );
    expect(listed.writes).toEqual({ visits: [v.body.id], files: [f.body.id] });
    // The review shows no clinical content.
    expect(JSON.stringify(listed)).not.toContain('Quarantine marker');

    const flagged = await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, {
      decision: 'flagged',
      note: 'No admission on record',
    });
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({ reviewStatus: 'flagged', quarantined: true, active: false });

    // Hidden from normal reads: the patient's list, the record itself, the author's reads.
    const mine = (await c.john.get('/api/v1/records')).body;
    expect(mine.visits.map((x: { id: string }) => x.id)).not.toContain(v.body.id);
    expect(mine.files.map((x: { id: string }) => x.id)).not.toContain(f.body.id);
    expect(mine.files.map((x: { id: string }) => x.id)).toContain(own.body.id);
    expect((await c.john.get(`/api/v1/records/visits/${v.body.id}`)).status).toBe(404);
    expect(await download(c.john, f.body.id)).toBe(404);
    expect((await c.d3.get(`/api/v1/records/visits/${v.body.id}`)).status).toBe(404);
    expect(await download(c.d3, f.body.id)).toBe(404);
    // Nor can the author make it disappear before the review.
    expect((await c.d3.del(`/api/v1/records/files/${f.body.id}`)).status).toBe(404);

    // Admins review it — under a break-glass of their own, audited.
    const refused = await c.admin.get(`/api/v1/records/visits/${v.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('BREAK_GLASS_REQUIRED');
    expect(
      (await c.admin.post('/api/v1/admin/break-glass', { patientId: johnId, reason: 'review' })).status,
    ).toBe(400);
    const bg = await c.admin.post('/api/v1/admin/break-glass', {
      patientId: johnId,
      reason: 'Reviewing writes under flagged emergency access',
    });
    expect(bg.status).toBe(201);
    expect(bg.body.active).toBe(true);
    const seen = await c.admin.get(`/api/v1/records/visits/${v.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.notes).toBe(notes);
    expect(await download(c.admin, f.body.id)).toBe(200);
    const adminList = (await c.admin.get(`/api/v1/records?patientId=${johnId}`)).body;
    expect(adminList.visits.map((x: { id: string }) => x.id)).toContain(v.body.id);
    const read = await t.db.query<{ reason: string; details: { basis: string; breakGlassId: string } }>(
      `SELECT reason, details FROM audit_log WHERE action = 'visit.read' AND actor_id = $1 AND record_id = $2`,
      [ids.adminId, v.body.id],
    );
    expect(read.rows[0]).toMatchObject({
      reason: 'admin break-glass',
      details: { basis: 'admin_break_glass', breakGlassId: bg.body.id },
    });
    expect(
      (
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'admin.break_glass' AND record_id = $1`, [
          bg.body.id,
        ])
      ).rows.length,
    ).toBe(1);
    const johnBell = (await c.john.get('/api/v1/notifications')).body.notifications;
    expect(johnBell.map((x: { kind: string }) => x.kind)).toContain('records.admin_access');

    // Cleared: the writes were fine after all; everyone sees them again.
    expect(
      (await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, { decision: 'approved' }))
        .status,
    ).toBe(409);
    const cleared = await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, {
      decision: 'cleared',
      note: 'Ward confirmed the admission',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ reviewStatus: 'cleared', quarantined: false });
    expect((await c.john.get(`/api/v1/records/visits/${v.body.id}`)).status).toBe(200);
    expect(await download(c.john, f.body.id)).toBe(200);
    const again = await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, {
      decision: 'cleared',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOT_FLAGGED');
    expect(
      (
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'emergency.clear' AND record_id = $1`, [
          g.body.id,
        ])
      ).rows.length,
    ).toBe(1);

    // The break-glass ends when the admin closes it.
    expect((await c.admin.del(`/api/v1/admin/break-glass/${bg.body.id}`)).status).toBeLessThan(300);
    expect((await c.admin.get(`/api/v1/records/visits/${v.body.id}`)).status).toBe(403);
  });

  it('lets admins read a triage result only under their own break-glass, and audits it', async () => {
    const ameliaId = ids.patientIds[2]!;
    const tri = await c.amelia.post('/api/v1/triage', {
      symptoms: 'itchy rash on my forearm for a week',
      age: 34,
      sex: 'female',
    });
    expect(tri.status).toBe(201);
    const refused = await c.admin.get(`/api/v1/triage/${tri.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('BREAK_GLASS_REQUIRED');
    const bg = await c.admin.post('/api/v1/admin/break-glass', {
      patientId: ameliaId,
      reason: 'Complaint about the symptom checker, checking the result',
    });
    expect(bg.status).toBe(201);
    const ok = await c.admin.get(`/api/v1/triage/${tri.body.id}`);
    expect(ok.status).toBe(200);
    const entries = await t.db.query<{ actor_id: string; subject_id: string; reason: string }>(
      `SELECT actor_id, subject_id, reason FROM audit_log WHERE action = 'triage.read' AND record_id = $1`,
      [tri.body.id],
    );
    expect(entries.rows).toEqual([
      { actor_id: ids.adminId, subject_id: ameliaId, reason: 'admin break-glass' },
    ]);
  });
});
