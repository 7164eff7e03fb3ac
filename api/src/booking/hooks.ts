import type { TxQueryable } from '@telehealth/platform/db/index';
import type { CancelActor } from './policy.ts';

/** A cancellation that owes the patient money; the payments module turns it into a refund. */
export interface RefundDue {
  appointmentId: string;
  patientId: string;
  doctorId: string;
  amountMinor: number;
  currency: string;
  /** What confirmAppointment was given when the appointment was paid. */
  paymentRef: string | null;
  cancelledBy: CancelActor;
  cancelledAt: Date;
}

/**
 * What booking calls out to, handed to createBookingService by the composition root (modules.ts:
 * payments' cancellation refunds); without them nothing is called.
 */
export interface BookingHooks {
  /**
   * Called inside the cancelling transaction (use `q`, not the pool) after `refund_due_minor` is
   * written, only when the amount is > 0. Throwing rolls the cancellation back; work for after the
   * commit goes to `q.afterCommit`.
   */
  onRefundDue(q: TxQueryable, refund: RefundDue): Promise<void>;
}

export const NO_BOOKING_HOOKS: BookingHooks = Object.freeze({
  onRefundDue: async () => {},
});
