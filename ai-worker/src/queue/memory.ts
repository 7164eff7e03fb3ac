import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { AddOptions, AiJobName, JobEvents, JobHandler, JobQueue } from './types.ts';

interface Pending {
  id: string;
  name: AiJobName;
  data: Record<string, unknown>;
  priority: number;
  attemptsLeft: number;
  seq: number;
}

/** In-process queue behind the JobQueue interface: for `npm start` without Redis. Not durable. */
export function createMemoryQueue(): JobQueue {
  const ev = new EventEmitter();
  const waiting: Pending[] = [];
  const results = new Map<string, { ok: true; result: unknown } | { ok: false; error: string }>();
  let handler: JobHandler | null = null;
  let concurrency = 1;
  let running = 0;
  let seq = 0;
  let closed = false;

  const pump = (): void => {
    while (handler && !closed && running < concurrency && waiting.length) {
      waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      const job = waiting.shift()!;
      running++;
      const userId = typeof job.data.userId === 'string' ? job.data.userId : null;
      void handler({
        id: job.id,
        name: job.name,
        data: job.data,
        progress: async (pct, stage) =>
          void ev.emit('progress', { jobId: job.id, name: job.name, pct, stage, userId }),
      })
        .then(
          (result) => {
            results.set(job.id, { ok: true, result });
            ev.emit('completed', { jobId: job.id, name: job.name, result });
          },
          (err: unknown) => {
            if (job.attemptsLeft > 1) {
              waiting.push({ ...job, attemptsLeft: job.attemptsLeft - 1 });
              return;
            }
            const error = err instanceof Error ? err.message : String(err);
            results.set(job.id, { ok: false, error });
            ev.emit('failed', { jobId: job.id, name: job.name, error });
          },
        )
        .finally(() => {
          running--;
          setImmediate(pump);
        });
    }
  };

  return {
    kind: 'memory',
    async add(name, data, opts: AddOptions = {}) {
      const id = opts.jobId ?? randomUUID();
      waiting.push({
        id,
        name,
        data,
        priority: opts.priority ?? 5,
        attemptsLeft: opts.attempts ?? 1,
        seq: seq++,
      });
      setImmediate(pump);
      return id;
    },
    async process(h, opts = {}) {
      handler = h;
      concurrency = opts.concurrency ?? 2;
      pump();
    },
    on(event, listener) {
      ev.on(event, listener as (...a: unknown[]) => void);
      return () => void ev.off(event, listener as (...a: unknown[]) => void);
    },
    waitFor(jobId, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const done = results.get(jobId);
        if (done) return done.ok ? resolve(done.result) : reject(new Error(done.error));
        const timer = setTimeout(() => finish(() => reject(new Error(`job ${jobId} timed out`))), timeoutMs);
        const onDone: JobEvents['completed'] = (e) => e.jobId === jobId && finish(() => resolve(e.result));
        const onFail: JobEvents['failed'] = (e) =>
          e.jobId === jobId && finish(() => reject(new Error(e.error)));
        const finish = (f: () => void) => {
          clearTimeout(timer);
          ev.off('completed', onDone);
          ev.off('failed', onFail);
          f();
        };
        ev.on('completed', onDone);
        ev.on('failed', onFail);
      });
    },
    async close() {
      closed = true;
      ev.removeAllListeners();
    },
  };
}
