import { randomUUID } from 'node:crypto';
import {
  JOB_PRIORITY,
  type AuditHook as AiAuditHook,
  type JobQueue,
  type SummarizeJobData,
} from '@telehealth/ai-worker';
import type { Bus } from '@telehealth/signaling';
import { eventFrame } from '@telehealth/signaling/protocol';
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import { findUserById } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound, serviceUnavailable } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { authorizeRecordRead, canDoctorRead } from '../records/access.ts';
import { createVault, findFile, openFileContent, type FileRow } from '../records/files.ts';
import { auditedReads } from '../records/routes/audited.ts';
import {
  finishSummaryJob,
  findSummaryJob,
  latestSummary,
  listPatientSummaries,
  openSummaryJob,
  recordProgress,
  statusUrlOf,
  toSummaryJob,
} from './summary-jobs.ts';
import { SummaryJob, SummaryJobList, type AiProgressEvent } from './summary-schemas.ts';
import { outcomeOf, type JobOutcome } from './summary-outcome.ts';

/** Reports larger than this are not summarised (a lab report is a few pages). */
const MAX_SUMMARY_BYTES = 20 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * AI summary of a record file (issue 18): its patient or a doctor who may read it asks, and gets a
 * job resource at once (202, `Location` = its status URL); the work runs as a queued job whose
 * stages reach the requester's socket as `ai.progress`, and whose result is stored beside the file
 * (record_summaries) with its source. The decrypted bytes never leave the process un-redacted (the
 * AI service redacts before any model call), and the service's audit hook records the call.
 * Reading a stored summary is a read of the patient's records: authorised and audited like the file.
 */
export function registerSummaryRoutes(route: RouteBuilder, ctx: AppContext) {
  const vault = createVault(ctx.config);
  const { auditedRead } = auditedReads(ctx.db);
  ctx.jobs.push(watchSummaryJobs(ctx));
  const tags = ['ai', 'records'];

  route({
    method: 'post',
    path: '/records/files/:id/summary',
    summary:
      "Summarise a report (PDF, or an image when a vision model is configured); advisory. Answers 202 with a job at once: follow statusUrl (Location), or the socket's ai.progress",
    tags,
    access: ['patient', 'doctor'],
    params: z.object({ id: z.uuid() }),
    response: SummaryJob,
    status: 202,
    handler: async ({ params, user, res }) => {
      const file = await findFile(ctx.db, params.id);
      const allowed =
        file &&
        file.status === 'ready' &&
        (user.role === 'patient'
          ? file.patient_id === user.id
          : await canDoctorRead(ctx.db, user.id, file.patient_id, file.id));
      if (!file || !allowed) throw notFound('RECORD_NOT_FOUND', 'No such record');
      if (file.size_bytes > MAX_SUMMARY_BYTES)
        throw new AppError(413, 'REPORT_TOO_LARGE', 'This file is too large to summarise');
      // Refusals known before any work are answered now, not as a failed job.
      if (!ctx.ai.features.summarize)
        throw serviceUnavailable('AI_FEATURE_DISABLED', 'Report summaries are turned off on this server');
      if (file.media_type !== 'application/pdf' && !ctx.ai.features.imageAnalysis)
        throw new AppError(415, 'UNSUPPORTED_REPORT', 'Only PDF reports can be summarised on this server');

      const { row, created } = await ctx.db.tx((q) =>
        openSummaryJob(q, { id: file.id, patientId: file.patient_id }, user.id, randomUUID),
      );
      if (created) {
        try {
          await enqueue(file, row.id, user.id);
        } catch (err) {
          ctx.log.error({ jobId: row.id, err: (err as Error).message }, 'summary job could not be queued');
          await ctx.db.query(
            `UPDATE record_summaries SET status = 'failed', error_code = 'AI_FAILED', completed_at = now(), updated_at = now()
              WHERE id = $1 AND status = 'queued'`,
            [row.id],
          );
          throw serviceUnavailable(
            'AI_UNAVAILABLE',
            'Summaries cannot be started right now; try again shortly',
          );
        }
      }
      res.setHeader('Location', statusUrlOf(row.id));
      return toSummaryJob(row);
    },
  });

  async function enqueue(file: FileRow, jobId: string, userId: string) {
    const chunks: Buffer[] = [];
    for await (const c of await openFileContent(vault, file)) chunks.push(c);
    const base64 = Buffer.concat(chunks).toString('base64');
    const patient = await findUserById(ctx.db, file.patient_id);
    await ctx.aiJobs.add(
      'summarize',
      {
        userId,
        recordId: file.id,
        knownPii: {
          name: patient?.name,
          email: patient?.email,
          ...(patient?.phone ? { phone: patient.phone } : {}),
        },
        document:
          file.media_type === 'application/pdf'
            ? { kind: 'pdf', base64 }
            : { kind: 'image', base64, mimeType: file.media_type },
      } satisfies SummarizeJobData,
      // The queue's job id is the row's: progress events then name the job the page is showing.
      { priority: JOB_PRIORITY.summarize, jobId },
    );
  }

  /** A job's file, for the read rules (quarantine, authorship) of the file itself. */
  const fileOf = async (fileId: string) => {
    const f = await findFile(ctx.db, fileId);
    return f && f.status === 'ready' ? f : undefined;
  };
  const asRecord = (f: FileRow) => ({
    id: f.id,
    patientId: f.patient_id,
    authorId: f.uploaded_by,
    emergencyGrantId: f.emergency_grant_id,
  });

  route({
    method: 'get',
    path: '/records/summaries/:id',
    summary:
      'A report summary job (the statusUrl): queued, running (progress), succeeded (with the summary) or failed',
    tags,
    access: ['patient', 'doctor', 'admin'],
    params: z.object({ id: z.uuid() }),
    response: SummaryJob,
    handler: async ({ req, params, user }) => {
      const row = await findSummaryJob(ctx.db, params.id);
      const file = row && (await fileOf(row.file_id));
      if (!row || !file) throw notFound('SUMMARY_NOT_FOUND', 'No such summary');
      // Only a finished summary discloses anything of the report; that read is audited like the file's.
      if (row.status === 'succeeded')
        await auditedRead(user, req, asRecord(file), 'file', 'summary.read', 'SUMMARY_NOT_FOUND');
      else await ctx.db.tx((q) => authorizeRecordRead(q, user, asRecord(file), 'SUMMARY_NOT_FOUND'));
      return toSummaryJob(row);
    },
  });

  route({
    method: 'get',
    path: '/records/files/:id/summary',
    summary: "A file's stored summary (its newest finished one), advisory; 404 SUMMARY_NOT_FOUND when none",
    tags,
    access: ['patient', 'doctor', 'admin'],
    params: z.object({ id: z.uuid() }),
    response: SummaryJob,
    handler: async ({ req, params, user }) => {
      const file = await fileOf(params.id);
      if (!file) throw notFound('RECORD_NOT_FOUND', 'No such record');
      // Authorised (and audited) before saying whether a summary exists.
      await auditedRead(user, req, asRecord(file), 'file', 'summary.read', 'RECORD_NOT_FOUND');
      const row = await latestSummary(ctx.db, file.id);
      if (!row) throw notFound('SUMMARY_NOT_FOUND', 'This file has no summary yet');
      return toSummaryJob(row);
    },
  });

  route({
    method: 'get',
    path: '/records/summaries',
    summary: "Patient: my files' summaries (per file the newest job, and the newest finished one)",
    tags,
    access: ['patient'],
    response: SummaryJobList,
    handler: async ({ user }) => ({
      items: (await ctx.db.tx((q) => listPatientSummaries(q, user.id))).map(toSummaryJob),
    }),
  });
}

