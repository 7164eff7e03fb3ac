import { formatMoney } from '@telehealth/platform/money';
import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';

/** The receipt page of a payment (a page: a browser has no token for the JSON endpoint). */
export const receiptLink = (paymentId: string, base: string) =>
  `${base.replace(/\/$/, '')}/wallet/receipts/${paymentId}`;

/** The number printed on the receipt page and in its e-mail: the same for both. */
export const receiptNumber = (paymentId: string) => `TH-${paymentId.slice(0, 8).toUpperCase()}`;

/**
 * The receipt: the amount once (how it was paid says where it came from, with amounts only when
 * it was split), what it paid for with its time in the patient's zone, and the receipt page.
 */
export function receiptEmail(r: {
  name: string;
  paymentId: string;
  what: string;
  currency: string;
  amountMinor: number;
  walletMinor: number;
  gatewayMinor: number;
  link: string;
}): DomainEmail {
  const m = (v: number) => formatMoney(v, r.currency);
  const how =
    r.walletMinor && r.gatewayMinor
      ? `${m(r.walletMinor)} came from your wallet and ${m(r.gatewayMinor)} by card.`
      : r.walletMinor
        ? 'It was paid from your Telehealth Hub wallet.'
        : 'It was paid by card.';
  const lines = [
    `Hello ${r.name},`,
    `We received ${m(r.amountMinor)} for ${r.what}.`,
    how,
    `Receipt number: ${receiptNumber(r.paymentId)}`,
  ];
  return {
    template: 'payment_receipt',
    subject: `Receipt ${receiptNumber(r.paymentId)} from Telehealth Hub`,
    html: emailLayout('Payment receipt', lines.map(para).join('') + button('View the receipt', r.link)),
    text: `${lines.join('\n\n')}\n\nView the receipt: ${r.link}\n`,
  };
}

export function refundEmail(r: {
  name: string;
  paymentId: string;
  currency: string;
  walletMinor: number;
  gatewayMinor: number;
  reason: string;
  /** The receipt page, which lists the payment's refunds (omitted when the origin is unknown). */
  link?: string | undefined;
}): DomainEmail {
  const m = (v: number) => formatMoney(v, r.currency);
  const lines = [
    `Hello ${r.name},`,
    r.reason,
    ...(r.walletMinor ? [`${m(r.walletMinor)} is back in your Telehealth Hub wallet now.`] : []),
    ...(r.gatewayMinor
      ? [`${m(r.gatewayMinor)} is on its way back to your card; banks usually take 5–7 working days.`]
      : []),
    `Receipt number: ${receiptNumber(r.paymentId)}`,
  ];
  return {
    template: 'payment_refund',
    subject: `Refund of ${m(r.walletMinor + r.gatewayMinor)}`,
    html: emailLayout(
      'Refund on its way',
      lines.map(para).join('') + (r.link ? button('View the receipt', r.link) : ''),
    ),
    text: `${lines.join('\n\n')}\n${r.link ? `\nView the receipt: ${r.link}\n` : ''}`,
  };
}
