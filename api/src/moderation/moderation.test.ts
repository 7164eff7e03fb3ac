/**
 * Chat reports and admin role changes (issue 18). Admins review a reported message with a little
 * context (never the whole conversation) and resolve it: dismiss, warn or deactivate the sender; each
 * action, and reading the reports, is audited. Role changes need a reason and keep an active admin,
 * also when two admins demote each other at once. Real API, real PostgreSQL.
 */
import { openConversation } from '@telehealth/signaling';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.ts';
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
import { registerModerationRoutes } from './routes.ts';
import type { ChatReport } from './schemas.ts';

let t: TestDb;
let app: TestApp;
let ids: DemoIds;
let admin: TestClient;
let patient: TestClient;
let doctor: TestClient;

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  app = await startTestApp(t.db, { modules: [registerModerationRoutes] });
  [admin, patient, doctor] = [createClient(app.url), createClient(app.url), createClient(app.url)];
  await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
  await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
  await doctor.login(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/**
 * A conversation of a demo patient and doctor with `n` messages (alternating, the patient first) and
 * a report by the patient of message `reported` (a doctor's). The other party's state: made directly.
 */
async function reported(patientId: string, doctorId: string, n: number, reportedSeq: number) {
  const { id } = await openConversation(t.db, { patientId, doctorId });
  for (let seq = 1; seq <= n; seq++)
    await t.db.query(
      `INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body) VALUES ($1, $2, $3, $4, $5)`,
      [id, seq, seq % 2 ? patientId : doctorId, `m${seq}`, `message ${seq}`],
    );
  await t.db.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [id, n]);
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO conversation_reports (conversation_id, reporter_id, reason, message_id)
     SELECT $1, $2, 'Insulting me', id FROM chat_messages WHERE conversation_id = $1 AND seq = $3 RETURNING id`,
    [id, patientId, reportedSeq],
  );
  return { conversationId: id, reportId: rows[0]!.id };
}

const auditRows = async (action: string, recordId: string) =>
  (
    await t.db.query<{ actor_id: string; reason: string | null; details: Record<string, unknown> }>(
      'SELECT actor_id, reason, details FROM audit_log WHERE action = $1 AND record_id = $2 ORDER BY seq',
      [action, recordId],
    )
  ).rows;

const openReports = async () =>
  (await admin.get<{ items: ChatReport[] }>('/api/v1/admin/chat-reports')).body.items;

describe('chat reports', () => {
  it('are for admins only', async () => {
    expect((await createClient(app.url).get('/api/v1/admin/chat-reports')).status).toBe(401);
    expect((await patient.get('/api/v1/admin/chat-reports')).status).toBe(403);
    expect((await doctor.get('/api/v1/admin/chat-reports')).status).toBe(403);
    const r = await reported(ids.patientIds[0]!, ids.doctorIds[0]!, 2, 2);
    const body = { resolution: 'dismiss', note: 'Not for you' };
    expect((await patient.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, body)).status).toBe(403);
    expect((await doctor.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, body)).status).toBe(403);
  });

  it('show the reported message with two messages each side, no more, and reading them is audited', async () => {
    const r = await reported(ids.patientIds[1]!, ids.doctorIds[1]!, 9, 4);
    const item = (await openReports()).find((x) => x.id === r.reportId)!;
    expect(item.context.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(item.context.filter((m) => m.reported).map((m) => m.text)).toEqual(['message 4']);
    expect(item).toMatchObject({
      reason: 'Insulting me',
      status: 'open',
      reporter: { id: ids.patientIds[1], role: 'patient' },
      reported: { id: ids.doctorIds[1], role: 'doctor', status: 'active' },
    });
    const reads = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'admin.chat_reports.read' AND actor_id = $1`,
      [ids.adminId],
    );
    expect(reads.rowCount).toBeGreaterThan(0);
  });

  it('refuses a resolution it does not know, with the field path', async () => {
    const r = await reported(ids.patientIds[0]!, ids.doctorIds[2]!, 1, 1);
    const res = await admin.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, {
      resolution: 'ban',
      note: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.note',
      'body.resolution',
    ]);
  });

  it('warn: the sender is notified with the note, the report leaves the open list, audited once', async () => {
    const r = await reported(ids.patientIds[2]!, ids.doctorIds[3]!, 2, 2);
    const res = await admin.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, {
      resolution: 'warn',
      note: 'Please keep replies courteous.',
    });
    expect(res.status).toBe(204);
    const n = await t.db.query<{ body: string }>(
      `SELECT body FROM notifications WHERE user_id = $1 AND kind = 'moderation.warning'`,
      [ids.doctorIds[3]],
    );
    expect(n.rows[0]?.body).toContain('Please keep replies courteous.');
    expect((await openReports()).some((x) => x.id === r.reportId)).toBe(false);
    const resolved = (
      await admin.get<{ items: ChatReport[] }>('/api/v1/admin/chat-reports?status=resolved')
    ).body.items.find((x) => x.id === r.reportId);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'warn' });
    expect(await auditRows('admin.chat_report.resolve', r.reportId)).toEqual([
      {
        actor_id: ids.adminId,
        reason: 'Please keep replies courteous.',
        details: { resolution: 'warn', reportedUserId: ids.doctorIds[3] },
      },
    ]);
    // Still a user in good standing.
    const u = await t.db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [
      ids.doctorIds[3],
    ]);
    expect(u.rows[0]!.status).toBe('active');
  });

  it('two admins resolving one report at once: one wins, the other is told', async () => {
    const second = await newAdmin('second-resolver');
    const r = await reported(ids.patientIds[0]!, ids.doctorIds[4]!, 2, 2);
    const body = { resolution: 'dismiss', note: 'Ordinary disagreement' };
    const answers = await Promise.all([
      admin.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, body),
      second.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('REPORT_ALREADY_RESOLVED');
    expect(await auditRows('admin.chat_report.resolve', r.reportId)).toHaveLength(1);
  });

  it('deactivate: the sender is suspended, signed out, and both actions are audited', async () => {
    const sender = await newUser('doctor', 'reported-doctor');
    const r = await reported(ids.patientIds[1]!, sender.id, 2, 2);
    const res = await admin.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, {
      resolution: 'deactivate',
      note: 'Repeated abuse after a warning',
    });
    expect(res.status).toBe(204);
    const u = await t.db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [sender.id]);
    expect(u.rows[0]!.status).toBe('suspended');
    // The account is refused at once, even with an access token that has not expired.
    expect((await sender.client.get('/api/v1/me')).status).toBe(403);
    expect(await auditRows('admin.user.suspend', sender.id)).toEqual([
      expect.objectContaining({ reason: 'Repeated abuse after a warning' }),
    ]);
    expect(await auditRows('admin.chat_report.resolve', r.reportId)).toHaveLength(1);
    expect(
      (
        await admin.post(`/api/v1/admin/chat-reports/${r.reportId}/resolve`, {
          resolution: 'dismiss',
          note: 'again',
        })
      ).status,
    ).toBe(409);
  });
});

