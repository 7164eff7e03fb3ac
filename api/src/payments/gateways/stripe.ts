import Stripe from 'stripe';
import { GatewayError, type ChargeState, type Gateway, type RefundOutcome } from './types.ts';

export interface StripeOptions {
  secretKey: string;
  publishableKey: string;
  /** e.g. http://127.0.0.1:12111 for a stand-in; unset = api.stripe.com. */
  apiBase?: string;
  timeoutMs: number;
}

export function createStripeClient(o: Pick<StripeOptions, 'secretKey' | 'apiBase' | 'timeoutMs'>): Stripe {
  const base = o.apiBase ? new URL(o.apiBase) : undefined;
  return new Stripe(o.secretKey, {
    timeout: o.timeoutMs,
    // Every mutating call carries an idempotency key, so the SDK's retries cannot double-charge.
    maxNetworkRetries: 1,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const),
        }
      : {}),
  });
}

function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = err as { type?: string; message?: string; statusCode?: number };
  if (e?.type === 'StripeConnectionError')
    return new GatewayError('timeout', e.message ?? 'Stripe did not answer');
  if (e?.type === 'StripeAPIError' || (e?.statusCode ?? 0) >= 500)
    return new GatewayError('unavailable', e.message ?? 'Stripe error');
  return new GatewayError('rejected', e?.message ?? 'Stripe refused the request');
}

const statusOf = (pi: Stripe.PaymentIntent): ChargeState['status'] => {
  switch (pi.status) {
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    case 'processing':
      return 'processing';
    default:
      // requires_payment_method after a decline: the customer may still retry with another card.
      return 'pending';
  }
};

export function stateOfIntent(pi: Stripe.PaymentIntent): ChargeState {
  const charge = typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge?.id;
  return {
    status: statusOf(pi),
    amountMinor: pi.amount_received || pi.amount,
    currency: pi.currency.toUpperCase(),
    ...(charge ? { gatewayPaymentId: charge } : {}),
    ...(pi.last_payment_error?.message ? { failureMessage: pi.last_payment_error.message } : {}),
  };
}

const refundStatus = (s: string | null): RefundOutcome['status'] =>
  s === 'succeeded' ? 'succeeded' : s === 'failed' || s === 'canceled' ? 'failed' : 'processing';

export function createStripeGateway(o: StripeOptions): Gateway {
  const stripe = createStripeClient(o);
  return {
    name: 'stripe',
    publicKey: o.publishableKey,
    async createCharge(i) {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: i.amountMinor,
            currency: i.currency.toLowerCase(),
            description: i.description,
            metadata: { paymentId: i.paymentId },
            automatic_payment_methods: { enabled: true },
          },
          { idempotencyKey: `pi-create-${i.paymentId}` },
        );
        return {
          ref: pi.id,
          clientSecret: pi.client_secret ?? undefined,
          checkout: { publishableKey: o.publishableKey, paymentIntentId: pi.id },
        };
      } catch (err) {
        throw toGatewayError(err);
      }
    },
    async fetchCharge(ref) {
      try {
        return stateOfIntent(await stripe.paymentIntents.retrieve(ref));
      } catch (err) {
        throw toGatewayError(err);
      }
    },
    async cancelCharge(ref) {
      try {
        await stripe.paymentIntents.cancel(ref, {}, { idempotencyKey: `pi-cancel-${ref}` });
      } catch (err) {
        const e = err as { code?: string };
        // Already succeeded or cancelled: the caller re-reads the state.
        if (e?.code === 'payment_intent_unexpected_state') return;
        throw toGatewayError(err);
      }
    },
    async fetchRefund(id): Promise<RefundOutcome> {
      try {
        const r = await stripe.refunds.retrieve(id);
        return { refundId: r.id, status: refundStatus(r.status) };
      } catch (err) {
        throw toGatewayError(err);
      }
    },
    async refund(i): Promise<RefundOutcome> {
      try {
        const r = await stripe.refunds.create(
          { payment_intent: i.ref, amount: i.amountMinor, metadata: { refundId: i.refundId } },
          { idempotencyKey: `refund-${i.refundId}` },
        );
        return {
          refundId: r.id,
          status: refundStatus(r.status),
          ...(r.failure_reason ? { failureMessage: r.failure_reason } : {}),
        };
      } catch (err) {
        throw toGatewayError(err);
      }
    },
  };
}
