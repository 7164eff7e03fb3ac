import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { applyFeeFilter } from '../doctors/fee-filter.ts';
import { DOCTOR_SELECT, toDoctor, type DoctorRow } from '../doctors/schemas.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { offsetOf, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import {
  Availability,
  AvailabilityException,
  AvailabilityInput,
  DoctorSearchQuery,
  DoctorWithNextSlot,
  ExceptionInput,
  SlotList,
  SlotQuery,
} from './schemas.ts';
import { compileSchedule, firstFreeSlot, freeSlots, type Interval } from './slots.ts';
import { loadBusy, loadSchedules } from './store.ts';
import { DAY_MS, formatHm, localDay, parseHm, toZonedIso } from './zones.ts';

/** Longest range one slot request may cover. */
export const MAX_SLOT_RANGE_DAYS = 62;
/** How far ahead the doctor search looks for the next free slot. */
export const SEARCH_LOOKAHEAD_DAYS = 30;
/** Doctors considered by one search before paging (the filters narrow it first). */
const SEARCH_CANDIDATES = 1000;

export const toSlot = (s: Interval, zone: string) => ({
  startsAt: new Date(s.start).toISOString(),
  endsAt: new Date(s.end).toISOString(),
  startsAtLocal: toZonedIso(s.start, zone),
  endsAtLocal: toZonedIso(s.end, zone),
});

/** The zone to show times in: ?tz=, else the signed-in user's profile zone, else the fallback. */
export async function displayZone(
  q: Queryable,
  user: AuthedUser | undefined,
  tz: string | undefined,
  fallback: string,
): Promise<string> {
  if (tz) return tz;
  if (user) {
    const r = (await q.query<{ timezone: string }>(`SELECT timezone FROM users WHERE id = $1`, [user.id]))
      .rows[0];
    if (r) return r.timezone;
  }
  return fallback;
}

