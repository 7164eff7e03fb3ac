import {
  JOB_PRIORITY,
  SummarySchema,
  type AuditHook as AiAuditHook,
  type JobQueue,
  type SummarizeJobData,
  type SummarizeResult,
} from '@telehealth/ai-worker';
import type { Bus } from '@telehealth/signaling';
import { eventFrame } from '@telehealth/signaling/protocol';
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import { findUserById } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound, serviceUnavailable, tooManyRequests } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { canDoctorRead } from '../records/access.ts';
import { createVault, findFile, openFileContent } from '../records/files.ts';

/** Reports larger than this are not summarised (a lab report is a few pages). */
const MAX_SUMMARY_BYTES = 20 * 1024 * 1024;
const SUMMARY_TIMEOUT_MS = 60_000;

/**
 * AI summary of a record file: its patient or a doctor who may read it asks; the decrypted bytes
 * never leave the process un-redacted (the AI service redacts before any model call), and the
 * service's audit hook records the call. The work runs as a queued job (see connectAiProgress).
 */
export function registerSummaryRoutes(route: RouteBuilder, ctx: AppContext) {
  const vault = createVault(ctx.config);
  route({
    method: 'post',
    path: '/records/files/:id/summary',
    summary: 'Summarise a report (PDF, or an image when a vision model is configured); advisory',
    tags: ['ai', 'records'],
    access: ['patient', 'doctor'],
    params: z.object({ id: z.uuid() }),
    response: SummarySchema.meta({ id: 'ReportSummary' }),
    handler: async ({ params, user }) => {
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
      const chunks: Buffer[] = [];
      for await (const c of await openFileContent(vault, file)) chunks.push(c);
      const data = new Uint8Array(Buffer.concat(chunks));
      const patient = await findUserById(ctx.db, file.patient_id);
      const jobId = await ctx.aiJobs.add(
        'summarize',
        {
          userId: user.id,
          recordId: file.id,
          knownPii: {
            name: patient?.name,
            email: patient?.email,
            ...(patient?.phone ? { phone: patient.phone } : {}),
          },
          document:
            file.media_type === 'application/pdf'
              ? { kind: 'pdf', base64: Buffer.from(data).toString('base64') }
              : { kind: 'image', base64: Buffer.from(data).toString('base64'), mimeType: file.media_type },
        } satisfies SummarizeJobData,
        { priority: JOB_PRIORITY.summarize },
      );
      let result: SummarizeResult;
      try {
        result = (await ctx.aiJobs.waitFor(jobId, SUMMARY_TIMEOUT_MS)) as SummarizeResult;
      } catch {
        throw new AppError(504, 'AI_TIMEOUT', 'The summary is taking too long; try again shortly');
      }
      if (result.ok) return result.summary;
      switch (result.error) {
        case 'quota_exceeded':
          throw tooManyRequests(
            Math.max(1, Math.ceil((Date.parse(result.retryAt) - Date.now()) / 1000)),
            'AI_QUOTA_EXCEEDED',
          );
        case 'disabled':
          throw serviceUnavailable('AI_FEATURE_DISABLED', 'Report summaries are turned off on this server');
        case 'unsupported_input':
          throw new AppError(415, 'UNSUPPORTED_REPORT', 'Only PDF reports can be summarised on this server');
        case 'no_text':
          throw new AppError(
            422,
            'NO_TEXT_LAYER',
            'This PDF has no text layer (a scan); it cannot be summarised',
          );
      }
    },
  });
}

/** The AI service's audit hook: one hash-chained audit entry per call, without any text. */
export function aiAuditHook(db: AppContext['db']): AiAuditHook {
  return async (e) => {
    await audit(db, {
      actorId: e.userId,
      action: `ai.${e.operation}`,
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
