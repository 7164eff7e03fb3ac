import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRecordsRoutes } from '../records/index.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerSummaryRoutes } from './summaries.ts';

function labReport(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.fontSize(14).text('City Diagnostics - Complete Blood Count');
    doc.fontSize(11).text(`Patient: ${DEMO_PATIENTS[0].name}   Phone: ${DEMO_PATIENTS[0].phone}`);
    doc.text('Test            Result     Units     Reference range');
    doc.text('Hemoglobin      9.1        g/dL      12.0 - 15.5');
    doc.text('WBC count       7.2        10^3/uL   4.0 - 11.0');
    doc.text('Platelets       250        10^3/uL   150 - 400');
    doc.text('Impression: low hemoglobin, suggest iron studies.');
    doc.end();
  });
}

let t: TestDb;
let app: TestApp;
let dataDir: string;
const c = {} as Record<'priya' | 'john' | 'asha', TestClient>;
let fileId: string;

beforeAll(async () => {
  t = await createTestPostgres();
  await seedDemo(t.db);
  dataDir = mkdtempSync(join(tmpdir(), 'th-summary-'));
  app = await startTestApp(t.db, {
    modules: [registerRecordsRoutes, registerSummaryRoutes],
    env: { DATA_DIR: dataDir },
  });
  for (const [k, email, pw] of [
    ['priya', DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient],
    ['john', DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient],
    ['asha', DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor],
  ] as const) {
    c[k] = createClient(app.url);
    await c[k].login(email, pw);
  }
  const res = await fetch(`${app.url}/api/v1/records/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${c.priya.token}`,
      'content-type': 'application/octet-stream',
      'x-filename': 'cbc.pdf',
    },
    body: await labReport(),
  });
  expect(res.status).toBe(201);
  fileId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('report summaries', () => {
  it('summarises a real PDF in local mode, flags values outside the printed range, and leaks no identity', async () => {
    const r = await c.priya.post(`/api/v1/records/files/${fileId}/summary`);
    expect(r.status).toBe(200);
    expect(r.body.abnormalValues.map((v: { name: string }) => v.name.toLowerCase())).toContain('hemoglobin');
    expect(r.body.abnormalValues.map((v: { name: string }) => v.name.toLowerCase())).not.toContain(
      'platelets',
    );
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('Priya');
    expect(text).not.toContain('98765');
    const { rows } = await t.db.query<{ action: string; details: { outcome: string } }>(
      `SELECT action, details FROM audit_log WHERE record_id = $1 AND action LIKE 'ai.%'`,
      [fileId],
    );
    expect(rows.map((x) => x.action)).toContain('ai.summarize');
    expect(JSON.stringify(rows)).not.toContain('Hemoglobin');
  });

  it('refuses other patients and doctors without consent', async () => {
    expect((await c.john.post(`/api/v1/records/files/${fileId}/summary`)).status).toBe(404);
    expect((await c.asha.post(`/api/v1/records/files/${fileId}/summary`)).status).toBe(404);
  });
});
