import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { Queryable } from '@telehealth/platform/db/index';
import { postTransaction } from './ledger/ledger.ts';
import { verifyHmacHex } from './gateways/razorpay.ts';
import type { GatewayName } from './gateways/types.ts';
import type { FollowUp, PaymentsDeps } from './ports.ts';
import { findPayment, findPaymentByRef, type PaymentRow } from './rows.ts';
import { confirmGatewayRefund, settleFailure, settleSuccess } from './settle.ts';

/**
 * Gateway webhooks. Each event id is recorded once (payment_webhook_events) in the same transaction
 * that applies it, so a duplicate or replayed delivery is a no-op and a crash mid-way rolls both back
 * (the gateway then redelivers). Only database work happens before the 2xx; gateway calls (refunds,
 * cancellations) run after the commit.
 */
export type WebhookResult =
  | { ok: true; duplicate: boolean; outcome: string; followUps: FollowUp[] }
  | { ok: false; status: 400; code: string; message: string };

async function recordEvent(
  q: Queryable,
  provider: GatewayName,
  eventId: string,
  type: string,
): Promise<boolean> {
  const r = await q.query(
    'INSERT INTO payment_webhook_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
    [provider, eventId, type],
  );
  return r.rowCount > 0;
}

async function paymentFor(
  q: Queryable,
  gateway: GatewayName,
  ref: string | undefined,
  paymentIdHint: string | undefined,
) {
  if (ref) {
    const p = await findPaymentByRef(q, gateway, ref);
    if (p) return p;
  }
  // The process may have died between creating the charge and storing its id: the metadata knows.
  if (paymentIdHint && /^[0-9a-f-]{36}$/i.test(paymentIdHint)) {
    const p = await findPayment(q, paymentIdHint);
    if (p && p.gateway === gateway) return p;
  }
  return undefined;
}

/** A refund made outside the platform (gateway dashboard): booked so the ledger matches the gateway. */
async function recordExternalRefund(
  q: Queryable,
  p: PaymentRow,
  amountMinor: number,
  gatewayRefundId: string,
): Promise<string> {
  const capped = Math.min(amountMinor, Number(p.amount_minor) - Number(p.refunded_minor));
  if (capped <= 0) return 'refund_ignored';
  const ins = await q.query<{ id: string }>(
    `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key, gateway_refund_id)
     VALUES ($1, $2, 0, $2, 'succeeded', 'Refunded at the gateway', $3, $3) ON CONFLICT DO NOTHING RETURNING id`,
    [p.id, capped, `external:${gatewayRefundId}`],
  );
  if (!ins.rows[0]) return 'refund_already_recorded';
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: ins.rows[0].id,
    memo: 'Refunded at the gateway',
    entries: [
      { account: { kind: 'refunds' }, amountMinor: -capped },
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: capped },
    ],
  });
  await q.query(
    `UPDATE payments SET refunded_minor = refunded_minor + $2,
       status = CASE WHEN status = 'succeeded' AND refunded_minor + $2 >= amount_minor THEN 'refunded' ELSE status END WHERE id = $1`,
    [p.id, capped],
  );
  return 'external_refund_recorded';
}

// ---------------------------------------------------------------------------------------------- Stripe

export function handleStripeEvent(deps: PaymentsDeps, event: Stripe.Event): Promise<WebhookResult> {
  return deps.db.tx(async (q) => {
    if (!(await recordEvent(q, 'stripe', event.id, event.type)))
      return { ok: true, duplicate: true, outcome: 'duplicate', followUps: [] };
    let outcome = 'ignored';
    let followUps: FollowUp[] = [];
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const pi = event.data.object;
        const p = await paymentFor(q, 'stripe', pi.id, pi.metadata?.paymentId);
        if (!p) break;
        const charge = typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge?.id;
        const r = await settleSuccess(q, deps, p.id, {
          ref: pi.id,
          ...(charge ? { gatewayPaymentId: charge } : {}),
          amountMinor: pi.amount_received || pi.amount,
          currency: pi.currency.toUpperCase(),
        });
        ({ outcome, followUps } = r);
        break;
      }
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled': {
        const pi = event.data.object;
        const p = await paymentFor(q, 'stripe', pi.id, pi.metadata?.paymentId);
        if (!p) break;
        const failed = event.type === 'payment_intent.payment_failed';
        const r = await settleFailure(q, p.id, {
          status: failed ? 'failed' : 'canceled',
          code: failed
            ? (pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code ?? 'CARD_FAILED')
            : 'CANCELED',
          message:
            pi.last_payment_error?.message ??
            (failed ? 'The card payment failed' : 'The payment was cancelled'),
        });
        ({ outcome, followUps } = r);
        break;
      }
      case 'charge.refunded': {
        const ch = event.data.object;
        const piId = typeof ch.payment_intent === 'string' ? ch.payment_intent : ch.payment_intent?.id;
        const p = piId ? await paymentFor(q, 'stripe', piId, ch.metadata?.paymentId) : undefined;
        if (!p) break;
        const outcomes: string[] = [];
        for (const r of ch.refunds?.data ?? [])
          outcomes.push(
            await confirmGatewayRefund(q, {
              gatewayRefundId: r.id,
              ourRefundId: r.metadata?.refundId,
              status: r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'succeeded',
            }),
          );
        // What Stripe refunded beyond the refunds we know of was refunded from its dashboard.
        const ours = (
          await q.query<{ total: number }>(
            `SELECT COALESCE(sum(gateway_minor), 0)::bigint AS total FROM payment_refunds WHERE payment_id = $1 AND status <> 'failed'`,
            [p.id],
          )
        ).rows[0]!;
        if (ch.amount_refunded >= Number(ours.total))
          await q.query(
            `UPDATE payment_refunds SET status = 'succeeded', updated_at = now() WHERE payment_id = $1 AND status IN ('pending', 'processing')
                         AND gateway_refund_id IS NOT NULL`,
            [p.id],
          );
        const extra = ch.amount_refunded - Number(ours.total);
        if (extra > 0)
          outcomes.push(await recordExternalRefund(q, p, extra, `${ch.id}:${ch.amount_refunded}`));
        outcome = outcomes.join(',') || 'refund_noted';
        break;
      }
      default:
        break;
    }
    await q.query(`UPDATE payment_webhook_events SET outcome = $3 WHERE provider = $1 AND event_id = $2`, [
      'stripe',
      event.id,
      outcome,
    ]);
    return { ok: true, duplicate: false, outcome, followUps };
  });
}

