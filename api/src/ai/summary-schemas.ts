import { SummarySchema } from '@telehealth/ai-worker';
import { z } from 'zod';
import { SummaryFailureCodes, SummaryJobStatuses, SummarySources } from './summary-outcome.ts';

/**
 * A report summary as a job resource (issue 18): `POST /records/files/:id/summary` answers 202 with
 * it at once, `statusUrl` says where it stands, and once `succeeded` it carries the summary, kept
 * beside the file with its source. Always advisory: it is machine-made from the report's text.
 */
export const SummaryJob = z
  .object({
    id: z.uuid(),
    fileId: z.uuid(),
    patientId: z.uuid(),
    status: z.enum(SummaryJobStatuses),
    progress: z.object({ pct: z.number().int().min(0).max(100), stage: z.string().nullable() }),
    statusUrl: z.string(),
    /** rules: the local extractive summary; model: a language model's. Null until it succeeds. */
    source: z.enum(SummarySources).nullable(),
    summary: SummarySchema.nullable(),
    error: z.object({ code: z.enum(SummaryFailureCodes), message: z.string() }).nullable(),
    /** Machine-made from the report's text: never a diagnosis, always to be read with a clinician. */
    advisory: z.literal(true),
    requestedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportSummaryJob' });
export type SummaryJob = z.infer<typeof SummaryJob>;

export const SummaryJobList = z
  .object({
    /** Per file: the newest job, and the newest succeeded one when that is another. */
    items: z.array(SummaryJob),
  })
  .meta({ id: 'ReportSummaryJobList' });

/**
 * The socket event `ai.progress` on user:<id> (published by the API, see summaries.ts): a stage of
 * the worker, and for a report summary a last `saved` or `failed` once the outcome is stored.
 * `jobId` is the job resource's id.
 */
export const AiProgressEvent = z.object({
  jobId: z.string(),
  name: z.string(),
  pct: z.number(),
  stage: z.string(),
  userId: z.string().nullable(),
});
