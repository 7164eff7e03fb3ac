import type { Queryable } from '@telehealth/platform/db/index';
import type { BookingHooks, RefundDue } from '../booking/index.ts';
import { conflict, notFound } from '../http/errors.ts';
import { postTransaction } from './ledger/ledger.ts';
import { sendRefundNotice } from './notices.ts';
import { splitRefund, type RefundDestination } from './policy.ts';
import type { FollowUp, PaymentsDeps } from './ports.ts';
import { lockPayment, type PaymentRow } from './rows.ts';
import { runFollowUps } from './settle.ts';

// Refunds we decide to give: an admin's, and a cancellation's (booking's hook). What the gateway
// then says about them is settle.ts.

export interface RefundRequest {
  paymentId: string;
  amountMinor: number;
  destination: RefundDestination;
  reason: string;
  /** One refund per cause: a retried cancellation does not refund twice. */
  causeKey: string;
  /**
   * More than is left to refund: 'cap' refunds what is left (a cancellation's policy amount after an
   * earlier partial refund), 'refuse' answers 409 REFUND_EXCEEDS_PAID (an admin typed an exact amount).
   */
  overRefund?: 'cap' | 'refuse';
}

export async function requestRefundTx(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'publicUrl'>,
  r: RefundRequest,
): Promise<{ refundId?: string; followUps: FollowUp[] }> {
  const p = await lockPayment(q, r.paymentId);
  if (!p) throw notFound('PAYMENT_NOT_FOUND', 'No such payment');
  const existing = (
    await q.query<{ id: string }>('SELECT id FROM payment_refunds WHERE payment_id = $1 AND cause_key = $2', [
      p.id,
      r.causeKey,
    ])
  ).rows[0];
  if (existing) return { refundId: existing.id, followUps: [] };
  if (p.status !== 'succeeded') throw conflict('NOT_REFUNDABLE', `A ${p.status} payment cannot be refunded`);
  const sums = (
    await q.query<{ w: number; g: number }>(
      `SELECT COALESCE(sum(wallet_minor), 0)::bigint AS w, COALESCE(sum(gateway_minor), 0)::bigint AS g
       FROM payment_refunds WHERE payment_id = $1 AND status <> 'failed'`,
      [p.id],
    )
  ).rows[0]!;
  const refundable = Number(p.wallet_minor) + Number(p.gateway_minor) - Number(sums.w) - Number(sums.g);
  if (r.overRefund === 'refuse' && refundable > 0 && r.amountMinor > refundable)
    throw conflict('REFUND_EXCEEDS_PAID', 'The refund is more than is left to refund on this payment', {
      refundableMinor: refundable,
    });
  const split = splitRefund(
    r.amountMinor,
    {
      walletMinor: Number(p.wallet_minor),
      gatewayMinor: Number(p.gateway_minor),
      refundedWalletMinor: Number(sums.w),
      refundedGatewayMinor: Number(sums.g),
    },
    p.gateway ? r.destination : 'wallet',
  );
  const total = split.walletMinor + split.gatewayMinor;
  if (total === 0) return { followUps: [] };
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        p.id,
        total,
        split.walletMinor,
        split.gatewayMinor,
        split.gatewayMinor > 0 ? 'pending' : 'succeeded',
        r.reason,
        r.causeKey,
      ],
    )
  ).rows[0]!;
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: r.reason,
    entries: [
      { account: { kind: 'refunds' }, amountMinor: -total },
      { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: split.walletMinor },
      ...(split.gatewayMinor
        ? [{ account: { kind: 'gateway' as const, gateway: p.gateway! }, amountMinor: split.gatewayMinor }]
        : []),
    ],
  });
  await q.query(
    `UPDATE payments SET refunded_minor = refunded_minor + $2,
       status = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'refunded' ELSE status END WHERE id = $1`,
    [p.id, total],
  );
  await sendRefundNotice(q, deps, p, refund.id, { ...split, reason: r.reason });
  return {
    refundId: refund.id,
    followUps: split.gatewayMinor ? [{ kind: 'submit_refund', refundId: refund.id }] : [],
  };
}

/**
 * Cancellation refunds. Booking decides how much is due (its cancellation policy, BOOKING_*_REFUND_*)
 * and calls onRefundDue inside the cancelling transaction; payments decides where the money goes:
 * PAYMENT_REFUND_DESTINATION 'original' (documented hybrid rule, see policy.splitRefund: the wallet
 * part back to the wallet first, instantly, the rest back to the card through the gateway's refund
 * API) or 'wallet' (everything to the wallet, instantly). One refund per cancelled appointment.
 */
export async function refundForCancellation(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'refundDestination' | 'publicUrl'>,
  due: RefundDue,
) {
  const p =
    (due.paymentRef
      ? (await q.query<PaymentRow>(`SELECT * FROM payments WHERE id::text = $1`, [due.paymentRef])).rows[0]
      : undefined) ??
    (
      await q.query<PaymentRow>(`SELECT * FROM payments WHERE appointment_id = $1 AND status = 'succeeded'`, [
        due.appointmentId,
      ])
    ).rows[0];
  // An appointment confirmed without a payment row (not through payments) has nothing to refund here.
  if (!p) return { followUps: [] };
  return requestRefundTx(q, deps, {
    paymentId: p.id,
    amountMinor: due.amountMinor,
    destination: deps.refundDestination,
    reason: `Your appointment was cancelled${due.cancelledBy === 'patient' ? '' : ` by the ${due.cancelledBy}`}.`,
    causeKey: `cancel:${due.appointmentId}`,
  });
}

/**
 * Booking's hook for a cancellation that owes money: the refund is recorded on the cancelling
 * transaction, and its gateway part is submitted once that transaction has committed, never when
 * it rolls back. The submission runs in the background so the cancel answers at once; if it fails,
 * the reconciler submits it again.
 */
export function cancellationRefunds(deps: PaymentsDeps): BookingHooks {
  return {
    onRefundDue: async (q, due) => {
      const { followUps } = await refundForCancellation(q, deps, due);
      if (followUps.length) q.afterCommit(() => void runFollowUps(deps, followUps));
    },
  };
}
