import { i18n, t, type MessageKey } from './i18n/index.svelte.ts';

/**
 * Wallet lines carry the memo the payments service wrote, in English. The fixed ones are written
 * in the UI's language; a memo with someone's words in it (a refund reason, a credit note) stays
 * as written.
 */
const KNOWN: Readonly<Record<string, MessageKey>> = {
  'Wallet part reserved': 'wallet.memo.reserved',
  'Wallet reservation released': 'wallet.memo.released',
  'Appointment paid': 'wallet.memo.appointmentPaid',
  'Appointment paid from the wallet': 'wallet.memo.appointmentPaidWallet',
  'Wallet top-up': 'wallet.memo.topup',
  'Automatic refund: duplicate capture': 'wallet.memo.duplicateRefund',
  'Refunded at the gateway': 'wallet.memo.gatewayRefund',
  'Welcome credit (demo)': 'wallet.memo.welcome',
};

export function memoText(memo: string): string {
  const key = KNOWN[memo];
  return key && i18n.locale !== 'en' ? t(key) : memo;
}
