import { createJobQueue } from '@telehealth/ai-worker';
import { createSfu, type Sfu } from '@telehealth/sfu';
import { MEDIASOUP_AVAILABLE, workerBinary } from '@telehealth/sfu/testing/env';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { instrumentJobQueue, registerLiveMetrics } from './live-metrics.ts';

/** One sample's value from the exposition text (labels as written, e.g. `{worker="0"}`). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

let t: TestDb;
let sfu: Sfu | undefined;

beforeAll(async () => {
  t = await createTestPostgres({ max: 2 });
  const bin = workerBinary();
  if (MEDIASOUP_AVAILABLE)
    sfu = await createSfu({ workers: 1, rtcPortBase: 0, ...(bin ? { workerBin: bin } : {}) });
});
afterAll(async () => {
  await sfu?.close();
  await t?.drop();
});

describe('/metrics for the live parts', () => {
  it('reports the email outbox: due and unsent, and the age of the oldest', async () => {
    const registry = new Registry();
    registerLiveMetrics(registry, { db: t.db });
    expect(sample(await registry.metrics(), 'email_outbox_due')).toBe(0);
    await t.db.query(
      `INSERT INTO outbox_emails (to_address, template, subject, html, text_body, send_after)
       VALUES ('a@x.test', 't', 's', 'h', 'b', now() - interval '90 seconds'),
              ('b@x.test', 't', 's', 'h', 'b', now() + interval '1 hour')`,
    );
    const text = await registry.metrics();
    // The reminder due in an hour is not backlog.
    expect(sample(text, 'email_outbox_due')).toBe(1);
    expect(sample(text, 'email_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(90);
  });

  it('reports AI jobs waiting and their latency by job and outcome', async () => {
    const registry = new Registry();
    const queue = instrumentJobQueue(await createJobQueue({}));
    registerLiveMetrics(registry, { aiJobs: queue });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await queue.process(async (job) => {
      await gate;
      if ((job.data as { fail?: boolean }).fail) throw new Error('no');
      return { ok: true };
    });
    const ids = [
      await queue.add('summarize', { userId: null }),
      await queue.add('summarize', { userId: null, fail: true }),
    ];
    expect(sample(await registry.metrics(), 'ai_jobs_in_queue')).toBe(2);
    release();
    await Promise.allSettled(ids.map((id) => queue.waitFor(id, 5_000)));
    const text = await registry.metrics();
    expect(sample(text, 'ai_jobs_in_queue')).toBe(0);
    expect(sample(text, 'ai_job_duration_seconds_count', '{job="summarize",outcome="completed"}')).toBe(1);
    expect(sample(text, 'ai_job_duration_seconds_count', '{job="summarize",outcome="failed"}')).toBe(1);
    await queue.close();
  });

  it.skipIf(!MEDIASOUP_AVAILABLE)('reports SFU workers, what runs on each, and their CPU', async () => {
    const registry = new Registry();
    registerLiveMetrics(registry, { sfu: sfu! });
    const room = await sfu!.getOrCreateRoom('metrics-room');
    const joined = await room.join('peer-1', { role: 'doctor', displayName: 'D' });
    if (!joined.ok) throw new Error(joined.code);
    const sendT = await joined.value.peer.createWebRtcTransport({ direction: 'send' });
    expect(sendT.ok).toBe(true);
    const text = await registry.metrics();
    expect(sample(text, 'sfu_workers')).toBe(1);
    expect(sample(text, 'sfu_rooms')).toBe(1);
    expect(sample(text, 'sfu_routers', '{worker="0"}')).toBe(1);
    expect(sample(text, 'sfu_transports', '{worker="0"}')).toBe(1);
    expect(sample(text, 'sfu_consumers', '{worker="0"}')).toBe(0);
    expect(sample(text, 'sfu_worker_cpu_seconds_total', '{worker="0"}')).toBeGreaterThan(0);
    room.close('closed');
  });
});
