import type { AppContext } from '../context.ts';
import type { TxQueryable } from '@telehealth/platform/db/index';
import { registerAvailabilityRoutes, displayZone } from '../availability/routes.ts';
import { DAY_MS, isoDateToDay, localDay, zonedToUtc } from '../availability/zones.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { notFound } from '../http/errors.ts';
import { readIdempotencyKey, REPLAYED_HEADER, runIdempotent } from '../http/idempotency.ts';
import { offsetOf, paged } from '../http/pagination.ts';
import type { AccountUser, RouteBuilder } from '../http/route.ts';
import type { Request, Response } from 'express';
import { notify } from '@telehealth/signaling';
import { revalidateTopic } from '@telehealth/signaling/access-control';
import { bookingLinks, formatWhen } from './emails.ts';
import { createProposals, PROPOSAL_SELECT, toProposal, type ProposalRow } from './proposals.ts';
import {
  Agenda,
  AgendaQuery,
  Appointment,
  AppointmentIdParams,
  AppointmentQuery,
  CancelAppointment,
  CreateAppointment,
  CreateProposal,
  Proposal,
  ProposalIdParams,
  ProposalQuery,
  RescheduleAppointment,
} from './schemas.ts';
import { z } from 'zod';
import type { BookingHooks } from './hooks.ts';
import { startBookingJobs } from './jobs.ts';
import {
  APPOINTMENT_SELECT,
  bookingDepsOf,
  canAccess,
  createBookingService,
  toAppointment,
  type AppointmentRow,
} from './service.ts';
import type { Appointment as AppointmentT } from './schemas.ts';
import { effectiveStatusSql, liveSql } from './states.ts';

/**
 * Scheduling and booking: availability (weekly rules, exceptions, slots, doctor search) and the
 * appointment lifecycle. One registration in modules.ts.
 */