export function registerAvailabilityRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['availability'];
  const horizonDays = () => ctx.config.env.BOOKING_HORIZON_DAYS;

  async function myProfile(q: Queryable, doctorId: string) {
    const p = (
      await q.query<{ timezone: string; slot_minutes: number; buffer_minutes: number }>(
        `SELECT timezone, slot_minutes, buffer_minutes FROM doctor_profiles WHERE user_id = $1`,
        [doctorId],
      )
    ).rows[0];
    if (!p) throw notFound('PROFILE_REQUIRED', 'Create your doctor profile first (PUT /doctors/me/profile)');
    return p;
  }

  const toException = (r: {
    id: string;
    day: string;
    kind: 'off' | 'extra';
    start_minute: number | null;
    end_minute: number | null;
  }) => ({
    id: r.id,
    date: r.day,
    kind: r.kind,
    start: r.start_minute === null ? null : formatHm(r.start_minute),
    end: r.end_minute === null ? null : formatHm(r.end_minute),
  });

  async function readAvailability(q: Queryable, doctorId: string): Promise<z.infer<typeof Availability>> {
    const p = await myProfile(q, doctorId);
    const rules = await q.query<{ weekday: number; start_minute: number; end_minute: number }>(
      `SELECT weekday, start_minute, end_minute FROM availability_rules WHERE doctor_id = $1 ORDER BY weekday, start_minute`,
      [doctorId],
    );
    const today = localDay(p.timezone, ctx.now().getTime());
    const ex = await q.query<{
      id: string;
      day: string;
      kind: 'off' | 'extra';
      start_minute: number | null;
      end_minute: number | null;
    }>(
      `SELECT id, day::text AS day, kind, start_minute, end_minute FROM availability_exceptions
       WHERE doctor_id = $1 AND day >= DATE '1970-01-01' + $2::int ORDER BY day, start_minute NULLS FIRST`,
      [doctorId, today],
    );
    return {
      timezone: p.timezone,
      slotMinutes: p.slot_minutes,
      bufferMinutes: p.buffer_minutes,
      rules: rules.rows.map((r) => ({
        weekday: r.weekday,
        start: formatHm(r.start_minute),
        end: formatHm(r.end_minute),
      })),
      exceptions: ex.rows.map(toException),
    };
  }

  route({
    method: 'get',
    path: '/doctors/me/availability',
    summary: 'My weekly availability (in my profile’s time zone), slot settings and upcoming exceptions',
    tags,
    access: ['doctor'],
    response: Availability,
    handler: async ({ user }) => readAvailability(db, user.id),
  });

  route({
    method: 'put',
    path: '/doctors/me/availability',
    summary: 'Replace my weekly availability rules (and optionally slot length / buffer)',
    tags,
    access: ['doctor'],
    body: AvailabilityInput,
    response: Availability,
    handler: async ({ user, body }) =>
      db.tx(async (q) => {
        await myProfile(q, user.id);
        if (body.slotMinutes !== undefined || body.bufferMinutes !== undefined) {
          await q.query(
            `UPDATE doctor_profiles SET slot_minutes = COALESCE($2, slot_minutes), buffer_minutes = COALESCE($3, buffer_minutes), updated_at = now() WHERE user_id = $1`,
            [user.id, body.slotMinutes ?? null, body.bufferMinutes ?? null],
          );
        }
        await q.query(`DELETE FROM availability_rules WHERE doctor_id = $1`, [user.id]);
        for (const r of body.rules) {
          await q.query(
            `INSERT INTO availability_rules (doctor_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)`,
            [user.id, r.weekday, parseHm(r.start), parseHm(r.end)],
          );
        }
        return readAvailability(q, user.id);
      }),
  });

  route({
    method: 'post',
    path: '/doctors/me/availability/exceptions',
    summary: 'Add a day off, time off or extra hours on a date (in my zone)',
    tags,
    access: ['doctor'],
    body: ExceptionInput,
    response: AvailabilityException,
    status: 201,
    handler: async ({ user, body }) => {
      await myProfile(db, user.id);
      const { rows } = await db.query<{
        id: string;
        day: string;
        kind: 'off' | 'extra';
        start_minute: number | null;
        end_minute: number | null;
      }>(
        `INSERT INTO availability_exceptions (doctor_id, day, kind, start_minute, end_minute) VALUES ($1, $2::date, $3, $4, $5)
         RETURNING id, day::text AS day, kind, start_minute, end_minute`,
        [
          user.id,
          body.date,
          body.kind,
          body.start ? parseHm(body.start) : null,
          body.end ? parseHm(body.end) : null,
        ],
      );
      return toException(rows[0]!);
    },
  });

  route({
    method: 'delete',
    path: '/doctors/me/availability/exceptions/:id',
    summary: 'Remove one of my availability exceptions',
    tags,
    access: ['doctor'],
    params: z.object({ id: z.uuid() }),
    handler: async ({ user, params }) => {
      const r = await db.query(`DELETE FROM availability_exceptions WHERE id = $1 AND doctor_id = $2`, [
        params.id,
        user.id,
      ]);
      if (r.rowCount === 0) throw notFound('EXCEPTION_NOT_FOUND', 'No such exception');
    },
  });

  route({
    method: 'get',
    path: '/doctors/:id/slots',
    summary: 'Free slots of a doctor in [from, to) (default: the next 7 days), with local times in ?tz=',
    tags,
    access: 'public',
    params: z.object({ id: z.uuid() }),
    query: SlotQuery,
    response: SlotList,
    handler: async ({ params, query, user }) => {
      const now = ctx.now().getTime();
      const doc = (
        await db.query<{ verified: boolean; active: boolean }>(
          `SELECT d.verified_at IS NOT NULL AS verified, u.status = 'active' AS active FROM doctor_profiles d JOIN users u ON u.id = d.user_id WHERE d.user_id = $1`,
          [params.id],
        )
      ).rows[0];
      if (!doc || ((!doc.verified || !doc.active) && user?.id !== params.id && user?.role !== 'admin')) {
        throw notFound('DOCTOR_NOT_FOUND', 'No such doctor');
      }
      const from = query.from ? Date.parse(query.from) : now;
      let to = query.to ? Date.parse(query.to) : from + 7 * DAY_MS;
      if (to <= from) throw badRequest('RANGE_INVALID', '`to` must be after `from`');
      if (to - from > MAX_SLOT_RANGE_DAYS * DAY_MS)
        throw badRequest('RANGE_TOO_LONG', `At most ${MAX_SLOT_RANGE_DAYS} days per request`);
      to = Math.min(to, now + horizonDays() * DAY_MS);
      const schedule = (
        await loadSchedules(db, [params.id], Math.floor(from / DAY_MS) - 2, Math.floor(to / DAY_MS) + 2)
      ).get(params.id)!;
      const cs = compileSchedule(schedule);
      const busy =
        to > from
          ? ((await loadBusy(db, [params.id], new Date(from), new Date(to + DAY_MS))).get(params.id) ?? [])
          : [];
      const zone = await displayZone(db, user, query.tz, schedule.timezone);
      const slots = to > from ? [...freeSlots(cs, from, to, busy, now)] : [];
      return {
        doctorId: params.id,
        timezone: zone,
        doctorTimezone: schedule.timezone,
        slotMinutes: schedule.slotMinutes,
        from: new Date(from).toISOString(),
        to: new Date(Math.max(from, to)).toISOString(),
        slots: slots.map((s) => toSlot(s, zone)),
      };
    },
  });

  route({
    method: 'get',
    path: '/search/doctors',
    summary:
      'Verified doctors by specialty, language and fee, with each one’s next free slot (sorted by it by default)',
    tags: ['doctors', ...tags],
    access: 'public',
    query: DoctorSearchQuery,
    response: paged(DoctorWithNextSlot),
    handler: async ({ query, user }) => {
      const now = ctx.now().getTime();
      const where = [`d.verified_at IS NOT NULL`, `u.status = 'active'`];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (query.specialty) add('lower(d.specialty) = lower(?)', query.specialty);
      if (query.language) add('? = ANY(d.languages)', query.language);
      applyFeeFilter(query, add);
      if (query.q) add('(u.name ILIKE ? OR d.specialty ILIKE ?)', `%${query.q}%`);
      const { rows } = await db.query<DoctorRow>(
        `${DOCTOR_SELECT} WHERE ${where.join(' AND ')} ORDER BY u.name LIMIT ${SEARCH_CANDIDATES}`,
        params,
      );
      const ids = rows.map((r) => r.user_id);
      const until = Math.min(
        now + Math.min(SEARCH_LOOKAHEAD_DAYS, horizonDays()) * DAY_MS,
        query.availableBefore ? Date.parse(query.availableBefore) : Infinity,
      );
      const today = Math.floor(now / DAY_MS);
      const schedules = await loadSchedules(db, ids, today - 2, Math.floor(until / DAY_MS) + 2);
      const busy =
        until > now
          ? await loadBusy(db, ids, new Date(now), new Date(until + DAY_MS))
          : new Map<string, Interval[]>();
      let items = rows.map((r) => {
        const s = schedules.get(r.user_id)!;
        const next =
          until > now
            ? firstFreeSlot(compileSchedule(s), now, until, busy.get(r.user_id) ?? [], now)
            : undefined;
        return { row: r, next };
      });
      if (query.availableBefore) items = items.filter((i) => i.next);
      const byName = (a: (typeof items)[0], b: (typeof items)[0]) => a.row.name.localeCompare(b.row.name);
      items.sort(
        query.sort === 'name'
          ? byName
          : query.sort === 'fee'
            ? // Fees compare within a currency only: grouped by currency, cheapest first in each.
              (a, b) =>
                a.row.currency.localeCompare(b.row.currency) ||
                a.row.fee_minor - b.row.fee_minor ||
                byName(a, b)
            : (a, b) => (a.next?.start ?? Infinity) - (b.next?.start ?? Infinity) || byName(a, b),
      );
      const zone = await displayZone(db, user, query.tz, 'UTC');
      const page = items.slice(offsetOf(query), offsetOf(query) + query.pageSize);
      return {
        items: page.map(({ row, next }) => ({
          ...toDoctor(row),
          nextAvailableSlot: next
            ? toSlot(next, query.tz || user ? zone : row.timezone /* anonymous: the doctor's own zone */)
            : null,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: items.length,
      };
    },
  });
}
