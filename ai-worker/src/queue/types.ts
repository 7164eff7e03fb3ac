export type AiJobName = 'triage' | 'summarize';

export interface JobProgress {
  jobId: string;
  name: string;
  pct: number;
  stage: string;
  /** Copied from job data so the host can route progress to the right user's socket. */
  userId: string | null;
}

export interface JobContext<D = unknown> {
  id: string;
  name: string;
  data: D;
  progress(pct: number, stage: string): Promise<void>;
}

export type JobHandler = (job: JobContext) => Promise<unknown>;

export interface AddOptions {
  /** Lower runs first (BullMQ semantics). Emergencies are never queued behind routine work. */
  priority?: number;
  jobId?: string;
  attempts?: number;
}

export interface JobEvents {
  progress: (p: JobProgress) => void;
  completed: (e: { jobId: string; name: string; result: unknown }) => void;
  failed: (e: { jobId: string; name: string; error: string }) => void;
}

/** Same interface for BullMQ (durable, cross-process) and the in-process queue. */
export interface JobQueue {
  readonly kind: 'bullmq' | 'memory';
  add(name: AiJobName, data: Record<string, unknown>, opts?: AddOptions): Promise<string>;
  /** Starts consuming in this process. */
  process(handler: JobHandler, opts?: { concurrency?: number }): Promise<void>;
  on<E extends keyof JobEvents>(event: E, listener: JobEvents[E]): () => void;
  /** Resolves with the job's result (rejects on failure or after timeoutMs). */
  waitFor(jobId: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}
