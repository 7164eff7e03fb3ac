import Razorpay from 'razorpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { verifyHmacHex } from './gateways/razorpay.ts';
import { verifyLedger } from './ledger/ledger.ts';
import { reconcileOnce } from './reconcile.ts';
import { bookingAndPayments } from '../modules.ts';
import { paymentsDeps } from './service.ts';
import { startPaymentStandins, stripeChargeRefunded } from './testing/standins.ts';
import { seedDemoWallets } from './wallet.ts';

// Top-ups exercise the gateways end to end without booking: Stripe for card currencies, Razorpay for
// INR, against local stand-ins of their APIs, with webhooks signed by the official helpers.
describe.each(Object.entries(testDbFactories))(
  'gateways, webhooks and reconciliation on %s',
  (_kind, factory) => {
    let t: TestDb;
    let app: TestApp;
    let s: Awaited<ReturnType<typeof startPaymentStandins>>;
    let john: TestClient; // USD → Stripe
    let priya: TestClient; // INR → Razorpay
    const register = bookingAndPayments({ reconciler: false });

    beforeAll(async () => {
      t = await factory();
      await seedDemo(t.db, { seeders: [seedDemoWallets] });
      s = await startPaymentStandins();
      app = await startTestApp(t.db, {
        modules: [register],
        env: { ...s.env, PAYMENT_GATEWAY_TIMEOUT_MS: '1000' },
      });
      john = createClient(app.url);
      await john.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
      priya = createClient(app.url);
      await priya.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    });
    afterAll(async () => {
      await app?.close();
      await s?.close();
      await t?.drop();
    });

    const stripeHook = (d: { body: string; signature: string }) =>
      fetch(`${app.url}/api/v1/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': d.signature },
        body: d.body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const rzHook = (d: { body: string; signature: string; eventId: string }) =>
      fetch(`${app.url}/api/v1/webhooks/razorpay`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-razorpay-signature': d.signature,
          'x-razorpay-event-id': d.eventId,
        },
        body: d.body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const balance = async (c: TestClient, currency: string) =>
      ((await c.get('/api/v1/wallet')).body.balances as { currency: string; balanceMinor: number }[]).find(
        (b) => b.currency === currency,
      )?.balanceMinor ?? 0;
    const backdate = (paymentId: string, minutes: number) =>
      t.db.query(`UPDATE payments SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [
        paymentId,
        minutes,
      ]);

    it('demo patients start with wallet credit in their currency, with history', async () => {
      expect(await balance(priya, 'INR')).toBe(500_000);
      expect(await balance(john, 'USD')).toBe(20_000);
      const h = await john.get('/api/v1/wallet/transactions');
      expect(h.status).toBe(200);
      expect(h.body.items[0]).toMatchObject({ kind: 'promotion', amountMinor: 20_000, currency: 'USD' });
      const m = await createClient(app.url).get('/api/v1/payments/methods');
      expect(m.body.methods.map((x: any) => [x.id, x.available])).toEqual([
        ['wallet', true],
        ['stripe', true],
        ['razorpay', true],
      ]);
    });

    it('Stripe top-up: idempotent creation, signed webhook applied once, late failure never un-pays, bad signatures refused', async () => {
      const key = `topup-${Date.now()}`;
      const r1 = await john.post(
        '/api/v1/wallet/topups',
        { amountMinor: 5_000, currency: 'USD' },
        { 'idempotency-key': key },
      );
      expect(r1.status).toBe(201);
      expect(r1.body).toMatchObject({ status: 'pending', gateway: 'stripe', amountMinor: 5_000 });
      expect(r1.body.checkout.clientSecret).toMatch(/^pi_.+_secret_/);
      const r2 = await john.post(
        '/api/v1/wallet/topups',
        { amountMinor: 5_000, currency: 'USD' },
        { 'idempotency-key': key },
      );
      expect(r2.status).toBe(200);
      expect(r2.body.id).toBe(r1.body.id);
      expect(s.stripe.intents.size).toBe(1);
      const reuse = await john.post(
        '/api/v1/wallet/topups',
        { amountMinor: 6_000, currency: 'USD' },
        { 'idempotency-key': key },
      );
      expect(reuse.status).toBe(422);

      const piId = r1.body.checkout.paymentIntentId as string;
      const before = await balance(john, 'USD');
      const succeeded = s.stripe.webhook('payment_intent.succeeded', s.stripe.succeed(piId));
      // Wrong secret and tampered body: refused before anything is recorded.
      expect(
        (
          await stripeHook({
            ...succeeded,
            signature: s.stripe.webhook('x', {}, { secret: 'whsec_wrong' }).signature,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await stripeHook({
            body: succeeded.body.replace('"amount":5000', '"amount":1'),
            signature: succeeded.signature,
          })
        ).status,
      ).toBe(400);
      const first = await stripeHook(succeeded);
      expect(first).toMatchObject({ status: 200, body: { duplicate: false, outcome: 'topped_up' } });
      // The same delivery again (retry / replay): a no-op.
      const again = await Promise.all([stripeHook(succeeded), stripeHook(succeeded)]);
      expect(again.map((a) => a.body.duplicate)).toEqual([true, true]);
      expect(await balance(john, 'USD')).toBe(before + 5_000);
      // A late payment_failed (a different event) after success never un-pays.
      const late = await stripeHook(
        s.stripe.webhook('payment_intent.payment_failed', {
          ...s.stripe.intents.get(piId)!,
          status: 'requires_payment_method',
        }),
      );
      expect(late.body.outcome).toBe('ignored_after_success');
      const p = await john.get(`/api/v1/payments/${r1.body.id}`);
      expect(p.body).toMatchObject({ status: 'succeeded', checkout: null });
      const receipt = await john.get(`/api/v1/receipts/${r1.body.id}`);
      expect(receipt.body).toMatchObject({
        amountMinor: 5_000,
        gatewayMinor: 5_000,
        description: 'Wallet top-up',
      });
      expect((await priya.get(`/api/v1/payments/${r1.body.id}`)).status).toBe(404);
      while ((await app.flushEmails()) > 0);
      const mails = await t.db.query(
        `SELECT subject FROM dev_mailbox WHERE to_address = $1 AND subject LIKE 'Receipt%'`,
        [DEMO_PATIENTS[1].email],
      );
      expect(mails.rows).toHaveLength(1);
      expect((await verifyLedger(t.db)).ok).toBe(true);
    });

    it('Razorpay top-up: order, checkout signature verification, payment.captured + order.paid applied once', async () => {
      const r = await priya.post('/api/v1/wallet/topups', { amountMinor: 100_000, currency: 'INR' });
      expect(r.status).toBe(201);
      expect(r.body.checkout).toMatchObject({
        gateway: 'razorpay',
        keyId: s.env.RAZORPAY_KEY_ID,
        amount: 100_000,
      });
      const orderId = r.body.checkout.orderId as string;
      const before = await balance(priya, 'INR');
      const pay = s.razorpay.capture(orderId);
      const badSig = await priya.post('/api/v1/payments/razorpay/verify', {
        razorpay_order_id: orderId,
        razorpay_payment_id: pay.id,
        razorpay_signature: '0'.repeat(64),
      });
      expect(badSig.status).toBe(400);
      const ok = await priya.post('/api/v1/payments/razorpay/verify', {
        razorpay_order_id: orderId,
        razorpay_payment_id: pay.id,
        razorpay_signature: s.razorpay.checkoutSignature(orderId, pay.id),
      });
      expect(ok.body.status).toBe('succeeded');
      // The webhooks arrive afterwards (and twice): nothing moves again.
      const captured = s.razorpay.webhook('payment.captured', { payment: { entity: pay } });
      expect(Razorpay.validateWebhookSignature(captured.body, captured.signature, s.secrets.rzWebhook)).toBe(
        true,
      );
      expect((await rzHook(captured)).body.outcome).toBe('already_settled');
      expect((await rzHook(captured)).body.duplicate).toBe(true);
      const paid = s.razorpay.webhook('order.paid', {
        payment: { entity: pay },
        order: { entity: s.razorpay.orders.get(orderId) },
      });
      expect((await rzHook(paid)).body.outcome).toBe('already_settled');
      expect((await rzHook({ ...paid, signature: 'f'.repeat(64) })).status).toBe(400);
      // A late payment.failed for another attempt on the paid order: ignored.
      const failed = s.razorpay.webhook('payment.failed', {
        payment: { entity: { ...pay, id: 'pay_other', status: 'failed' } },
      });
      expect((await rzHook(failed)).body.outcome).toBe('ignored_after_success');
      expect(await balance(priya, 'INR')).toBe(before + 100_000);
      expect((await verifyLedger(t.db)).ok).toBe(true);
    });

    it('our HMAC verifier agrees with the Razorpay SDK', () => {
      const body = '{"a":1}';
      const sig = s.razorpay.webhook('x', {}).signature;
      const d = s.razorpay.webhook('payment.captured', { a: 1 });
      expect(verifyHmacHex(d.body, d.signature, s.secrets.rzWebhook)).toBe(
        Razorpay.validateWebhookSignature(d.body, d.signature, s.secrets.rzWebhook),
      );
      expect(verifyHmacHex(body, sig, s.secrets.rzWebhook)).toBe(
        Razorpay.validateWebhookSignature(body, sig, s.secrets.rzWebhook),
      );
    });

    it('a gateway that times out: the request fails cleanly, nothing is charged, the payment is failed', async () => {
      s.stripe.delayMs = 2_500;
      try {
        const r = await john.post('/api/v1/wallet/topups', { amountMinor: 2_000, currency: 'USD' });
        expect(r.status).toBe(504);
        expect(r.body.error.code).toBe('GATEWAY_TIMEOUT');
        const p = await john.get(`/api/v1/payments/${r.body.error.details.paymentId}`);
        expect(p.body).toMatchObject({ status: 'failed', failureCode: 'GATEWAY_TIMEOUT' });
      } finally {
        s.stripe.delayMs = 0;
      }
    });

    it('process killed between charge and confirmation: the reconciler settles it from the gateway', async () => {
      const deps = paymentsDeps(app.ctx);
      const stripeTopup = await john.post('/api/v1/wallet/topups', { amountMinor: 3_000, currency: 'USD' });
      const rzTopup = await priya.post('/api/v1/wallet/topups', { amountMinor: 20_000, currency: 'INR' });
      const abandoned = await john.post('/api/v1/wallet/topups', { amountMinor: 4_000, currency: 'USD' });
      // The customer paid, but no webhook ever reaches us (our process died / the delivery was lost).
      s.stripe.succeed(stripeTopup.body.checkout.paymentIntentId);
      s.razorpay.capture(rzTopup.body.checkout.orderId);
      const [uBefore, pBefore] = [await balance(john, 'USD'), await balance(priya, 'INR')];
      // Too young: left alone.
      expect((await reconcileOnce(deps)).checked).toBe(0);
      for (const id of [stripeTopup.body.id, rzTopup.body.id, abandoned.body.id]) await backdate(id, 30);
      const report = await reconcileOnce(deps);
      expect(report).toMatchObject({ settled: 2, canceled: 1, errors: 0 });
      expect(await balance(john, 'USD')).toBe(uBefore + 3_000);
      expect(await balance(priya, 'INR')).toBe(pBefore + 20_000);
      expect((await john.get(`/api/v1/payments/${abandoned.body.id}`)).body.status).toBe('canceled');
      expect(s.stripe.intents.get(abandoned.body.checkout.paymentIntentId)!.status).toBe('canceled');
      // The lost webhook finally arrives: a no-op.
      const late = s.stripe.webhook(
        'payment_intent.succeeded',
        s.stripe.intents.get(stripeTopup.body.checkout.paymentIntentId),
      );
      expect((await stripeHook(late)).body.outcome).toBe('already_settled');
      expect((await reconcileOnce(deps)).checked).toBe(0);
      expect((await verifyLedger(t.db)).ok).toBe(true);
    });

    it('charge.refunded from the Stripe dashboard is booked so the ledger matches the gateway', async () => {
      const r = await john.post('/api/v1/wallet/topups', { amountMinor: 1_000, currency: 'USD' });
      const pi = s.stripe.succeed(r.body.checkout.paymentIntentId);
      await stripeHook(s.stripe.webhook('payment_intent.succeeded', pi));
      s.stripe.refunds.set('re_dash', {
        id: 're_dash',
        amount: 400,
        payment_intent: pi.id,
        status: 'succeeded',
        metadata: {},
      });
      const ev = await stripeHook(s.stripe.webhook('charge.refunded', stripeChargeRefunded(s.stripe, pi.id)));
      expect(ev.body.outcome).toContain('external_refund_recorded');
      expect((await john.get(`/api/v1/payments/${r.body.id}`)).body.refundedMinor).toBe(400);
      expect((await verifyLedger(t.db)).ok).toBe(true);
    });

    it('without gateway keys, card methods say so clearly and the wallet still works', async () => {
      const bare = await startTestApp(t.db, { modules: [register] });
      try {
        const c = createClient(bare.url);
        await c.login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
        const m = await c.get('/api/v1/payments/methods');
        expect(m.body.methods.find((x: any) => x.id === 'stripe')).toMatchObject({ available: false });
        expect(m.body.methods.find((x: any) => x.id === 'stripe').message).toMatch(/STRIPE_SECRET_KEY/);
        const r = await c.post('/api/v1/wallet/topups', { amountMinor: 1_000, currency: 'GBP' });
        expect(r.status).toBe(503);
        expect(r.body.error.code).toBe('PAYMENT_METHOD_UNAVAILABLE');
        expect((await c.get('/api/v1/wallet')).body.balances).toEqual([
          { currency: 'GBP', balanceMinor: 15_000 },
        ]);
        const hook = await fetch(`${bare.url}/api/v1/webhooks/stripe`, { method: 'POST', body: '{}' });
        expect(hook.status).toBe(503);
      } finally {
        await bare.close();
      }
    });

    it('deleting demo patients with payment history (demo reseed) removes their ledger transactions whole; the books still balance', async () => {
      const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_transactions`))
        .rows[0]!.n;
      await t.db.query(`DELETE FROM users WHERE role = 'patient' AND email LIKE '%@telehealth.local'`);
      const after = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_transactions`))
        .rows[0]!.n;
      expect(after).toBeLessThan(before);
      expect(await verifyLedger(t.db)).toMatchObject({ ok: true });
    });
  },
);
