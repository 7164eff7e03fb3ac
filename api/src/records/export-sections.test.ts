import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { registerAiRoutes } from '../ai/routes.ts';
import { DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { exportSections } from './export-sections.ts';
import { registerRecordsRoutes } from './routes.ts';
import { readZip } from './zip.testutil.ts';

// The embedded database: the export's queries must run on PGlite as well as PostgreSQL.
let t: TestDb;
let app: TestApp;
let ids: DemoIds;
let dataDir: string;
const c = {} as Record<'priya' | 'john', TestClient>;

/** A paid appointment, its payment, a chat with its doctor and a wallet, straight into the tables. */
async function history(patientId: string, doctorId: string, marker: string, hoursAhead: number) {
  const appt = (
    await t.db.query<{ id: string }>(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency)
       VALUES ($1, $2, now() + make_interval(hours => $3), now() + make_interval(hours => $3, mins => 30),
               now() + make_interval(hours => $3, mins => 30), 'confirmed', 50000, 'INR') RETURNING id`,
      [doctorId, patientId, hoursAhead],
    )
  ).rows[0]!.id;
  await t.db.query(
    `INSERT INTO payments (patient_id, purpose, appointment_id, method, currency, amount_minor, wallet_minor, status)
     VALUES ($1, 'appointment', $2, 'wallet', 'INR', 50000, 50000, 'succeeded')`,
    [patientId, appt],
  );
  await t.db.query(
    `INSERT INTO ledger_accounts (kind, key, owner_id, currency, balance_minor) VALUES ('wallet', $1, $2, 'INR', 150000)
     ON CONFLICT DO NOTHING`,
    [`wallet:${patientId}`, patientId],
  );
  const conv = (
    await t.db.query<{ id: string }>(
      `INSERT INTO conversations (appointment_id, last_seq) VALUES ($1, 1) RETURNING id`,
      [appt],
    )
  ).rows[0]!.id;
  await t.db.query(
    `INSERT INTO conversation_participants (conversation_id, user_id, role) VALUES ($1, $2, 'patient'), ($1, $3, 'doctor')`,
    [conv, patientId, doctorId],
  );
  await t.db.query(
    `INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body) VALUES ($1, 1, $2, 'm1', $3)`,
    [conv, doctorId, marker],
  );
}

beforeAll(async () => {
  t = await createTestPglite();
  ids = (await seedDemo(t.db))!;
  dataDir = mkdtempSync(join(tmpdir(), 'th-export-'));
  app = await startTestApp(t.db, {
    modules: [registerRecordsRoutes, registerAiRoutes],
    env: { DATA_DIR: dataDir },
  });
  for (const [k, p] of [
    ['priya', DEMO_PATIENTS[0]],
    ['john', DEMO_PATIENTS[1]],
  ] as const) {
    c[k] = createClient(app.url);
    await c[k].login(p.email, DEMO_PASSWORDS.patient);
  }
  await history(ids.patientIds[0]!, ids.doctorIds[0]!, 'Take the tablets after food', 48);
  await history(ids.patientIds[1]!, ids.doctorIds[0]!, 'John only: rest your knee', 72);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the export’s sections', () => {
  it('puts profile, appointments, payments, chat, triage and summaries in the zip, listed in me.json, and only mine', async () => {
    const check = await c.priya.post('/api/v1/triage', {
      symptoms: 'Sore throat for two days, no fever',
      age: 29,
      sex: 'female',
    });
    expect(check.status).toBe(201);
    const own = await c.priya.post(`/api/v1/triage/${check.body.id}/override`, {
      priority: 'urgent',
      reason: 'It is much worse at night',
    });
    expect(own.status).toBe(200);
    await c.john.post('/api/v1/triage', {
      symptoms: 'John only: knee pain after football',
      age: 40,
      sex: 'male',
    });

    const res = await fetch(`${app.url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${c.priya.token}` },
    });
    expect(res.status).toBe(200);
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    const json = (name: string) => JSON.parse(zip.get(name)!.toString('utf8'));
    const me = json('me.json');
    expect(me.sections.map((s: { file: string }) => s.file)).toEqual(exportSections().map((s) => s.file));
    for (const s of exportSections()) expect(zip.has(s.file)).toBe(true);

    expect(json('profile.json')).toMatchObject({ email: DEMO_PATIENTS[0].email, role: 'patient' });
    expect(json('appointments.json')).toContainEqual(
      expect.objectContaining({ status: 'confirmed', priceMinor: 50000, currency: 'INR' }),
    );
    const pay = json('payments.json');
    expect(pay.payments).toContainEqual(expect.objectContaining({ amountMinor: 50000, status: 'succeeded' }));
    expect(pay.wallets).toContainEqual({ currency: 'INR', balanceMinor: 150000 });
    const chat = json('chat.json');
    expect(chat[0].messages[0]).toMatchObject({ body: 'Take the tablets after food', seq: 1 });
    expect(chat[0].participants.map((p: { role: string }) => p.role).sort()).toEqual(['doctor', 'patient']);
    const triage = json('triage.json');
    expect(triage).toHaveLength(1);
    expect(triage[0].overrides).toEqual([
      expect.objectContaining({ to: 'urgent', byRole: 'patient', reason: 'It is much worse at night' }),
    ]);
    expect(json('summaries.json')).toEqual([]);
    // Nothing of another patient's.
    expect([...zip.values()].map((b) => b.toString('utf8')).join('\n')).not.toContain('John only');
  });
});
