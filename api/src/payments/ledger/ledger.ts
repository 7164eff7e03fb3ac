import type { Queryable } from '@telehealth/platform/db/index';
import { pgCode, pgConstraint, PgCodes } from '@telehealth/platform/db/errors';

export const SystemAccounts = ['clearing', 'revenue', 'refunds', 'promotions'] as const;
export type SystemAccount = (typeof SystemAccounts)[number];
export const GatewayNames = ['stripe', 'razorpay'] as const;
export type GatewayName = (typeof GatewayNames)[number];

/** Where money sits: a patient's wallet, a system account, or the money held at a gateway. */
export type AccountRef =
  { kind: 'wallet'; ownerId: string } | { kind: SystemAccount } | { kind: 'gateway'; gateway: GatewayName };

export const TxKinds = [
  'promotion',
  'topup',
  'reserve',
  'release',
  'capture',
  'gateway_receipt',
  'refund',
  'refund_reversal',
  'adjustment',
  // A guardian's money into a dependent's wallet (family/routes.ts).
  'transfer',
] as const;
export type TxKind = (typeof TxKinds)[number];

export interface Posting {
  account: AccountRef;
  amountMinor: number;
}

export interface TransactionInput {
  kind: TxKind;
  currency: string;
  memo?: string;
  paymentId?: string;
  refundId?: string;
  entries: Posting[];
}

export class InsufficientFundsError extends Error {
  constructor() {
    super('Wallet balance is too low');
    this.name = 'InsufficientFundsError';
  }
}

export class UnbalancedError extends Error {
  constructor(readonly total: number) {
    super(`Ledger transaction does not balance (off by ${total})`);
    this.name = 'UnbalancedError';
  }
}

export const accountKey = (a: AccountRef): string =>
  a.kind === 'wallet' ? `wallet:${a.ownerId}` : a.kind === 'gateway' ? `gateway:${a.gateway}` : a.kind;

/** Pure: merges postings per account and checks that they sum to zero (the database checks it again). */
export function normalizePostings(entries: Posting[]): Posting[] {
  const byKey = new Map<string, Posting>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountMinor)) throw new Error('amounts must be integer minor units');
    const k = accountKey(e.account);
    const prev = byKey.get(k);
    byKey.set(k, { account: e.account, amountMinor: (prev?.amountMinor ?? 0) + e.amountMinor });
  }
  const out = [...byKey.values()].filter((e) => e.amountMinor !== 0);
  const total = out.reduce((s, e) => s + e.amountMinor, 0);
  if (total !== 0) throw new UnbalancedError(total);
  return out;
}

/** Finds or creates the account row; returns its id. */
export async function ensureAccount(q: Queryable, a: AccountRef, currency: string): Promise<string> {
  const key = accountKey(a);
  const found = await q.query<{ id: string }>(
    'SELECT id FROM ledger_accounts WHERE key = $1 AND currency = $2',
    [key, currency],
  );
  if (found.rows[0]) return found.rows[0].id;
  // DO NOTHING, not DO UPDATE: no row lock on a shared system account (it would serialise everyone).
  const ins = await q.query<{ id: string }>(
    `INSERT INTO ledger_accounts (kind, key, owner_id, currency) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key, currency) DO NOTHING RETURNING id`,
    [a.kind, key, a.kind === 'wallet' ? a.ownerId : null, currency],
  );
  if (ins.rows[0]) return ins.rows[0].id;
  return (
    await q.query<{ id: string }>('SELECT id FROM ledger_accounts WHERE key = $1 AND currency = $2', [
      key,
      currency,
    ])
  ).rows[0]!.id;
}

/**
 * Posts one balanced transaction on the caller's database transaction. Wallet rows are locked in a
 * fixed order (by id) before their cached balance moves, and the CHECK on that balance refuses to go
 * below zero: concurrent spends serialise on the wallet row and the losers get InsufficientFundsError.
 * Returns the ledger transaction id.
 */
