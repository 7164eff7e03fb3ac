import type { Db, Queryable } from '@telehealth/platform/db/types';
import { PgCodes, pgCode } from '@telehealth/platform/db/errors';
import { SignalingError } from '../errors.ts';
import type { QueueEntryStatus, QueueSnapshot } from '../protocol.ts';
import { DEFAULT_CONSULT_SECONDS, effectivePriority, etaSeconds, median, MEDIAN_WINDOW } from './domain.ts';

/**
 * Durable queue. Every mutation runs in one transaction that (1) changes entry rows, locking them
 * (call-next with FOR UPDATE SKIP LOCKED), then (2) bumps the doctor's version, which row-locks it
 * so changes per doctor are serialised, then (3) reads the snapshot the announcement is built from.
 * Positions are never stored: they are derived by the ORDER BY below.
 */
/**
 * The API's one rule for "verified clinician" (migration 0052, api/src/doctors/clinician.ts), asked
 * of the database in the same query that acts on it.
 */
export const VERIFIED_CLINICIAN = (idExpr: string) => `is_verified_clinician(${idExpr})`;

/** Whether the doctor is a verified clinician now (the database function, no cache). */
export async function isVerifiedClinician(q: Queryable, doctorId: string): Promise<boolean> {
  const r = await q.query<{ ok: boolean }>(`SELECT ${VERIFIED_CLINICIAN('$1::uuid')} AS ok`, [doctorId]);
  return r.rows[0]?.ok === true;
}

const ORDER = `COALESCE(e.priority_override, e.triage_priority, 3), e.enqueued_at, e.id`;
const ACTIVE = `('waiting', 'called', 'in_call')`;

export interface QueueChange {
  snapshot: QueueSnapshot;
  /** Entries that left the active set in this change (their patients get a final status). */
  finished: { entryId: string; patientId: string; status: QueueEntryStatus }[];
  /** Set by call-next: who was called into which room. */
  called?: { entryId: string; patientId: string; roomId: string; noShowCount: number };
  /**
   * Call rooms whose access may have ended in this change (the entry left 'called'/'in_call'): their
   * live subscriptions must be re-checked. A queue room is named after its entry (see callNext).
   */
  endedRooms?: string[];
}

/** ISO-8601 UTC text straight from SQL: parsing 1,000 Dates per push is measurable. */
const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function readSnapshot(q: Queryable, doctorId: string, version?: number): Promise<QueueSnapshot> {
  // One round trip: the doctor's meta row is LEFT JOINed onto the active entries (and still comes
  // back, with NULL entry columns, when nobody is waiting).
  const rows = await q.query<{
    version: number | null;
    median_consult_s: number | null;
    slot_minutes: number | null;
    id: string | null;
    patient_id: string;
    patient_name: string;
    kind: 'appointment' | 'walk_in';
    appointment_id: string | null;
    status: QueueEntryStatus;
    triage_priority: number | null;
    priority_override: number | null;
    triage_summary: string;
    enqueued_at: string;
    no_show_count: number;
    room_id: string | null;
    elapsed_s: number | null;
  }>(
    `SELECT qd.version, qd.median_consult_s, dp.slot_minutes,
            e.id, e.patient_id, u.name AS patient_name, e.kind, e.appointment_id, e.status, e.triage_priority,
            e.priority_override, e.triage_summary, ${ISO('e.enqueued_at')} AS enqueued_at, e.no_show_count, e.room_id,
            CASE WHEN e.status = 'in_call' THEN extract(epoch FROM now() - e.started_at)::int END AS elapsed_s
       FROM (SELECT $1::uuid AS id) d
       LEFT JOIN queue_doctors qd ON qd.doctor_id = d.id
       LEFT JOIN doctor_profiles dp ON dp.user_id = d.id
       LEFT JOIN queue_entries e ON e.doctor_id = d.id AND e.status IN ${ACTIVE}
       LEFT JOIN users u ON u.id = e.patient_id
      ORDER BY ${ORDER}`,
    [doctorId],
  );
  const m = rows.rows[0];
  const medianS = m?.median_consult_s ?? (m?.slot_minutes ? m.slot_minutes * 60 : DEFAULT_CONSULT_SECONDS);
  const active = rows.rows.filter((r) => r.id !== null);
  let inProgress: number | null = null;
  for (const r of active)
    if (r.elapsed_s !== null) inProgress = Math.max(inProgress ?? 0, Number(r.elapsed_s));
  let position = 0;
  return {
    doctorId,
    version: Number(version ?? m?.version ?? 0),
    medianConsultSeconds: medianS,
    entries: active.map((r) => {
      const waiting = r.status === 'waiting';
      const pos = waiting ? ++position : null;
      return {
        entryId: r.id!,
        patientId: r.patient_id,
        patientName: r.patient_name,
        kind: r.kind,
        appointmentId: r.appointment_id,
        status: r.status,
        priority: effectivePriority(r.triage_priority, r.priority_override),
        triagePriority: r.triage_priority,
        priorityOverride: r.priority_override,
        triageSummary: r.triage_summary,
        enqueuedAt: r.enqueued_at,
        noShowCount: Number(r.no_show_count),
        position: pos,
        etaSeconds: pos === null ? null : etaSeconds(pos, medianS, inProgress),
        roomId: r.room_id,
      };
    }),
  };
}

