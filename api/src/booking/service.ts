import type { AuthedUser } from '../http/auth-middleware.ts';
import type { Config } from '../config/index.ts';
import type { AppContext } from '../context.ts';
import {
  PgCodes,
  pgCode,
  pgConstraint,
  type Queryable,
  type TxQueryable,
} from '@telehealth/platform/db/index';
import { translator } from '../i18n/translate.ts';
import { isoOrNull } from '@telehealth/platform/time';
import { enqueueEmail } from '../email/outbox.ts';
import { conflict, notFound, unprocessable } from '../http/errors.ts';
import { isOfferedSlot } from '../availability/slots.ts';
import { loadCompiledSchedule } from '../availability/store.ts';
import { DAY_MS, localDay, toZonedIso } from '../availability/zones.ts';
import {
  bookingCancelledEmail,
  bookingConfirmedEmail,
  bookingReminderEmail,
  bookingLinks,
  bookingRescheduledEmail,
  formatWhen,
} from './emails.ts';
import { NO_BOOKING_HOOKS, type BookingHooks } from './hooks.ts';
import { buildIcs, icsAttachment, parseMailbox, type IcsEvent } from './ics.ts';
import { refundDueMinor, reminderKey, REMINDERS, type CancelActor, type RefundPolicy } from './policy.ts';
import type { Appointment, AppointmentStatus, VisitType } from './schemas.ts';
import { effectiveStatus, LAPSED_SQL, lapsedSql } from './states.ts';
import {
  callWindowPolicy,
  DEFAULT_CALL_WINDOW,
  joinState,
  joinWindow,
  type CallWindowPolicy,
} from './window.ts';

export interface BookingSettings {
  holdMinutes: number;
  /** When each side may enter a booked visit's call room (the same policy the socket tier enforces). */
  callWindow: CallWindowPolicy;
  horizonDays: number;
  policy: RefundPolicy;
  publicUrl: string;
  emailFrom: string;
}

export function bookingSettings(config: Config): BookingSettings {
  const e = config.env;
  return {
    holdMinutes: e.BOOKING_HOLD_MINUTES,
    callWindow: callWindowPolicy(e),
    horizonDays: e.BOOKING_HORIZON_DAYS,
    policy: {
      fullRefundHours: e.BOOKING_FULL_REFUND_HOURS,
      lateRefundPercent: e.BOOKING_LATE_REFUND_PERCENT,
    },
    publicUrl: config.publicUrl,
    emailFrom: e.EMAIL_FROM,
  };
}

/** Booking's settings and clock from the app's context; hooks, when any, come from the composition root. */
export const bookingDepsOf = (ctx: Pick<AppContext, 'config' | 'now'>): BookingDeps => ({
  settings: bookingSettings(ctx.config),
  now: () => ctx.now(),
});

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  holdMinutes: 15,
  callWindow: DEFAULT_CALL_WINDOW,
  horizonDays: 90,
  policy: { fullRefundHours: 24, lateRefundPercent: 50 },
  publicUrl: 'http://localhost:3000',
  emailFrom: 'Telehealth Hub <no-reply@telehealth.local>',
};

export interface AppointmentRow {
  id: string;
  doctor_id: string;
  patient_id: string;
  starts_at: Date;
  ends_at: Date;
  blocked_until: Date;
  status: AppointmentStatus;
  hold_expires_at: Date | null;
  price_minor: number;
  currency: string;
  payment_ref: string | null;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancelled_by_role: CancelActor | null;
  cancel_reason: string | null;
  refund_due_minor: number | null;
  sequence: number;
  reschedule_count: number;
  created_at: Date;
  visit_reason: string;
  visit_type: VisitType;
  follow_up_of: string | null;
  checked_in_at: Date | null;
  completed_at: Date | null;
  doctor_name: string;
  patient_name: string;
  /** Pending with its hold past (database clock). */
  hold_lapsed: boolean;
}

