import type { Summary } from '@telehealth/ai-worker';
import type { Queryable } from '@telehealth/platform/db/types';
import { iso, isoOrNull } from '@telehealth/platform/time';
import { QUARANTINED } from '../records/access.ts';
import type { SummaryJob } from './summary-schemas.ts';
import {
  FAILURE_MESSAGES,
  SUMMARY_JOB_TTL_MS,
  type JobOutcome,
  type SummaryFailureCode,
  type SummaryJobStatus,
  type SummarySource,
} from './summary-outcome.ts';

export interface SummaryRow {
  id: string;
  file_id: string;
  patient_id: string;
  requested_by: string | null;
  status: SummaryJobStatus;
  progress_pct: number;
  stage: string | null;
  source: SummarySource | null;
  result: Summary | null;
  error_code: SummaryFailureCode | null;
  created_at: Date;
  completed_at: Date | null;
}

export const statusUrlOf = (id: string) => `/api/v1/records/summaries/${id}`;

export const toSummaryJob = (r: SummaryRow): SummaryJob => ({
  id: r.id,
  fileId: r.file_id,
  patientId: r.patient_id,
  status: r.status,
  progress: { pct: r.progress_pct, stage: r.stage },
  statusUrl: statusUrlOf(r.id),
  source: r.source,
  summary: r.result,
  error: r.error_code ? { code: r.error_code, message: FAILURE_MESSAGES[r.error_code] } : null,
  advisory: true,
  requestedAt: iso(r.created_at),
  completedAt: isoOrNull(r.completed_at),
});

const OPEN = `status IN ('queued', 'running')`;
const TTL = `make_interval(secs => ${SUMMARY_JOB_TTL_MS / 1000})`;

/** Marks unfinished jobs past their time as failed, so a dead worker never blocks a file for good. */
async function abandonStale(q: Queryable, where: { fileId?: string; id?: string }) {
  await q.query(
    `UPDATE record_summaries SET status = 'failed', error_code = 'AI_TIMEOUT', completed_at = now(), updated_at = now()
      WHERE ${OPEN} AND created_at < now() - ${TTL}
        AND ($1::uuid IS NULL OR file_id = $1) AND ($2::uuid IS NULL OR id = $2)`,
    [where.fileId ?? null, where.id ?? null],
  );
}

/**
 * The open job of a file, or a new one. Two requests at once meet at the partial unique index (one
 * open job per file): the second waits for the first's commit, inserts nothing, and reads its row.
 */
export async function openSummaryJob(
  q: Queryable,
  file: { id: string; patientId: string },
  requestedBy: string,
  newId: () => string,
): Promise<{ row: SummaryRow; created: boolean }> {
  await abandonStale(q, { fileId: file.id });
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await q.query<SummaryRow>(
      `INSERT INTO record_summaries (id, file_id, patient_id, requested_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (file_id) WHERE ${OPEN} DO NOTHING RETURNING *`,
      [newId(), file.id, file.patientId, requestedBy],
    );
    if (inserted.rows[0]) return { row: inserted.rows[0], created: true };
    const open = await q.query<SummaryRow>(`SELECT * FROM record_summaries WHERE file_id = $1 AND ${OPEN}`, [
      file.id,
    ]);
    if (open.rows[0]) return { row: open.rows[0], created: false };
    // The open job finished between the two statements: try again.
  }
  throw new Error('could not open a summary job');
}

export async function findSummaryJob(q: Queryable, id: string): Promise<SummaryRow | undefined> {
  await abandonStale(q, { id });
  return (await q.query<SummaryRow>('SELECT * FROM record_summaries WHERE id = $1', [id])).rows[0];
}

/** The file's summary: its newest succeeded job. */
export async function latestSummary(q: Queryable, fileId: string): Promise<SummaryRow | undefined> {
  return (
    await q.query<SummaryRow>(
      `SELECT * FROM record_summaries WHERE file_id = $1 AND status = 'succeeded' ORDER BY completed_at DESC LIMIT 1`,
      [fileId],
    )
  ).rows[0];
}

/** The patient's own files' jobs: per file the newest, and the newest succeeded when that is another. */
export async function listPatientSummaries(q: Queryable, patientId: string): Promise<SummaryRow[]> {
  await q.query(
    `UPDATE record_summaries SET status = 'failed', error_code = 'AI_TIMEOUT', completed_at = now(), updated_at = now()
      WHERE patient_id = $1 AND ${OPEN} AND created_at < now() - ${TTL}`,
    [patientId],
  );
  const { rows } = await q.query<SummaryRow>(
    `SELECT DISTINCT ON (s.file_id, s.status = 'succeeded') s.*
       FROM record_summaries s JOIN record_files f ON f.id = s.file_id
      WHERE s.patient_id = $1 AND f.status = 'ready' AND NOT ${QUARANTINED('f.emergency_grant_id')}
      ORDER BY s.file_id, s.status = 'succeeded', s.created_at DESC`,
    [patientId],
  );
  return rows.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
}

/** A progress report from the worker; a finished job ignores late ones. */
export async function recordProgress(q: Queryable, id: string, pct: number, stage: string) {
  await q.query(
    `UPDATE record_summaries SET status = 'running', progress_pct = GREATEST(progress_pct, $2), stage = $3, updated_at = now()
      WHERE id = $1 AND ${OPEN}`,
    [id, Math.max(0, Math.min(100, Math.round(pct))), stage.slice(0, 40)],
  );
}

/**
 * Stores the outcome once: every API node may hear the same completion (BullMQ's events reach them
 * all), and only the one whose update finds the job still open reports it.
 */
export async function finishSummaryJob(
  q: Queryable,
  id: string,
  outcome: JobOutcome,
): Promise<SummaryRow | undefined> {
  const { rows } =
    outcome.status === 'succeeded'
      ? await q.query<SummaryRow>(
          `UPDATE record_summaries SET status = 'succeeded', source = $2, result = $3, progress_pct = 100, stage = 'saved',
                  completed_at = now(), updated_at = now()
            WHERE id = $1 AND ${OPEN} RETURNING *`,
          [id, outcome.source, JSON.stringify(outcome.result)],
        )
      : await q.query<SummaryRow>(
          `UPDATE record_summaries SET status = 'failed', error_code = $2, stage = 'failed', completed_at = now(), updated_at = now()
            WHERE id = $1 AND ${OPEN} RETURNING *`,
          [id, outcome.errorCode],
        );
  return rows[0];
}
