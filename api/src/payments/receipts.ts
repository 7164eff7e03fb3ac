import type { Queryable } from '@telehealth/platform/db/index';
import type { PaymentsDeps } from './ports.ts';
import type { PaymentRow } from './rows.ts';

/** A receipt is derived from a settled payment and its refunds; nothing is stored twice. */
export async function receiptFor(q: Queryable, deps: Pick<PaymentsDeps, 'booking'>, p: PaymentRow) {
  if (!p.settled_at || (p.status !== 'succeeded' && p.status !== 'refunded')) return undefined;
  const user = (await q.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [p.patient_id]))
    .rows[0]!;
  const appt = p.appointment_id ? await deps.booking.load(q, p.appointment_id) : undefined;
  const refunds = await q.query<{
    id: string;
    amount_minor: number;
    wallet_minor: number;
    gateway_minor: number;
    status: 'pending' | 'processing' | 'succeeded' | 'failed';
    reason: string;
    created_at: Date;
  }>('SELECT * FROM payment_refunds WHERE payment_id = $1 ORDER BY created_at', [p.id]);
  return {
    receiptNumber: `TH-${p.id.slice(0, 8).toUpperCase()}`,
    paymentId: p.id,
    issuedAt: new Date(p.settled_at).toISOString(),
    patientName: user.name,
    description:
      p.purpose === 'topup' ? 'Wallet top-up' : appt ? `Payment for ${appt.description}` : 'Consultation',
    currency: p.currency,
    amountMinor: Number(p.amount_minor),
    walletMinor: Number(p.wallet_minor),
    gatewayMinor: Number(p.gateway_minor),
    gateway: p.gateway,
    status: p.status,
    refunds: refunds.rows.map((r) => ({
      id: r.id,
      amountMinor: Number(r.amount_minor),
      walletMinor: Number(r.wallet_minor),
      gatewayMinor: Number(r.gateway_minor),
      status: r.status,
      reason: r.reason,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
