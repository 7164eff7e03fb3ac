/**
 * Report summaries in the browser (issue 18): the job resource from the API and the socket's
 * `ai.progress`, folded into what a file row shows. Pure: the pages do the fetching and listening.
 */
import type { z } from 'zod';
import type * as summaries from '@telehealth/api/ai/summary-schemas';
import { allOf } from './all-of.ts';

export type SummaryJob = z.output<typeof summaries.SummaryJob>;
export type AiProgress = z.output<typeof summaries.AiProgressEvent>;
export type FailureCode = NonNullable<SummaryJob['error']>['code'];
const FAILURE_CODES = allOf<FailureCode>()([
  'AI_QUOTA_EXCEEDED',
  'AI_FEATURE_DISABLED',
  'UNSUPPORTED_REPORT',
  'NO_TEXT_LAYER',
  'AI_FAILED',
  'AI_TIMEOUT',
]);
/** An error code the job resource also uses (the POST refuses some of them at once). */
export const isFailureCode = (code: string): code is FailureCode =>
  (FAILURE_CODES as readonly string[]).includes(code);

/** A file's summary state: the stored summary, and the newest job when it is another (running, failed). */
export interface FileSummaryState {
  summary: SummaryJob | null;
  job: SummaryJob | null;
}

export const isOpen = (j: SummaryJob | null) => !!j && (j.status === 'queued' || j.status === 'running');

/** GET /records/summaries → per file id (the list has, per file, the newest job and the newest succeeded one). */
export function byFile(items: readonly SummaryJob[]): Map<string, FileSummaryState> {
  const out = new Map<string, FileSummaryState>();
  for (const j of items) {
    const s = out.get(j.fileId) ?? { summary: null, job: null };
    if (j.status === 'succeeded' && (!s.summary || s.summary.requestedAt < j.requestedAt)) s.summary = j;
    if (!s.job || s.job.requestedAt < j.requestedAt) s.job = j;
    out.set(j.fileId, s);
  }
  for (const s of out.values()) if (s.job && s.job.id === s.summary?.id) s.job = null;
  return out;
}

/** A finished job replaces the stored summary (succeeded) or stays as the one to explain (failed). */
export function settle(state: FileSummaryState, job: SummaryJob): FileSummaryState {
  return job.status === 'succeeded' ? { summary: job, job: null } : { ...state, job };
}

/** Folds an `ai.progress` event of this job into it; other jobs' events change nothing. */
export function applyProgress(job: SummaryJob, p: AiProgress): SummaryJob {
  if (p.jobId !== job.id || !isOpen(job)) return job;
  return {
    ...job,
    status: 'running',
    progress: { pct: Math.max(job.progress.pct, Math.round(p.pct)), stage: p.stage },
  };
}

/** The last event of a summary job: the API stored its outcome, so the job resource says it. */
export const isFinal = (p: AiProgress) => p.stage === 'saved' || p.stage === 'failed';

/** The stages the worker and the API report, each with words on screen; others show as "working". */
export const STAGES = ['queued', 'extracting', 'redacting', 'done', 'saved', 'failed', 'working'] as const;
export type Stage = (typeof STAGES)[number];
export function stageOf(job: SummaryJob): Stage {
  const s = job.status === 'queued' ? 'queued' : (job.progress.stage ?? 'working');
  return (STAGES as readonly string[]).includes(s) ? (s as Stage) : 'working';
}
