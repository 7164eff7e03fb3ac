import type { Queryable } from '../db/index.ts';
import { compileSchedule, type CompiledSchedule, type Interval, type Schedule, type ScheduleException, type WeeklyRule } from './slots.ts';

/** Appointment statuses that occupy time (the exclusion constraints' predicate, 0010_booking.sql). */
export const OCCUPYING_STATUSES = ['pending', 'confirmed', 'completed', 'no_show'] as const;
const OCCUPYING_SQL = `status IN ('pending', 'confirmed', 'completed', 'no_show')`;
/** Occupying and not a lapsed hold: what actually blocks a slot right now (database clock). */
export const LIVE_SQL = `${OCCUPYING_SQL} AND NOT (status = 'pending' AND hold_expires_at <= now())`;

export interface DoctorScheduleRow {
  doctor_id: string;
  timezone: string;
  slot_minutes: number;
  buffer_minutes: number;
}

/**
 * Schedules of several doctors, with exceptions on civil days [fromDay, toDay] (day numbers since
 * 1970-01-01, in each doctor's own zone). Three queries whatever the number of doctors.
 */
export async function loadSchedules(q: Queryable, doctorIds: readonly string[], fromDay: number, toDay: number): Promise<Map<string, Schedule>> {
  const out = new Map<string, Schedule>();
  if (doctorIds.length === 0) return out;
  // Sequential on purpose: `q` may be one transaction's connection (or PGlite), which runs one query at a time anyway.
  const profiles = await q.query<DoctorScheduleRow>(
    `SELECT user_id AS doctor_id, timezone, slot_minutes, buffer_minutes FROM doctor_profiles WHERE user_id = ANY($1)`,
    [doctorIds],
  );
  const rules = await q.query<{ doctor_id: string; weekday: number; start_minute: number; end_minute: number }>(
    `SELECT doctor_id, weekday, start_minute, end_minute FROM availability_rules WHERE doctor_id = ANY($1)`,
    [doctorIds],
  );
  const exceptions = await q.query<{ doctor_id: string; day_num: number; kind: 'off' | 'extra'; start_minute: number | null; end_minute: number | null }>(
    `SELECT doctor_id, (day - DATE '1970-01-01') AS day_num, kind, start_minute, end_minute FROM availability_exceptions
     WHERE doctor_id = ANY($1) AND day BETWEEN DATE '1970-01-01' + $2::int AND DATE '1970-01-01' + $3::int`,
    [doctorIds, fromDay, toDay],
  );
  const rulesBy = new Map<string, WeeklyRule[]>();
  for (const r of rules.rows) {
    const list = rulesBy.get(r.doctor_id) ?? [];
    list.push({ weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute });
    rulesBy.set(r.doctor_id, list);
  }
  const exBy = new Map<string, ScheduleException[]>();
  for (const e of exceptions.rows) {
    const list = exBy.get(e.doctor_id) ?? [];
    list.push({ day: e.day_num, kind: e.kind, startMinute: e.start_minute, endMinute: e.end_minute });
    exBy.set(e.doctor_id, list);
  }
  for (const p of profiles.rows) {
    out.set(p.doctor_id, {
      timezone: p.timezone,
      slotMinutes: p.slot_minutes,
      bufferMinutes: p.buffer_minutes,
      rules: rulesBy.get(p.doctor_id) ?? [],
      exceptions: exBy.get(p.doctor_id) ?? [],
    });
  }
  return out;
}

export async function loadCompiledSchedule(q: Queryable, doctorId: string, fromDay: number, toDay: number): Promise<CompiledSchedule | undefined> {
  const s = (await loadSchedules(q, [doctorId], fromDay, toDay)).get(doctorId);
  return s ? compileSchedule(s) : undefined;
}

/** Live appointments' blocked spans [starts_at, blocked_until) overlapping [from, to), sorted, per doctor. */
export async function loadBusy(q: Queryable, doctorIds: readonly string[], from: Date, to: Date): Promise<Map<string, Interval[]>> {
  const out = new Map<string, Interval[]>();
  if (doctorIds.length === 0) return out;
  const { rows } = await q.query<{ doctor_id: string; starts_at: Date; blocked_until: Date }>(
    `SELECT doctor_id, starts_at, blocked_until FROM appointments
     WHERE doctor_id = ANY($1) AND tstzrange(starts_at, blocked_until) && tstzrange($2, $3) AND ${LIVE_SQL}
     ORDER BY doctor_id, starts_at`,
    [doctorIds, from, to],
  );
  for (const r of rows) {
    const list = out.get(r.doctor_id) ?? [];
    list.push({ start: r.starts_at.getTime(), end: r.blocked_until.getTime() });
    out.set(r.doctor_id, list);
  }
  return out;
}
