import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPglite,
  createTestPostgres,
  testDbFactories,
  type TestDb,
} from '@telehealth/platform/testing/db';
import { creditPromotion, demoCreditFor, walletBalances } from '../wallet.ts';
import {
  InsufficientFundsError,
  normalizePostings,
  postTransaction,
  UnbalancedError,
  verifyLedger,
  walletBalance,
} from './ledger.ts';

async function newUser(t: TestDb, email: string) {
  const r = await t.db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Test Patient', 'patient', 'x') RETURNING id`,
    [email],
  );
  return r.rows[0]!.id;
}

const spend = (ownerId: string, amount: number, currency = 'INR') => ({
  kind: 'capture' as const,
  currency,
  entries: [
    { account: { kind: 'wallet' as const, ownerId }, amountMinor: -amount },
    { account: { kind: 'revenue' as const }, amountMinor: amount },
  ],
});

describe('ledger rules (pure)', () => {
  it('merges postings per account and refuses an unbalanced set', () => {
    const w = { kind: 'wallet' as const, ownerId: 'u1' };
    expect(
      normalizePostings([
        { account: w, amountMinor: 5 },
        { account: w, amountMinor: -2 },
        { account: { kind: 'promotions' }, amountMinor: -3 },
      ]),
    ).toEqual([
      { account: w, amountMinor: 3 },
      { account: { kind: 'promotions' }, amountMinor: -3 },
    ]);
    expect(() =>
      normalizePostings([
        { account: w, amountMinor: 5 },
        { account: { kind: 'revenue' }, amountMinor: -4 },
      ]),
    ).toThrow(UnbalancedError);
    expect(() =>
      normalizePostings([
        { account: w, amountMinor: 0.5 },
        { account: { kind: 'revenue' }, amountMinor: -0.5 },
      ]),
    ).toThrow(/integer/);
  });

  it('gives demo credit by country', () => {
    expect(demoCreditFor({ phone: '+91 98765 43210', timezone: 'Asia/Kolkata' })).toEqual({
      currency: 'INR',
      amountMinor: 500_000,
    });
    expect(demoCreditFor({ phone: '+1 212 555 0143', timezone: 'America/New_York' })).toEqual({
      currency: 'USD',
      amountMinor: 20_000,
    });
    expect(demoCreditFor({ phone: '+44 20 7946 0321', timezone: 'Europe/London' })).toEqual({
      currency: 'GBP',
      amountMinor: 15_000,
    });
  });
});

describe.each(Object.entries(testDbFactories))('ledger on %s', (_kind, factory) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('posts balanced transactions and derives balances', async () => {
    const u = await newUser(t, `l1.${_kind}@example.test`);
    await t.db.tx((q) => creditPromotion(q, u, 'INR', 10_000));
    await t.db.tx((q) => postTransaction(q, spend(u, 2_500)));
    expect(await walletBalance(t.db, u, 'INR')).toBe(7_500);
    expect(await walletBalances(t.db, u)).toEqual([{ currency: 'INR', balanceMinor: 7_500 }]);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('refuses to take a wallet below zero and leaves nothing behind', async () => {
    const u = await newUser(t, `l2.${_kind}@example.test`);
    await t.db.tx((q) => creditPromotion(q, u, 'USD', 1_000));
    await expect(t.db.tx((q) => postTransaction(q, spend(u, 1_001, 'USD')))).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(await walletBalance(t.db, u, 'USD')).toBe(1_000);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('the database itself rejects an unbalanced transaction at commit', async () => {
    const acct = (
      await t.db.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE key = 'revenue' LIMIT 1`)
    ).rows[0]!.id;
    await expect(
      t.db.tx(async (q) => {
        const tx = (
          await q.query<{ id: string }>(
            `INSERT INTO ledger_transactions (kind) VALUES ('adjustment') RETURNING id`,
          )
        ).rows[0]!.id;
        await q.query(
          `INSERT INTO ledger_entries (transaction_id, account_id, currency, amount_minor) SELECT $1, id, currency, 100 FROM ledger_accounts WHERE id = $2`,
          [tx, acct],
        );
      }),
    ).rejects.toThrow(/unbalanced/);
    // And entries cannot be edited afterwards.
    await expect(t.db.query(`UPDATE ledger_entries SET amount_minor = amount_minor + 1`)).rejects.toThrow(
      /immutable/,
    );
    // A cached balance that drifted from its entries is reported.
    await t.db.query(
      `UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE kind = 'wallet' AND currency = 'USD'`,
    );
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(false);
    expect(report.cacheMismatches).toHaveLength(1);
    await t.db.query(
      `UPDATE ledger_accounts SET balance_minor = balance_minor - 1 WHERE kind = 'wallet' AND currency = 'USD'`,
    );
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('erasing a user removes their ledger transactions whole; the rest still balances', async () => {
    const u = await newUser(t, `l3.${_kind}@example.test`);
    await t.db.tx((q) => creditPromotion(q, u, 'GBP', 500));
    await t.db.query('DELETE FROM users WHERE id = $1', [u]);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});

// The concurrency proof needs a real server with real parallel connections (PGlite serialises).
describe('wallet spends under contention (PostgreSQL)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestPostgres({ max: 30 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('100 parallel spends against a balance for exactly 10: 10 succeed, never below zero, ledger balanced', async () => {
    const u = await newUser(t, 'race@example.test');
    await t.db.tx((q) => creditPromotion(q, u, 'INR', 10 * 5_000));
    let min = Infinity;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        min = Math.min(min, await walletBalance(t.db, u, 'INR'));
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => t.db.tx((q) => postTransaction(q, spend(u, 5_000)))),
    );
    sampling = false;
    await sampler;
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const insufficient = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof InsufficientFundsError,
    ).length;
    expect(ok).toBe(10);
    expect(insufficient).toBe(90);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(await walletBalance(t.db, u, 'INR')).toBe(0);
    const report = await verifyLedger(t.db);
    expect(report).toMatchObject({
      ok: true,
      unbalancedTransactions: [],
      cacheMismatches: [],
      negativeWallets: [],
    });
    const revenue = (
      await t.db.query<{ s: number }>(
        `SELECT sum(amount_minor)::bigint AS s FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.key = 'revenue'`,
      )
    ).rows[0]!;
    expect(Number(revenue.s)).toBe(50_000);
  });
});
void createTestPglite;
