import { setBookingHooks, type RefundDue } from '../booking/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { requestRefundTx, submitRefund, type PaymentRow, type PaymentsDeps } from './service.ts';

/**
 * Cancellation refunds. Booking decides how much is due (its cancellation policy, BOOKING_*_REFUND_*)
 * and calls onRefundDue inside the cancelling transaction; payments decides where the money goes:
 * PAYMENT_REFUND_DESTINATION 'original' (documented hybrid rule, see policy.splitRefund: the wallet
 * part back to the wallet first, instantly, the rest back to the card through the gateway's refund
 * API) or 'wallet' (everything to the wallet, instantly). One refund per cancelled appointment.
 */
export async function refundForCancellation(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'refundDestination'>,
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
  return requestRefundTx(q, {
    paymentId: p.id,
    amountMinor: due.amountMinor,
    destination: deps.refundDestination,
    reason: `Your appointment was cancelled${due.cancelledBy === 'patient' ? '' : ` by the ${due.cancelledBy}`}.`,
    causeKey: `cancel:${due.appointmentId}`,
  });
}

/**
 * Submits a refund created inside someone else's transaction once that commits: the row is not
 * visible before, so retry briefly; the reconciler covers anything left.
 */
export function submitRefundSoon(deps: PaymentsDeps, refundId: string, tries = 6) {
  let i = 0;
  const go = () => {
    setTimeout(
      async () => {
        const out = await submitRefund(deps, refundId).catch(() => 'retry');
        if ((out === 'nothing_to_do' || out === 'retry') && ++i < tries) go();
      },
      100 * 2 ** i,
    ).unref();
  };
  go();
}

export function installRefundHook(deps: PaymentsDeps) {
  setBookingHooks({
    onRefundDue: async (q, due) => {
      const r = await refundForCancellation(q, deps, due);
      for (const f of r.followUps) if (f.kind === 'submit_refund') submitRefundSoon(deps, f.refundId);
    },
  });
}
