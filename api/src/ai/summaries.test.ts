import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createJobQueue, startAiWorker } from '@telehealth/ai-worker';
import { Redis } from 'ioredis';
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
const ids = {} as Record<'priya' | 'asha', string>;
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
  for (const [k, email] of [
    ['priya', DEMO_PATIENTS[0].email],
    ['asha', DEMO_DOCTORS[0].email],
  ] as const)
    ids[k] = (await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0]!.id;
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

/** Polls the status URL until the job is finished. */
async function settled(client: TestClient, statusUrl: string) {
  for (let i = 0; i < 300; i++) {
    const r = await client.get(statusUrl);
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('summary job did not finish');
}

describe('report summaries', () => {
  it('answers 202 with a job at once, stores the summary beside the file as advisory rules output, and leaks no identity', async () => {
    const frames: { event: string; data: { jobId: string; stage: string; pct: number } }[] = [];
    const listener = app.ctx.bus.listen((_topic, frame) => frames.push(JSON.parse(frame)));
    await listener.subscribe(`user:${ids.priya}`);

    const r = await c.priya.post(`/api/v1/records/files/${fileId}/summary`);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ fileId, status: 'queued', advisory: true, summary: null });
    expect(r.headers.get('location')).toBe(r.body.statusUrl);
    expect(r.body.statusUrl).toBe(`/api/v1/records/summaries/${r.body.id}`);

    const done = await settled(c.priya, r.body.statusUrl);
    expect(done.body).toMatchObject({ id: r.body.id, status: 'succeeded', source: 'rules', advisory: true });
    expect(done.body.progress.pct).toBe(100);
    expect(Date.parse(done.body.completedAt)).toBeGreaterThanOrEqual(Date.parse(done.body.requestedAt));
    const names = done.body.summary.abnormalValues.map((v: { name: string }) => v.name.toLowerCase());
    expect(names).toContain('hemoglobin');
    expect(names).not.toContain('platelets');
    const text = JSON.stringify(done.body);
    expect(text).not.toContain('Priya');
    expect(text).not.toContain('98765');

    // Stored beside the file: the file's summary is this job's.
    const stored = await c.priya.get(`/api/v1/records/files/${fileId}/summary`);
    expect(stored.status).toBe(200);
    expect(stored.body.id).toBe(r.body.id);
    const list = await c.priya.get('/api/v1/records/summaries');
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([r.body.id]);

    // The requester's socket topic heard the stages, the last one only once the row was stored.
    await expect
      .poll(() => frames.filter((f) => f.event === 'ai.progress').map((f) => f.data.stage))
      .toContain('saved');
    expect(frames.filter((f) => f.event === 'ai.progress').every((f) => f.data.jobId === r.body.id)).toBe(
      true,
    );
    await listener.close();

    const { rows } = await t.db.query<{ action: string; subject_id: string }>(
      `SELECT action, subject_id FROM audit_log WHERE record_id = $1 AND action LIKE 'ai.%'`,
      [fileId],
    );
    expect(rows).toContainEqual({ action: 'ai.summarize', subject_id: ids.priya });
    expect(JSON.stringify(rows)).not.toContain('Hemoglobin');
  });

  it('gives two requests at once the same job', async () => {
    const [a, b] = await Promise.all([
      c.priya.post(`/api/v1/records/files/${fileId}/summary`),
      c.priya.post(`/api/v1/records/files/${fileId}/summary`),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).toBe(b.body.id);
    await settled(c.priya, a.body.statusUrl);
  });

  it('refuses other patients and doctors without consent, and lets a doctor with consent read the summary (audited)', async () => {
    expect((await c.john.post(`/api/v1/records/files/${fileId}/summary`)).status).toBe(404);
    expect((await c.asha.post(`/api/v1/records/files/${fileId}/summary`)).status).toBe(404);
    const job = (await c.priya.get(`/api/v1/records/files/${fileId}/summary`)).body;
    expect((await c.john.get(`/api/v1/records/files/${fileId}/summary`)).status).toBe(404);
    expect((await c.john.get(job.statusUrl)).status).toBe(404);
    const denied = await c.asha.get(`/api/v1/records/files/${fileId}/summary`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('CONSENT_REQUIRED');
    expect((await c.asha.get(job.statusUrl)).status).toBe(403);

    const consent = await c.priya.post('/api/v1/consents', {
      doctorId: ids.asha,
      scope: 'record',
      recordId: fileId,
    });
    expect(consent.status).toBe(201);
    const seen = await c.asha.get(`/api/v1/records/files/${fileId}/summary`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: job.id, advisory: true, source: 'rules' });
    const { rows } = await t.db.query<{ actor_id: string; details: { basis: string } }>(
      `SELECT actor_id, details FROM audit_log WHERE action = 'summary.read' AND record_id = $1 AND actor_id = $2`,
      [fileId, ids.asha],
    );
    expect(rows[0]?.details.basis).toBe('consent');
    await c.priya.del(`/api/v1/consents/${consent.body.id}`);
    expect((await c.asha.get(`/api/v1/records/files/${fileId}/summary`)).status).toBe(403);
  });

  it('deletes the summary with its file', async () => {
    const res = await fetch(`${app.url}/api/v1/records/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${c.priya.token}`,
        'content-type': 'application/octet-stream',
        'x-filename': 'two.pdf',
      },
      body: await labReport(),
    });
    const id = ((await res.json()) as { id: string }).id;
    const job = (await c.priya.post(`/api/v1/records/files/${id}/summary`)).body;
    await settled(c.priya, job.statusUrl);
    expect((await c.priya.del(`/api/v1/records/files/${id}`)).status).toBe(204);
    const { rows } = await t.db.query('SELECT 1 FROM record_summaries WHERE file_id = $1', [id]);
    expect(rows).toHaveLength(0);
    expect((await c.priya.get(job.statusUrl)).status).toBe(404);
  });
});

describe('report summaries over BullMQ', () => {
  it('stores the outcome a separate worker process reports through Redis', async () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `th-summary-${randomUUID()}`;
    // The API's queue only enqueues and listens; the "worker process" consumes its own connection.
    const apiQueue = await createJobQueue({ redisUrl, prefix });
    const workerQueue = await createJobQueue({ redisUrl, prefix });
    const api = await startTestApp(t.db, {
      modules: [registerRecordsRoutes, registerSummaryRoutes],
      env: { DATA_DIR: dataDir },
      aiJobs: apiQueue,
      aiWorker: false,
    });
    try {
      await startAiWorker(workerQueue, api.ctx.ai);
      const priya = createClient(api.url);
      await priya.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
      const r = await priya.post(`/api/v1/records/files/${fileId}/summary`);
      expect(r.status).toBe(202);
      const done = await settled(priya, r.body.statusUrl);
      expect(done.body).toMatchObject({ id: r.body.id, status: 'succeeded', source: 'rules' });
      expect(done.body.summary.abnormalValues.length).toBeGreaterThan(0);
    } finally {
      await api.close();
      await workerQueue.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