async function bumpAndSnapshot(q: Queryable, doctorId: string): Promise<QueueSnapshot> {
  const v = await q.query<{ version: number }>(
    `INSERT INTO queue_doctors (doctor_id, version) VALUES ($1, 1)
     ON CONFLICT (doctor_id) DO UPDATE SET version = queue_doctors.version + 1, updated_at = now()
     RETURNING version`,
    [doctorId],
  );
  return readSnapshot(q, doctorId, Number(v.rows[0]!.version));
}

export interface CheckInInput {
  patientId: string;
  doctorId: string;
  appointmentId?: string;
  triage?: { priority: number; summary: string };
}

export async function checkIn(
  db: Db,
  input: CheckInInput,
): Promise<{ entryId: string; change: QueueChange | null }> {
  const doc = await db.query<{ role: string; on_call: boolean | null; verified: boolean }>(
    `SELECT u.role, dp.on_call, ${VERIFIED_CLINICIAN('u.id')} AS verified
       FROM users u LEFT JOIN doctor_profiles dp ON dp.user_id = u.id
      WHERE u.id = $1 AND u.status = 'active'`,
    [input.doctorId],
  );
  const d = doc.rows[0];
  if (!d || d.role !== 'doctor') throw new SignalingError('not_found', 'doctor not found');
  // A queue hands the doctor patients' names and triage: only a verified clinician has one.
  if (!d.verified) throw new SignalingError('doctor_not_verified', 'doctor is not verified');
  if (!input.appointmentId && !d.on_call)
    throw new SignalingError('doctor_not_on_call', 'doctor is not on call');
  try {
    return await db.tx(async (q) => {
      const existing = await q.query<{ id: string }>(
        `SELECT id FROM queue_entries WHERE doctor_id = $1 AND patient_id = $2 AND status IN ${ACTIVE}`,
        [input.doctorId, input.patientId],
      );
      if (existing.rows[0]) return { entryId: existing.rows[0].id, change: null };
      const ins = await q.query<{ id: string }>(
        `INSERT INTO queue_entries (doctor_id, patient_id, kind, appointment_id, triage_priority, triage_summary)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.doctorId,
          input.patientId,
          input.appointmentId ? 'appointment' : 'walk_in',
          input.appointmentId ?? null,
          input.triage?.priority ?? null,
          input.triage?.summary ?? '',
        ],
      );
      return {
        entryId: ins.rows[0]!.id,
        change: { snapshot: await bumpAndSnapshot(q, input.doctorId), finished: [] },
      };
    });
  } catch (err) {
    if (pgCode(err) !== PgCodes.uniqueViolation) throw err;
    // A concurrent check-in of the same patient won the race: same outcome.
    const r = await db.query<{ id: string }>(
      `SELECT id FROM queue_entries WHERE doctor_id = $1 AND patient_id = $2 AND status IN ${ACTIVE}`,
      [input.doctorId, input.patientId],
    );
    if (!r.rows[0]) throw err;
    return { entryId: r.rows[0].id, change: null };
  }
}

/**
 * Runs one entry transition; `null` from `mutate` means the entry was not in a state that allows it.
 * `mayEndCall`: the transition can take a called / in-call entry out of its room.
 */
async function transition(
  db: Db,
  doctorId: string,
  mutate: (q: Queryable) => Promise<Ret | null>,
  mayEndCall = false,
): Promise<QueueChange> {
  return db.tx(async (q) => {
    const row = await mutate(q);
    if (!row) throw new SignalingError('invalid_state', 'queue entry not found in a state that allows this');
    const finished = ['done', 'left', 'no_show'].includes(row.status) ? [row] : [];
    const change: QueueChange = { snapshot: await bumpAndSnapshot(q, doctorId), finished };
    if (mayEndCall && row.status !== 'called' && row.status !== 'in_call') change.endedRooms = [row.entryId];
    return change;
  });
}

/** A transition that can end the entry's call (leave, skip, no-show, end of visit). */
const callEndingTransition = (db: Db, doctorId: string, mutate: (q: Queryable) => Promise<Ret | null>) =>
  transition(db, doctorId, mutate, true);

type Ret = { entryId: string; patientId: string; status: QueueEntryStatus };
const RET = `RETURNING id AS "entryId", patient_id AS "patientId", status`;

export function leave(db: Db, patientId: string, doctorId: string) {
  return callEndingTransition(db, doctorId, async (q) => {
    const r = await q.query<Ret>(
      `UPDATE queue_entries SET status = 'left', ended_at = now()
        WHERE doctor_id = $1 AND patient_id = $2 AND status IN ('waiting', 'called') ${RET}`,
      [doctorId, patientId],
    );
    return r.rows[0] ?? null;
  });
}

/** The called patient enters the call room. */
export async function accept(db: Db, patientId: string, entryId: string) {
  const d = await db.query<{ doctor_id: string }>(
    `SELECT doctor_id FROM queue_entries WHERE id = $1 AND patient_id = $2`,
    [entryId, patientId],
  );
  const doctorId = d.rows[0]?.doctor_id;
  if (!doctorId) throw new SignalingError('not_found', 'queue entry not found');
  return transition(db, doctorId, async (q) => {
    const r = await q.query<Ret>(
      `UPDATE queue_entries SET status = 'in_call', started_at = now()
        WHERE id = $1 AND patient_id = $2 AND status = 'called' ${RET}`,
      [entryId, patientId],
    );
    return r.rows[0] ?? null;
  });
}

/** Takes the first waiting patient nobody else is handling (SKIP LOCKED) and calls them. */
export async function callNext(db: Db, doctorId: string): Promise<QueueChange | null> {
  return db.tx(async (q) => {
    const r = await q.query<{ id: string; patient_id: string; room_id: string; no_show_count: number }>(
      `UPDATE queue_entries SET status = 'called', called_at = now(), room_id = id::text
        WHERE id = (SELECT e.id FROM queue_entries e
                     WHERE e.doctor_id = $1 AND e.status = 'waiting'
                     ORDER BY ${ORDER}
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, patient_id, room_id, no_show_count`,
      [doctorId],
    );
    const row = r.rows[0];
    if (!row) return null;
    const id = row.id;
    return {
      snapshot: await bumpAndSnapshot(q, doctorId),
      finished: [],
      called: {
        entryId: id,
        patientId: row.patient_id,
        roomId: row.room_id,
        noShowCount: Number(row.no_show_count),
      },
    };
  });
}

/** Puts a waiting or called patient back at the end of their priority band. */
export function skip(db: Db, doctorId: string, entryId: string) {
  return callEndingTransition(db, doctorId, async (q) => {
    const r = await q.query<Ret>(
      `UPDATE queue_entries SET status = 'waiting', enqueued_at = clock_timestamp(), called_at = NULL, room_id = NULL
        WHERE id = $1 AND doctor_id = $2 AND status IN ('waiting', 'called') ${RET}`,
      [entryId, doctorId],
    );
    return r.rows[0] ?? null;
  });
}

export interface PriorityChange {
  entryId: string;
  patientId: string;
  /** What the symptom check gave at check-in (null: none). */
  triagePriority: number | null;
  /** The doctor's override before and after (null: none). */
  from: number | null;
  to: number | null;
}

/**
 * The doctor's override of the advisory triage priority (null clears it): only the doctor whose
 * queue holds the entry. `onChange` runs on the same transaction (the audit entry commits with the
 * change or not at all).
 */
export function setPriority(
  db: Db,
  doctorId: string,
  entryId: string,
  priority: number | null,
  onChange?: (q: Queryable, change: PriorityChange) => Promise<unknown>,
) {
  return transition(db, doctorId, async (q) => {
    // Locks the row, so the "from" recorded is the value this update replaces.
    const before = await q.query<{ triage_priority: number | null; priority_override: number | null }>(
      `SELECT triage_priority, priority_override FROM queue_entries
        WHERE id = $1 AND doctor_id = $2 AND status IN ${ACTIVE} FOR UPDATE`,
      [entryId, doctorId],
    );
    const old = before.rows[0];
    if (!old) return null;
    const r = await q.query<Ret>(
      `UPDATE queue_entries SET priority_override = $2
        WHERE id = $1 ${RET}`,
      [entryId, priority],
    );
    const row = r.rows[0]!;
    await onChange?.(q, {
      entryId,
      patientId: row.patientId,
      triagePriority: old.triage_priority,
      from: old.priority_override,
      to: priority,
    });
    return row;
  });
}

/** A called patient did not show: the first time they are requeued at the back, then removed. */
export function noShow(db: Db, doctorId: string, entryId: string) {
  return callEndingTransition(db, doctorId, async (q) => {
    const r = await q.query<Ret>(
      `UPDATE queue_entries
          SET status = CASE WHEN no_show_count = 0 THEN 'waiting' ELSE 'no_show' END,
              enqueued_at = CASE WHEN no_show_count = 0 THEN clock_timestamp() ELSE enqueued_at END,
              ended_at = CASE WHEN no_show_count = 0 THEN NULL ELSE now() END,
              called_at = NULL, room_id = NULL, no_show_count = no_show_count + 1
        WHERE id = $1 AND doctor_id = $2 AND status = 'called' ${RET}`,
      [entryId, doctorId],
    );
    return r.rows[0] ?? null;
  });
}

/** Ends the visit and folds its duration into the doctor's rolling median. */
export function endVisit(db: Db, doctorId: string, entryId: string) {
  return callEndingTransition(db, doctorId, async (q) => {
    const r = await q.query<Ret>(
      `UPDATE queue_entries SET status = 'done', ended_at = now()
        WHERE id = $1 AND doctor_id = $2 AND status IN ('called', 'in_call') ${RET}`,
      [entryId, doctorId],
    );
    if (!r.rows[0]) return null;
    const d = await q.query<{ s: number }>(
      `SELECT extract(epoch FROM ended_at - started_at)::float8 AS s FROM queue_entries
        WHERE doctor_id = $1 AND status = 'done' AND started_at IS NOT NULL
        ORDER BY ended_at DESC LIMIT ${MEDIAN_WINDOW}`,
      [doctorId],
    );
    const med = median(d.rows.map((x) => Number(x.s)));
    if (med !== null) {
      await q.query(
        `INSERT INTO queue_doctors (doctor_id, median_consult_s) VALUES ($1, $2)
         ON CONFLICT (doctor_id) DO UPDATE SET median_consult_s = EXCLUDED.median_consult_s`,
        [doctorId, Math.max(1, Math.round(med))],
      );
    }
    return r.rows[0];
  });
}

/** Called entries older than the timeout. The noShow() transition re-checks the state, so several nodes may sweep at once. */
export async function dueNoShows(db: Db, timeoutSeconds: number, limit = 100) {
  const r = await db.query<{ id: string; doctor_id: string }>(
    `SELECT id, doctor_id FROM queue_entries
      WHERE status = 'called' AND called_at <= now() - make_interval(secs => $1)
      ORDER BY called_at LIMIT $2`,
    [timeoutSeconds, limit],
  );
  return r.rows.map((x) => ({ entryId: x.id, doctorId: x.doctor_id }));
}

/** Active entries of a patient (for `queue.state` from the patient's side and reconnects). */
export async function patientEntries(db: Queryable, patientId: string, doctorId: string) {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM queue_entries WHERE patient_id = $1 AND doctor_id = $2 AND status IN ${ACTIVE}`,
    [patientId, doctorId],
  );
  return r.rows.map((x) => x.id);
}
