import type { Queryable } from '@telehealth/platform/db/index';
import { receiptNumber } from './emails.ts';
import type { PaymentsDeps } from './ports.ts';
import { refundView, type PaymentRow, type RefundRow } from './rows.ts';

/** A receipt is derived from a settled payment and its refunds; nothing is stored twice. */
export async function receiptFor(q: Queryable, deps: Pick<PaymentsDeps, 'booking'>, p: PaymentRow) {
  if (!p.settled_at || (p.status !== 'succeeded' && p.status !== 'refunded')) return undefined;
  const user = (await q.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [p.patient_id]))
    .rows[0]!;
  const appt = p.appointment_id ? await deps.booking.load(q, p.appointment_id) : undefined;
  const refunds = await q.query<RefundRow>(
    'SELECT * FROM payment_refunds WHERE payment_id = $1 ORDER BY created_at',
    [p.id],
  );
  return {
    receiptNumber: receiptNumber(p.id),
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
    refunds: refunds.rows.map(refundView),
  };
}
