import { emailLayout, para, type DomainEmail } from '../email/templates.ts';
import { formatMoney } from './policy.ts';

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
  const parts = [
    r.walletMinor ? `${m(r.walletMinor)} from your wallet` : '',
    r.gatewayMinor ? `${m(r.gatewayMinor)} by card` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const lines = [
    `Hello ${r.name},`,
    `We received ${m(r.amountMinor)} for ${r.what} (${parts}).`,
    `Receipt number: ${r.paymentId}`,
  ];
  return {
    template: 'payment_receipt',
    subject: `Receipt: ${m(r.amountMinor)} for ${r.what}`,
    html: emailLayout('Payment receipt', lines.map(para).join('') + para(`View it any time: ${r.link}`)),
    text: `${lines.join('\n\n')}\n\nView it any time: ${r.link}\n`,
  };
}

export function refundEmail(r: {
  name: string;
  paymentId: string;
  currency: string;
  walletMinor: number;
  gatewayMinor: number;
  reason: string;
}): DomainEmail {
  const m = (v: number) => formatMoney(v, r.currency);
  const lines = [
    `Hello ${r.name},`,
    r.reason,
    ...(r.walletMinor ? [`${m(r.walletMinor)} is back in your Telehealth Hub wallet now.`] : []),
    ...(r.gatewayMinor
      ? [`${m(r.gatewayMinor)} is on its way back to your card; banks usually take 5–7 working days.`]
      : []),
    `Payment reference: ${r.paymentId}`,
  ];
  return {
    template: 'payment_refund',
    subject: `Refund of ${m(r.walletMinor + r.gatewayMinor)}`,
    html: emailLayout('Refund on its way', lines.map(para).join('')),
    text: `${lines.join('\n\n')}\n`,
  };
}
