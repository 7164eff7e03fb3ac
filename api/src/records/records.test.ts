import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import type { RouteBuilder } from '../http/route.ts';
import { createLocalStore } from '../storage/index.ts';
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
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { ciphertextSize, createKeyring, DecryptionError } from './crypto.ts';
import { findFile, openFileContent, type Vault } from './files.ts';
import { rotateDataKeys } from './rotation.ts';
import { registerRecordsRoutes } from './routes.ts';
import { readZip } from './zip.testutil.ts';

const K1 = { id: 'k1', key: Buffer.alloc(32, 7) }; // TEST_SECRETS.RECORDS_MASTER_KEY
const K2 = { id: 'k2', key: randomBytes(32) };

const pdf = (marker: string, size = 3000) => {
  const head = Buffer.from(`%PDF-1.7\n% ${marker}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), `${marker} `)]);
};
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);

// The same flows on the real PostgreSQL server and on embedded PGlite.
describe.each(Object.entries(testDbFactories))('records vault over HTTP on %s', (_kind, factory) => {
  let t: TestDb;
  let app: TestApp;
  let ids: DemoIds;
  let dataDir: string;
  let vault: Vault;
  const c: Record<'priya' | 'john' | 'amelia' | 'asha' | 'vikram' | 'meera' | 'admin', TestClient> =
    {} as never;
  let priyaFile: string;

  beforeAll(async () => {
    t = await factory();
    ids = (await seedDemo(t.db))!;
    dataDir = mkdtempSync(join(tmpdir(), 'th-records-'));
    vault = {
      store: createLocalStore(join(dataDir, 'files')),
      keyring: createKeyring(K1),
      maxUploadBytes: 100_000,
    };
    const mod = (route: RouteBuilder, ctx: AppContext) => registerRecordsRoutes(route, ctx, vault);
    app = await startTestApp(t.db, { modules: [mod], env: { DATA_DIR: dataDir } });
    const logins: [keyof typeof c, string, string][] = [
      ['priya', DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient],
      ['john', DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient],
      ['amelia', DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient],
      ['asha', DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor],
      ['vikram', DEMO_DOCTORS[1].email, DEMO_PASSWORDS.doctor],
      ['meera', DEMO_DOCTORS[2].email, DEMO_PASSWORDS.doctor],
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
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (
    who: TestClient,
    body: Buffer,
    opts: { name?: string; type?: string; query?: string } = {},
  ) => {
    const res = await fetch(`${app.url}/api/v1/records/files${opts.query ?? ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${who.token}`,
        'content-type': opts.type ?? 'application/octet-stream',
        ...(opts.name ? { 'x-filename': encodeURIComponent(opts.name) } : {}),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const download = async (who: TestClient, id: string) => {
    const res = await fetch(`${app.url}/api/v1/records/files/${id}/content`, {
      headers: { authorization: `Bearer ${who.token}` },
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  /**
   * An appointment between doctor and patient. Once booking's appointments table exists, visit
   * records written "for an appointment" must match a real one, so the test makes one (columns as
   * booking defines them); before that, any id is taken on trust.
   */
  let apptDay = 0;
  const hasAppointments = async () =>
    (
      await t.db.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'appointments'`,
      )
    ).rows.length > 0;
  const appointment = async (doctorId: string, patientId: string): Promise<string> => {
    if (!(await hasAppointments())) return randomUUID();
    apptDay++;
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency)
       VALUES ($1, $2, now() - make_interval(days => $3::int), now() - make_interval(days => $3::int) + interval '30 minutes',
               now() - make_interval(days => $3::int) + interval '30 minutes', 'completed', 0, 'INR') RETURNING id`,
      [doctorId, patientId, apptDay],
    );
    return rows[0]!.id;
  };
  const auditRows = async (action: string, subject: string) =>
    (
      await t.db.query<any>('SELECT * FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY seq', [
        action,
        subject,
      ])
    ).rows;

  it('stores uploads encrypted, with the type detected from the bytes, and serves them back', async () => {
    const body = pdf('PLAINTEXT-MARKER-7431', 150_000 - 60_000);
    // The declared type is a lie; the bytes decide.
    const r = await upload(c.priya, body, { name: 'Blood test – März.pdf', type: 'image/png' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      mediaType: 'application/pdf',
      filename: 'Blood test – März.pdf',
      sizeBytes: body.length,
      patientId: ids.patientIds[0],
    });
    priyaFile = r.body.id;

    const onDisk = readFileSync(join(dataDir, 'files', priyaFile.slice(0, 2), `${priyaFile}.enc`));
    expect(onDisk.length).toBe(ciphertextSize(body.length));
    expect(onDisk.includes(Buffer.from('PLAINTEXT-MARKER'))).toBe(false);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);

    const d = await download(c.priya, priyaFile);
    expect(d.status).toBe(200);
    expect(d.bytes.equals(body)).toBe(true);
    expect(d.headers.get('content-type')).toBe('application/pdf');
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Blood%20test%20%E2%80%93%20M%C3%A4rz.pdf",
    );
    expect(d.headers.get('cache-control')).toContain('no-store');

    const png1 = await upload(c.priya, png(), { query: '?filename=scan.png' });
    expect(png1.body).toMatchObject({ mediaType: 'image/png', filename: 'scan.png' });
    expect((await auditRows('file.upload', ids.patientIds[0]!)).length).toBe(2);
  });

  it('rejects unsupported types (415) and oversize bodies (413), storing nothing', async () => {
    // Left behind by a crash a day ago: swept by the next upload.
    await t.db.query(
      `INSERT INTO record_files (id, patient_id, status, media_type, storage_key, chunk_size, nonce_prefix, key_id, wrapped_key, created_at)
       VALUES ($1, $2, 'pending', 'application/pdf', $3, 65536, '\\x00', 'k1', '\\x00', now() - interval '2 days')`,
      [
        '0badf11e-0000-4000-8000-000000000000',
        ids.patientIds[0],
        '0b/0badf11e-0000-4000-8000-000000000000.enc',
      ],
    );
    const html = await upload(c.priya, Buffer.from('<html><script>alert(1)</script></html>'), {
      name: 'x.pdf',
      type: 'application/pdf',
    });
    expect(html.status).toBe(415);
    expect(html.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await upload(c.priya, pdf('big', 100_001));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Streamed without a length: the limit is enforced while reading.
    const chunked = await fetch(`${app.url}/api/v1/records/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.priya.token}`, 'content-type': 'application/octet-stream' },
      body: new ReadableStream({
        start(ctl) {
          ctl.enqueue(pdf('chunked', 60_000));
          ctl.enqueue(Buffer.alloc(60_000, 1));
          ctl.close();
        },
      }),
      duplex: 'half',
    } as RequestInit).catch((e: Error) => e);
    if (!(chunked instanceof Error)) expect(chunked.status).toBe(413);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_files WHERE status <> 'ready'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("keeps patients out of each other's records", async () => {
    expect((await download(c.john, priyaFile)).status).toBe(404);
    expect((await c.john.get(`/api/v1/records?patientId=${ids.patientIds[0]}`)).status).toBe(404);
    expect((await c.john.del(`/api/v1/records/files/${priyaFile}`)).status).toBe(404);
    expect((await c.admin.get(`/api/v1/records/files/${priyaFile}/content`)).status).toBe(403);
    const mine = await c.john.get('/api/v1/records');
    expect(mine.status).toBe(200);
    expect(mine.body.files).toEqual([]);
  });

  it('lets a doctor read only with consent: refused, granted, revoked, and per record', async () => {
    const priyaId = ids.patientIds[0]!;
    const vikramId = ids.doctorIds[1]!;
    expect((await upload(c.vikram, pdf('x'), { query: `?patientId=${priyaId}` })).status).toBe(403);
    expect((await upload(c.vikram, pdf('x'))).body.error.code).toBe('PATIENT_REQUIRED');
    const refused = await download(c.vikram, priyaFile);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.bytes.toString()).error.code).toBe('CONSENT_REQUIRED');
    expect((await c.vikram.get(`/api/v1/records?patientId=${priyaId}`)).status).toBe(403);

    const grant = await c.priya.post('/api/v1/consents', { doctorId: vikramId });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ scope: 'all', active: true, doctorName: 'Dr. Vikram Mehta' });
    expect((await download(c.vikram, priyaFile)).status).toBe(200);
    const list = await c.vikram.get(`/api/v1/records?patientId=${priyaId}`);
    expect(list.body.access).toBe('full');
    expect(list.body.files).toHaveLength(2);
    expect((await c.vikram.get('/api/v1/consents')).body.map((x: any) => x.id)).toContain(grant.body.id);

    expect((await c.priya.del(`/api/v1/consents/${grant.body.id}`)).status).toBe(204);
    expect((await download(c.vikram, priyaFile)).status).toBe(403);
    expect((await c.john.del(`/api/v1/consents/${grant.body.id}`)).status).toBe(404);

    // One record only.
    const one = await c.priya.post('/api/v1/consents', {
      doctorId: vikramId,
      scope: 'record',
      recordId: priyaFile,
    });
    expect(one.body).toMatchObject({ scope: 'record', recordType: 'file', recordId: priyaFile });
    expect((await download(c.vikram, priyaFile)).status).toBe(200);
    const partial = await c.vikram.get(`/api/v1/records?patientId=${priyaId}`);
    expect(partial.body.access).toBe('partial');
    expect(partial.body.files.map((f: any) => f.id)).toEqual([priyaFile]);

    // Expiry is enforced by the clock of the database.
    await t.db.query(`UPDATE consents SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      one.body.id,
    ]);
    expect((await download(c.vikram, priyaFile)).status).toBe(403);
    expect(
      (await c.priya.post('/api/v1/consents', { doctorId: vikramId, until: '2001-01-01T00:00:00Z' })).body
        .error.code,
    ).toBe('UNTIL_IN_PAST');
    expect((await c.priya.post('/api/v1/consents', { doctorId: ids.patientIds[1] })).status).toBe(404);

    const reads = await auditRows('file.read', priyaId);
    expect(reads.filter((r) => r.actor_id === vikramId).map((r) => r.details.basis)).toEqual([
      'consent',
      'consent',
    ]);
    const denied = await auditRows('record.access_denied', priyaId);
    expect(denied.filter((r) => r.actor_id === vikramId).length).toBeGreaterThanOrEqual(4);
    expect((await auditRows('consent.revoke', priyaId)).length).toBe(1);
  });

  it('writes visit records, shows them to the patient, exports PDFs, and keeps others out', async () => {
    const johnId = ids.patientIds[1]!;
    const visit = {
      patientId: johnId,
      notes: 'Persistent cough for two weeks.',
      diagnoses: [{ code: 'R05', description: 'Cough' }],
      vitals: { temperatureC: 37.2, pulseBpm: 80, spo2Percent: 97 },
      prescriptions: [
        {
          drug: 'Dextromethorphan',
          dose: '10 mg',
          route: 'oral',
          frequency: 'every 8 hours',
          duration: '5 days',
        },
      ],
      labResults: [{ test: 'CRP', value: '3', unit: 'mg/L', referenceRange: '< 5', flag: 'normal' }],
    };
    const refused = await c.vikram.post('/api/v1/records/visits', visit);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONSENT_REQUIRED');
    expect((await c.john.post('/api/v1/records/visits', visit)).status).toBe(403);

    const appointmentId = await appointment(ids.doctorIds[1]!, johnId);
    if (await hasAppointments()) {
      // Someone else's appointment does not open this patient's record.
      const elsewhere = await appointment(ids.doctorIds[1]!, ids.patientIds[0]!);
      const wrongAppt = await c.vikram.post('/api/v1/records/visits', { ...visit, appointmentId: elsewhere });
      expect(wrongAppt.body.error.code).toBe('APPOINTMENT_MISMATCH');
    }
    const made = await c.vikram.post('/api/v1/records/visits', { ...visit, appointmentId });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      patientId: johnId,
      doctorName: 'Dr. Vikram Mehta',
      appointmentId,
      diagnoses: visit.diagnoses,
    });
    expect(made.body.prescriptions[0]).toMatchObject({
      drug: 'Dextromethorphan',
      route: 'oral',
      instructions: null,
    });

    const mine = await c.john.get(`/api/v1/records/visits/${made.body.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.labResults[0]).toMatchObject({ test: 'CRP', flag: 'normal' });
    expect((await c.john.get('/api/v1/records')).body.visits.map((v: any) => v.id)).toContain(made.body.id);
    // The author reads their own record without consent.
    expect((await c.vikram.get(`/api/v1/records/visits/${made.body.id}`)).status).toBe(200);
    const authorList = await c.vikram.get(`/api/v1/records?patientId=${johnId}`);
    expect(authorList.body).toMatchObject({ access: 'partial' });
    expect(authorList.body.visits).toHaveLength(1);

    expect((await c.priya.get(`/api/v1/records/visits/${made.body.id}`)).status).toBe(404);
    expect((await c.asha.get(`/api/v1/records/visits/${made.body.id}`)).status).toBe(403);

    const pdfRes = await fetch(`${app.url}/api/v1/records/visits/${made.body.id}/pdf`, {
      headers: { authorization: `Bearer ${c.john.token}` },
    });
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdfRes.arrayBuffer());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const rx = await fetch(`${app.url}/api/v1/records/prescriptions/${made.body.prescriptions[0].id}/pdf`, {
      headers: { authorization: `Bearer ${c.john.token}` },
    });
    expect(rx.status).toBe(200);
    expect(
      Buffer.from(await rx.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The prescription is the patient's document: in their language, whoever downloads it.
    expect((await c.john.patch('/api/v1/me', { locale: 'hi' })).status).toBe(200);
    const rxHindi = await fetch(
      `${app.url}/api/v1/records/prescriptions/${made.body.prescriptions[0].id}/pdf`,
      {
        headers: { authorization: `Bearer ${c.vikram.token}` },
      },
    );
    const parser = new PDFParse({ data: new Uint8Array(await rxHindi.arrayBuffer()) });
    const rxText = (await parser.getText()).text;
    await parser.destroy();
    expect(rxText).toContain('दवा: Dextromethorphan');
    expect(rxText).toContain('खुराक: 10 mg');
    expect(rxText).not.toMatch(/\b(Drug|Dose|Patient|Prescription)\b/);
    await c.john.patch('/api/v1/me', { locale: 'en' });
    const rxOther = await fetch(
      `${app.url}/api/v1/records/prescriptions/${made.body.prescriptions[0].id}/pdf`,
      {
        headers: { authorization: `Bearer ${c.asha.token}` },
      },
    );
    expect(rxOther.status).toBe(403);
    expect((await auditRows('visit.create', johnId))[0].details).toMatchObject({
      basis: 'appointment',
      appointmentId,
    });
    expect((await auditRows('visit.export_pdf', johnId)).length).toBe(1);
    // John's download and Dr. Mehta's (the Hindi one) are both audited.
    expect((await auditRows('prescription.export_pdf', johnId)).length).toBe(2);
  });

  it('grants emergency access at once, notifies the patient, logs it, and lets admins review it', async () => {
    const johnId = ids.patientIds[1]!;
    const meeraId = ids.doctorIds[2]!;
    const jf = await upload(c.john, pdf('john-scan'));
    expect(jf.status).toBe(201);
    expect((await download(c.meera, jf.body.id)).status).toBe(403);
    expect(
      (
        await c.meera.post('/api/v1/emergency-access', {
          patientId: johnId,
          reasonCode: 'unconscious_patient',
          justification: 'short',
        })
      ).status,
    ).toBe(400);

    const justification = 'Unconscious in the emergency department, need allergy and medication history.';
    const g = await c.meera.post('/api/v1/emergency-access', {
      patientId: johnId,
      reasonCode: 'unconscious_patient',
      justification,
    });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({
      active: true,
      reviewStatus: 'pending',
      reasonCode: 'unconscious_patient',
      justification,
      doctorName: 'Dr. Meera Iyer',
    });
    const hours = (Date.parse(g.body.expiresAt) - Date.parse(g.body.grantedAt)) / 3_600_000;
    expect(hours).toBeCloseTo(4, 5);

    expect((await download(c.meera, jf.body.id)).status).toBe(200);
    // During the emergency the doctor may also add to the record (e.g. an ED report).
    const report = await upload(c.meera, pdf('ed-report'), { query: `?patientId=${johnId}` });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ patientId: johnId, uploadedBy: meeraId });
    const read = (await auditRows('file.read', johnId)).find((r) => r.actor_id === meeraId);
    expect(read).toMatchObject({
      reason: 'emergency access',
      details: { basis: 'emergency', emergencyAccessId: g.body.id },
    });
    expect((await auditRows('emergency.grant', johnId))[0]).toMatchObject({
      reason: `unconscious_patient: ${justification}`,
      actor_id: meeraId,
    });

    await app.flushEmails();
    const mail = (
      await t.db.query<{ subject: string; text_body: string }>(
        'SELECT subject, text_body FROM dev_mailbox WHERE to_address = $1',
        [DEMO_PATIENTS[1].email],
      )
    ).rows;
    expect(mail.map((m) => m.subject)).toContain('A doctor used emergency access to your records');
    expect(mail.find((m) => m.subject.includes('emergency'))!.text_body).toContain('Dr. Meera Iyer');

    expect((await c.john.get('/api/v1/emergency-access')).body.items[0]).toMatchObject({
      id: g.body.id,
      justification,
    });
    expect((await c.meera.get('/api/v1/admin/emergency-access')).status).toBe(403);
    const pending = await c.admin.get('/api/v1/admin/emergency-access?status=pending');
    expect(pending.body.items.map((x: any) => x.id)).toContain(g.body.id);

    const flagged = await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, {
      decision: 'flagged',
      note: 'No ED admission on record',
    });
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({
      reviewStatus: 'flagged',
      active: false,
      reviewNote: 'No ED admission on record',
    });
    expect((await download(c.meera, jf.body.id)).status).toBe(403);
    expect((await upload(c.meera, pdf('late'), { query: `?patientId=${johnId}` })).status).toBe(403);
    // What they uploaded under the flagged grant is quarantined: gone for them and for the patient.
    expect((await download(c.meera, report.body.id)).status).toBe(404);
    expect((await download(c.john, report.body.id)).status).toBe(404);
    expect(
      (await c.admin.post(`/api/v1/admin/emergency-access/${g.body.id}/review`, { decision: 'approved' }))
        .status,
    ).toBe(409);
    expect((await auditRows('emergency.flag', johnId)).length).toBe(1);
  });

  it('fails cleanly on a flipped byte and keeps files readable across key rotation', async () => {
    const body = pdf('rotate-me', 40_000);
    const r = await upload(c.amelia, body);
    const path = join(dataDir, 'files', r.body.id.slice(0, 2), `${r.body.id}.enc`);
    const original = readFileSync(path);
    const flipped = Buffer.from(original);
    flipped[1000] = flipped[1000]! ^ 0x01;
    writeFileSync(path, flipped);
    const bad = await download(c.amelia, r.body.id);
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.bytes.toString()).error.code).toBe('FILE_INTEGRITY_FAILED');
    const row = (await findFile(t.db, r.body.id))!;
    const it2 = await openFileContent(vault, row);
    await expect(it2.next()).rejects.toThrow(DecryptionError);
    await expect(openFileContent(vault, row).then((g) => g.next())).rejects.toThrow(
      /chunk 0 \(last\) failed authentication/,
    );
    writeFileSync(path, original);

    // Rotate k1 -> k2: data keys are re-wrapped, file bytes untouched.
    const rotated = await rotateDataKeys(t.db, createKeyring(K2, [K1]), { batchSize: 2 });
    expect(rotated.rewrapped).toBeGreaterThanOrEqual(4);
    expect(rotated).toMatchObject({ remaining: 0, currentKeyId: 'k2', fromKeyIds: ['k1'] });
    expect(readFileSync(path).equals(original)).toBe(true);
    const after = (await findFile(t.db, r.body.id))!;
    expect(after.key_id).toBe('k2');
    const onlyK2: Vault = { ...vault, keyring: createKeyring(K2) };
    const parts: Buffer[] = [];
    for await (const p of await openFileContent(onlyK2, after)) parts.push(p);
    expect(Buffer.concat(parts).equals(body)).toBe(true);
    // The running app (k1 only) can no longer unwrap: it says so instead of serving garbage.
    expect((await download(c.amelia, r.body.id)).status).toBe(503);
    vault.keyring = createKeyring(K2, [K1]);
    expect((await download(c.amelia, r.body.id)).bytes.equals(body)).toBe(true);
    expect(
      (await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'keys.rotate'`)).rows.length,
    ).toBeGreaterThan(0);
  });

  it('exports everything about me as a streamed zip with decrypted files', async () => {
    const res = await fetch(`${app.url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${c.priya.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const entries = readZip(Buffer.from(await res.arrayBuffer()));
    const me = JSON.parse(entries.get('me.json')!.toString());
    expect(me.profile.email).toBe(DEMO_PATIENTS[0].email);
    expect(me.files).toHaveLength(2);
    expect(me.consents.length).toBeGreaterThanOrEqual(2);
    expect(me.accessLog.some((e: any) => e.action === 'file.read' && e.actorId === ids.doctorIds[1])).toBe(
      true,
    );
    const pdfEntry = me.files.find((f: any) => f.mediaType === 'application/pdf');
    const decrypted = entries.get(pdfEntry.path)!;
    expect(decrypted.subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(decrypted.length).toBe(pdfEntry.sizeBytes);
    expect((await auditRows('account.export', ids.patientIds[0]!)).length).toBe(1);
  });

  it('erases an account: files and profile gone, visit records and audit retained', async () => {
    const ameliaId = ids.patientIds[2]!;
    const f = await upload(c.amelia, png());
    const v = await c.asha.post('/api/v1/records/visits', {
      patientId: ameliaId,
      appointmentId: await appointment(ids.doctorIds[0]!, ameliaId),
      notes: 'Follow-up.',
    });
    expect(v.status).toBe(201);
    const wrong = await c.amelia.request('DELETE', '/api/v1/me', {
      password: 'wrong-password',
      confirm: 'ERASE',
    });
    expect(wrong.status).toBe(403);
    expect(
      (await c.amelia.request('DELETE', '/api/v1/me', { password: DEMO_PASSWORDS.patient })).status,
    ).toBe(400);
    const done = await c.amelia.request('DELETE', '/api/v1/me', {
      password: DEMO_PASSWORDS.patient,
      confirm: 'ERASE',
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ erased: true, filesErased: 2, visitsRetained: 1 });

    expect(existsSync(join(dataDir, 'files', f.body.id.slice(0, 2), `${f.body.id}.enc`))).toBe(false);
    const fileRow = (await t.db.query<any>('SELECT * FROM record_files WHERE id = $1', [f.body.id])).rows[0];
    expect(fileRow).toMatchObject({ status: 'deleted', wrapped_key: null, filename: null });
    const user = (await t.db.query<any>('SELECT * FROM users WHERE id = $1', [ameliaId])).rows[0];
    expect(user).toMatchObject({ name: 'Erased account', phone: null, status: 'suspended' });
    expect(user.email).toMatch(/^erased\+.*@erased\.invalid$/);
    expect(
      (await t.db.query('SELECT 1 FROM visit_records WHERE patient_id = $1', [ameliaId])).rows,
    ).toHaveLength(1);
    expect((await auditRows('account.erase', ameliaId)).length).toBe(1);
    expect((await c.amelia.get('/api/v1/records')).status).toBe(403);
    expect(
      (
        await createClient(app.url).post('/api/v1/auth/login', {
          email: DEMO_PATIENTS[2].email,
          password: DEMO_PASSWORDS.patient,
        })
      ).status,
    ).toBe(401);
    expect(
      (await c.asha.request('DELETE', '/api/v1/me', { password: DEMO_PASSWORDS.doctor, confirm: 'ERASE' }))
        .status,
    ).toBe(403);
  });

  it('gives admins a filtered, paginated audit explorer and a verify that pinpoints tampering', async () => {
    const priyaId = ids.patientIds[0]!;
    expect((await c.asha.get('/api/v1/admin/audit')).status).toBe(403);
    const page = await c.admin.get(`/api/v1/admin/audit?subjectId=${priyaId}&action=file.&pageSize=3`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(3);
    expect(page.body.total).toBeGreaterThan(3);
    expect(page.body.items.every((e: any) => e.subjectId === priyaId && e.action.startsWith('file.'))).toBe(
      true,
    );
    const byActor = await c.admin.get(`/api/v1/admin/audit?actorId=${ids.doctorIds[1]}&action=file.read`);
    expect(
      byActor.body.items.every((e: any) => e.actorId === ids.doctorIds[1] && e.action === 'file.read'),
    ).toBe(true);
    const future = await c.admin.get(
      `/api/v1/admin/audit?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`,
    );
    expect(future.body.total).toBe(0);

    const ok = await c.admin.get('/api/v1/admin/audit/verify');
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.checked).toBe(ok.body.headSeq);

    // A tamperer with superuser rights edits one entry behind the triggers' back.
    const target = (
      await t.db.query<{ seq: number; id: string }>(
        `SELECT seq, id FROM audit_log WHERE action = 'emergency.grant'`,
      )
    ).rows[0]!;
    await t.db.tx(async (q) => {
      await q.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await q.query(`UPDATE audit_log SET reason = 'routine check' WHERE seq = $1`, [target.seq]);
      await q.query('ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete');
    });
    const broken = await c.admin.get('/api/v1/admin/audit/verify');
    expect(broken.body).toMatchObject({
      ok: false,
      firstBroken: { seq: Number(target.seq), id: target.id, problem: 'hash_mismatch' },
    });
  });
});