/** Verifies the Stripe-Signature header over the raw body, then applies the event. */
export async function receiveStripeWebhook(
  deps: PaymentsDeps,
  stripe: Stripe,
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookResult> {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature ?? '', secret);
  } catch (err) {
    return {
      ok: false,
      status: 400,
      code: 'INVALID_SIGNATURE',
      message: (err as Error).message.slice(0, 200),
    };
  }
  return handleStripeEvent(deps, event);
}

// -------------------------------------------------------------------------------------------- Razorpay

interface RzEntity {
  id: string;
  order_id?: string;
  payment_id?: string;
  amount: number;
  amount_paid?: number;
  currency?: string;
  status?: string;
  notes?: Record<string, string> | [];
  error_description?: string | null;
  error_code?: string | null;
}
interface RzEvent {
  event: string;
  payload: { payment?: { entity: RzEntity }; order?: { entity: RzEntity }; refund?: { entity: RzEntity } };
}
const note = (e: RzEntity | undefined, k: string) =>
  e?.notes && !Array.isArray(e.notes) ? e.notes[k] : undefined;

export function handleRazorpayEvent(
  deps: PaymentsDeps,
  eventId: string,
  ev: RzEvent,
): Promise<WebhookResult> {
  return deps.db.tx(async (q) => {
    if (!(await recordEvent(q, 'razorpay', eventId, ev.event)))
      return { ok: true, duplicate: true, outcome: 'duplicate', followUps: [] };
    let outcome = 'ignored';
    let followUps: FollowUp[] = [];
    const pay = ev.payload.payment?.entity;
    const order = ev.payload.order?.entity;
    switch (ev.event) {
      case 'payment.captured':
      case 'order.paid': {
        const orderId = pay?.order_id ?? order?.id;
        const p = await paymentFor(
          q,
          'razorpay',
          orderId,
          note(pay, 'paymentId') ?? note(order, 'paymentId'),
        );
        if (!p) break;
        const r = await settleSuccess(q, deps, p.id, {
          ...(orderId ? { ref: orderId } : {}),
          ...(pay ? { gatewayPaymentId: pay.id } : {}),
          amountMinor: pay?.amount ?? order?.amount_paid ?? 0,
          currency: (pay?.currency ?? order?.currency ?? '').toUpperCase(),
        });
        ({ outcome, followUps } = r);
        break;
      }
      case 'payment.failed': {
        const p = await paymentFor(q, 'razorpay', pay?.order_id, note(pay, 'paymentId'));
        if (!p) break;
        const r = await settleFailure(q, p.id, {
          status: 'failed',
          code: pay?.error_code ?? 'PAYMENT_FAILED',
          message: pay?.error_description ?? 'The payment failed',
        });
        ({ outcome, followUps } = r);
        break;
      }
      case 'refund.processed':
      case 'refund.failed': {
        const rf = ev.payload.refund?.entity;
        if (!rf) break;
        outcome = await confirmGatewayRefund(q, {
          gatewayRefundId: rf.id,
          ourRefundId: note(rf, 'refundId'),
          status: ev.event === 'refund.failed' ? 'failed' : 'succeeded',
        });
        if (outcome === 'unknown_refund' && ev.event === 'refund.processed' && rf.payment_id) {
          const p = (
            await q.query<PaymentRow>(
              `SELECT * FROM payments WHERE gateway = 'razorpay' AND gateway_payment_id = $1 FOR UPDATE`,
              [rf.payment_id],
            )
          ).rows[0];
          if (p) outcome = await recordExternalRefund(q, p, rf.amount, rf.id);
        }
        break;
      }
      default:
        break;
    }
    await q.query(`UPDATE payment_webhook_events SET outcome = $3 WHERE provider = $1 AND event_id = $2`, [
      'razorpay',
      eventId,
      outcome,
    ]);
    return { ok: true, duplicate: false, outcome, followUps };
  });
}

/** Verifies X-Razorpay-Signature (HMAC-SHA256 of the raw body), dedupes on x-razorpay-event-id. */
export async function receiveRazorpayWebhook(
  deps: PaymentsDeps,
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  eventIdHeader: string | undefined,
): Promise<WebhookResult> {
  if (!verifyHmacHex(rawBody, signature, secret))
    return { ok: false, status: 400, code: 'INVALID_SIGNATURE', message: 'Signature mismatch' };
  let ev: RzEvent;
  try {
    ev = JSON.parse(rawBody.toString('utf8')) as RzEvent;
  } catch {
    return { ok: false, status: 400, code: 'MALFORMED_JSON', message: 'The body is not JSON' };
  }
  if (typeof ev?.event !== 'string' || typeof ev.payload !== 'object')
    return { ok: false, status: 400, code: 'MALFORMED_EVENT', message: 'Not a Razorpay event' };
  // Razorpay sends the same x-razorpay-event-id on every retry of one event.
  const eventId = eventIdHeader || `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  return handleRazorpayEvent(deps, eventId, ev);
}
