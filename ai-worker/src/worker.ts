import type { JobQueue } from './queue/types.ts';
import type { AiService, SummarizeInput } from './service.ts';
import type { KnownPii } from './redact/types.ts';
import type { TriageInput } from './triage/schema.ts';

/** Job payloads the host enqueues. Binary PDFs/images travel base64-encoded. */
export type TriageJobData = { userId?: string; recordId?: string; input: TriageInput; knownPii?: KnownPii };
export type SummarizeJobData = {
  userId?: string;
  recordId?: string;
  knownPii?: KnownPii;
  document:
    | { kind: 'text'; text: string }
    | { kind: 'pdf'; base64: string }
    | { kind: 'image'; base64: string; mimeType: string };
};

/** Queue priority for a job: triage always ahead of summaries (it may be an emergency). */
export const JOB_PRIORITY = { triage: 1, summarize: 5 } as const;

/** Wires a queue to the service; progress goes out through the queue's 'progress' event. */
export async function startAiWorker(
  queue: JobQueue,
  ai: AiService,
  opts: { concurrency?: number } = {},
): Promise<void> {
  await queue.process(async (job) => {
    if (job.name === 'triage') {
      const d = job.data as TriageJobData;
      return ai.triage(d.input, { userId: d.userId, recordId: d.recordId, knownPii: d.knownPii });
    }
    if (job.name === 'summarize') {
      const d = job.data as SummarizeJobData;
      const doc: SummarizeInput =
        d.document.kind === 'text'
          ? d.document
          : d.document.kind === 'pdf'
            ? { kind: 'pdf', data: Buffer.from(d.document.base64, 'base64') }
            : {
                kind: 'image',
                data: Buffer.from(d.document.base64, 'base64'),
                mimeType: d.document.mimeType,
              };
      return ai.summarizeReport(doc, {
        userId: d.userId,
        recordId: d.recordId,
        knownPii: d.knownPii,
        onProgress: (p) => void job.progress(p.pct, p.stage),
      });
    }
    throw new Error(`unknown job ${job.name}`);
  }, opts);
}