/**
 * Follows the AI queue for summary jobs: stages into the row (so the status URL shows them too),
 * the outcome stored once, then one last `ai.progress` (stage `saved` or `failed`) to the requester
 * once the row says so: a page that fetches the job on that event finds it finished.
 */
function watchSummaryJobs(ctx: AppContext): { stop(): Promise<void> } {
  const ours = (jobId: string, name: string) => name !== 'triage' && UUID.test(jobId);
  const settle = async (jobId: string, outcome: JobOutcome) => {
    const row = await ctx.db.tx((q) => finishSummaryJob(q, jobId, outcome));
    if (!row?.requested_by) return;
    const topic = `user:${row.requested_by}`;
    const data = {
      jobId,
      name: 'summarize',
      pct: outcome.status === 'succeeded' ? 100 : row.progress_pct,
      stage: outcome.status === 'succeeded' ? 'saved' : 'failed',
      userId: row.requested_by,
    } satisfies z.infer<typeof AiProgressEvent>;
    await ctx.bus.publish(topic, eventFrame(topic, 'ai.progress', data));
  };
  const warn = (jobId: string) => (err: Error) =>
    ctx.log.warn({ jobId, err: err.message }, 'summary job bookkeeping failed');
  const offs = [
    ctx.aiJobs.on('progress', (p) => {
      if (ours(p.jobId, p.name)) void recordProgress(ctx.db, p.jobId, p.pct, p.stage).catch(warn(p.jobId));
    }),
    ctx.aiJobs.on('completed', (e) => {
      if (ours(e.jobId, e.name)) void settle(e.jobId, outcomeOf(e.result)).catch(warn(e.jobId));
    }),
    ctx.aiJobs.on('failed', (e) => {
      if (ours(e.jobId, e.name))
        void settle(e.jobId, { status: 'failed', errorCode: 'AI_FAILED' }).catch(warn(e.jobId));
    }),
  ];
  return {
    async stop() {
      for (const off of offs) off();
    },
  };
}

/**
 * The AI service's audit hook: one hash-chained audit entry per call, without any text. A call on a
 * record file names its patient as the subject, so a doctor's summary shows in the patient's "who
 * saw my records".
 */
export function aiAuditHook(db: AppContext['db']): AiAuditHook {
  return async (e) => {
    const subject =
      e.recordId && UUID.test(e.recordId)
        ? (
            await db.query<{ patient_id: string }>('SELECT patient_id FROM record_files WHERE id = $1', [
              e.recordId,
            ])
          ).rows[0]?.patient_id
        : undefined;
    await audit(db, {
      actorId: e.userId,
      action: `ai.${e.operation}`,
      ...(subject ? { subjectId: subject } : {}),
      recordType: e.recordId ? 'file' : null,
      recordId: e.recordId,
      details: {
        mode: e.mode,
        model: e.model,
        promptVersion: e.promptVersion,
        latencyMs: Math.round(e.latencyMs),
        outcome: e.outcome,
        errorCode: e.errorCode,
        redactedEntities: e.redactedEntities,
      },
    });
  };
}

/** Long AI jobs report progress to their user's socket as `ai.progress` events. */
export function connectAiProgress(queue: JobQueue, bus: Bus): void {
  queue.on('progress', (p) => {
    if (!p.userId) return;
    const topic = `user:${p.userId}`;
    void bus.publish(topic, eventFrame(topic, 'ai.progress', p)).catch(() => {});
  });
}
