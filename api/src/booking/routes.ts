import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/index.ts';
import { registerAvailabilityRoutes, displayZone } from '../availability/routes.ts';
import { DAY_MS, isoDateToDay, localDay, zonedToUtc } from '../availability/zones.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { notFound } from '../http/errors.ts';
import { readIdempotencyKey, REPLAYED_HEADER, runIdempotent } from '../http/idempotency.ts';
import { offsetOf, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import type { Request, Response } from 'express';
import { revalidateTopic } from '@telehealth/signaling/access-control';
import {
  Agenda,
  AgendaQuery,
  Appointment,
  AppointmentIdParams,
  AppointmentQuery,
  CancelAppointment,
  CreateAppointment,
  RescheduleAppointment,
} from './schemas.ts';
import { configureBookingDefaults } from './defaults.ts';
import { startBookingJobs } from './jobs.ts';
import {
  APPOINTMENT_SELECT,
  bookingSettings,
  canAccess,
  createBookingService,
  toAppointment,
  type AppointmentRow,
} from './service.ts';

/**
 * Scheduling and booking: availability (weekly rules, exceptions, slots, doctor search) and the
 * appointment lifecycle. One registration in modules.ts.
 */
export function registerBookingRoutes(route: RouteBuilder, ctx: AppContext) {
  registerAvailabilityRoutes(route, ctx);
  const { db } = ctx;
  /**
   * After a committed change to an appointment's status or time: whoever holds its call room
   * (`call:<appointment id>`) live is re-checked on every signaling node. The sweep would catch it
   * within seconds anyway; this makes it immediate.
   */
  const roomAccessChanged = async <T>(appointmentId: string, result: T): Promise<T> => {
    await revalidateTopic(ctx.bus, `call:${appointmentId}`, ctx.log);
    return result;
  };
  const settings = bookingSettings(ctx.config);
  const deps = { settings, now: () => ctx.now() };
  configureBookingDefaults(deps);
  const booking = createBookingService(deps);
  const tags = ['appointments'];
  // The sweeper (cosmetic hold expiry, idempotency-key purge) runs wherever the API runs, like the
  // payments reconciler; tests drive startBookingJobs themselves. The host stops it on shutdown.
  if (ctx.config.env.NODE_ENV !== 'test') ctx.jobs.push(startBookingJobs(ctx));

  const zoneFor = (user: AuthedUser, tz: string | undefined) => displayZone(db, user, tz, 'UTC');

  /** Runs an unsafe appointment operation once per Idempotency-Key. */
  async function once(
    req: Request,
    res: Response,
    user: AuthedUser,
    status: number,
    work: (q: Queryable) => Promise<unknown>,
  ) {
    const r = await runIdempotent(
      db,
      {
        key: readIdempotencyKey(req),
        userId: user.id,
        fingerprint: [req.method, req.baseUrl + req.path, req.body ?? null],
        status,
      },
      work,
    );
    if (r.replayed) res.setHeader(REPLAYED_HEADER, 'true');
    return r.body;
  }

  route({
    method: 'post',
    path: '/appointments',
    summary:
      'Book a slot: a pending appointment holds it while you pay (free consultations are confirmed at once)',
    tags,
    access: ['patient'],
    body: CreateAppointment,
    response: Appointment,
    status: 201,
    handler: async ({ req, res, user, body }) => {
      const zone = await zoneFor(user, undefined);
      return once(req, res, user, 201, async (q) =>
        toAppointment(
          await booking.create(q, user, { doctorId: body.doctorId, startsAt: new Date(body.startsAt) }),
          zone,
        ),
      );
    },
  });

  route({
    method: 'get',
    path: '/appointments',
    summary: 'My appointments (a doctor’s: theirs; an admin’s: all)',
    tags,
    access: 'authenticated',
    query: AppointmentQuery,
    response: paged(Appointment),
    handler: async ({ user, query }) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (user.role === 'patient') add('a.patient_id = ?', user.id);
      else if (user.role === 'doctor') add('a.doctor_id = ?', user.id);
      const eff = `(CASE WHEN a.status = 'pending' AND a.hold_expires_at <= now() THEN 'expired' ELSE a.status END)`;
      if (query.status) add(`${eff} = ANY(?)`, query.status);
      else where.push(`${eff} <> 'expired'`);
      if (query.from) add('a.ends_at > ?', query.from);
      if (query.to) add('a.starts_at < ?', query.to);
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (
        await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointments a ${w}`, params)
      ).rows[0]!.n;
      const { rows } = await db.query<AppointmentRow>(
        `${APPOINTMENT_SELECT} ${w} ORDER BY a.starts_at ${query.order === 'desc' ? 'DESC' : 'ASC'}, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, offsetOf(query)],
      );
      const zone = await zoneFor(user, query.tz);
      return {
        items: rows.map((r) => toAppointment(r, zone)),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },
  });

  route({
    method: 'get',
    path: '/appointments/:id',
    summary: 'One of my appointments',
    tags,
    access: 'authenticated',
    params: AppointmentIdParams,
    query: AgendaQuery.pick({ tz: true }),
    response: Appointment,
    handler: async ({ user, params, query }) => {
      const row = await booking.fetchRow(db, params.id);
      if (!row || !canAccess(user, row)) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');
      return toAppointment(row, await zoneFor(user, query.tz));
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/reschedule',
    summary:
      'Move an appointment to another free slot (atomic: it never loses its old slot without getting the new one)',
    tags,
    access: ['patient', 'doctor', 'admin'],
    params: AppointmentIdParams,
    body: RescheduleAppointment,
    response: Appointment,
    handler: async ({ req, res, user, params, body }) => {
      const zone = await zoneFor(user, undefined);
      const r = await once(req, res, user, 200, async (q) =>
        toAppointment(await booking.reschedule(q, user, params.id, new Date(body.startsAt)), zone),
      );
      return roomAccessChanged(params.id, r);
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/cancel',
    summary:
      'Cancel an appointment; the refund follows the cancellation policy (always full when the doctor cancels)',
    tags,
    access: ['patient', 'doctor', 'admin'],
    params: AppointmentIdParams,
    body: CancelAppointment,
    response: Appointment,
    handler: async ({ req, res, user, params, body }) => {
      const zone = await zoneFor(user, undefined);
      const r = await once(req, res, user, 200, async (q) =>
        toAppointment(await booking.cancel(q, user, params.id, body.reason), zone),
      );
      return roomAccessChanged(params.id, r);
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/no-show',
    summary: 'Record that the patient did not attend (the doctor, once the appointment has started)',
    tags,
    access: ['doctor', 'admin'],
    params: AppointmentIdParams,
    response: Appointment,
    handler: async ({ user, params }) => {
      const zone = await zoneFor(user, undefined);
      const r = toAppointment(await db.tx((q) => booking.markNoShow(q, user, params.id)), zone);
      return roomAccessChanged(params.id, r);
    },
  });

  route({
    method: 'get',
    path: '/doctors/me/agenda',
    summary: 'My appointments on one day (default: today in my zone)',
    tags,
    access: ['doctor'],
    query: AgendaQuery,
    response: Agenda,
    handler: async ({ user, query }) => {
      const profile = (
        await db.query<{ timezone: string }>(`SELECT timezone FROM doctor_profiles WHERE user_id = $1`, [
          user.id,
        ])
      ).rows[0];
      if (!profile) throw notFound('PROFILE_REQUIRED', 'Create your doctor profile first');
      const zone = query.tz ?? profile.timezone;
      const day = query.date ? isoDateToDay(query.date) : localDay(zone, ctx.now().getTime());
      const from = new Date(zonedToUtc(zone, day, 0));
      const to = new Date(zonedToUtc(zone, day + 1, 0));
      const { rows } = await db.query<AppointmentRow>(
        `${APPOINTMENT_SELECT} WHERE a.doctor_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
           AND a.status IN ('pending', 'confirmed', 'completed', 'no_show') AND NOT (a.status = 'pending' AND a.hold_expires_at <= now())
         ORDER BY a.starts_at`,
        [user.id, from, to],
      );
      return {
        date: new Date(day * DAY_MS).toISOString().slice(0, 10),
        timezone: zone,
        items: rows.map((r) => toAppointment(r, zone)),
      };
    },
  });
}
