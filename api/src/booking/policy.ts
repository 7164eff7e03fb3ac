/**
 * Pure booking rules: the cancellation refund and what a hold/lapse means. No I/O.
 */

export interface RefundPolicy {
  /** A patient cancelling at least this many hours before the start gets everything back. */
  fullRefundHours: number;
  /** Refunded to a patient cancelling later than that (0-100, rounded down to a minor unit). */
  lateRefundPercent: number;
}

export const CancelActors = ['patient', 'doctor', 'admin'] as const;
export type CancelActor = (typeof CancelActors)[number];

/**
 * What a cancellation refunds, in minor units. Only money actually paid comes back; a doctor or an
 * admin cancelling always refunds in full.
 */
export function refundDueMinor(
  paidMinor: number,
  c: { startsAt: Date; cancelledAt: Date; by: CancelActor },
  p: RefundPolicy,
): number {
  if (paidMinor <= 0) return 0;
  if (c.by !== 'patient') return paidMinor;
  const hoursBefore = (c.startsAt.getTime() - c.cancelledAt.getTime()) / 3_600_000;
  if (hoursBefore >= p.fullRefundHours) return paidMinor;
  if (hoursBefore <= 0) return 0;
  return Math.floor((paidMinor * p.lateRefundPercent) / 100);
}

/** Reminder leads: label (part of the outbox dedupe key) and how long before the start. */
export const REMINDERS = [
  { label: '24h', ms: 24 * 3_600_000 },
  { label: '1h', ms: 3_600_000 },
] as const;

export const reminderKey = (appointmentId: string, label: string, startsAt: Date) =>
  `reminder:${appointmentId}:${label}:${startsAt.toISOString()}`;
