import type { Queryable, TxQueryable } from '@telehealth/platform/db/index';
import { GatewayError, type ChargeState } from './gateways/types.ts';
import { InsufficientFundsError, postTransaction } from './ledger/ledger.ts';
import { captureToRevenue, releaseWallet, reserveWallet } from './movements.ts';
import { sendReceipt, sendRefundNotice } from './notices.ts';
import type { FollowUp, PaymentsDeps } from './ports.ts';
import { findPayment, findRefund, lockPayment, type PaymentRow, type RefundRow } from './rows.ts';

/**
 * Settlement: the one place where what a gateway says is applied — money that arrived, a payment
 * that failed, a refund that went through or was refused — and the gateway calls that follow a
 * commit. Idempotent and order-independent: webhooks, the Razorpay verify call and the reconciler
 * all go through here.
 */

export interface SettleResult {
  outcome: string;
  paymentId?: string;
  followUps: FollowUp[];
}

/**
 * The gateway says money arrived for this payment. Books it, then confirms the appointment (or
 * credits the wallet for a top-up) — all on the caller's transaction. When the money cannot be
 * applied (slot gone, wallet part no longer available, wrong amount) everything is refunded instead:
 * no money without an appointment.
 */
export async function settleSuccess(
  q: TxQueryable,
  deps: Pick<PaymentsDeps, 'booking' | 'publicUrl'>,
  paymentId: string,
  money: { ref?: string; gatewayPaymentId?: string; amountMinor: number; currency: string },
): Promise<SettleResult> {
  let p = await lockPayment(q, paymentId);
  if (!p || !p.gateway) return { outcome: 'unknown_payment', followUps: [] };
  if (p.status === 'succeeded' || p.status === 'refunded') {
    if (!p.gateway_payment_id && money.gatewayPaymentId)
      await q.query('UPDATE payments SET gateway_payment_id = $2 WHERE id = $1', [
        p.id,
        money.gatewayPaymentId,
      ]);
    if (money.gatewayPaymentId && p.gateway_payment_id && money.gatewayPaymentId !== p.gateway_payment_id)
      return refundExtraCapture(q, deps, p, money.gatewayPaymentId, money.amountMinor);
    return { outcome: 'already_settled', paymentId: p.id, followUps: [] };
  }
  const received = money.amountMinor;
  p = (
    await q.query<PaymentRow>(
      `UPDATE payments SET gateway_ref = COALESCE(gateway_ref, $2), gateway_payment_id = COALESCE($3, gateway_payment_id), settled_at = now()
       WHERE id = $1 RETURNING *`,
      [p.id, money.ref ?? null, money.gatewayPaymentId ?? null],
    )
  ).rows[0]!;
  await postTransaction(q, {
    kind: 'gateway_receipt',
    currency: p.currency,
    paymentId: p.id,
    memo: `Received through ${p.gateway}`,
    entries: [
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: -received },
      { account: { kind: 'clearing' }, amountMinor: received },
    ],
  });

  let problem: string | undefined;
  if (money.currency !== p.currency || received !== Number(p.gateway_minor)) problem = 'amount_mismatch';
  let reserved = p.wallet_reserved;
  if (!problem && Number(p.wallet_minor) > 0 && !reserved) {
    // The payment had been failed/cancelled (reservation released) and money arrived after all.
    const r = await attempt(q, () => reserveWallet(q, p!));
    if (r.ok) reserved = true;
    else if (r.error instanceof InsufficientFundsError) problem = 'wallet_part_unavailable';
    else throw r.error;
  }
  if (!problem) {
    if (p.purpose === 'topup') {
      await postTransaction(q, {
        kind: 'topup',
        currency: p.currency,
        paymentId: p.id,
        memo: 'Wallet top-up',
        entries: [
          { account: { kind: 'clearing' }, amountMinor: -received },
          { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: received },
        ],
      });
      const done = (
        await q.query<PaymentRow>(`UPDATE payments SET status = 'succeeded' WHERE id = $1 RETURNING *`, [
          p.id,
        ])
      ).rows[0]!;
      await sendReceipt(q, deps, done);
      return { outcome: 'topped_up', paymentId: p.id, followUps: [] };
    }
    const r = await attempt(q, async () => {
      const c = await deps.booking.confirm(q, p!.appointment_id!, p!.id);
      if (!c.ok) throw new Error(c.reason);
    });
    if (r.ok) {
      await captureToRevenue(q, p, received);
      const done = (
        await q.query<PaymentRow>(
          `UPDATE payments SET status = 'succeeded', wallet_reserved = false WHERE id = $1 RETURNING *`,
          [p.id],
        )
      ).rows[0]!;
      await sendReceipt(q, deps, done);
      return { outcome: 'confirmed', paymentId: p.id, followUps: [] };
    }
    problem = 'late_no_slot';
  }

  // Money we cannot apply goes back: the wallet part at once, the card part through the gateway.
  if (reserved) await releaseWallet(q, p);
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key)
       VALUES ($1, $2, 0, $2, 'pending', $3, $4)
       ON CONFLICT (payment_id, cause_key) DO NOTHING RETURNING id`,
      [p.id, received, problem, `auto:${problem}:${money.gatewayPaymentId ?? p.gateway_ref}`],
    )
  ).rows[0];
  if (!refund) return { outcome: 'already_refunded', paymentId: p.id, followUps: [] };
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: `Automatic refund: ${problem}`,
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -received },
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: received },
    ],
  });
  await q.query(
    `UPDATE payments SET status = 'refunded', wallet_reserved = false, refunded_minor = LEAST(amount_minor, $2), resolution = $3 WHERE id = $1`,
    [p.id, received, problem],
  );
  const why =
    problem === 'late_no_slot'
      ? 'Your payment reached us after the reserved slot was no longer available, so we did not keep it.'
      : 'We could not apply your payment to the booking, so we did not keep it.';
  await sendRefundNotice(q, deps, p, refund.id, {
    walletMinor: reserved ? Number(p.wallet_minor) : 0,
    gatewayMinor: received,
    reason: why,
  });
  return {
    outcome: `auto_refunded:${problem}`,
    paymentId: p.id,
    followUps: [{ kind: 'submit_refund', refundId: refund.id }],
  };
}

/**
 * A second captured payment on an order that is already paid (a Razorpay order can be paid twice in a
 * race between two checkout tabs): money without an appointment, booked and refunded to itself whole.
 */
async function refundExtraCapture(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'publicUrl'>,
  p: PaymentRow,
  gatewayPaymentId: string,
  received: number,
): Promise<SettleResult> {
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key, gateway_payment_id)
       VALUES ($1, $2, 0, $2, 'pending', 'duplicate_capture', $3, $4)
       ON CONFLICT (payment_id, cause_key) DO NOTHING RETURNING id`,
      [p.id, received, `auto:duplicate_capture:${gatewayPaymentId}`, gatewayPaymentId],
    )
  ).rows[0];
  if (!refund) return { outcome: 'already_refunded', paymentId: p.id, followUps: [] };
  const gateway = { kind: 'gateway' as const, gateway: p.gateway! };
  await postTransaction(q, {
    kind: 'gateway_receipt',
    currency: p.currency,
    paymentId: p.id,
    memo: `Second capture ${gatewayPaymentId} on a paid order`,
    entries: [
      { account: gateway, amountMinor: -received },
      { account: { kind: 'clearing' }, amountMinor: received },
    ],
  });
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: 'Automatic refund: duplicate capture',
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -received },
      { account: gateway, amountMinor: received },
    ],
  });
  await sendRefundNotice(q, deps, p, refund.id, {
    walletMinor: 0,
    gatewayMinor: received,
    reason: 'You paid the same order twice; we kept one payment and are returning the other.',
  });
  return {
    outcome: 'auto_refunded:duplicate_capture',
    paymentId: p.id,
    followUps: [{ kind: 'submit_refund', refundId: refund.id }],
  };
}

