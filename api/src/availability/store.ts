import type { Queryable } from '@telehealth/platform/db/index';
import {
  compileSchedule,
  type CompiledSchedule,
  type Interval,
  type Schedule,
  type ScheduleException,
  type WeeklyRule,
} from './slots.ts';
import { LIVE_SQL } from '../booking/states.ts';

export interface DoctorScheduleRow {
  doctor_id: string;
  timezone: string;
  slot_minutes: number;
  buffer_minutes: number;
}

/**
 * Schedules of several doctors, with exceptions on civil days [fromDay, toDay] (day numbers since
 * 1970-01-01, in each doctor’s own zone). One query whatever the number of doctors.
 */
export async function loadSchedules(
  q: Queryable,
  doctorIds: readonly string[],
  fromDay: number,
  toDay: number,
): Promise<Map<string, Schedule>> {
  const out = new Map<string, Schedule>();
  if (doctorIds.length === 0) return out;
  // One round trip: this runs on the booking path, inside the booking transaction.
  const { rows } = await q.query<
    DoctorScheduleRow & {
      rules: [number, number, number][];
      exceptions: [number, 'off' | 'extra', number | null, number | null][];
    }
  >(
    `SELECT d.user_id AS doctor_id, d.timezone, d.slot_minutes, d.buffer_minutes,
       COALESCE((SELECT json_agg(json_build_array(r.weekday, r.start_minute, r.end_minute)) FROM availability_rules r
                 WHERE r.doctor_id = d.user_id), '[]') AS rules,
       COALESCE((SELECT json_agg(json_build_array(e.day - DATE '1970-01-01', e.kind, e.start_minute, e.end_minute)) FROM availability_exceptions e
                 WHERE e.doctor_id = d.user_id AND e.day BETWEEN DATE '1970-01-01' + $2::int AND DATE '1970-01-01' + $3::int), '[]') AS exceptions
     FROM doctor_profiles d WHERE d.user_id = ANY($1)`,
    [doctorIds, fromDay, toDay],
  );
  for (const p of rows) {
    out.set(p.doctor_id, {
      timezone: p.timezone,
      slotMinutes: p.slot_minutes,
      bufferMinutes: p.buffer_minutes,
      rules: p.rules.map(([weekday, startMinute, endMinute]): WeeklyRule => ({
        weekday,
        startMinute,
        endMinute,
      })),
      exceptions: p.exceptions.map(([day, kind, startMinute, endMinute]): ScheduleException => ({
        day,
        kind,
        startMinute,
        endMinute,
      })),
    });
  }
  return out;
}

export async function loadCompiledSchedule(
  q: Queryable,
  doctorId: string,
  fromDay: number,
  toDay: number,
): Promise<CompiledSchedule | undefined> {
  const s = (await loadSchedules(q, [doctorId], fromDay, toDay)).get(doctorId);
  return s ? compileSchedule(s) : undefined;
}

/** Live appointments' blocked spans [starts_at, blocked_until) overlapping [from, to), sorted, per doctor. */
export async function loadBusy(
  q: Queryable,
  doctorIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, Interval[]>> {
  const out = new Map<string, Interval[]>();
  if (doctorIds.length === 0) return out;
  const { rows } = await q.query<{ doctor_id: string; starts_at: Date; blocked_until: Date }>(
    // GiST (btree_gist) can use `doctor_id = $1` with the range, not `= ANY`: one doctor gets the tight plan.
    `SELECT doctor_id, starts_at, blocked_until FROM appointments
     WHERE ${doctorIds.length === 1 ? 'doctor_id = $1::uuid' : 'doctor_id = ANY($1)'} AND tstzrange(starts_at, blocked_until) && tstzrange($2, $3) AND ${LIVE_SQL}
     ORDER BY doctor_id, starts_at`,
    [doctorIds.length === 1 ? doctorIds[0] : doctorIds, from, to],
  );
  for (const r of rows) {
    const list = out.get(r.doctor_id) ?? [];
    list.push({ start: r.starts_at.getTime(), end: r.blocked_until.getTime() });
    out.set(r.doctor_id, list);
  }
  return out;
}
