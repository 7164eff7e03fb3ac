/**
 * What other modules (payments first) use from booking. Import from '@telehealth/api/booking/index'.
 */
import type { Queryable, TxQueryable } from '@telehealth/platform/db/index';
import {
  createBookingService,
  type AppointmentRow,
  type BookingDeps,
  type ConfirmResult,
} from './service.ts';
import { effectiveStatus, lapsedSql } from './states.ts';
import type { AppointmentStatus } from './schemas.ts';

export { NO_BOOKING_HOOKS, type BookingHooks, type RefundDue } from './hooks.ts';
export { refundDueMinor, type RefundPolicy, type CancelActor } from './policy.ts';
export { startBookingJobs, expireLapsedHolds, settleLapsedVisits } from './jobs.ts';
export { bookingDepsOf, completeAppointment, type BookingDeps } from './service.ts';
export { callWindowPolicy, joinWindow, type CallWindowPolicy } from './window.ts';
export { registerBookingRoutes } from './routes.ts';
export { seedBookingDemo } from './seed.ts';
export type { ConfirmResult, AppointmentRow, AppointmentStatus };

/**
 * Pending -> confirmed once paid; call it inside the payment's transaction with its Queryable. On
 * success the confirmation emails (with the .ics invite) and the 24 h / 1 h reminders are queued in
 * the same transaction. `{ ok: false, reason: 'HOLD_EXPIRED' | 'CANCELLED' | ... }` means the slot is
 * not the patient's any more: refund. Replaying the same paymentRef returns ok with alreadyConfirmed.
 * `deps` are the app's (bookingDepsOf): the links and sender in the e-mails, the clock of the reminders.
 */
export function confirmAppointment(
  deps: BookingDeps,
  q: TxQueryable,
  appointmentId: string,
  paymentRef: string,
): Promise<ConfirmResult> {
  return createBookingService(deps).confirm(q, appointmentId, paymentRef);
}

export interface AppointmentForPayment {
  id: string;
  patientId: string;
  doctorId: string;
  /** Effective: a pending appointment whose hold lapsed reads 'expired'. */
  status: AppointmentStatus;
  /** Pending and its hold still running (database clock): payable now. */
  holdActive: boolean;
  holdExpiresAt: Date | null;
  /** The doctor's fee at booking time. */
  priceMinor: number;
  currency: string;
  startsAt: Date;
  endsAt: Date;
  paymentRef: string | null;
}

/** The price and state of an appointment for checkout; `lock` takes FOR UPDATE on the row (inside a transaction). */
export async function getAppointmentForPayment(
  q: Queryable,
  appointmentId: string,
  opts: { lock?: boolean } = {},
): Promise<AppointmentForPayment | undefined> {
  const r = (
    await q.query<AppointmentRow>(
      `SELECT a.*, ${lapsedSql('a')} AS hold_lapsed FROM appointments a WHERE a.id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
      [appointmentId],
    )
  ).rows[0];
  if (!r) return undefined;
  const status = effectiveStatus(r);
  return {
    id: r.id,
    patientId: r.patient_id,
    doctorId: r.doctor_id,
    status,
    holdActive: status === 'pending',
    holdExpiresAt: r.hold_expires_at,
    priceMinor: r.price_minor,
    currency: r.currency.trim(),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    paymentRef: r.payment_ref,
  };
}