describe('role changes', () => {
  it('need a reason, never one’s own account, and are audited', async () => {
    const u = await newUser('patient', 'role-change');
    const noReason = await admin.patch(`/api/v1/admin/users/${u.id}`, { role: 'doctor' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({
      code: 'REASON_REQUIRED',
      details: [{ path: 'body.reason' }],
    });
    const ok = await admin.patch(`/api/v1/admin/users/${u.id}`, { role: 'doctor', reason: 'Registered GP' });
    expect(ok.body).toMatchObject({ id: u.id, role: 'doctor' });
    expect(await auditRows('admin.user.role_change', u.id)).toEqual([
      expect.objectContaining({ reason: 'Registered GP', details: { from: 'patient', to: 'doctor' } }),
    ]);
    const self = await admin.patch(`/api/v1/admin/users/${ids.adminId}`, {
      role: 'patient',
      reason: 'Stepping down',
    });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('CANNOT_CHANGE_SELF');
  });

  it('two admins demoting each other at once leave one admin, never none', async () => {
    const a = await newAdmin('mutual-a');
    const b = await newAdmin('mutual-b');
    const answers = await Promise.all([
      a.patch(`/api/v1/admin/users/${b.id}`, { role: 'patient', reason: 'Mutual demotion test' }),
      b.patch(`/api/v1/admin/users/${a.id}`, { role: 'patient', reason: 'Mutual demotion test' }),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 403]);
    const left = await t.db.query<{ id: string }>(
      `SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND id = ANY($1::uuid[])`,
      [[a.id, b.id]],
    );
    expect(left.rowCount).toBe(1);
  });
});

let made = 0;
async function newUser(role: 'patient' | 'doctor' | 'admin', tag: string) {
  const email = `${tag}-${++made}@moderation.test`;
  const password = 'moderation-test-password';
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, `Test ${tag}`, role, await hashPassword(password)],
  );
  const client = createClient(app.url);
  await client.login(email, password);
  return { id: rows[0]!.id, client };
}
async function newAdmin(tag: string) {
  const u = await newUser('admin', tag);
  return Object.assign(u.client, { id: u.id });
}