export const APPOINTMENT_SELECT = `SELECT a.*, du.name AS doctor_name, pu.name AS patient_name,
  ${lapsedSql('a')} AS hold_lapsed
  FROM appointments a JOIN users du ON du.id = a.doctor_id JOIN users pu ON pu.id = a.patient_id`;

/** Who is looking: the visit reason is the patient's and the doctor's; the receipt the payer's. */
export interface AppointmentViewer {
  role: 'patient' | 'doctor' | 'admin';
  policy: CallWindowPolicy;
  /** For the refund a cancellation by this viewer would give now. */
  refund: RefundPolicy;
  now: Date;
}

export function toAppointment(r: AppointmentRow, zone: string, viewer: AppointmentViewer): Appointment {
  const status = effectiveStatus(r);
  const win = joinWindow(
    { startsAt: r.starts_at, endsAt: r.ends_at },
    viewer.role === 'doctor' ? 'doctor' : 'patient',
    viewer.policy,
  );
  return {
    id: r.id,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    patientId: r.patient_id,
    patientName: r.patient_name,
    status,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    timezone: zone,
    startsAtLocal: toZonedIso(r.starts_at.getTime(), zone),
    endsAtLocal: toZonedIso(r.ends_at.getTime(), zone),
    holdExpiresAt: status === 'pending' ? isoOrNull(r.hold_expires_at) : null,
    priceMinor: r.price_minor,
    currency: r.currency.trim(),
    paid: r.payment_ref !== null,
    refundDueMinor: r.refund_due_minor,
    cancelledAt: isoOrNull(r.cancelled_at),
    cancelledBy: r.cancelled_by_role,
    cancelReason: r.cancel_reason,
    rescheduleCount: r.reschedule_count,
    createdAt: r.created_at.toISOString(),
    visitType: r.visit_type,
    visitReason: viewer.role === 'admin' ? null : r.visit_reason,
    followUpOf: r.follow_up_of,
    checkedInAt: isoOrNull(r.checked_in_at),
    completedAt: isoOrNull(r.completed_at),
    joinOpensAt: win.opensAt.toISOString(),
    joinClosesAt: win.closesAt.toISOString(),
    // Paid through payments: payment_ref is the payment's id (bookingPort.confirm).
    receiptId: viewer.role !== 'doctor' && r.payment_ref && UUID.test(r.payment_ref) ? r.payment_ref : null,
    refundIfCancelledMinor:
      status === 'pending' || status === 'confirmed'
        ? refundDueMinor(
            status === 'confirmed' ? r.price_minor : 0,
            { startsAt: r.starts_at, cancelledAt: viewer.now, by: viewer.role },
            viewer.refund,
          )
        : null,
    refundPolicy: viewer.refund,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `actor` may see and act on the appointment (admins: all). Others get a 404, never a 403. */
export const canAccess = (actor: AuthedUser, r: Pick<AppointmentRow, 'doctor_id' | 'patient_id'>) =>
  actor.role === 'admin' ||
  (actor.role === 'patient' && r.patient_id === actor.id) ||
  (actor.role === 'doctor' && r.doctor_id === actor.id);

const notFoundAppt = () => notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');

/** Exclusion violations are the normal outcome of a race for a slot: 409 with a code, never a 500. */
function mapConflict(err: unknown): never {
  if (pgCode(err) === PgCodes.exclusionViolation) {
    const c = pgConstraint(err) ?? (err instanceof Error ? err.message : '');
    if (c.includes('appointments_no_patient_overlap')) {
      throw conflict('PATIENT_OVERLAP', 'You already have an appointment at an overlapping time');
    }
    throw conflict('SLOT_TAKEN', 'This slot was just taken; pick another one');
  }
  throw err;
}

export async function event(
  q: Queryable,
  appointmentId: string,
  kind: string,
  actorId: string | null,
  data: Record<string, unknown> = {},
) {
  await q.query(
    `INSERT INTO appointment_events (appointment_id, kind, actor_id, data) VALUES ($1, $2, $3, $4)`,
    [appointmentId, kind, actorId, JSON.stringify(data)],
  );
}

/**
 * Marks 'expired' any pending appointment whose hold has lapsed and that overlaps the range for this
 * doctor or this patient, so it stops counting for the exclusion constraints. Runs in the caller's
 * transaction just before it takes the range: a late sweeper never blocks anyone. Concurrent callers
 * serialise on the row locks; correctness still rests on the constraints.
 */
async function releaseLapsedHolds(
  q: Queryable,
  r: { doctorId: string; patientId: string; start: Date; end: Date; blockedUntil: Date; exceptId?: string },
) {
  await q.query(
    `WITH lapsed AS (
       UPDATE appointments SET status = 'expired', expired_at = now(), updated_at = now()
       WHERE ${LAPSED_SQL} AND id IS DISTINCT FROM $6::uuid
         AND ((doctor_id = $1 AND tstzrange(starts_at, blocked_until) && tstzrange($3, $5))
           OR (patient_id = $2 AND tstzrange(starts_at, ends_at) && tstzrange($3, $4)))
       RETURNING id)
     INSERT INTO appointment_events (appointment_id, kind) SELECT id, 'expired' FROM lapsed`,
    [r.doctorId, r.patientId, r.start, r.end, r.blockedUntil, r.exceptId ?? null],
  );
}

interface DoctorForBooking {
  user_id: string;
  timezone: string;
  slot_minutes: number;
  buffer_minutes: number;
  fee_minor: number;
  currency: string;
}

async function loadBookableDoctor(q: Queryable, doctorId: string): Promise<DoctorForBooking> {
  const d = (
    await q.query<DoctorForBooking>(
      `SELECT d.user_id, d.timezone, d.slot_minutes, d.buffer_minutes, d.fee_minor, d.currency FROM doctor_profiles d JOIN users u ON u.id = d.user_id
       WHERE d.user_id = $1 AND d.verified_at IS NOT NULL AND u.status = 'active'`,
      [doctorId],
    )
  ).rows[0];
  if (!d) throw notFound('DOCTOR_NOT_FOUND', 'No such doctor');
  return d;
}

/** Each side's address, name, zone and language: e-mails and invites are written for the reader. */
interface Participants {
  patient: { email: string; name: string; timezone: string; locale: string };
  doctor: { email: string; name: string; timezone: string; locale: string };
}

async function loadParticipants(
  q: Queryable,
  a: Pick<AppointmentRow, 'doctor_id' | 'patient_id'>,
): Promise<Participants> {
  const r = (
    await q.query<{
      p_email: string;
      p_name: string;
      p_tz: string;
      d_email: string;
      d_name: string;
      d_tz: string;
      p_locale: string;
      d_locale: string;
    }>(
      `SELECT pu.email AS p_email, pu.name AS p_name, pu.timezone AS p_tz, du.email AS d_email, du.name AS d_name, d.timezone AS d_tz,
              pu.locale AS p_locale, du.locale AS d_locale
       FROM users pu, users du JOIN doctor_profiles d ON d.user_id = du.id WHERE pu.id = $1 AND du.id = $2`,
      [a.patient_id, a.doctor_id],
    )
  ).rows[0]!;
  return {
    patient: { email: r.p_email, name: r.p_name, timezone: r.p_tz, locale: r.p_locale },
    doctor: { email: r.d_email, name: r.d_name, timezone: r.d_tz, locale: r.d_locale },
  };
}

export interface BookingDeps {
  settings: BookingSettings;
  now: () => Date;
  hooks?: BookingHooks;
}

export type ConfirmResult =
  | { ok: true; appointment: AppointmentRow; alreadyConfirmed: boolean }
  | {
      ok: false;
      reason: 'NOT_FOUND' | 'HOLD_EXPIRED' | 'CANCELLED' | 'ALREADY_CONFIRMED' | 'NOT_PENDING';
      status?: AppointmentStatus;
    };

export function createBookingService(deps: BookingDeps) {
  const { settings } = deps;
  const hooks = deps.hooks ?? NO_BOOKING_HOOKS;
  const links = bookingLinks(settings.publicUrl);
  const link = links.appointment;
  const organizer = () => parseMailbox(settings.emailFrom);

  async function fetchRow(q: Queryable, id: string, lock = false): Promise<AppointmentRow | undefined> {
    return (
      await q.query<AppointmentRow>(
        `${APPOINTMENT_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
        [id],
      )
    ).rows[0];
  }

  /** The start must be a future slot of the doctor's availability within the horizon (code checks). */
  async function validateSlot(q: Queryable, doctor: DoctorForBooking, start: Date) {
    const now = deps.now().getTime();
    const t = start.getTime();
    if (t <= now) throw unprocessable('SLOT_IN_PAST', 'That time has already passed');
    if (t > now + settings.horizonDays * DAY_MS) {
      throw unprocessable(
        'SLOT_BEYOND_HORIZON',
        `Appointments can be booked up to ${settings.horizonDays} days ahead`,
      );
    }
    const day = localDay(doctor.timezone, t);
    const cs = await loadCompiledSchedule(q, doctor.user_id, day - 2, day + 2);
    if (!cs || !isOfferedSlot(cs, t))
      throw unprocessable('SLOT_NOT_OFFERED', 'The doctor does not offer a slot at that time');
  }

  function ics(
    a: AppointmentRow,
    p: Participants,
    forRole: 'patient' | 'doctor',
    method: IcsEvent['method'],
  ): IcsEvent {
    const other = forRole === 'patient' ? p.doctor.name : p.patient.name;
    const { t } = translator(p[forRole].locale);
    return {
      method,
      uid: a.id,
      sequence: a.sequence,
      start: a.starts_at,
      end: a.ends_at,
      stamp: new Date(),
      summary: t('ics.summary', { with: other }),
      description: t('ics.description', { link: link(a.id) }),
      location: t('ics.location'),
      alarm: t('ics.alarm'),
      url: link(a.id),
      organizer: organizer(),
      attendees: [forRole === 'patient' ? p.patient : p.doctor],
    };
  }

  /** Each reminder is one outbox row keyed by appointment, lead and start: never two for the same. */
  async function scheduleReminders(q: Queryable, a: AppointmentRow, p: Participants) {
    const now = deps.now().getTime();
    for (const r of REMINDERS) {
      const sendAfter = new Date(a.starts_at.getTime() - r.ms);
      if (sendAfter.getTime() <= now) continue;
      const key = reminderKey(a.id, r.label, a.starts_at);
      const id = await enqueueEmail(q, {
        to: p.patient.email,
        message: bookingReminderEmail({
          name: p.patient.name,
          withName: p.doctor.name,
          when: formatWhen(a.starts_at, p.patient.timezone, p.patient.locale),
          locale: p.patient.locale,
          link: link(a.id),
          lead: r.label,
        }),
        dedupeKey: key,
        sendAfter,
      });
      // Moved back to a time it had before: revive that reminder rather than lose it (a sent one stays sent).
      if (!id) {
        await q.query(
          `UPDATE outbox_emails SET status = 'pending', attempts = 0, last_error = NULL, send_after = $2 WHERE dedupe_key = $1 AND status = 'cancelled'`,
          [key, sendAfter],
        );
      }
    }
  }

  async function cancelReminders(q: Queryable, a: Pick<AppointmentRow, 'id' | 'starts_at'>) {
    await q.query(
      `UPDATE outbox_emails SET status = 'cancelled' WHERE dedupe_key = ANY($1) AND status = 'pending'`,
      [REMINDERS.map((r) => reminderKey(a.id, r.label, a.starts_at))],
    );
  }

  async function afterConfirm(q: Queryable, a: AppointmentRow) {
    const p = await loadParticipants(q, a);
    for (const role of ['patient', 'doctor'] as const) {
      const me = p[role];
      const price =
        a.price_minor > 0 ? translator(me.locale).money(a.price_minor, a.currency.trim()) : undefined;
      await enqueueEmail(q, {
        to: me.email,
        message: bookingConfirmedEmail({
          name: me.name,
          withName: role === 'patient' ? p.doctor.name : p.patient.name,
          when: formatWhen(a.starts_at, me.timezone, me.locale),
          locale: me.locale,
          link: link(a.id),
          ...(role === 'patient' && price ? { priceText: price } : {}),
        }),
        attachments: [icsAttachment(ics(a, p, role, 'REQUEST'))],
      });
    }
    await scheduleReminders(q, a, p);
  }

  async function create(
    q: Queryable,
    actor: AuthedUser,
    input: {
      doctorId: string;
      startsAt: Date;
      reason?: string;
      visitType?: VisitType;
      /** A follow-up booked from a doctor's proposal: the visit it follows. */
      followUpOf?: string;
    },
  ): Promise<AppointmentRow> {
    const doctor = await loadBookableDoctor(q, input.doctorId);
    await validateSlot(q, doctor, input.startsAt);
    const start = input.startsAt;
    const end = new Date(start.getTime() + doctor.slot_minutes * 60_000);
    const blockedUntil = new Date(end.getTime() + doctor.buffer_minutes * 60_000);
    await releaseLapsedHolds(q, { doctorId: doctor.user_id, patientId: actor.id, start, end, blockedUntil });
    // A free consultation has nothing to pay: confirmed at once.
    const free = doctor.fee_minor === 0;
    // Insert, its 'created' event and the row as the API shows it, in one round trip.
    let row: AppointmentRow;
    try {
      row = (
        await q.query<AppointmentRow>(
          `WITH a AS (
             INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, hold_expires_at, price_minor, currency, confirmed_at,
               visit_reason, visit_type, follow_up_of)
             VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7), $8, $9, CASE WHEN $6 = 'confirmed' THEN now() END, $11, $12, $13)
             RETURNING *),
           ev AS (INSERT INTO appointment_events (appointment_id, kind, actor_id, data) SELECT id, 'created', $2, $10 FROM a)
           SELECT a.*, du.name AS doctor_name, pu.name AS patient_name, false AS hold_lapsed
           FROM a JOIN users du ON du.id = a.doctor_id JOIN users pu ON pu.id = a.patient_id`,
          [
            doctor.user_id,
            actor.id,
            start,
            end,
            blockedUntil,
            free ? 'confirmed' : 'pending',
            settings.holdMinutes,
            doctor.fee_minor,
            doctor.currency,
            JSON.stringify({ startsAt: start.toISOString() }),
            input.reason?.trim() ?? '',
            input.followUpOf ? 'follow_up' : (input.visitType ?? 'new'),
            input.followUpOf ?? null,
          ],
        )
      ).rows[0]!;
    } catch (err) {
      mapConflict(err);
    }
    const id = row.id;
    if (free) {
      await event(q, id, 'confirmed', actor.id, { free: true });
      await afterConfirm(q, row);
    }
    return row;
  }

  /**
   * Pending -> confirmed, for the payments module inside its transaction. A late payment still
   * confirms when the time is free: a pending appointment whose hold lapsed kept occupying its range
   * (nobody can overlap it), and one already marked 'expired' is revived if, and only if, the
   * exclusion constraints accept it back (behind a savepoint, so the caller's transaction survives a
   * refusal). HOLD_EXPIRED means someone else has the time now (or it has started): refund.
   * Replaying the same paymentRef is ok (alreadyConfirmed).
   */
  async function confirm(q: TxQueryable, appointmentId: string, paymentRef: string): Promise<ConfirmResult> {
    const upd = await q.query<{ id: string }>(
      `UPDATE appointments SET status = 'confirmed', confirmed_at = now(), payment_ref = $2, updated_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [appointmentId, paymentRef],
    );
    const row = await fetchRow(q, appointmentId);
    if (!row) return { ok: false, reason: 'NOT_FOUND' };
    if (upd.rowCount === 0) {
      if (row.status === 'confirmed' && row.payment_ref === paymentRef)
        return { ok: true, appointment: row, alreadyConfirmed: true };
      if (row.status === 'confirmed') return { ok: false, reason: 'ALREADY_CONFIRMED', status: row.status };
      if (row.status === 'expired') {
        if (row.starts_at.getTime() <= deps.now().getTime())
          return { ok: false, reason: 'HOLD_EXPIRED', status: row.status };
        try {
          await q.savepoint(() =>
            q.query(
              `UPDATE appointments SET status = 'confirmed', confirmed_at = now(), payment_ref = $2, updated_at = now() WHERE id = $1 AND status = 'expired'`,
              [appointmentId, paymentRef],
            ),
          );
        } catch (err) {
          if (pgCode(err) !== PgCodes.exclusionViolation) throw err;
          return { ok: false, reason: 'HOLD_EXPIRED', status: row.status };
        }
        const revived = (await fetchRow(q, appointmentId))!;
        await event(q, appointmentId, 'confirmed', null, { late: true });
        await afterConfirm(q, revived);
        return { ok: true, appointment: revived, alreadyConfirmed: false };
      }
      if (row.status === 'cancelled') return { ok: false, reason: 'CANCELLED', status: row.status };
      return { ok: false, reason: 'NOT_PENDING', status: row.status };
    }
    await event(q, appointmentId, 'confirmed', null, {});
    await afterConfirm(q, row);
    return { ok: true, appointment: row, alreadyConfirmed: false };
  }

  async function lockForChange(q: Queryable, actor: AuthedUser, id: string): Promise<AppointmentRow> {
    const row = await fetchRow(q, id, true);
    if (!row || !canAccess(actor, row)) throw notFoundAppt();
    return row;
  }

  /** Moves the appointment in one UPDATE: the new range is claimed and the old released atomically. */
  async function reschedule(
    q: Queryable,
    actor: AuthedUser,
    id: string,
    startsAt: Date,
  ): Promise<AppointmentRow> {
    const a = await lockForChange(q, actor, id);
    const status = effectiveStatus(a);
    if (status !== 'pending' && status !== 'confirmed') {
      throw conflict('APPOINTMENT_NOT_ACTIVE', `A ${status} appointment cannot be rescheduled`);
    }
    if (a.starts_at.getTime() <= deps.now().getTime())
      throw conflict('APPOINTMENT_STARTED', 'This appointment has already started');
    if (a.starts_at.getTime() === startsAt.getTime())
      throw unprocessable('SAME_SLOT', 'The appointment is already at that time');
    const doctor = await loadBookableDoctor(q, a.doctor_id);
    await validateSlot(q, doctor, startsAt);
    const end = new Date(startsAt.getTime() + doctor.slot_minutes * 60_000);
    const blockedUntil = new Date(end.getTime() + doctor.buffer_minutes * 60_000);
    await releaseLapsedHolds(q, {
      doctorId: a.doctor_id,
      patientId: a.patient_id,
      start: startsAt,
      end,
      blockedUntil,
      exceptId: a.id,
    });
    try {
      await q.query(
        `UPDATE appointments SET starts_at = $2, ends_at = $3, blocked_until = $4, sequence = sequence + 1,
           reschedule_count = reschedule_count + 1, updated_at = now() WHERE id = $1`,
        [a.id, startsAt, end, blockedUntil],
      );
    } catch (err) {
      mapConflict(err);
    }
    await event(q, a.id, 'rescheduled', actor.id, {
      from: a.starts_at.toISOString(),
      to: startsAt.toISOString(),
    });
    const moved = (await fetchRow(q, a.id))!;
    if (a.status === 'confirmed') {
      await cancelReminders(q, a);
      const p = await loadParticipants(q, moved);
      for (const role of ['patient', 'doctor'] as const) {
        const me = p[role];
        await enqueueEmail(q, {
          to: me.email,
          message: bookingRescheduledEmail({
            name: me.name,
            withName: role === 'patient' ? p.doctor.name : p.patient.name,
            when: formatWhen(moved.starts_at, me.timezone, me.locale),
            previousWhen: formatWhen(a.starts_at, me.timezone, me.locale),
            locale: me.locale,
            link: link(a.id),
          }),
          attachments: [icsAttachment(ics(moved, p, role, 'REQUEST'))],
        });
      }
      await scheduleReminders(q, moved, p);
    }
    return moved;
  }

  async function cancel(
    q: TxQueryable,
    actor: AuthedUser,
    id: string,
    reason?: string,
  ): Promise<AppointmentRow> {
    const a = await lockForChange(q, actor, id);
    const status = effectiveStatus(a);
    if (status === 'cancelled') throw conflict('ALREADY_CANCELLED', 'This appointment is already cancelled');
    if (status !== 'pending' && status !== 'confirmed')
      throw conflict('APPOINTMENT_NOT_ACTIVE', `A ${status} appointment cannot be cancelled`);
    const now = deps.now();
    const by = actor.role as CancelActor;
    // Patients can cancel until the start; the doctor (or an admin) until the end.
    const deadline = by === 'patient' ? a.starts_at : a.ends_at;
    if (deadline.getTime() <= now.getTime())
      throw conflict('TOO_LATE_TO_CANCEL', 'This appointment can no longer be cancelled');
    const paid = a.status === 'confirmed' ? a.price_minor : 0;
    const refund = refundDueMinor(paid, { startsAt: a.starts_at, cancelledAt: now, by }, settings.policy);
    await q.query(
      `UPDATE appointments SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2, cancelled_by_role = $3, cancel_reason = $4,
         refund_due_minor = $5, sequence = sequence + 1, updated_at = now() WHERE id = $1`,
      [a.id, actor.id, by, reason || null, refund],
    );
    await event(q, a.id, 'cancelled', actor.id, { by, refundDueMinor: refund });
    const row = (await fetchRow(q, a.id))!;
    if (a.status === 'confirmed') {
      await cancelReminders(q, a);
      const p = await loadParticipants(q, row);
      for (const role of ['patient', 'doctor'] as const) {
        const me = p[role];
        const refundNote =
          role === 'patient' && paid > 0
            ? refund > 0
              ? { amount: translator(me.locale).money(refund, a.currency.trim()) }
              : ('none' as const)
            : undefined;
        await enqueueEmail(q, {
          to: me.email,
          message: bookingCancelledEmail({
            name: me.name,
            withName: role === 'patient' ? p.doctor.name : p.patient.name,
            when: formatWhen(a.starts_at, me.timezone, me.locale),
            cancelledBy: by === role ? 'you' : by,
            link: role === 'patient' ? links.doctor(a.doctor_id) : link(a.id),
            locale: me.locale,
            ...(refundNote ? { refund: refundNote } : {}),
          }),
          attachments: [icsAttachment(ics(row, p, role, 'CANCEL'))],
        });
      }
    }
    if (refund > 0) {
      await hooks.onRefundDue(q, {
        appointmentId: a.id,
        patientId: a.patient_id,
        doctorId: a.doctor_id,
        amountMinor: refund,
        currency: a.currency.trim(),
        paymentRef: a.payment_ref,
        cancelledBy: by,
        cancelledAt: now,
      });
    }
    return row;
  }

  async function markNoShow(q: Queryable, actor: AuthedUser, id: string): Promise<AppointmentRow> {
    const a = await lockForChange(q, actor, id);
    if (actor.role !== 'admin' && a.doctor_id !== actor.id) throw notFoundAppt();
    if (a.status !== 'confirmed')
      throw conflict(
        'APPOINTMENT_NOT_ACTIVE',
        `A ${effectiveStatus(a)} appointment cannot be marked as a no-show`,
      );
    if (a.starts_at.getTime() > deps.now().getTime())
      throw conflict('NOT_STARTED', 'A no-show can be recorded once the appointment has started');
    await q.query(
      `UPDATE appointments SET status = 'no_show', no_show_at = now(), updated_at = now() WHERE id = $1`,
      [a.id],
    );
    await event(q, a.id, 'no_show', actor.id);
    return (await fetchRow(q, a.id))!;
  }

  /**
   * The patient enters their call window: the first time checks them in (the doctor's agenda shows
   * them as arrived). `first` says whether this call did it, so the doctor is told once.
   */
  async function checkIn(
    q: Queryable,
    actor: AuthedUser,
    id: string,
  ): Promise<{ row: AppointmentRow; first: boolean }> {
    const a = await lockForChange(q, actor, id);
    if (actor.role !== 'patient') throw notFoundAppt();
    if (a.status !== 'confirmed')
      throw conflict('APPOINTMENT_NOT_ACTIVE', `A ${effectiveStatus(a)} appointment has no call to join`);
    const w = joinWindow({ startsAt: a.starts_at, endsAt: a.ends_at }, 'patient', settings.callWindow);
    const state = joinState(w, deps.now());
    if (state === 'not_yet')
      throw conflict('CALL_NOT_OPEN', 'The call is not open yet', { opensAt: w.opensAt.toISOString() });
    if (state === 'closed') throw conflict('CALL_CLOSED', 'The call window of this appointment has closed');
    if (a.checked_in_at) return { row: a, first: false };
    await q.query(`UPDATE appointments SET checked_in_at = now(), updated_at = now() WHERE id = $1`, [a.id]);
    await event(q, a.id, 'checked_in', actor.id);
    return { row: (await fetchRow(q, a.id))!, first: true };
  }

  /** The calendar invite of the visit for one of its sides, as the confirmation email attaches it. */
  async function invite(q: Queryable, a: AppointmentRow, side: 'patient' | 'doctor'): Promise<string> {
    const p = await loadParticipants(q, a);
    const active = a.status === 'confirmed' || a.status === 'pending' || a.status === 'completed';
    return buildIcs(ics(a, p, side, active ? 'REQUEST' : 'CANCEL'));
  }

  return {
    create,
    confirm,
    reschedule,
    cancel,
    markNoShow,
    checkIn,
    invite,
    fetchRow,
    validateSlot,
    loadBookableDoctor,
  };
}

/**
 * The consultation of a booked visit ended (the doctor ended the call): the visit is completed.
 * Idempotent; false when it was not confirmed (already completed, cancelled, a no-show).
 */
export async function completeAppointment(
  q: Queryable,
  appointmentId: string,
  actorId: string | null,
): Promise<boolean> {
  const r = await q.query<{ id: string; starts_at: Date }>(
    `UPDATE appointments SET status = 'completed', completed_at = now(), updated_at = now()
     WHERE id = $1 AND status = 'confirmed' RETURNING id, starts_at`,
    [appointmentId],
  );
  const done = r.rows[0];
  if (!done) return false;
  await event(q, appointmentId, 'completed', actorId);
  // A visit held early must not be followed by its "in one hour" reminder.
  await q.query(
    `UPDATE outbox_emails SET status = 'cancelled' WHERE dedupe_key = ANY($1) AND status = 'pending'`,
    [REMINDERS.map((x) => reminderKey(appointmentId, x.label, done.starts_at))],
  );
  return true;
}
export type BookingService = ReturnType<typeof createBookingService>;
