import { DAY_MS, isoWeekday, localDay, zonedToUtc } from './zones.ts';

/**
 * Slot generation: weekly rules + dated exceptions, in the doctor's IANA zone, turned into UTC slot
 * instants. Pure (no I/O, no clock): the caller passes `now` and the busy intervals.
 */

const MINUTE = 60_000;

/** A recurring window on an ISO weekday (1 = Monday), wall-clock minutes [start, end) in the doctor's zone. */
export interface WeeklyRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * A dated change on a civil day of the doctor's zone. 'off' without times: the whole day off (weekly
 * rules ignored); 'off' with times: that part of the day removed; 'extra': hours added.
 */
export interface ScheduleException {
  day: number;
  kind: 'off' | 'extra';
  startMinute: number | null;
  endMinute: number | null;
}

export interface Schedule {
  timezone: string;
  slotMinutes: number;
  bufferMinutes: number;
  rules: readonly WeeklyRule[];
  exceptions: readonly ScheduleException[];
}

/** Half-open [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

type Win = [number, number];

export interface CompiledSchedule {
  zone: string;
  slotMs: number;
  /** Slot + buffer: the grid step, and the span a booking blocks for the doctor. */
  blockMs: number;
  byWeekday: Win[][];
  exceptions: Map<number, ScheduleException[]>;
}

/** Sorted, overlapping or touching windows joined. */
export function mergeWindows(wins: readonly Win[]): Win[] {
  const sorted = [...wins].sort((a, b) => a[0] - b[0]);
  const out: Win[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function subtractWindow(wins: readonly Win[], [s, e]: Win): Win[] {
  const out: Win[] = [];
  for (const [a, b] of wins) {
    if (e <= a || s >= b) out.push([a, b]);
    else {
      if (a < s) out.push([a, s]);
      if (e < b) out.push([e, b]);
    }
  }
  return out;
}

export function compileSchedule(s: Schedule): CompiledSchedule {
  const byWeekday: Win[][] = Array.from({ length: 8 }, () => []);
  for (const r of s.rules) byWeekday[r.weekday]!.push([r.startMinute, r.endMinute]);
  for (let d = 1; d <= 7; d++) byWeekday[d] = mergeWindows(byWeekday[d]!);
  const exceptions = new Map<number, ScheduleException[]>();
  for (const e of s.exceptions) {
    const list = exceptions.get(e.day) ?? [];
    list.push(e);
    exceptions.set(e.day, list);
  }
  return {
    zone: s.timezone,
    slotMs: s.slotMinutes * MINUTE,
    blockMs: (s.slotMinutes + s.bufferMinutes) * MINUTE,
    byWeekday,
    exceptions,
  };
}

/** Working windows (wall-clock minutes) of one civil day after exceptions. */
export function windowsForDay(cs: CompiledSchedule, day: number): Win[] {
  const base = cs.byWeekday[isoWeekday(day)]!;
  const ex = cs.exceptions.get(day);
  if (!ex) return base;
  const dayOff = ex.some((e) => e.kind === 'off' && e.startMinute === null);
  let wins = mergeWindows([
    ...(dayOff ? [] : base),
    ...ex
      .filter((e) => e.kind === 'extra' && e.startMinute !== null)
      .map((e) => [e.startMinute!, e.endMinute!] as Win),
  ]);
  for (const e of ex)
    if (e.kind === 'off' && e.startMinute !== null)
      wins = subtractWindow(wins, [e.startMinute, e.endMinute!]);
  return wins;
}

/**
 * Every slot starting in [from, to), ascending. The grid restarts at each window start and steps by
 * slot + buffer in real (UTC) time, so a slot is always slotMinutes long even across a DST change;
 * a slot must end by its window's end.
 */
export function* slotsBetween(cs: CompiledSchedule, from: number, to: number): Generator<Interval> {
  if (to <= from) return;
  const first = localDay(cs.zone, from);
  const last = localDay(cs.zone, to);
  for (let day = first; day <= last; day++) {
    for (const [ws, we] of windowsForDay(cs, day)) {
      const start = zonedToUtc(cs.zone, day, ws);
      const end = zonedToUtc(cs.zone, day, we);
      for (let s = start; s + cs.slotMs <= end; s += cs.blockMs) {
        if (s >= to) return;
        if (s >= from) yield { start: s, end: s + cs.slotMs };
      }
    }
  }
}

/**
 * Slots in [from, to) that start after `now` and whose blocked span [start, start + slot + buffer)
 * overlaps no busy interval. `busy` must be sorted by start (the doctor's live appointments, each
 * [starts_at, blocked_until)).
 */
export function* freeSlots(
  cs: CompiledSchedule,
  from: number,
  to: number,
  busy: readonly Interval[],
  now: number,
): Generator<Interval> {
  let j = 0;
  for (const s of slotsBetween(cs, Math.max(from, now + 1), to)) {
    while (j < busy.length && busy[j]!.end <= s.start) j++;
    const blockEnd = s.start + cs.blockMs;
    let taken = false;
    for (let k = j; k < busy.length && busy[k]!.start < blockEnd; k++) {
      if (busy[k]!.end > s.start) {
        taken = true;
        break;
      }
    }
    if (!taken) yield s;
  }
}

export function firstFreeSlot(
  cs: CompiledSchedule,
  from: number,
  to: number,
  busy: readonly Interval[],
  now: number,
): Interval | undefined {
  for (const s of freeSlots(cs, from, to, busy, now)) return s;
  return undefined;
}

/** Whether `start` is exactly a slot start of the schedule (ignores bookings and the clock). */
export function isOfferedSlot(cs: CompiledSchedule, start: number): boolean {
  for (const s of slotsBetween(cs, start - DAY_MS, start + DAY_MS)) {
    if (s.start === start) return true;
    if (s.start > start) return false;
  }
  return false;
}
