import { createBullQueue } from './bullmq.ts';
import { createMemoryQueue } from './memory.ts';
import type { JobQueue } from './types.ts';

export * from './types.ts';

/** BullMQ on Redis when redisUrl is set, the in-process queue otherwise — same interface. */
export async function createJobQueue(
  opts: { redisUrl?: string; prefix?: string; queueName?: string } = {},
): Promise<JobQueue> {
  return opts.redisUrl
    ? createBullQueue({ redisUrl: opts.redisUrl, prefix: opts.prefix, queueName: opts.queueName })
    : createMemoryQueue();
}
