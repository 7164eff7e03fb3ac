// npm run bench:payments — prints JSON: signed webhook deliveries/s (with a share of duplicate
// deliveries, shuffled), and wallet spend contention (one wallet, many parallel checkouts): throughput,
// p50/p99 latency, and the correctness checks (each event applied once, exactly the affordable number
// of spends, ledger balanced). Runs the real app over HTTP on a private PostgreSQL database with local
// Stripe/Razorpay stand-ins. A benchmark, not a test: bounded in size and time (< 2 min).
import { performance } from 'node:perf_hooks';
import { clientAs, makeDoctor, makePatients, slotIn } from '@telehealth/api/booking/testing';
import { verifyLedger, walletBalance } from '@telehealth/api/payments/ledger/ledger';
import { bookingAndPayments } from '@telehealth/api/modules';
import { startPaymentStandins } from '@telehealth/api/payments/testing/standins';
import { creditPromotion } from '@telehealth/api/payments/wallet';
import { startTestApp } from '@telehealth/api/testing/app';
import { createTestPostgres } from '@telehealth/platform/testing/db';

const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 300);
const DUPLICATE_SHARE = Number(process.env.BENCH_DUPLICATE_SHARE ?? 0.3);
const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const SPEND_ATTEMPTS = Number(process.env.BENCH_SPEND_ATTEMPTS ?? 200);
const SPEND_AFFORDABLE = Number(process.env.BENCH_SPEND_AFFORDABLE ?? 100);
const SPEND_CONCURRENCY = Number(process.env.BENCH_SPEND_CONCURRENCY ?? 50);
const DEADLINE = Date.now() + 110_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Number(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!.toFixed(2)) : null;
};

/** Runs tasks with at most `n` in flight; stops starting new ones past the deadline. */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < tasks.length && Date.now() < DEADLINE) {
        const k = i++;
        out[k] = await tasks[k]!();
      }
    }),
  );
  return out;
}

// Deterministic shuffle so runs are comparable.
function shuffle<T>(xs: T[], seed = 42): T[] {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const t = await createTestPostgres({ max: 60 });
const s = await startPaymentStandins();
const app = await startTestApp(t.db, {
  modules: [bookingAndPayments({ reconciler: false })],
  env: { ...s.env, LOG_LEVEL: 'silent' },
});
try {
  // ---------------------------------------------------------------- webhooks: Stripe top-ups
  const patients = await makePatients(t.db, 20);
  const clients = await Promise.all(patients.map((p) => clientAs(app, p, 'patient')));
  const topups = await pool(
    Array.from({ length: WEBHOOK_EVENTS }, (_, i) => async () => {
      const r = await clients[i % clients.length]!.post('/api/v1/wallet/topups', {
        amountMinor: 1_000,
        currency: 'USD',
      });
      if (r.status !== 201) throw new Error(`topup failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { id: string; checkout: { paymentIntentId: string } };
    }),
    WEBHOOK_CONCURRENCY,
  );
  const events = topups.map((tp) =>
    s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(tp.checkout.paymentIntentId)),
  );
  const dupCount = Math.round(events.length * DUPLICATE_SHARE);
  const deliveries = shuffle([...events, ...events.slice(0, dupCount)]);
  const hookLatencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const w0 = performance.now();
  await pool(
    deliveries.map((d) => async () => {
      const t1 = performance.now();
      const r = await fetch(`${app.url}/api/v1/webhooks/stripe`, {
        method: 'POST',
        headers: { 'stripe-signature': d.signature },
        body: d.body,
      });
      const body = (await r.json()) as { outcome?: string };
      hookLatencies.push(performance.now() - t1);
      const k = r.status === 200 ? (body.outcome ?? '?') : `http_${r.status}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }),
    WEBHOOK_CONCURRENCY,
  );
  const webhookSecs = (performance.now() - w0) / 1000;
  const credited = (
    await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payments WHERE purpose = 'topup' AND status = 'succeeded'`,
    )
  ).rows[0]!.n;
  const creditEntries = (
    await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'topup'`)
  ).rows[0]!.n;

  // ---------------------------------------------------------------- wallet spend contention
  const doctor = await makeDoctor(t.db, { feeMinor: 1_000, currency: 'USD' });
  const [payer] = await makePatients(t.db, 1);
  await t.db.tx((q) => creditPromotion(q, payer!, 'USD', SPEND_AFFORDABLE * 1_000));
  const pc = await clientAs(app, payer!, 'patient');
  const appts = await pool(
    Array.from({ length: SPEND_ATTEMPTS }, (_, i) => async () => {
      const r = await pc.post('/api/v1/appointments', {
        doctorId: doctor,
        startsAt: slotIn(24 + i * 0.5).toISOString(),
      });
      if (r.status !== 201) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    }),
    8,
  );
  let minBalance = Infinity;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      minBalance = Math.min(minBalance, await walletBalance(t.db, payer!, 'USD'));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const spendLatencies: number[] = [];
  const spendStatus: Record<number, number> = {};
  const s0 = performance.now();
  await pool(
    appts.map((id, i) => async () => {
      const t1 = performance.now();
      const r = await pc.post(
        `/api/v1/appointments/${id}/pay`,
        { method: 'wallet' },
        { 'idempotency-key': `bench-${i}` },
      );
      spendLatencies.push(performance.now() - t1);
      spendStatus[r.status] = (spendStatus[r.status] ?? 0) + 1;
    }),
    SPEND_CONCURRENCY,
  );
  const spendSecs = (performance.now() - s0) / 1000;
  sampling = false;
  await sampler;
  const ledger = await verifyLedger(t.db);

  console.log(
    JSON.stringify(
      {
        webhooks: {
          gateway: 'stripe (stand-in), signed with stripe.webhooks.generateTestHeaderString',
          events: events.length,
          deliveries: deliveries.length,
          duplicateShare: Number((dupCount / deliveries.length).toFixed(3)),
          concurrency: WEBHOOK_CONCURRENCY,
          deliveriesPerSecond: Number((deliveries.length / webhookSecs).toFixed(1)),
          latencyMs: { p50: pct(hookLatencies, 50), p99: pct(hookLatencies, 99) },
          outcomes,
          appliedOnce: credited === events.length && creditEntries === events.length,
        },
        walletContention: {
          attempts: appts.length,
          affordable: SPEND_AFFORDABLE,
          concurrency: SPEND_CONCURRENCY,
          spendsPerSecond: Number((appts.length / spendSecs).toFixed(1)),
          latencyMs: {
            p50: pct(spendLatencies, 50),
            p99: pct(spendLatencies, 99),
            max: pct(spendLatencies, 100),
          },
          statuses: spendStatus,
          exactlyAffordableSucceeded: spendStatus[201] === Math.min(SPEND_AFFORDABLE, appts.length),
          minBalanceSeen: minBalance,
          finalBalance: await walletBalance(t.db, payer!, 'USD'),
        },
        ledger: {
          ok: ledger.ok,
          unbalanced: ledger.unbalancedTransactions.length,
          cacheMismatches: ledger.cacheMismatches.length,
        },
        database: 'postgresql (pool 60)',
      },
      null,
      2,
    ),
  );
} finally {
  await app.close();
  await s.close();
  await t.drop();
}
