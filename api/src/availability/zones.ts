/**
 * IANA time-zone arithmetic on epoch milliseconds with the built-in Intl API (no tz database of our
 * own to keep up to date: Node ships ICU's). Pure and allocation-light: slot search calls these a
 * few thousand times per doctor-month.
 */

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

// "MM/DD/YYYY, HH:MM:SS": format() + fixed-position parsing is ~3x faster than formatToParts.
const num = (s: string, i: number, n: number) => {
  let v = 0;
  for (let k = i; k < i + n; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
};

function rawOffsetMinutes(zone: string, ms: number): number {
  const s = formatter(zone).format(ms);
  const wall = Date.UTC(
    num(s, 6, 4),
    num(s, 0, 2) - 1,
    num(s, 3, 2),
    num(s, 12, 2),
    num(s, 15, 2),
    num(s, 18, 2),
  );
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/**
 * Per zone and UTC day: the offset when it is the same at both ends of the day (so, since no zone
 * changes offset twice within 24 h, throughout it), or null on a transition day. Turns thousands of
 * Intl calls per doctor-month into two per zone-day.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** UTC offset of `zone` at instant `ms`, in minutes (east positive: Asia/Kolkata = +330). */
export function offsetMinutes(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const day = Math.floor(ms / DAY_MS);
  let days = dayOffsets.get(zone);
  if (!days) dayOffsets.set(zone, (days = new Map()));
  let v = days.get(day);
  if (v === undefined) {
    const a = rawOffsetMinutes(zone, day * DAY_MS);
    v = a === rawOffsetMinutes(zone, (day + 1) * DAY_MS) ? a : null;
    if (days.size > 50_000) days.clear();
    days.set(day, v);
  }
  return v ?? rawOffsetMinutes(zone, ms);
}

/** Civil day number (days since 1970-01-01) of a calendar date. */
export const dayNumber = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);

/** ISO weekday of a civil day number: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDateToDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The civil day (in `zone`) that contains instant `ms`. */
export function localDay(zone: string, ms: number): number {
  return Math.floor((ms + offsetMinutes(zone, ms) * MINUTE) / DAY_MS);
}

/**
 * The first instant at which the wall clock in `zone` reaches `minuteOfDay` on civil `day`. A wall
 * time that occurs twice (the repeated hour when clocks go back) is its first occurrence; one that
 * does not exist (the hour skipped when clocks go forward) is the moment of the jump, so 02:30 on a
 * spring-forward night in New York is 03:00 EDT. The mapping is monotonic, which keeps disjoint
 * wall-clock windows disjoint in UTC. Assumes at most one offset change within ±24 h (true of every
 * real zone).
 */
export function zonedToUtc(zone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE;
  const before = offsetMinutes(zone, wall - DAY_MS);
  const after = offsetMinutes(zone, wall + DAY_MS);
  const c1 = wall - before * MINUTE;
  if (before === after) return c1;
  const c2 = wall - after * MINUTE;
  const ok1 = offsetMinutes(zone, c1) === before;
  const ok2 = offsetMinutes(zone, c2) === after;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok1) return c1;
  if (ok2) return c2;
  // In the gap: binary-search the transition between c2 (old offset) and c1 (new offset), to the minute.
  let lo = Math.min(c1, c2);
  let hi = Math.max(c1, c2);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetMinutes(zone, mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 wall time with its offset, e.g. `2027-03-14T03:00:00-04:00` (`Z` for UTC). */
export function toZonedIso(ms: number, zone: string): string {
  const off = offsetMinutes(zone, ms);
  const d = new Date(ms + off * MINUTE);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (zone === 'UTC') return `${base}Z`;
  const a = Math.abs(off);
  return `${base}${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** "HH:MM" (00:00..24:00) <-> minute of day. */
export function parseHm(s: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m) throw new RangeError(`not a time: ${s}`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v > 1440) throw new RangeError(`not a time: ${s}`);
  return v;
}
export const formatHm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
