import type { Queryable } from '@telehealth/platform/db/index';
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

export interface BookingHooks {
  /**
   * Called inside the cancelling transaction (use `q`, not the pool) after `refund_due_minor` is
   * written, only when the amount is > 0. Throwing rolls the cancellation back.
   */
  onRefundDue(q: Queryable, refund: RefundDue): Promise<void>;
}

/** The hooks in force; payments replaces them with setBookingHooks at registration. Default: no-ops. */
export const bookingHooks: BookingHooks = {
  onRefundDue: async () => {},
};

/** Installs hooks; returns a function that restores the previous ones (for tests). */
export function setBookingHooks(h: Partial<BookingHooks>): () => void {
  const prev = { ...bookingHooks };
  Object.assign(bookingHooks, h);
  return () => void Object.assign(bookingHooks, prev);
}
