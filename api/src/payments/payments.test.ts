import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireLapsedHolds, type RefundDue } from '../booking/index.ts';
import { clientAs, makeDoctor, makePatients, slotIn } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import type { TestClient } from '../testing/client.ts';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { verifyLedger } from './ledger/ledger.ts';
import { reconcileOnce } from './reconcile.ts';
import { bookingAndPayments } from '../modules.ts';
import { createPaymentsService, paymentsDeps } from './service.ts';
import { startPaymentStandins, stripeChargeRefunded } from './testing/standins.ts';
import { creditPromotion } from './wallet.ts';

async function waitUntil<T>(fn: () => Promise<T | undefined | false>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Appointment checkout end to end: booking's holds and confirmation, the wallet, Stripe (USD) and
// Razorpay (INR) stand-ins, webhooks, the reconciler and cancellation refunds.
describe.each(Object.entries(testDbFactories))('appointment payments on %s', (kind, factory) => {
  let t: TestDb;
  let app: TestApp;
  let s: Awaited<ReturnType<typeof startPaymentStandins>>;
  let usdDoctor: string;
  let inrDoctor: string;
  let hour = 30;

  beforeAll(async () => {
    t = await factory();
    s = await startPaymentStandins();
    app = await startTestApp(t.db, {
      modules: [bookingAndPayments({ reconciler: false })],
      env: { ...s.env, PAYMENT_GATEWAY_TIMEOUT_MS: '1000' },
    });
    usdDoctor = await makeDoctor(t.db, { feeMinor: 8_000, currency: 'USD' });
    inrDoctor = await makeDoctor(t.db, { feeMinor: 50_000, currency: 'INR' });
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
    await t?.drop();
  });

  async function patient(credit?: { currency: string; amount: number }) {
    const [id] = await makePatients(t.db, 1);
    if (credit) await t.db.tx((q) => creditPromotion(q, id!, credit.currency, credit.amount));
    return { id: id!, c: await clientAs(app, id!, 'patient') };
  }
  async function book(c: TestClient, doctorId: string, startsAt = slotIn((hour += 2))) {
    const r = await c.post('/api/v1/appointments', { doctorId, startsAt: startsAt.toISOString() });
    expect(r.status).toBe(201);
    return r.body as { id: string; priceMinor: number; startsAt: string };
  }
  const balance = async (c: TestClient, currency: string) =>
    ((await c.get('/api/v1/wallet')).body.balances as { currency: string; balanceMinor: number }[]).find(
      (b) => b.currency === currency,
    )?.balanceMinor ?? 0;
  const apptStatus = async (c: TestClient, id: string) =>
    (await c.get(`/api/v1/appointments/${id}`)).body.status as string;
  const stripeHook = (d: { body: string; signature: string }) =>
    fetch(`${app.url}/api/v1/webhooks/stripe`, {
      method: 'POST',
      headers: { 'stripe-signature': d.signature },
      body: d.body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));
  const rzHook = (d: { body: string; signature: string; eventId: string }) =>
    fetch(`${app.url}/api/v1/webhooks/razorpay`, {
      method: 'POST',
      headers: { 'x-razorpay-signature': d.signature, 'x-razorpay-event-id': d.eventId },
      body: d.body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const ledgerOk = async () => expect(await verifyLedger(t.db)).toMatchObject({ ok: true });

  it('wallet: the server price is charged, confirmed in one transaction, idempotent, receipt emailed', async () => {
    const { c } = await patient({ currency: 'USD', amount: 20_000 });
    const a = await book(c, usdDoctor);
    // A client-sent amount is ignored: the price comes from the appointment.
    const r1 = await c.post(
      `/api/v1/appointments/${a.id}/pay`,
      { method: 'wallet', amountMinor: 1 },
      { 'idempotency-key': 'k-wallet-1' },
    );
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({
      status: 'succeeded',
      method: 'wallet',
      amountMinor: 8_000,
      walletMinor: 8_000,
      gatewayMinor: 0,
    });
    const r2 = await c.post(
      `/api/v1/appointments/${a.id}/pay`,
      { method: 'wallet' },
      { 'idempotency-key': 'k-wallet-1' },
    );
    expect(r2.status).toBe(200);
    expect(r2.body.id).toBe(r1.body.id);
    expect(await balance(c, 'USD')).toBe(12_000);
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    const again = await c.post(
      `/api/v1/appointments/${a.id}/pay`,
      { method: 'wallet' },
      { 'idempotency-key': 'k-wallet-2' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_PAID');
    const receipt = await c.get(`/api/v1/receipts/${r1.body.id}`);
    expect(receipt.body).toMatchObject({ amountMinor: 8_000, walletMinor: 8_000, currency: 'USD' });
    expect(receipt.body.description).toContain('consultation');
    // The bell shows it once, however often the payment was replayed.
    const n = await t.db.query<{ kind: string; data: { appointmentId: string } }>(
      `SELECT kind, data FROM notifications WHERE data->>'paymentId' = $1`,
      [r1.body.id],
    );
    expect(n.rows).toEqual([
      { kind: 'booking.confirmed', data: expect.objectContaining({ appointmentId: a.id }) },
    ]);
    await ledgerOk();
  });

  it('wallet too low: 402, nothing moves, the appointment stays pending', async () => {
    const { c } = await patient({ currency: 'USD', amount: 5_000 });
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'wallet' });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(await balance(c, 'USD')).toBe(5_000);
    expect(await apptStatus(c, a.id)).toBe('pending');
    const other = await patient();
    expect((await other.c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'wallet' })).status).toBe(404);
  });

  it('card (Stripe): confirmed only by the verified webhook; duplicates and late failures change nothing', async () => {
    const { c } = await patient();
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'pending', gateway: 'stripe', gatewayMinor: 8_000 });
    expect(s.stripe.intents.get(r.body.checkout.paymentIntentId)!.amount).toBe(8_000);
    expect(await apptStatus(c, a.id)).toBe('pending');
    const ev = s.stripe.webhook(
      'payment_intent.succeeded',
      s.stripe.succeed(r.body.checkout.paymentIntentId),
    );
    const results = await Promise.all([stripeHook(ev), stripeHook(ev), stripeHook(ev)]);
    expect(results.map((x) => x.status)).toEqual([200, 200, 200]);
    expect(results.filter((x) => !x.body.duplicate).map((x) => x.body.outcome)).toEqual(['confirmed']);
    const late = s.stripe.webhook('payment_intent.payment_failed', {
      ...s.stripe.intents.get(r.body.checkout.paymentIntentId)!,
      status: 'requires_payment_method',
    });
    expect((await stripeHook(late)).body.outcome).toBe('ignored_after_success');
    const canceled = s.stripe.webhook('payment_intent.canceled', {
      ...s.stripe.intents.get(r.body.checkout.paymentIntentId)!,
      status: 'canceled',
    });
    expect((await stripeHook(canceled)).body.outcome).toBe('ignored_after_success');
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body.status).toBe('succeeded');
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    await ledgerOk();
  });

  it('hybrid: wallet part reserved first; a declined card releases it; a retry captures both and confirms', async () => {
    const { c } = await patient({ currency: 'USD', amount: 3_000 });
    const a = await book(c, usdDoctor);
    const r = await c.post(
      `/api/v1/appointments/${a.id}/pay`,
      { method: 'hybrid' },
      { 'idempotency-key': 'h1' },
    );
    expect(r.body).toMatchObject({ status: 'pending', walletMinor: 3_000, gatewayMinor: 5_000 });
    expect(await balance(c, 'USD')).toBe(0);
    const pi = r.body.checkout.paymentIntentId as string;
    expect(s.stripe.intents.get(pi)!.amount).toBe(5_000);
    const failed = await stripeHook(s.stripe.webhook('payment_intent.payment_failed', s.stripe.decline(pi)));
    expect(failed.body.outcome).toBe('failed');
    expect(await balance(c, 'USD')).toBe(3_000);
    // The open intent is closed so the released wallet part cannot be charged by a retry on it.
    await waitUntil(async () => s.stripe.intents.get(pi)!.status === 'canceled');
    expect(await apptStatus(c, a.id)).toBe('pending');

    const r2 = await c.post(
      `/api/v1/appointments/${a.id}/pay`,
      { method: 'hybrid', walletAmountMinor: 2_000 },
      { 'idempotency-key': 'h2' },
    );
    expect(r2.body).toMatchObject({ status: 'pending', walletMinor: 2_000, gatewayMinor: 6_000 });
    expect(await balance(c, 'USD')).toBe(1_000);
    const ok = await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r2.body.checkout.paymentIntentId)),
    );
    expect(ok.body.outcome).toBe('confirmed');
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    expect(await balance(c, 'USD')).toBe(1_000);
    const bad = await c.post(`/api/v1/appointments/${(await book(c, usdDoctor)).id}/pay`, {
      method: 'hybrid',
      walletAmountMinor: 8_000,
    });
    expect(bad.body.error.code).toBe('HYBRID_NEEDS_CARD_PART');
    await ledgerOk();
  });

  it('out of order: a success that arrives after the failure was applied re-reserves the wallet part and confirms', async () => {
    const { c } = await patient({ currency: 'USD', amount: 3_000 });
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'hybrid' });
    const pi = r.body.checkout.paymentIntentId as string;
    const declined = { ...s.stripe.decline(pi) };
    const succeeded = { ...s.stripe.succeed(pi) }; // the customer's second card went through at Stripe
    expect((await stripeHook(s.stripe.webhook('payment_intent.payment_failed', declined))).body.outcome).toBe(
      'failed',
    );
    expect(await balance(c, 'USD')).toBe(3_000);
    expect((await stripeHook(s.stripe.webhook('payment_intent.succeeded', succeeded))).body.outcome).toBe(
      'confirmed',
    );
    expect(await balance(c, 'USD')).toBe(0);
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body).toMatchObject({
      status: 'succeeded',
      walletMinor: 3_000,
    });
    await ledgerOk();
  });

  it('switching method mid-checkout: the open card checkout is cancelled at the gateway, never two live orders', async () => {
    const { c } = await patient({ currency: 'USD', amount: 10_000 });
    const a = await book(c, usdDoctor);
    const card = await c.post(`/api/v1/appointments/${a.id}/pay`, {
      method: 'hybrid',
      walletAmountMinor: 1_000,
    });
    expect(await balance(c, 'USD')).toBe(9_000);
    const wallet = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'wallet' });
    expect(wallet.status).toBe(201);
    expect(wallet.body.status).toBe('succeeded');
    expect(s.stripe.intents.get(card.body.checkout.paymentIntentId)!.status).toBe('canceled');
    expect((await c.get(`/api/v1/payments/${card.body.id}`)).body).toMatchObject({
      status: 'canceled',
      failureCode: 'SUPERSEDED',
    });
    expect(await balance(c, 'USD')).toBe(2_000);
    expect(await apptStatus(c, a.id)).toBe('confirmed');

    // Paid meanwhile: the open checkout is settled, not replaced.
    const b = await book(c, usdDoctor);
    const first = await c.post(`/api/v1/appointments/${b.id}/pay`, { method: 'card' });
    s.stripe.succeed(first.body.checkout.paymentIntentId);
    const second = await c.post(`/api/v1/appointments/${b.id}/pay`, { method: 'card' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ALREADY_PAID');
    expect((await c.get(`/api/v1/payments/${first.body.id}`)).body.status).toBe('succeeded');
    await ledgerOk();
  });

  it('double clicks: five concurrent card checkouts leave exactly one live order', async () => {
    const { c } = await patient();
    const a = await book(c, usdDoctor);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' })),
    );
    expect(
      replies.every(
        (r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'PAYMENT_IN_PROGRESS'),
      ),
    ).toBe(true);
    const live = await t.db.query<{ gateway_ref: string }>(
      `SELECT gateway_ref FROM payments WHERE appointment_id = $1 AND status = 'pending'`,
      [a.id],
    );
    expect(live.rows).toHaveLength(1);
    const open = [...s.stripe.intents.values()].filter(
      (pi) =>
        pi.metadata.paymentId &&
        pi.status !== 'canceled' &&
        replies.some((r) => r.body.checkout?.paymentIntentId === pi.id),
    );
    expect(open.map((pi) => pi.id)).toEqual([live.rows[0]!.gateway_ref]);
  });

  it('one Idempotency-Key sent five times at once: one charge; the others wait (409 in progress) or replay it', async () => {
    const { c } = await patient();
    const a = await book(c, usdDoctor);
    const key = { 'idempotency-key': `same-${a.id}` };
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' }, key)),
    );
    const created = replies.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) {
      if (r.status === 409) expect(r.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      else
        expect([r.status, r.body.id, r.headers.get('idempotent-replayed')]).toEqual([
          200,
          created[0]!.body.id,
          'true',
        ]);
    }
    const rows = await t.db.query('SELECT id FROM payments WHERE appointment_id = $1', [a.id]);
    expect(rows.rows).toEqual([{ id: created[0]!.body.id }]);
    // Once answered, the key replays the first answer.
    const later = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' }, key);
    expect([later.status, later.body.id]).toEqual([200, created[0]!.body.id]);
  });

  it('hybrid with a gateway that times out: 504 and the wallet reservation is released', async () => {
    const { c } = await patient({ currency: 'USD', amount: 4_000 });
    const a = await book(c, usdDoctor);
    s.stripe.delayMs = 2_500;
    try {
      const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'hybrid' });
      expect(r.status).toBe(504);
    } finally {
      s.stripe.delayMs = 0;
    }
    expect(await balance(c, 'USD')).toBe(4_000);
    expect(await apptStatus(c, a.id)).toBe('pending');
    await ledgerOk();
  });

  it('Razorpay for INR: order for the server price, captured webhook confirms once', async () => {
    const { c } = await patient();
    const a = await book(c, inrDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    expect(r.body).toMatchObject({
      gateway: 'razorpay',
      checkout: { gateway: 'razorpay', amount: 50_000, currency: 'INR' },
    });
    const pay = s.razorpay.capture(r.body.checkout.orderId);
    const ev = s.razorpay.webhook('payment.captured', { payment: { entity: pay } });
    expect((await rzHook(ev)).body.outcome).toBe('confirmed');
    expect((await rzHook(ev)).body.duplicate).toBe(true);
    expect(
      (
        await rzHook(
          s.razorpay.webhook('order.paid', {
            payment: { entity: pay },
            order: { entity: s.razorpay.orders.get(pay.order_id) },
          }),
        )
      ).body.outcome,
    ).toBe('already_settled');
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    await ledgerOk();
  });

  it('Razorpay: a second capture on an already paid order is refunded to itself', async () => {
    const { c } = await patient();
    const a = await book(c, inrDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    const orderId = r.body.checkout.orderId as string;
    const first = s.razorpay.capture(orderId);
    expect(
      (await rzHook(s.razorpay.webhook('payment.captured', { payment: { entity: first } }))).body.outcome,
    ).toBe('confirmed');
    const second = s.razorpay.capture(orderId); // another tab paid the same order
    const ev = s.razorpay.webhook('payment.captured', { payment: { entity: second } });
    expect((await rzHook(ev)).body.outcome).toBe('auto_refunded:duplicate_capture');
    expect((await rzHook({ ...ev, eventId: `${ev.eventId}-redelivered` })).body.outcome).toBe(
      'already_refunded',
    );
    await waitUntil(async () =>
      [...s.razorpay.refunds.values()].find((x) => x.payment_id === second.id && x.amount === 50_000),
    );
    expect([...s.razorpay.refunds.values()].some((x) => x.payment_id === first.id)).toBe(false);
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body).toMatchObject({
      status: 'succeeded',
      refundedMinor: 0,
    });
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    await ledgerOk();
  });

  it('money after the hold lapsed and the slot went to someone else: refunded automatically, patient emailed', async () => {
    const { c } = await patient({ currency: 'USD', amount: 1_000 });
    const startsAt = slotIn((hour += 2));
    const a = await book(c, usdDoctor, startsAt);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'hybrid' });
    expect(r.body).toMatchObject({ walletMinor: 1_000, gatewayMinor: 7_000 });
    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      a.id,
    ]);
    const rival = await patient();
    await book(rival.c, usdDoctor, startsAt);
    // The customer finishes paying anyway.
    const ev = await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r.body.checkout.paymentIntentId)),
    );
    expect(ev.body.outcome).toBe('auto_refunded:late_no_slot');
    const p = (await c.get(`/api/v1/payments/${r.body.id}`)).body;
    expect(p).toMatchObject({ status: 'refunded', resolution: 'late_no_slot' });
    expect(await balance(c, 'USD')).toBe(1_000);
    await waitUntil(async () =>
      [...s.stripe.refunds.values()].find(
        (x) => x.payment_intent === r.body.checkout.paymentIntentId && x.amount === 7_000,
      ),
    );
    await waitUntil(
      async () =>
        (
          await t.db.query(`SELECT 1 FROM payment_refunds WHERE payment_id = $1 AND status = 'succeeded'`, [
            p.id,
          ])
        ).rows.length > 0,
    );
    expect(await apptStatus(c, a.id)).toBe('expired');
    while ((await app.flushEmails()) > 0);
    const email = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE id = (SELECT patient_id FROM payments WHERE id = $1)`,
        [p.id],
      )
    ).rows[0]!;
    const mails = await t.db.query<{ subject: string }>(
      `SELECT m.subject FROM dev_mailbox m JOIN users u ON u.email = m.to_address WHERE u.id = $1 AND m.subject LIKE 'Refund%'`,
      [email.id],
    );
    expect(mails.rows).toHaveLength(1);
    await ledgerOk();
  });

  it('process killed between charge and confirmation, hold lapsed and swept, slot still free: the reconciler confirms', async () => {
    const { c } = await patient({ currency: 'USD', amount: 2_000 });
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'hybrid' });
    s.stripe.succeed(r.body.checkout.paymentIntentId); // money taken, no webhook ever arrives
    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      a.id,
    ]);
    await expireLapsedHolds(t.db);
    expect(await apptStatus(c, a.id)).toBe('expired');
    await t.db.query(`UPDATE payments SET created_at = now() - interval '1 hour' WHERE id = $1`, [r.body.id]);
    const report = await reconcileOnce(paymentsDeps(app.ctx));
    expect(report).toMatchObject({ settled: 1, errors: 0 });
    expect(await apptStatus(c, a.id)).toBe('confirmed');
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body).toMatchObject({
      status: 'succeeded',
      walletMinor: 2_000,
      gatewayMinor: 6_000,
    });
    expect(await balance(c, 'USD')).toBe(0);
    await ledgerOk();
  });

  it('cancellation refunds: hybrid early cancel refunds all (wallet part instantly, card part via Stripe); late cancel refunds half, wallet first', async () => {
    const { c } = await patient({ currency: 'USD', amount: 3_000 });
    const early = await book(c, usdDoctor, slotIn((hour += 2) + 48));
    const r = await c.post(`/api/v1/appointments/${early.id}/pay`, { method: 'hybrid' });
    await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r.body.checkout.paymentIntentId)),
    );
    expect(await balance(c, 'USD')).toBe(0);
    expect(
      (await c.post(`/api/v1/appointments/${early.id}/cancel`, { reason: 'Feeling better' })).status,
    ).toBe(200);
    expect(await balance(c, 'USD')).toBe(3_000);
    const stripeRefund = await waitUntil(async () =>
      [...s.stripe.refunds.values()].find((x) => x.payment_intent === r.body.checkout.paymentIntentId),
    );
    expect(stripeRefund.amount).toBe(5_000);
    const refundRow = await waitUntil(
      async () =>
        (
          await t.db.query<{ status: string }>(
            `SELECT status FROM payment_refunds WHERE payment_id = $1 AND status <> 'pending'`,
            [r.body.id],
          )
        ).rows[0],
    );
    expect(['processing', 'succeeded']).toContain(refundRow.status);
    const confirmed = await stripeHook(
      s.stripe.webhook('charge.refunded', stripeChargeRefunded(s.stripe, r.body.checkout.paymentIntentId)),
    );
    expect(confirmed.status).toBe(200);
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body).toMatchObject({
      status: 'refunded',
      refundedMinor: 8_000,
    });
    const receipt = (await c.get(`/api/v1/receipts/${r.body.id}`)).body;
    expect(receipt.refunds).toMatchObject([
      { amountMinor: 8_000, walletMinor: 3_000, gatewayMinor: 5_000, status: 'succeeded' },
    ]);

    // Late (under 24 h): booking says 50 % is due = 4 000; the wallet part (3 000) goes back first.
    const late = await book(c, usdDoctor, slotIn(2));
    const r2 = await c.post(`/api/v1/appointments/${late.id}/pay`, { method: 'hybrid' });
    await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r2.body.checkout.paymentIntentId)),
    );
    expect((await c.post(`/api/v1/appointments/${late.id}/cancel`, {})).status).toBe(200);
    expect(await balance(c, 'USD')).toBe(3_000);
    const part = await waitUntil(async () =>
      [...s.stripe.refunds.values()].find((x) => x.payment_intent === r2.body.checkout.paymentIntentId),
    );
    expect(part.amount).toBe(1_000);
    expect((await c.get(`/api/v1/payments/${r2.body.id}`)).body).toMatchObject({
      status: 'succeeded',
      refundedMinor: 4_000,
    });
    await ledgerOk();
  });

  it('a card refund the bank is still processing is completed by the reconciler when no webhook comes', async () => {
    const { c } = await patient();
    const a = await book(c, usdDoctor, slotIn((hour += 2) + 48));
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r.body.checkout.paymentIntentId)),
    );
    s.stripe.refundStatus = 'pending';
    try {
      expect((await c.post(`/api/v1/appointments/${a.id}/cancel`, {})).status).toBe(200);
      const sr = await waitUntil(async () =>
        [...s.stripe.refunds.values()].find((x) => x.payment_intent === r.body.checkout.paymentIntentId),
      );
      const row = async () =>
        (
          await t.db.query<{ status: string }>(`SELECT status FROM payment_refunds WHERE payment_id = $1`, [
            r.body.id,
          ])
        ).rows[0]?.status;
      await waitUntil(async () => (await row()) === 'processing');
      sr.status = 'succeeded';
      const report = await reconcileOnce(paymentsDeps(app.ctx), { refundRetryAfterSeconds: 0 });
      expect(report.refundsCompleted).toBe(1);
      expect(await row()).toBe('succeeded');
    } finally {
      s.stripe.refundStatus = 'succeeded';
    }
    await ledgerOk();
  });

  it('a checkout whose appointment was cancelled is closed by the next reconcile run, whatever its age', async () => {
    const { c } = await patient({ currency: 'USD', amount: 2_500 });
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'hybrid' });
    expect(await balance(c, 'USD')).toBe(0);
    expect((await c.post(`/api/v1/appointments/${a.id}/cancel`, {})).status).toBe(200);
    const report = await reconcileOnce(paymentsDeps(app.ctx));
    expect(report.canceled).toBe(1);
    expect(await balance(c, 'USD')).toBe(2_500);
    expect(s.stripe.intents.get(r.body.checkout.paymentIntentId)!.status).toBe('canceled');
    expect((await c.get(`/api/v1/payments/${r.body.id}`)).body.status).toBe('canceled');
    await ledgerOk();
  });

  it('a cancellation refund reaches the gateway only after the cancel commits, never when it rolls back', async () => {
    const { id, c } = await patient();
    const a = await book(c, usdDoctor, slotIn((hour += 2) + 48));
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    const pi = r.body.checkout.paymentIntentId as string;
    await stripeHook(s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(pi)));
    // Booking's hook as the app wires it, driven on transactions of our own.
    const { onRefundDue } = createPaymentsService(paymentsDeps(app.ctx)).bookingHooks;
    const due: RefundDue = {
      appointmentId: a.id,
      patientId: id,
      doctorId: usdDoctor,
      amountMinor: 8_000,
      currency: 'USD',
      paymentRef: r.body.id,
      cancelledBy: 'doctor',
      cancelledAt: new Date(),
    };
    const atGateway = () => [...s.stripe.refunds.values()].filter((x) => x.payment_intent === pi);
    const recorded = async () =>
      (await t.db.query('SELECT id FROM payment_refunds WHERE payment_id = $1', [r.body.id])).rows;

    await expect(
      t.db.tx(async (q) => {
        await onRefundDue(q, due);
        throw new Error('the cancellation failed after the hook');
      }),
    ).rejects.toThrow('the cancellation failed after the hook');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await recorded()).toEqual([]);
    expect(atGateway()).toEqual([]);

    await t.db.tx((q) => onRefundDue(q, due));
    // submitRefund reads the refund row from the pool: submitted at all means after the commit.
    const refund = await waitUntil(async () => atGateway()[0]);
    expect(refund.amount).toBe(8_000);
    expect(await recorded()).toHaveLength(1);
    await ledgerOk();
  });

  it('admin partial refund to the wallet; the ledger stays balanced', async () => {
    const { c } = await patient();
    const a = await book(c, usdDoctor);
    const r = await c.post(`/api/v1/appointments/${a.id}/pay`, { method: 'card' });
    await stripeHook(
      s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(r.body.checkout.paymentIntentId)),
    );
    const [adminId] = (
      await t.db.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Admin', 'admin', 'x') RETURNING id`,
        [`admin.${kind}.${Date.now()}@example.test`],
      )
    ).rows.map((x) => x.id);
    const admin = await clientAs(app, adminId!, 'admin');
    const ref = await admin.post(`/api/v1/payments/${r.body.id}/refunds`, {
      amountMinor: 2_500,
      destination: 'wallet',
      reason: 'Goodwill for a late start',
    });
    expect(ref.status).toBe(201);
    // Admin power is visible (issue 21): the refund is in the audit chain with its reason.
    const entry = await t.db.query<{ actor_id: string; reason: string; details: { refundId: string } }>(
      `SELECT actor_id, reason, details FROM audit_log WHERE action = 'admin.payment.refund' AND record_id = $1`,
      [r.body.id],
    );
    expect(entry.rows).toEqual([
      {
        actor_id: adminId,
        reason: 'Goodwill for a late start',
        details: expect.objectContaining({ refundId: ref.body.id }),
      },
    ]);
    expect(ref.body).toMatchObject({
      amountMinor: 2_500,
      walletMinor: 2_500,
      gatewayMinor: 0,
      status: 'succeeded',
    });
    expect(await balance(c, 'USD')).toBe(2_500);
    // More than is left (8,000 paid, 2,500 refunded) is refused with what is left, not silently capped.
    const over = await admin.post(`/api/v1/payments/${r.body.id}/refunds`, {
      amountMinor: 5_501,
      destination: 'wallet',
      reason: 'Typo in the amount',
    });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'REFUND_EXCEEDS_PAID',
      details: { refundableMinor: 5_500 },
    });
    expect(await balance(c, 'USD')).toBe(2_500);
    expect(
      (await c.post(`/api/v1/payments/${r.body.id}/refunds`, { amountMinor: 1, reason: 'nope' })).status,
    ).toBe(403);
    const audit = await admin.get('/api/v1/admin/payments/ledger');
    expect(audit.body.ok).toBe(true);
  });
});