/**
 * A charge the gateway reported as succeeded when we asked it (a superseded checkout, the Razorpay
 * verify call, the reconciler): applied on a transaction of its own, then its follow-ups run.
 */
export async function settleFetchedCharge(
  deps: PaymentsDeps,
  paymentId: string,
  ref: string,
  charge: ChargeState,
): Promise<SettleResult> {
  const r = await deps.db.tx((q) =>
    settleSuccess(q, deps, paymentId, {
      ref,
      ...(charge.gatewayPaymentId ? { gatewayPaymentId: charge.gatewayPaymentId } : {}),
      amountMinor: charge.amountMinor,
      currency: charge.currency,
    }),
  );
  await runFollowUps(deps, r.followUps);
  return r;
}

/** The gateway says this payment failed / was cancelled. Never un-pays a succeeded payment. */
export async function settleFailure(
  q: Queryable,
  paymentId: string,
  f: { status: 'failed' | 'canceled'; code: string; message: string },
): Promise<SettleResult> {
  const p = await lockPayment(q, paymentId);
  if (!p) return { outcome: 'unknown_payment', followUps: [] };
  if (p.status === 'succeeded' || p.status === 'refunded')
    return { outcome: 'ignored_after_success', paymentId: p.id, followUps: [] };
  if (p.status !== 'pending') return { outcome: 'already_closed', paymentId: p.id, followUps: [] };
  if (p.wallet_reserved) await releaseWallet(q, p);
  await q.query(
    `UPDATE payments SET status = $2, wallet_reserved = false, failure_code = $3, failure_message = $4 WHERE id = $1`,
    [p.id, f.status, f.code, f.message.slice(0, 500)],
  );
  // A failed Stripe attempt leaves the PaymentIntent open for another card; close it, since the
  // wallet part is no longer held. (If it succeeds anyway, settleSuccess re-reserves or refunds.)
  const followUps: FollowUp[] =
    f.status === 'failed' && p.gateway === 'stripe' && p.gateway_ref
      ? [{ kind: 'cancel_charge', gateway: 'stripe', ref: p.gateway_ref }]
      : [];
  return { outcome: f.status, paymentId: p.id, followUps };
}

