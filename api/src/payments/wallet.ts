import type { Queryable } from '@telehealth/platform/db/index';
import { postTransaction } from './ledger/ledger.ts';

export interface WalletBalance {
  currency: string;
  balanceMinor: number;
}

export async function walletBalances(q: Queryable, ownerId: string): Promise<WalletBalance[]> {
  const r = await q.query<{ currency: string; balance_minor: number }>(
    `SELECT currency, balance_minor FROM ledger_accounts WHERE owner_id = $1 AND kind = 'wallet' ORDER BY currency`,
    [ownerId],
  );
  return r.rows.map((x) => ({ currency: x.currency, balanceMinor: Number(x.balance_minor) }));
}

export interface WalletEntry {
  id: number;
  transactionId: string;
  kind: string;
  currency: string;
  amountMinor: number;
  memo: string;
  paymentId: string | null;
  refundId: string | null;
  createdAt: string;
}

export async function walletHistory(
  q: Queryable,
  ownerId: string,
  opts: { currency?: string; limit: number; offset: number },
): Promise<{ items: WalletEntry[]; total: number }> {
  const params: unknown[] = [ownerId];
  let where = `a.owner_id = $1 AND a.kind = 'wallet'`;
  if (opts.currency) {
    params.push(opts.currency);
    where += ` AND a.currency = $${params.length}`;
  }
  const total = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE ${where}`,
    params,
  );
  const rows = await q.query<{
    id: number;
    transaction_id: string;
    kind: string;
    currency: string;
    amount_minor: number;
    memo: string;
    payment_id: string | null;
    refund_id: string | null;
    created_at: Date;
  }>(
    `SELECT e.id, e.transaction_id, t.kind, e.currency, e.amount_minor, t.memo, t.payment_id, t.refund_id, e.created_at
     FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE ${where} ORDER BY e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, opts.limit, opts.offset],
  );
  return {
    total: total.rows[0]?.n ?? 0,
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      transactionId: r.transaction_id,
      kind: r.kind,
      currency: r.currency,
      amountMinor: Number(r.amount_minor),
      memo: r.memo,
      paymentId: r.payment_id,
      refundId: r.refund_id,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Promotional credit (demo seeding, goodwill): promotions → wallet. */
export function creditPromotion(
  q: Queryable,
  ownerId: string,
  currency: string,
  amountMinor: number,
  memo = 'Promotional credit',
) {
  return postTransaction(q, {
    kind: 'promotion',
    currency,
    memo,
    entries: [
      { account: { kind: 'promotions' }, amountMinor: -amountMinor },
      { account: { kind: 'wallet', ownerId }, amountMinor },
    ],
  });
}

/** Demo credit by the patient's country, read from the phone prefix or the time zone. */
export function demoCreditFor(user: { phone: string | null; timezone: string }): {
  currency: string;
  amountMinor: number;
} {
  const p = (user.phone ?? '').replace(/\s/g, '');
  // Browsers may report India's zone by its older ICU name.
  if (p.startsWith('+91') || user.timezone === 'Asia/Kolkata' || user.timezone === 'Asia/Calcutta')
    return { currency: 'INR', amountMinor: 500_000 };
  if (p.startsWith('+44') || user.timezone === 'Europe/London')
    return { currency: 'GBP', amountMinor: 15_000 };
  return { currency: 'USD', amountMinor: 20_000 };
}

/** domainSeeders entry: each demo patient gets wallet credit in their country's currency. */
export async function seedDemoWallets(q: Queryable, ids: { patientIds: string[] }): Promise<void> {
  for (const id of ids.patientIds) {
    const u = (
      await q.query<{ phone: string | null; timezone: string }>(
        'SELECT phone, timezone FROM users WHERE id = $1',
        [id],
      )
    ).rows[0];
    if (!u) continue;
    const c = demoCreditFor(u);
    await creditPromotion(q, id, c.currency, c.amountMinor, 'Welcome credit (demo)');
  }
}
