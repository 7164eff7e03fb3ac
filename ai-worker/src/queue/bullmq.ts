import { Queue, QueueEvents, Worker } from 'bullmq';
import { EventEmitter } from 'node:events';
import type { AddOptions, JobEvents, JobProgress, JobQueue } from './types.ts';

export interface BullQueueOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a unique one. */
  prefix?: string;
  queueName?: string;
}

/**
 * BullMQ-backed queue: durable, and progress/completion events come through QueueEvents, so the API
 * process sees progress of jobs run by a separate ai-worker process.
 */
export async function createBullQueue(opts: BullQueueOptions): Promise<JobQueue> {
  const connection = { url: opts.redisUrl, maxRetriesPerRequest: null };
  const prefix = opts.prefix ?? 'bull';
  const name = opts.queueName ?? 'ai-jobs';
  const queue = new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 24 * 3600 } },
  });
  const events = new QueueEvents(name, { connection, prefix });
  await events.waitUntilReady();
  const ev = new EventEmitter();
  const names = new Map<string, string>();
  let worker: Worker | null = null;

  events.on('progress', ({ jobId, data }) => {
    const p = (typeof data === 'object' && data ? data : { pct: Number(data) }) as Partial<JobProgress>;
    ev.emit('progress', {
      jobId,
      name: p.name ?? names.get(jobId) ?? '',
      pct: p.pct ?? 0,
      stage: p.stage ?? '',
      userId: p.userId ?? null,
    });
  });
  events.on('completed', ({ jobId, returnvalue }) =>
    ev.emit('completed', { jobId, name: names.get(jobId) ?? '', result: returnvalue }),
  );
  events.on('failed', ({ jobId, failedReason }) =>
    ev.emit('failed', { jobId, name: names.get(jobId) ?? '', error: failedReason }),
  );

  return {
    kind: 'bullmq',
    async add(jobName, data, o: AddOptions = {}) {
      const job = await queue.add(jobName, data, {
        priority: o.priority,
        jobId: o.jobId,
        attempts: o.attempts ?? 1,
      });
      names.set(job.id!, jobName);
      return job.id!;
    },
    async process(handler, o = {}) {
      worker = new Worker(
        name,
        async (job) => {
          const userId = typeof job.data?.userId === 'string' ? job.data.userId : null;
          return handler({
            id: job.id!,
            name: job.name,
            data: job.data,
            progress: (pct, stage) => job.updateProgress({ pct, stage, userId, name: job.name }),
          });
        },
        { connection, prefix, concurrency: o.concurrency ?? 2 },
      );
      await worker.waitUntilReady();
    },
    on(event, listener) {
      ev.on(event, listener as (...a: unknown[]) => void);
      return () => void ev.off(event, listener as (...a: unknown[]) => void);
    },
    async waitFor(jobId, timeoutMs = 30_000) {
      const job = await queue.getJob(jobId);
      if (!job) throw new Error(`job ${jobId} not found`);
      return job.waitUntilFinished(events, timeoutMs);
    },
    async close() {
      ev.removeAllListeners();
      await worker?.close();
      await events.close();
      await queue.close();
    },
  };
}

export type { JobEvents };
