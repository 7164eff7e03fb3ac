import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, makeDoctor, makePatients, slotIn } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { verifyLedger, walletBalance } from './ledger/ledger.ts';
import { bookingAndPayments } from '../modules.ts';
import { creditPromotion } from './wallet.ts';

// The wallet under contention through the whole HTTP path, against the real server with a pool big
// enough for the requests to really run in parallel.
describe('100 parallel wallet payments (PostgreSQL)', () => {
  let t: TestDb;
  let app: TestApp;
  beforeAll(async () => {
    t = await createTestPostgres({ max: 40 });
    app = await startTestApp(t.db, {
      modules: [bookingAndPayments({ reconciler: false })],
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('a balance that covers exactly 10: exactly 10 succeed, never below zero, the ledger balances', async () => {
    const doctor = await makeDoctor(t.db, { feeMinor: 5_000, currency: 'USD' });
    const [p] = await makePatients(t.db, 1);
    await t.db.tx((q) => creditPromotion(q, p!, 'USD', 10 * 5_000));
    const c = await clientAs(app, p!, 'patient');
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await c.post('/api/v1/appointments', {
        doctorId: doctor,
        startsAt: slotIn(24 + i).toISOString(),
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    let min = Infinity;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        min = Math.min(min, await walletBalance(t.db, p!, 'USD'));
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const replies = await Promise.all(
      ids.map((id, i) =>
        c.post(`/api/v1/appointments/${id}/pay`, { method: 'wallet' }, { 'idempotency-key': `race-${i}` }),
      ),
    );
    sampling = false;
    await sampler;
    const byStatus: Record<number, number> = {};
    for (const r of replies) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    expect(byStatus).toEqual({ 201: 10, 402: 90 });
    expect(min).toBeGreaterThanOrEqual(0);
    expect(await walletBalance(t.db, p!, 'USD')).toBe(0);
    const confirmed = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointments WHERE patient_id = $1 AND status = 'confirmed'`,
      [p],
    );
    expect(confirmed.rows[0]!.n).toBe(10);
    expect(await verifyLedger(t.db)).toMatchObject({ ok: true });
  }, 90_000);
});
