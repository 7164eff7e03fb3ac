import type { Queryable } from '@telehealth/platform/db/index';
import { postTransaction } from './ledger/ledger.ts';
import type { PaymentRow } from './rows.ts';

// Ledger movements of one payment's wallet part, always on the caller's transaction.

/** Holds the wallet part in clearing while the gateway part is open. */
export const reserveWallet = (q: Queryable, p: PaymentRow) =>
  postTransaction(q, {
    kind: 'reserve',
    currency: p.currency,
    paymentId: p.id,
    memo: 'Wallet part reserved',
    entries: [
      { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: -p.wallet_minor },
      { account: { kind: 'clearing' }, amountMinor: p.wallet_minor },
    ],
  });

/** Gives a held wallet part back (the gateway part failed or was cancelled). */
export const releaseWallet = (q: Queryable, p: PaymentRow) =>
  postTransaction(q, {
    kind: 'release',
    currency: p.currency,
    paymentId: p.id,
    memo: 'Wallet reservation released',
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -p.wallet_minor },
      { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: p.wallet_minor },
    ],
  });

/** Wallet-only capture, or the wallet part of a hybrid once the gateway part arrived: clearing → revenue. */
export async function captureToRevenue(q: Queryable, p: PaymentRow, gatewayReceived: number) {
  await postTransaction(q, {
    kind: 'capture',
    currency: p.currency,
    paymentId: p.id,
    memo: 'Appointment paid',
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -(Number(p.wallet_minor) + gatewayReceived) },
      { account: { kind: 'revenue' }, amountMinor: Number(p.wallet_minor) + gatewayReceived },
    ],
  });
}
