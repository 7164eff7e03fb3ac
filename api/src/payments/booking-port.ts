import { confirmAppointment, getAppointmentForPayment, type BookingDeps } from '../booking/index.ts';
import type { Queryable, TxQueryable } from '@telehealth/platform/db/index';
import { pgCode, PgCodes } from '@telehealth/platform/db/errors';
import { formatWhen } from '../booking/emails.ts';
import type { AppointmentForPayment, BookingPort } from './ports.ts';

/**
 * Payments' adapter to booking (issue 3): the price stored on the appointment is the amount, and
 * confirmation goes through booking's confirmAppointment on the payment's own transaction, with the
 * app's booking settings and clock (`booking`).
 */
export const createBookingPort = (booking: BookingDeps): BookingPort => ({
  async load(q: Queryable, appointmentId: string): Promise<AppointmentForPayment | undefined> {
    // Locked: two checkouts of one appointment queue here instead of racing.
    const a = await getAppointmentForPayment(q, appointmentId, { lock: true });
    if (!a) return undefined;
    const people = await q.query<{ id: string; name: string; timezone: string }>(
      'SELECT id, name, timezone FROM users WHERE id = ANY($1)',
      [[a.doctorId, a.patientId]],
    );
    const doctor = people.rows.find((u) => u.id === a.doctorId);
    const patientZone = people.rows.find((u) => u.id === a.patientId)?.timezone ?? 'UTC';
    const state = a.holdActive
      ? 'payable'
      : ['confirmed', 'completed', 'no_show'].includes(a.status)
        ? 'confirmed'
        : 'gone';
    const startsAt = new Date(a.startsAt);
    return {
      id: a.id,
      patientId: a.patientId,
      priceMinor: Number(a.priceMinor),
      currency: a.currency,
      startsAt,
      state,
      // In the patient's own zone, and without the price: receipts state the amount once.
      description: `a consultation with ${doctor?.name ?? 'your doctor'} on ${formatWhen(startsAt, patientZone)}`,
    };
  },

  async confirm(q, appointmentId, paymentId) {
    let r = await confirmAppointment(booking, q, appointmentId, paymentId);
    if (!r.ok && r.reason === 'HOLD_EXPIRED') {
      // Money arrived after the hold lapsed and the sweeper marked it expired. If the slot is still
      // free (nobody booked it, the patient has nothing else then), take it back: the exclusion
      // constraints refuse the revival when the time is taken, and then the payment is refunded.
      const revived = await revive(q, appointmentId);
      if (revived) r = await confirmAppointment(booking, q, appointmentId, paymentId);
    }
    if (r.ok) return { ok: true };
    return { ok: false, reason: r.reason };
  },
});

async function revive(q: TxQueryable, appointmentId: string): Promise<boolean> {
  try {
    const u = await q.savepoint(() =>
      q.query(
        `UPDATE appointments SET status = 'pending', hold_expires_at = now() + interval '1 minute', expired_at = NULL, updated_at = now()
         WHERE id = $1 AND status = 'expired' RETURNING id`,
        [appointmentId],
      ),
    );
    return u.rows.length > 0;
  } catch (err) {
    if (pgCode(err) === PgCodes.exclusionViolation) return false;
    throw err;
  }
}
