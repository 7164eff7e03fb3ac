import type { Queryable } from '@telehealth/platform/db/index';
import type { GatewayName } from './gateways/types.ts';
import type { PayMethod } from './policy.ts';
import type { GatewayRegistry } from './ports.ts';

// The payments and payment_refunds rows as stored, the payment as the API shows it, and lookups.

export interface PaymentRow {
  id: string;
  patient_id: string;
  purpose: 'appointment' | 'topup';
  appointment_id: string | null;
  method: PayMethod;
  gateway: GatewayName | null;
  currency: string;
  amount_minor: number;
  wallet_minor: number;
  gateway_minor: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'refunded';
  wallet_reserved: boolean;
  gateway_ref: string | null;
  gateway_payment_id: string | null;
  client_secret: string | null;
  refunded_minor: number;
  resolution: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: Date;
  settled_at: Date | null;
}

export function paymentView(p: PaymentRow, gateways?: GatewayRegistry) {
  let checkout: Record<string, string | number> | null = null;
  if (p.status === 'pending' && p.gateway && p.gateway_ref) {
    const gw = gateways?.get(p.gateway);
    checkout =
      p.gateway === 'stripe'
        ? {
            gateway: 'stripe',
            paymentIntentId: p.gateway_ref,
            clientSecret: p.client_secret ?? '',
            publishableKey: gw?.publicKey ?? '',
          }
        : {
            gateway: 'razorpay',
            orderId: p.gateway_ref,
            keyId: gw?.publicKey ?? '',
            amount: Number(p.gateway_minor),
            currency: p.currency,
          };
  }
  return {
    id: p.id,
    purpose: p.purpose,
    appointmentId: p.appointment_id,
    method: p.method,
    gateway: p.gateway,
    status: p.status,
    currency: p.currency,
    amountMinor: Number(p.amount_minor),
    walletMinor: Number(p.wallet_minor),
    gatewayMinor: Number(p.gateway_minor),
    refundedMinor: Number(p.refunded_minor),
    resolution: p.resolution,
    failureCode: p.failure_code,
    failureMessage: p.failure_message,
    createdAt: new Date(p.created_at).toISOString(),
    settledAt: p.settled_at ? new Date(p.settled_at).toISOString() : null,
    checkout,
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

/** The payment, locked for the rest of the caller's transaction. */
export const lockPayment = async (q: Queryable, id: string) =>
  (await q.query<PaymentRow>('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id])).rows[0];

export async function findPayment(q: Queryable, id: string) {
  return (await q.query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [id])).rows[0];
}

export async function findPaymentByRef(q: Queryable, gateway: GatewayName, ref: string) {
  return (
    await q.query<PaymentRow>('SELECT * FROM payments WHERE gateway = $1 AND gateway_ref = $2', [
      gateway,
      ref,
    ])
  ).rows[0];
}

export interface RefundRow {
  id: string;
  payment_id: string;
  amount_minor: number;
  wallet_minor: number;
  gateway_minor: number;
  status: 'pending' | 'processing' | 'succeeded' | 'failed';
  reason: string;
  cause_key: string;
  gateway_refund_id: string | null;
  gateway_payment_id: string | null;
  created_at: Date;
}

/** A refund as the API shows it (the admin's refund answer and the receipt's list). */
export const refundView = (r: RefundRow) => ({
  id: r.id,
  amountMinor: Number(r.amount_minor),
  walletMinor: Number(r.wallet_minor),
  gatewayMinor: Number(r.gateway_minor),
  status: r.status,
  reason: r.reason,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function findRefund(q: Queryable, id: string, opts: { lock?: boolean } = {}) {
  return (
    await q.query<RefundRow>(`SELECT * FROM payment_refunds WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [
      id,
    ])
  ).rows[0];
}