/** Runs fn inside a savepoint: a failure rolls back fn's work only, the outer transaction goes on. */
async function attempt<T>(
  q: TxQueryable,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await q.savepoint(fn) };
  } catch (error) {
    return { ok: false, error };
  }
}

// Refunds at the gateway

/** Hands a recorded refund's gateway part to the gateway (idempotent per refund id; retried by reconcile). */
export async function submitRefund(deps: PaymentsDeps, refundId: string): Promise<string> {
  const r = await findRefund(deps.db, refundId);
  if (!r || r.status !== 'pending' || Number(r.gateway_minor) === 0) return 'nothing_to_do';
  const p = (await findPayment(deps.db, r.payment_id))!;
  const gw = p.gateway ? deps.gateways.get(p.gateway) : undefined;
  if (!gw || !p.gateway_ref) return 'gateway_unavailable';
  await deps.db.query(
    'UPDATE payment_refunds SET attempts = attempts + 1, updated_at = now() WHERE id = $1',
    [r.id],
  );
  try {
    const out = await gw.refund({
      ref: p.gateway_ref,
      gatewayPaymentId: r.gateway_payment_id ?? p.gateway_payment_id,
      amountMinor: Number(r.gateway_minor),
      refundId: r.id,
    });
    if (out.status === 'failed') {
      await deps.db.tx((q) =>
        failRefund(q, r.id, out.failureMessage ?? 'refused by the gateway', out.refundId),
      );
      return 'failed';
    }
    await deps.db.query(
      `UPDATE payment_refunds SET gateway_refund_id = $2, status = CASE WHEN status = 'succeeded' THEN status ELSE $3 END, updated_at = now()
       WHERE id = $1`,
      [r.id, out.refundId, out.status],
    );
    return out.status;
  } catch (err) {
    if (err instanceof GatewayError && err.kind === 'rejected') {
      await deps.db.tx((q) => failRefund(q, r.id, err.message));
      return 'failed';
    }
    deps.log.warn({ refundId: r.id, err: (err as Error).message }, 'refund submission will be retried');
    return 'retry';
  }
}

