import type { JobQueue } from '@telehealth/ai-worker';
import type { Sfu } from '@telehealth/sfu';
import type { SignalingStats } from '@telehealth/signaling';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Queryable } from '@telehealth/platform/db/types';

/**
 * Gauges and counters for the live parts, read when Prometheus scrapes (no work between scrapes):
 * the socket tier's counters, the SFU's workers and what runs on them, the email outbox, the AI
 * job queue. Everything is per process; sum over nodes in queries.
 */
export interface LiveSources {
  signaling?: () => SignalingStats;
  sfu?: Sfu;
  db?: Queryable;
  aiJobs?: InstrumentedJobQueue;
}

/** A counter whose total is kept elsewhere (collect sets it). */
function totalCounter(registry: Registry, name: string, help: string, read: () => number | undefined) {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const v = read();
      if (v === undefined) return;
      this.reset();
      this.inc(v);
    },
  });
}

export function registerLiveMetrics(registry: Registry, src: LiveSources): void {
  const stats = () => src.signaling?.();
  new Gauge({
    name: 'signaling_open_sockets',
    help: 'WebSocket connections open on this node',
    registers: [registry],
    collect() {
      const s = stats();
      if (s) this.set(s.connections);
    },
  });
  totalCounter(
    registry,
    'signaling_frames_in_total',
    'Frames received from clients',
    () => stats()?.messagesIn,
  );
  totalCounter(
    registry,
    'signaling_frames_out_total',
    'Frames written to clients (native fan-out counted per subscriber)',
    () => stats()?.framesOut,
  );
  totalCounter(
    registry,
    'signaling_backpressure_closes_total',
    'Sockets closed with 4009 because their send buffer passed WS_MAX_BACKPRESSURE',
    () => stats()?.slowConsumersDropped,
  );
  totalCounter(
    registry,
    'signaling_rate_limited_total',
    'Frames refused by the rate limits',
    () => stats()?.rateLimited,
  );

  if (src.sfu) {
    const sfu = src.sfu;
    new Gauge({
      name: 'sfu_workers',
      help: 'Live mediasoup workers',
      registers: [registry],
      collect() {
        this.set(sfu.workers().length);
      },
    });
    new Gauge({
      name: 'sfu_rooms',
      help: 'Consultation rooms hosted by this node',
      registers: [registry],
      async collect() {
        this.set((await sfu.rooms()).length);
      },
    });
    for (const [field, help] of [
      ['routers', 'Routers'],
      ['transports', 'Transports (WebRTC, pipe and plain)'],
      ['producers', 'Producers'],
      ['consumers', 'Consumers'],
    ] as const)
      new Gauge({
        name: `sfu_${field}`,
        help: `${help} per mediasoup worker`,
        labelNames: ['worker'] as const,
        registers: [registry],
        collect() {
          this.reset();
          for (const w of sfu.workers()) this.set({ worker: String(w.index) }, w[field]);
        },
      });
    new Counter({
      name: 'sfu_worker_cpu_seconds_total',
      help: 'CPU time (user + system) of each mediasoup worker process',
      labelNames: ['worker'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const u of await sfu.workerUsage().catch(() => []))
          this.inc({ worker: String(u.index) }, u.cpuMs / 1000);
      },
    });
  }

  if (src.db) {
    const db = src.db;
    // One query for both: emails due and not sent, and how long the oldest has waited.
    let last: Promise<{ n: number; age: number }> | null = null;
    const outbox = () =>
      (last ??= db
        .query<{ n: string; age: number | null }>(
          `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(send_after))::float8 AS age
             FROM outbox_emails WHERE status = 'pending' AND send_after <= now()`,
        )
        .then((r) => ({ n: Number(r.rows[0]?.n ?? 0), age: Math.max(0, r.rows[0]?.age ?? 0) }))
        .finally(() => setImmediate(() => (last = null))));
    new Gauge({
      name: 'email_outbox_due',
      help: 'Outbox emails due and not sent yet',
      registers: [registry],
      async collect() {
        this.set((await outbox()).n);
      },
    });
    new Gauge({
      name: 'email_outbox_oldest_due_age_seconds',
      help: 'How long the oldest due, unsent outbox email has waited (0 when none)',
      registers: [registry],
      async collect() {
        this.set((await outbox()).age);
      },
    });
  }

  if (src.aiJobs) {
    const q = src.aiJobs;
    new Gauge({
      name: 'ai_jobs_in_queue',
      help: 'AI jobs queued by this node and not finished (waiting or running)',
      registers: [registry],
      collect() {
        this.set(q.inQueue());
      },
    });
    q.observe(
      new Histogram({
        name: 'ai_job_duration_seconds',
        help: 'AI job latency from queueing to completion, by job and outcome',
        labelNames: ['job', 'outcome'] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        registers: [registry],
      }),
    );
  }
}

export interface InstrumentedJobQueue extends JobQueue {
  /** Jobs added through this queue object and not completed or failed yet. */
  inQueue(): number;
  observe(h: Histogram<'job' | 'outcome'>): void;
}

/**
 * The AI job queue, timed: each job added here is timed until its completed/failed event (which
 * BullMQ delivers to every process, so jobs run by separate ai-worker processes count too).
 */
export function instrumentJobQueue(queue: JobQueue): InstrumentedJobQueue {
  const started = new Map<string, { name: string; at: bigint }>();
  /** Jobs that finished before add() returned their id (the in-process queue can be that quick). */
  const early = new Map<string, { outcome: 'completed' | 'failed'; at: bigint }>();
  let histogram: Histogram<'job' | 'outcome'> | undefined;
  const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
  const done = (jobId: string, outcome: 'completed' | 'failed') => {
    const now = process.hrtime.bigint();
    const s = started.get(jobId);
    if (!s) {
      early.set(jobId, { outcome, at: now });
      // Jobs added by other processes finish here too (BullMQ events are global): keep few.
      if (early.size > 1000) early.delete(early.keys().next().value!);
      return;
    }
    started.delete(jobId);
    histogram?.observe({ job: s.name, outcome }, seconds(s.at, now));
  };
  queue.on('completed', (e) => done(e.jobId, 'completed'));
  queue.on('failed', (e) => done(e.jobId, 'failed'));
  const instrumented = Object.create(queue) as InstrumentedJobQueue;
  instrumented.add = async (name, data, opts) => {
    const at = process.hrtime.bigint();
    const id = await queue.add(name, data, opts);
    const finished = early.get(id);
    if (finished) {
      early.delete(id);
      histogram?.observe({ job: name, outcome: finished.outcome }, seconds(at, finished.at));
    } else started.set(id, { name, at });
    return id;
  };
  instrumented.inQueue = () => started.size;
  instrumented.observe = (h) => void (histogram = h);
  return instrumented;
}