export function registerBookingRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  wiring: { hooks?: BookingHooks } = {},
) {
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
  const deps = { ...bookingDepsOf(ctx), ...wiring };
  const { settings } = deps;
  const booking = createBookingService(deps);
  const tags = ['appointments'];
  // The sweeper (cosmetic hold expiry, idempotency-key purge) runs wherever the API runs, like the
  // payments reconciler; tests drive startBookingJobs themselves. The host stops it on shutdown.
  if (ctx.config.env.NODE_ENV !== 'test') ctx.jobs.push(startBookingJobs(ctx));

  const zoneFor = (user: AuthedUser, tz: string | undefined) => displayZone(db, user, tz, 'UTC');
  const show = (r: AppointmentRow, zone: string, user: AccountUser) =>
    toAppointment(r, zone, {
      role: user.role,
      policy: settings.callWindow,
      refund: settings.policy,
      now: ctx.now(),
    });
  const proposals = createProposals(booking, {
    now: () => ctx.now(),
    link: bookingLinks(settings.publicUrl).appointment,
  });

  /**
   * The bell, live, for the participant who did not act (the patient when the doctor or an admin
   * changed the visit, the doctor when the patient did). After commit: the socket push is an
   * announcement, and a page reloading on it must read the committed row. Best effort.
   */
  async function tellOtherSide(user: AuthedUser, a: AppointmentT, kind: string, title: string) {
    const targets =
      user.role === 'patient'
        ? [a.doctorId]
        : user.role === 'doctor'
          ? [a.patientId]
          : [a.patientId, a.doctorId];
    for (const to of targets) {
      const tz =
        (await db.query<{ timezone: string }>('SELECT timezone FROM users WHERE id = $1', [to])).rows[0]
          ?.timezone ?? 'UTC';
      await notify(db, ctx.bus, to, {
        kind,
        title,
        body: `${to === a.patientId ? a.doctorName : a.patientName} · ${formatWhen(new Date(a.startsAt), tz)}`,
        // The name and time the app writes the bell with, in the reader's language (web/src/lib/notifications.ts).
        data: {
          appointmentId: a.id,
          url: `/appointments/${a.id}`,
          name: to === a.patientId ? a.doctorName : a.patientName,
          startsAt: a.startsAt,
        },
        // A replayed request (same Idempotency-Key) rings once.
        dedupeKey: `${kind}:${a.id}:${a.rescheduleCount}`,
      }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'appointment notification failed'));
    }
  }

  /** Runs an unsafe appointment operation once per Idempotency-Key. */
  async function once(
    req: Request,
    res: Response,
    user: AuthedUser,
    status: number,
    work: (q: TxQueryable) => Promise<unknown>,
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
        show(
          await booking.create(q, user, {
            doctorId: body.doctorId,
            startsAt: new Date(body.startsAt),
            reason: body.reason,
            visitType: body.visitType,
          }),
          zone,
          user,
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
      const eff = effectiveStatusSql('a');
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
        items: rows.map((r) => show(r, zone, user)),
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
      return show(row, await zoneFor(user, query.tz), user);
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
      const r = (await once(req, res, user, 200, async (q) =>
        show(await booking.reschedule(q, user, params.id, new Date(body.startsAt)), zone, user),
      )) as AppointmentT;
      await tellOtherSide(user, r, 'appointment.rescheduled', 'Your consultation has a new time');
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
      const r = (await once(req, res, user, 200, async (q) =>
        show(await booking.cancel(q, user, params.id, body.reason), zone, user),
      )) as AppointmentT;
      await tellOtherSide(user, r, 'appointment.cancelled', 'A consultation was cancelled');
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
      const r = show(await db.tx((q) => booking.markNoShow(q, user, params.id)), zone, user);
      return roomAccessChanged(params.id, r);
    },
  });

  route({
    method: 'get',
    path: '/appointments/:id/ics',
    summary: 'The calendar invite (.ics) of one of my appointments',
    tags,
    access: ['patient', 'doctor'],
    params: AppointmentIdParams,
    handler: async ({ user, params, res }) => {
      const row = await booking.fetchRow(db, params.id);
      if (!row || !canAccess(user, row)) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');
      const body = await booking.invite(db, row, user.role === 'doctor' ? 'doctor' : 'patient');
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="consultation-${row.id.slice(0, 8)}.ics"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.status(200).end(body);
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/check-in',
    summary:
      'Patient: enter the call window of a paid visit. The first time checks the patient in and tells the doctor (agenda: arrived). 409 CALL_NOT_OPEN (with opensAt) / CALL_CLOSED outside the window',
    tags,
    access: ['patient'],
    params: AppointmentIdParams,
    response: Appointment,
    handler: async ({ user, params }) => {
      const zone = await zoneFor(user, undefined);
      const { row, first } = await db.tx((q) => booking.checkIn(q, user, params.id));
      if (first)
        await notify(db, ctx.bus, row.doctor_id, {
          kind: 'appointment.arrived',
          title: `${row.patient_name} has arrived`,
          body: 'Waiting for you in the consultation room.',
          data: { appointmentId: row.id, url: '/doctor', name: row.patient_name },
          dedupeKey: `arrived:${row.id}`,
        }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'arrival notification failed'));
      return show(row, zone, user);
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/proposals',
    summary:
      'Doctor: propose a new time for a booked visit (reschedule) or a follow-up after one; the patient is emailed and notified and accepts in one click',
    tags,
    access: ['doctor'],
    params: AppointmentIdParams,
    body: CreateProposal,
    response: Proposal,
    status: 201,
    handler: async ({ user, params, body }) => {
      const p = await db.tx((q) =>
        proposals.propose(q, user, params.id, {
          kind: body.kind,
          startsAt: new Date(body.startsAt),
          note: body.note.trim(),
        }),
      );
      const tz =
        (await db.query<{ timezone: string }>('SELECT timezone FROM users WHERE id = $1', [p.patient_id]))
          .rows[0]?.timezone ?? 'UTC';
      await notify(db, ctx.bus, p.patient_id, {
        kind: `proposal.${p.kind}`,
        title:
          p.kind === 'reschedule'
            ? `${p.doctor_name} proposes a new time`
            : `${p.doctor_name} proposes a follow-up`,
        body: formatWhen(p.starts_at, tz),
        data: {
          appointmentId: p.appointment_id,
          proposalId: p.id,
          url: `/appointments/${p.appointment_id}`,
          name: p.doctor_name,
          startsAt: p.starts_at.toISOString(),
        },
        dedupeKey: `proposal:${p.appointment_id}:${p.kind}`,
      }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'proposal notification failed'));
      return toProposal(p);
    },
  });

  route({
    method: 'get',
    path: '/proposals',
    summary: 'Proposals made to me (patients) or by me (doctors), newest first',
    tags,
    access: ['patient', 'doctor'],
    query: ProposalQuery,
    response: z.array(Proposal),
    handler: async ({ user, query }) => {
      const { rows } = await db.query<ProposalRow>(
        `${PROPOSAL_SELECT} WHERE p.${user.role === 'doctor' ? 'doctor_id' : 'patient_id'} = $1
           AND ($2::text IS NULL OR p.status = $2) AND ($3::uuid IS NULL OR p.appointment_id = $3)
         ORDER BY p.created_at DESC LIMIT 100`,
        [user.id, query.status ?? null, query.appointmentId ?? null],
      );
      return rows.map(toProposal);
    },
  });

  route({
    method: 'post',
    path: '/proposals/:id/accept',
    summary:
      'Patient: accept a proposal in one click (a reschedule moves the visit; a follow-up is booked, held for payment like any booking). 409 SLOT_TAKEN when the time went meanwhile',
    tags,
    access: ['patient'],
    params: ProposalIdParams,
    response: z.object({ proposal: Proposal, appointment: Appointment }).meta({ id: 'ProposalAccepted' }),
    handler: async ({ user, params }) => {
      const zone = await zoneFor(user, undefined);
      const r = await db.tx((q) => proposals.accept(q, user, params.id));
      if (r.proposal.kind === 'reschedule') await roomAccessChanged(r.appointment.id, null);
      await notify(db, ctx.bus, r.proposal.doctor_id, {
        kind: 'proposal.accepted',
        title: `${r.appointment.patient_name} accepted your proposal`,
        body: r.proposal.kind === 'reschedule' ? 'The consultation has moved.' : 'The follow-up is booked.',
        data: {
          appointmentId: r.appointment.id,
          url: '/doctor',
          name: r.appointment.patient_name,
          variant: r.proposal.kind,
        },
      }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'proposal notification failed'));
      return { proposal: toProposal(r.proposal), appointment: show(r.appointment, zone, user) };
    },
  });

  route({
    method: 'post',
    path: '/proposals/:id/decline',
    summary: 'Patient: decline a proposal (a booked visit keeps its time)',
    tags,
    access: ['patient'],
    params: ProposalIdParams,
    response: Proposal,
    handler: async ({ user, params }) => {
      const p = await db.tx((q) => proposals.decline(q, user, params.id));
      await notify(db, ctx.bus, p.doctor_id, {
        kind: 'proposal.declined',
        title: 'A proposal was declined',
        body: p.kind === 'reschedule' ? 'The consultation keeps its time.' : 'The follow-up was not booked.',
        data: { appointmentId: p.appointment_id, url: '/doctor', variant: p.kind },
      }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'proposal notification failed'));
      return toProposal(p);
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
           AND ${liveSql('a')}
         ORDER BY a.starts_at`,
        [user.id, from, to],
      );
      return {
        date: new Date(day * DAY_MS).toISOString().slice(0, 10),
        timezone: zone,
        items: rows.map((r) => show(r, zone, user)),
      };
    },
  });
}
