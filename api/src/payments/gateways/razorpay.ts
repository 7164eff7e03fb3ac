import { createHmac, timingSafeEqual } from 'node:crypto';
import { GatewayError, type ChargeState, type Gateway, type RefundOutcome } from './types.ts';

/**
 * A thin typed client for Razorpay's REST API (orders, payments, refunds). The official SDK hard-codes
 * its host and gives no timeout, so it cannot be pointed at a stand-in nor bounded; its
 * validateWebhookSignature is what our verifier is tested against.
 */
export interface RazorpayOptions {
  keyId: string;
  keySecret: string;
  /** https://api.razorpay.com unless a stand-in is used. */
  apiBase?: string;
  timeoutMs: number;
}

export interface RzOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  currency: string;
  receipt: string | null;
  status: 'created' | 'attempted' | 'paid';
  notes: Record<string, string> | [];
}
export interface RzPayment {
  id: string;
  entity: 'payment';
  order_id: string;
  amount: number;
  currency: string;
  status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';
  amount_refunded: number;
  error_description?: string | null;
}
export interface RzRefund {
  id: string;
  entity: 'refund';
  payment_id: string;
  amount: number;
  status: 'pending' | 'processed' | 'failed';
  notes: Record<string, string> | [];
}

/** HMAC-SHA256 hex of `body` with `secret`, compared in constant time. */
export function verifyHmacHex(body: string | Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const got = Buffer.from(signature, 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Standard Checkout: the handler's signature is HMAC(key_secret, `${order_id}|${payment_id}`). */
export const verifyCheckoutSignature = (
  orderId: string,
  paymentId: string,
  signature: string,
  keySecret: string,
) => verifyHmacHex(`${orderId}|${paymentId}`, signature, keySecret);

export function createRazorpayClient(o: RazorpayOptions) {
  const base = (o.apiBase ?? 'https://api.razorpay.com').replace(/\/$/, '');
  const auth = `Basic ${Buffer.from(`${o.keyId}:${o.keySecret}`).toString('base64')}`;
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}/v1${path}`, {
        method,
        headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (err) {
      const name = (err as Error)?.name;
      throw new GatewayError(
        'timeout',
        name === 'TimeoutError' ? 'Razorpay did not answer in time' : 'Razorpay is unreachable',
      );
    }
    const text = await res.text();
    let json: { error?: { description?: string } } & Record<string, unknown>;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new GatewayError('unavailable', `Razorpay answered ${res.status} with a non-JSON body`);
    }
    if (res.status >= 500)
      throw new GatewayError('unavailable', json.error?.description ?? `Razorpay error ${res.status}`);
    if (!res.ok)
      throw new GatewayError('rejected', json.error?.description ?? `Razorpay refused: ${res.status}`);
    return json as unknown as T;
  }
  return {
    createOrder: (i: { amount: number; currency: string; receipt: string; notes: Record<string, string> }) =>
      call<RzOrder>('POST', '/orders', i),
    fetchOrder: (id: string) => call<RzOrder>('GET', `/orders/${encodeURIComponent(id)}`),
    orderPayments: (id: string) =>
      call<{ items: RzPayment[] }>('GET', `/orders/${encodeURIComponent(id)}/payments`),
    fetchPayment: (id: string) => call<RzPayment>('GET', `/payments/${encodeURIComponent(id)}`),
    refundPayment: (
      paymentId: string,
      i: { amount: number; receipt: string; notes: Record<string, string> },
    ) => call<RzRefund>('POST', `/payments/${encodeURIComponent(paymentId)}/refund`, i),
    fetchRefund: (id: string) => call<RzRefund>('GET', `/refunds/${encodeURIComponent(id)}`),
    paymentRefunds: (paymentId: string) =>
      call<{ items: RzRefund[] }>('GET', `/payments/${encodeURIComponent(paymentId)}/refunds`),
  };
}
export type RazorpayClient = ReturnType<typeof createRazorpayClient>;

/** An order's state from its payments: any captured payment means the money is ours. */
export function stateOfOrder(order: RzOrder, payments: RzPayment[]): ChargeState {
  const captured = payments.find((p) => p.status === 'captured' || p.status === 'refunded');
  if (captured || order.status === 'paid')
    return {
      status: 'succeeded',
      amountMinor: captured?.amount ?? order.amount_paid,
      currency: order.currency,
      ...(captured ? { gatewayPaymentId: captured.id } : {}),
    };
  if (payments.some((p) => p.status === 'authorized'))
    return { status: 'processing', amountMinor: order.amount, currency: order.currency };
  const failed = payments.filter((p) => p.status === 'failed');
  // A failed attempt does not close an order (the customer can retry), but nothing was taken.
  if (failed.length && failed.length === payments.length)
    return {
      status: 'failed',
      amountMinor: order.amount,
      currency: order.currency,
      failureMessage: failed.at(-1)?.error_description ?? 'Payment failed',
    };
  return { status: 'pending', amountMinor: order.amount, currency: order.currency };
}

export function createRazorpayGateway(o: RazorpayOptions): Gateway {
  const rz = createRazorpayClient(o);
  return {
    name: 'razorpay',
    publicKey: o.keyId,
    async createCharge(i) {
      const order = await rz.createOrder({
        amount: i.amountMinor,
        currency: i.currency,
        receipt: i.paymentId,
        notes: { paymentId: i.paymentId },
      });
      return {
        ref: order.id,
        checkout: { keyId: o.keyId, orderId: order.id, amount: order.amount, currency: order.currency },
      };
    },
    async fetchCharge(ref) {
      const [order, payments] = await Promise.all([rz.fetchOrder(ref), rz.orderPayments(ref)]);
      return stateOfOrder(order, payments.items);
    },
    async cancelCharge() {
      // Orders expire on their own; a late capture is settled (or refunded) by the webhook/reconciler.
    },
    async fetchRefund(id): Promise<RefundOutcome> {
      const r = await rz.fetchRefund(id);
      return {
        refundId: r.id,
        status: r.status === 'processed' ? 'succeeded' : r.status === 'failed' ? 'failed' : 'processing',
      };
    },
    async refund(i): Promise<RefundOutcome> {
      if (!i.gatewayPaymentId) throw new GatewayError('rejected', 'No captured Razorpay payment to refund');
      // Razorpay has no idempotency keys: a retry first looks for the refund it may already have made.
      const existing = (await rz.paymentRefunds(i.gatewayPaymentId)).items.find(
        (r) => !Array.isArray(r.notes) && r.notes.refundId === i.refundId,
      );
      const r =
        existing ??
        (await rz.refundPayment(i.gatewayPaymentId, {
          amount: i.amountMinor,
          receipt: i.refundId,
          notes: { refundId: i.refundId },
        }));
      return {
        refundId: r.id,
        status: r.status === 'processed' ? 'succeeded' : r.status === 'failed' ? 'failed' : 'processing',
      };
    },
  };
}
