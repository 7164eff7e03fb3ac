import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';
import type { Locale } from '../i18n/locale.ts';
import type { ServerMessageKey } from '../i18n/messages.en.ts';
import { translator, type Translator } from '../i18n/translate.ts';

/** The receipt page of a payment (a page: a browser has no token for the JSON endpoint). */
export const receiptLink = (paymentId: string, base: string) =>
  `${base.replace(/\/$/, '')}/wallet/receipts/${paymentId}`;

/** The number printed on the receipt page and in its e-mail: the same for both. */
export const receiptNumber = (paymentId: string) => `TH-${paymentId.slice(0, 8).toUpperCase()}`;

/**
 * The receipt: the amount once (how it was paid says where it came from, with amounts only when
 * it was split), what it paid for with its time in the patient's zone, and the receipt page. In the
 * patient's language; `what` is the caller's description of the purchase.
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
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(r.locale);
  const { t } = tr;
  const m = (v: number) => tr.money(v, r.currency);
  const how =
    r.walletMinor && r.gatewayMinor
      ? t('payment.receipt.split', { wallet: m(r.walletMinor), card: m(r.gatewayMinor) })
      : r.walletMinor
        ? t('payment.receipt.wallet')
        : t('payment.receipt.card');
  const number = receiptNumber(r.paymentId);
  const lines = [
    t('email.hello', { name: r.name }),
    t('payment.receipt.received', { amount: m(r.amountMinor), what: r.what }),
    how,
    t('payment.receipt.number', { number }),
  ];
  const action = t('payment.receipt.action');
  return {
    template: 'payment_receipt',
    subject: t('payment.receipt.subject', { number }),
    html: emailLayout(t('payment.receipt.heading'), lines.map(para).join('') + button(action, r.link), tr),
    text: `${lines.join('\n\n')}\n\n${action}: ${r.link}\n`,
  };
}

/**
 * The reasons the payments service writes itself (refunds.ts, settle.ts), stored in English with
 * the refund: the e-mail says them in the patient's language. A reason someone typed stays as written.
 */
const KNOWN_REASONS = {
  'Your appointment was cancelled.': 'payment.refund.reason.cancelled',
  'Your appointment was cancelled by the doctor.': 'payment.refund.reason.cancelledByDoctor',
  'Your appointment was cancelled by the admin.': 'payment.refund.reason.cancelledByAdmin',
  'You paid the same order twice; we kept one payment and are returning the other.':
    'payment.refund.reason.duplicate',
} as const satisfies Record<string, ServerMessageKey>;

const reasonIn = (reason: string, t: Translator['t']) =>
  reason in KNOWN_REASONS ? t(KNOWN_REASONS[reason as keyof typeof KNOWN_REASONS]) : reason;

export function refundEmail(r: {
  name: string;
  paymentId: string;
  currency: string;
  walletMinor: number;
  gatewayMinor: number;
  reason: string;
  /** The receipt page, which lists the payment's refunds (omitted when the origin is unknown). */
  link?: string | undefined;
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(r.locale);
  const { t } = tr;
  const m = (v: number) => tr.money(v, r.currency);
  const lines = [
    t('email.hello', { name: r.name }),
    reasonIn(r.reason, t),
    ...(r.walletMinor ? [t('payment.refund.wallet', { amount: m(r.walletMinor) })] : []),
    ...(r.gatewayMinor ? [t('payment.refund.card', { amount: m(r.gatewayMinor) })] : []),
    t('payment.receipt.number', { number: receiptNumber(r.paymentId) }),
  ];
  const action = t('payment.receipt.action');
  return {
    template: 'payment_refund',
    subject: t('payment.refund.subject', { amount: m(r.walletMinor + r.gatewayMinor) }),
    html: emailLayout(
      t('payment.refund.heading'),
      lines.map(para).join('') + (r.link ? button(action, r.link) : ''),
      tr,
    ),
    text: `${lines.join('\n\n')}\n${r.link ? `\n${action}: ${r.link}\n` : ''}`,
  };
}
