import { notify } from '@telehealth/signaling';
import type { Queryable } from '@telehealth/platform/db/index';
import { enqueueEmail } from '../email/outbox.ts';
import { translator } from '../i18n/translate.ts';
import { receiptEmail, receiptLink, refundEmail } from './emails.ts';
import type { PaymentsDeps } from './ports.ts';
import type { PaymentRow } from './rows.ts';

// What the patient is told about money: receipts and refund notices, queued with the change.

async function patientOf(q: Queryable, id: string) {
  return (
    await q.query<{ email: string; name: string; locale: string; timezone: string }>(
      'SELECT email, name, locale, timezone FROM users WHERE id = $1',
      [id],
    )
  ).rows[0]!;
}

/**
 * What a payment bought, in the patient's language and zone: the consultation (doctor and time)
 * or a wallet top-up. Read from the payment itself, so every caller's receipt says the same.
 */
async function purchaseOf(q: Queryable, p: PaymentRow, u: { locale: string; timezone: string }) {
  const tr = translator(u.locale);
  if (!p.appointment_id) return tr.t('payment.what.topup');
  const a = (
    await q.query<{ starts_at: Date; doctor: string }>(
      `SELECT a.starts_at, du.name AS doctor FROM appointments a JOIN users du ON du.id = a.doctor_id WHERE a.id = $1`,
      [p.appointment_id],
    )
  ).rows[0];
  return a
    ? tr.t('payment.what.consultation', { doctor: a.doctor, when: tr.when(a.starts_at, u.timezone) })
    : '';
}

/** The receipt e-mail and the bell, on the payment's transaction. */
export async function sendReceipt(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'publicUrl' | 'bus'>,
  p: PaymentRow,
) {
  const u = await patientOf(q, p.patient_id);
  const what = await purchaseOf(q, p, u);
  // The bell: persisted with the payment; the socket push is an announcement only.
  if (deps.bus)
    await notify(q, deps.bus, p.patient_id, {
      kind: p.appointment_id ? 'booking.confirmed' : 'payment.received',
      title: p.appointment_id ? 'Your consultation is booked' : 'Payment received',
      body: `Payment received for ${what}.`,
      data: { paymentId: p.id, ...(p.appointment_id ? { appointmentId: p.appointment_id } : {}) },
      dedupeKey: `payment:${p.id}`,
    });
  await enqueueEmail(q, {
    to: u.email,
    dedupeKey: `payment_receipt:${p.id}`,
    message: receiptEmail({
      name: u.name,
      paymentId: p.id,
      what,
      currency: p.currency,
      amountMinor: Number(p.amount_minor),
      walletMinor: Number(p.wallet_minor),
      gatewayMinor: Number(p.gateway_minor),
      link: receiptLink(p.id, deps.publicUrl)!,
      locale: u.locale,
    }),
  });
}

/** The refund e-mail, on the refund's transaction. */
export async function sendRefundNotice(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'publicUrl'>,
  p: PaymentRow,
  refundId: string,
  r: { walletMinor: number; gatewayMinor: number; reason: string },
) {
  const u = await patientOf(q, p.patient_id);
  await enqueueEmail(q, {
    to: u.email,
    dedupeKey: `payment_refund:${refundId}`,
    message: refundEmail({
      name: u.name,
      paymentId: p.id,
      currency: p.currency,
      ...r,
      link: receiptLink(p.id, deps.publicUrl),
      locale: u.locale,
    }),
  });
}