/** Asks the gateway about a refund it accepted but had not finished (reconciler; webhooks usually win). */
export async function refreshRefund(deps: PaymentsDeps, refundId: string): Promise<string> {
  const r = await findRefund(deps.db, refundId);
  if (!r || r.status !== 'processing' || !r.gateway_refund_id) return 'nothing_to_do';
  const p = (await findPayment(deps.db, r.payment_id))!;
  const gw = p.gateway ? deps.gateways.get(p.gateway) : undefined;
  if (!gw) return 'gateway_unavailable';
  const out = await gw.fetchRefund(r.gateway_refund_id);
  if (out.status === 'processing') return 'processing';
  return deps.db.tx((q) =>
    confirmGatewayRefund(q, {
      gatewayRefundId: r.gateway_refund_id!,
      status: out.status === 'failed' ? 'failed' : 'succeeded',
    }),
  );
}

/** The gateway refused a refund: reverse its gateway part so the books show the money still held. */
async function failRefund(q: Queryable, refundId: string, message: string, gatewayRefundId?: string) {
  const r = await findRefund(q, refundId, { lock: true });
  if (!r || r.status === 'failed' || r.status === 'succeeded') return;
  const p = (await lockPayment(q, r.payment_id))!;
  const auto = r.cause_key.startsWith('auto:');
  await q.query(
    `UPDATE payment_refunds SET status = 'failed', failure_message = $2, gateway_refund_id = COALESCE(gateway_refund_id, $3), updated_at = now() WHERE id = $1`,
    [r.id, message.slice(0, 500), gatewayRefundId ?? null],
  );
  await postTransaction(q, {
    kind: 'refund_reversal',
    currency: p.currency,
    paymentId: p.id,
    refundId: r.id,
    memo: `Gateway refused the refund: ${message.slice(0, 200)}`,
    entries: [
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: -Number(r.gateway_minor) },
      // An automatic refund's money is parked in clearing for an operator to handle.
      { account: { kind: auto ? 'clearing' : 'refunds' }, amountMinor: Number(r.gateway_minor) },
    ],
  });
  if (!auto)
    await q.query(
      `UPDATE payments SET refunded_minor = refunded_minor - $2, status = CASE WHEN status = 'refunded' THEN 'succeeded' ELSE status END WHERE id = $1`,
      [p.id, Number(r.gateway_minor)],
    );
}

/** The gateway confirms a refund (Stripe charge.refunded / Razorpay refund.processed). */
export async function confirmGatewayRefund(
  q: Queryable,
  m: { gatewayRefundId?: string; ourRefundId?: string; paymentId?: string; status: 'succeeded' | 'failed' },
): Promise<string> {
  const r = (
    await q.query<RefundRow>(
      `SELECT * FROM payment_refunds WHERE (gateway_refund_id = $1 OR id::text = $2) FOR UPDATE`,
      [m.gatewayRefundId ?? '', m.ourRefundId ?? ''],
    )
  ).rows[0];
  if (!r) return 'unknown_refund';
  if (m.status === 'failed') {
    await failRefund(q, r.id, 'refund failed at the gateway');
    return 'refund_failed';
  }
  if (r.status === 'succeeded' || r.status === 'failed') return 'refund_already_final';
  await q.query(
    `UPDATE payment_refunds SET status = 'succeeded', gateway_refund_id = COALESCE(gateway_refund_id, $2), updated_at = now() WHERE id = $1`,
    [r.id, m.gatewayRefundId ?? null],
  );
  return 'refund_succeeded';
}

/** Network work after a commit. Failures are logged; the reconciler picks up whatever is left. */
export async function runFollowUps(deps: PaymentsDeps, followUps: FollowUp[]): Promise<void> {
  for (const f of followUps) {
    try {
      if (f.kind === 'submit_refund') await submitRefund(deps, f.refundId);
      else await deps.gateways.get(f.gateway)?.cancelCharge(f.ref);
    } catch (err) {
      deps.log.warn(
        { followUp: f.kind, err: (err as Error).message },
        'payment follow-up failed; the reconciler retries',
      );
    }
  }
}