export async function postTransaction(q: Queryable, t: TransactionInput): Promise<string> {
  const entries = normalizePostings(t.entries);
  if (entries.length < 2) throw new Error('a ledger transaction needs at least two accounts');
  const withIds: (Posting & { id: string })[] = [];
  for (const e of entries) withIds.push({ ...e, id: await ensureAccount(q, e.account, t.currency) });
  withIds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  try {
    for (const e of withIds) {
      if (e.account.kind !== 'wallet') continue;
      await q.query('SELECT 1 FROM ledger_accounts WHERE id = $1 FOR NO KEY UPDATE', [e.id]);
      await q.query('UPDATE ledger_accounts SET balance_minor = balance_minor + $2 WHERE id = $1', [
        e.id,
        e.amountMinor,
      ]);
    }
  } catch (err) {
    if (
      pgCode(err) === PgCodes.checkViolation &&
      (pgConstraint(err) === 'wallet_not_negative' ||
        /wallet_not_negative/.test(String((err as Error).message)))
    )
      throw new InsufficientFundsError();
    throw err;
  }
  const tx = await q.query<{ id: string }>(
    `INSERT INTO ledger_transactions (kind, payment_id, refund_id, memo) VALUES ($1, $2, $3, $4) RETURNING id`,
    [t.kind, t.paymentId ?? null, t.refundId ?? null, t.memo ?? ''],
  );
  const txId = tx.rows[0]!.id;
  const values: unknown[] = [txId, t.currency];
  const rows = withIds.map((e, i) => {
    values.push(e.id, e.amountMinor);
    return `($1, $${3 + i * 2}, $2, $${4 + i * 2})`;
  });
  await q.query(
    `INSERT INTO ledger_entries (transaction_id, account_id, currency, amount_minor) VALUES ${rows.join(', ')}`,
    values,
  );
  return txId;
}

/** A wallet's balance (the cached column, which verifyLedger checks against the entries). */
export async function walletBalance(q: Queryable, ownerId: string, currency: string): Promise<number> {
  const r = await q.query<{ balance_minor: number }>(
    'SELECT balance_minor FROM ledger_accounts WHERE key = $1 AND currency = $2',
    [`wallet:${ownerId}`, currency],
  );
  return r.rows[0]?.balance_minor ?? 0;
}

/** Balance of any account derived from its entries. */
export async function derivedBalance(q: Queryable, a: AccountRef, currency: string): Promise<number> {
  const r = await q.query<{ total: number | null }>(
    `SELECT sum(e.amount_minor)::bigint AS total FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
     WHERE a.key = $1 AND a.currency = $2`,
    [accountKey(a), currency],
  );
  return Number(r.rows[0]?.total ?? 0);
}

export interface LedgerReport {
  ok: boolean;
  unbalancedTransactions: string[];
  cacheMismatches: { accountId: string; cached: number; derived: number }[];
  negativeWallets: string[];
}

/** Audits the whole ledger: every transaction balances, every cached wallet balance equals its entries. */
export async function verifyLedger(q: Queryable): Promise<LedgerReport> {
  const unbalanced = await q.query<{ transaction_id: string }>(
    `SELECT transaction_id FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0`,
  );
  const mismatches = await q.query<{ id: string; cached: number; derived: number }>(
    `SELECT a.id, a.balance_minor AS cached, COALESCE(sum(e.amount_minor), 0)::bigint AS derived
     FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
     WHERE a.kind = 'wallet' GROUP BY a.id HAVING a.balance_minor <> COALESCE(sum(e.amount_minor), 0)`,
  );
  const negative = await q.query<{ id: string }>(
    `SELECT a.id FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id WHERE a.kind = 'wallet'
     GROUP BY a.id HAVING sum(e.amount_minor) < 0`,
  );
  const report = {
    unbalancedTransactions: unbalanced.rows.map((r) => r.transaction_id),
    cacheMismatches: mismatches.rows.map((r) => ({
      accountId: r.id,
      cached: Number(r.cached),
      derived: Number(r.derived),
    })),
    negativeWallets: negative.rows.map((r) => r.id),
  };
  return {
    ok:
      !report.unbalancedTransactions.length &&
      !report.cacheMismatches.length &&
      !report.negativeWallets.length,
    ...report,
  };
}
