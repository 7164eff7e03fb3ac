import type { SummarizeResult } from '@telehealth/ai-worker';

/** Where a stored summary came from: the local rules (extractive) or a language model. */
export const SummarySources = ['rules', 'model'] as const;
export type SummarySource = (typeof SummarySources)[number];

/** The states of a summary job; a file's summary is its latest `succeeded` job. */
export const SummaryJobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type SummaryJobStatus = (typeof SummaryJobStatuses)[number];

/** Why a job failed, as the job resource says it (the POST answered 202 before any of these). */
export const SummaryFailureCodes = [
  'AI_QUOTA_EXCEEDED',
  'AI_FEATURE_DISABLED',
  'UNSUPPORTED_REPORT',
  'NO_TEXT_LAYER',
  'AI_FAILED',
  'AI_TIMEOUT',
] as const;
export type SummaryFailureCode = (typeof SummaryFailureCodes)[number];

export const FAILURE_MESSAGES: Readonly<Record<SummaryFailureCode, string>> = {
  AI_QUOTA_EXCEEDED: 'Too many summaries this hour; try again later',
  AI_FEATURE_DISABLED: 'Report summaries are turned off on this server',
  UNSUPPORTED_REPORT: 'Only PDF reports can be summarised on this server',
  NO_TEXT_LAYER: 'This PDF has no text layer (a scan); it cannot be summarised',
  AI_FAILED: 'The summary could not be made; try again',
  AI_TIMEOUT: 'The summary took too long and was abandoned; try again',
};

export type JobOutcome =
  | { status: 'succeeded'; source: SummarySource; result: Extract<SummarizeResult, { ok: true }>['summary'] }
  | { status: 'failed'; errorCode: SummaryFailureCode };

/**
 * What a finished AI job means for its row. The worker's result crosses a queue (BullMQ hands it
 * back as JSON text), so anything that is not a recognisable result counts as a failure rather
 * than being stored.
 */
export function outcomeOf(raw: unknown): JobOutcome {
  let r = raw;
  if (typeof r === 'string') {
    try {
      r = JSON.parse(r);
    } catch {
      return { status: 'failed', errorCode: 'AI_FAILED' };
    }
  }
  const res = r as SummarizeResult | null;
  if (!res || typeof res !== 'object' || typeof res.ok !== 'boolean')
    return { status: 'failed', errorCode: 'AI_FAILED' };
  if (res.ok) {
    if (!res.summary || typeof res.summary.summary !== 'string')
      return { status: 'failed', errorCode: 'AI_FAILED' };
    return {
      status: 'succeeded',
      source: res.summary.source === 'llm' ? 'model' : 'rules',
      result: res.summary,
    };
  }
  switch (res.error) {
    case 'quota_exceeded':
      return { status: 'failed', errorCode: 'AI_QUOTA_EXCEEDED' };
    case 'disabled':
      return { status: 'failed', errorCode: 'AI_FEATURE_DISABLED' };
    case 'unsupported_input':
      return { status: 'failed', errorCode: 'UNSUPPORTED_REPORT' };
    case 'no_text':
      return { status: 'failed', errorCode: 'NO_TEXT_LAYER' };
    default:
      return { status: 'failed', errorCode: 'AI_FAILED' };
  }
}

/** An unfinished job older than this is abandoned (its worker died, or its process restarted). */
export const SUMMARY_JOB_TTL_MS = 10 * 60_000;
