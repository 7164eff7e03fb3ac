import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createAiService } from '../service.ts';
import { JOB_PRIORITY, startAiWorker } from '../worker.ts';
import { createJobQueue } from './index.ts';
import type { JobProgress, JobQueue } from './types.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-ai-${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  // Remove every key this file created.
  const r = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await r.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await r.quit();
});

async function exercise(queue: JobQueue) {
  const ai = createAiService({});
  const progress: JobProgress[] = [];
  queue.on('progress', (p) => progress.push(p));
  await startAiWorker(queue, ai, { concurrency: 1 });
  const t = await queue.add(
    'triage',
    { userId: 'u1', input: { symptoms: 'face drooping and slurred speech', age: 70 } },
    { priority: JOB_PRIORITY.triage },
  );
  const s = await queue.add(
    'summarize',
    {
      userId: 'u2',
      document: {
        kind: 'text',
        text: 'Patient: Ravi Kumar\nHemoglobin 9.1 g/dL 12.0 - 15.0\nImpression: anaemia',
      },
    },
    { priority: JOB_PRIORITY.summarize },
  );
  const tr = (await queue.waitFor(t, 15_000)) as { priority: string };
  const sr = (await queue.waitFor(s, 15_000)) as {
    ok: boolean;
    summary: { abnormalValues: Array<{ name: string }>; keyFindings: string[] };
  };
  expect(tr.priority).toBe('emergency');
  expect(sr.ok).toBe(true);
  expect(sr.summary.abnormalValues.map((a) => a.name)).toEqual(['Hemoglobin']);
  expect(JSON.stringify(sr)).not.toContain('Ravi');
  // Progress arrives through the queue's events, tagged with the user for socket routing.
  await expect
    .poll(() => progress.filter((p) => p.jobId === s).map((p) => p.stage))
    .toEqual(['extracting', 'redacting', 'done']);
  expect(progress.find((p) => p.jobId === s)?.userId).toBe('u2');
  await ai.close();
}

describe('job queue', () => {
  it('in-process queue runs jobs, reports progress and failures', async () => {
    const q = await createJobQueue();
    expect(q.kind).toBe('memory');
    await exercise(q);
    const bad = await q.add('nope' as never, {});
    await expect(q.waitFor(bad, 2000)).rejects.toThrow(/unknown job/);
    await q.close();
  });

  it('BullMQ on real Redis: same interface, durable jobs, events across connections', async () => {
    const q = await createJobQueue({ redisUrl: REDIS_URL, prefix });
    expect(q.kind).toBe('bullmq');
    await exercise(q);
    await q.close();
  });

  it('in-process queue runs higher-priority (lower number) jobs first', async () => {
    const q = await createJobQueue();
    const order: string[] = [];
    await q.add('summarize', { tag: 'routine' }, { priority: 5 });
    await q.add('triage', { tag: 'triage' }, { priority: 1 });
    await q.process(async (j) => void order.push((j.data as { tag: string }).tag), { concurrency: 1 });
    await expect.poll(() => order.length).toBe(2);
    expect(order).toEqual(['triage', 'routine']);
    await q.close();
  });
});
