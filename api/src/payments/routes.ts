import express from 'express';
import Stripe from 'stripe';
import { audit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { AppError, badRequest, notFound, serviceUnavailable } from '../http/errors.ts';
import { readIdempotencyKey } from '../http/idempotency.ts';
import type { RouteBuilder } from '../http/route.ts';
import { verifyCheckoutSignature } from './gateways/razorpay.ts';
import { verifyLedger } from './ledger/ledger.ts';
import { startReconciler } from './reconcile.ts';
import {
  IdParams,
  LedgerReportSchema,
  PayBody,
  Payment,
  PaymentMethods,
  RazorpayVerifyBody,
  Receipt,
  Refund,
  RefundBody,
  TopupBody,
  Wallet,
  WalletHistory,
  WalletHistoryQuery,
  WebhookAck,
} from './schemas.ts';
import { requestRefundTx } from './refunds.ts';
import { findPayment, findPaymentByRef, findRefund, paymentView, refundView } from './rows.ts';
import type { PaymentsOptions, PaymentsService } from './service.ts';
import { settleFetchedCharge } from './settle.ts';
import { receiptFor } from './receipts.ts';
import { walletBalances, walletHistory } from './wallet.ts';
import { receiveRazorpayWebhook, receiveStripeWebhook, type WebhookResult } from './webhooks.ts';

/**
 * The payments routes over the payments module the composition root built (modules.ts), and the
 * reconciler when it runs here.
 */
export function registerPaymentRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  payments: PaymentsService,
  opts: Pick<PaymentsOptions, 'reconciler'> = {},
) {
  const env = ctx.config.env;
  const { deps } = payments;
  if (opts.reconciler ?? (env.NODE_ENV !== 'test' && env.PAYMENT_RECONCILE_INTERVAL_SECONDS > 0))
    ctx.jobs.push(startReconciler(deps, env.PAYMENT_RECONCILE_INTERVAL_SECONDS || 60));

  // Webhook verification only needs the SDK's crypto, never the network.
  const stripeSdk = new Stripe(env.STRIPE_SECRET_KEY ?? 'sk_unused_for_webhook_verification');
  const raw = express.raw({ type: () => true, limit: '1mb' });
  const tags = ['payments'];
  const after = (r: WebhookResult) => {
    // Gateway calls happen after the 2xx, never before it.
    if (r.ok && r.followUps.length) setImmediate(() => void payments.followUp(r.followUps));
  };
  const ownPayment = async (id: string, user: { id: string; role: string }) => {
    const p = await findPayment(ctx.db, id);
    if (!p) throw notFound('PAYMENT_NOT_FOUND', 'No such payment');
    if (p.patient_id !== user.id && user.role !== 'admin')
      throw notFound('PAYMENT_NOT_FOUND', 'No such payment');
    return p;
  };

  route({
    method: 'get',
    path: '/payments/methods',
    summary: 'Payment methods configured on this server',
    tags,
    access: 'public',
    response: PaymentMethods,
    handler: async () => {
      const s = deps.gateways.get('stripe');
      const rz = deps.gateways.get('razorpay');
      const unavailable = (name: string, vars: string) =>
        `${name} is not configured on this server (${vars}); the wallet still works`;
      return {
        methods: [
          { id: 'wallet' as const, available: true, publicKey: null, currencies: ['*'], message: null },
          {
            id: 'stripe' as const,
            available: !!s,
            publicKey: s?.publicKey ?? null,
            currencies: ['*'],
            message: s ? null : unavailable('Stripe', 'STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY'),
          },
          {
            id: 'razorpay' as const,
            available: !!rz,
            publicKey: rz?.publicKey ?? null,
            currencies: env.PAYMENT_RAZORPAY_CURRENCIES,
            message: rz ? null : unavailable('Razorpay', 'RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET'),
          },
        ],
        hybrid: !!(s || rz),
      };
    },
  });

  route({
    method: 'post',
    path: '/appointments/:id/pay',
    summary:
      'Pay for a held appointment: wallet, card (Stripe / Razorpay by currency) or hybrid. Honours Idempotency-Key.',
    tags,
    access: ['patient'],
    params: IdParams,
    body: PayBody,
    response: Payment,
    status: 201,
    handler: async ({ params, body, user, req, res }) => {
      const r = await payments.pay({
        patientId: user.id,
        appointmentId: params.id,
        method: body.method,
        ...(body.walletAmountMinor !== undefined ? { walletAmountMinor: body.walletAmountMinor } : {}),
        ...(readIdempotencyKey(req) ? { idempotencyKey: readIdempotencyKey(req)! } : {}),
      });
      if (!r.created) res.setHeader('Idempotent-Replayed', 'true');
      res.status(r.created ? 201 : 200).json(r.payment);
    },
  });

  route({
    method: 'get',
    path: '/payments/:id',
    summary: 'A payment (its owner or an admin)',
    tags,
    access: 'authenticated',
    params: IdParams,
    response: Payment,
    handler: async ({ params, user }) => paymentView(await ownPayment(params.id, user), deps.gateways),
  });

  route({
    method: 'post',
    path: '/payments/:id/refunds',
    summary:
      'Refund part or all of a payment (admin); wallet part to the wallet, card part to the card unless destination is wallet',
    tags,
    access: ['admin'],
    params: IdParams,
    body: RefundBody,
    response: Refund,
    status: 201,
    handler: async ({ params, body, req, user }) => {
      const key = readIdempotencyKey(req) ?? `admin:${user.id}:${Date.now()}`;
      const r = await ctx.db.tx(async (q) => {
        const out = await requestRefundTx(q, deps, {
          paymentId: params.id,
          amountMinor: body.amountMinor,
          destination: body.destination,
          reason: body.reason,
          causeKey: `admin:${key}`,
          // An admin asks for an exact amount: more than is left to refund is refused, not capped.
          overRefund: 'refuse',
        });
        // Admin power is visible (issue 21): the refund and its audit entry commit together.
        if (out.refundId)
          await audit(q, {
            actorId: user.id,
            actorRole: user.role,
            ip: req.ip ?? null,
            action: 'admin.payment.refund',
            recordType: 'payment',
            recordId: params.id,
            reason: body.reason,
            details: {
              refundId: out.refundId,
              amountMinor: body.amountMinor,
              destination: body.destination,
            },
          });
        return out;
      });
      if (!r.refundId)
        throw new AppError(409, 'NOTHING_TO_REFUND', 'This payment has nothing left to refund');
      await payments.followUp(r.followUps);
      return refundView((await findRefund(ctx.db, r.refundId))!);
    },
  });

  route({
    method: 'post',
    path: '/payments/razorpay/verify',
    summary: 'Razorpay Checkout result: verifies the signature, then settles from the gateway’s own record',
    tags,
    access: ['patient'],
    body: RazorpayVerifyBody,
    response: Payment,
    handler: async ({ body, user }) => {
      if (!env.RAZORPAY_KEY_SECRET)
        throw serviceUnavailable('PAYMENT_METHOD_UNAVAILABLE', 'Razorpay is not configured on this server');
      if (
        !verifyCheckoutSignature(
          body.razorpay_order_id,
          body.razorpay_payment_id,
          body.razorpay_signature,
          env.RAZORPAY_KEY_SECRET,
        )
      )
        throw badRequest('INVALID_SIGNATURE', 'The checkout signature does not match');
      const p = await findPaymentByRef(ctx.db, 'razorpay', body.razorpay_order_id);
      if (!p || p.patient_id !== user.id) throw notFound('PAYMENT_NOT_FOUND', 'No such payment');
      if (p.status === 'pending') {
        // The signature says the browser saw a payment; the gateway's record says whether it was captured.
        try {
          const state = await deps.gateways.get('razorpay')!.fetchCharge(body.razorpay_order_id);
          if (state.status === 'succeeded') {
            await settleFetchedCharge(deps, p.id, body.razorpay_order_id, state);
          }
        } catch (err) {
          ctx.log.warn(
            { paymentId: p.id, err: (err as Error).message },
            'razorpay verify: gateway lookup failed; webhook/reconciler will settle',
          );
        }
      }
      return paymentView((await findPayment(ctx.db, p.id))!, deps.gateways);
    },
  });

  route({
    method: 'get',
    path: '/receipts/:id',
    summary: 'Receipt of a settled payment (its owner or an admin)',
    tags,
    access: 'authenticated',
    params: IdParams,
    response: Receipt,
    handler: async ({ params, user }) => {
      const p = await ownPayment(params.id, user);
      const r = await receiptFor(ctx.db, deps, p);
      if (!r) throw notFound('RECEIPT_NOT_FOUND', 'This payment has no receipt (it was not completed)');
      return r;
    },
  });

  route({
    method: 'get',
    path: '/wallet',
    summary: 'Wallet balances, one per currency',
    tags,
    access: ['patient'],
    response: Wallet,
    handler: async ({ user }) => ({ balances: await walletBalances(ctx.db, user.id) }),
  });

  route({
    method: 'get',
    path: '/wallet/transactions',
    summary: 'Wallet history, newest first (ledger entries on the wallet)',
    tags,
    access: ['patient'],
    query: WalletHistoryQuery,
    response: WalletHistory,
    handler: async ({ user, query }) => {
      const h = await walletHistory(ctx.db, user.id, {
        ...(query.currency ? { currency: query.currency } : {}),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { ...h, page: query.page, pageSize: query.pageSize };
    },
  });

  route({
    method: 'post',
    path: '/wallet/topups',
    summary:
      'Top up the wallet through the gateway for the currency (credited when the gateway confirms). Honours Idempotency-Key.',
    tags,
    access: ['patient'],
    body: TopupBody,
    response: Payment,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const key = readIdempotencyKey(req);
      const r = await payments.topup({
        patientId: user.id,
        amountMinor: body.amountMinor,
        currency: body.currency,
        ...(key ? { idempotencyKey: key } : {}),
      });
      if (!r.created) res.setHeader('Idempotent-Replayed', 'true');
      res.status(r.created ? 201 : 200).json(r.payment);
    },
  });

  route({
    method: 'get',
    path: '/admin/payments/ledger',
    summary: 'Audit the ledger: balanced transactions, cached wallet balances equal to their entries',
    tags,
    access: ['admin'],
    response: LedgerReportSchema,
    handler: async () => verifyLedger(ctx.db),
  });

  const answer = (res: express.Response, r: WebhookResult) => {
    if (!r.ok) throw new AppError(r.status, r.code, r.message);
    after(r);
    res.status(200).json({ received: true, duplicate: r.duplicate, outcome: r.outcome });
  };

  route({
    method: 'post',
    path: '/webhooks/stripe',
    summary: 'Stripe events (signature-verified over the raw body, each event applied once)',
    tags,
    access: 'public',
    response: WebhookAck,
    before: [raw],
    handler: async ({ req, res }) => {
      if (!env.STRIPE_WEBHOOK_SECRET)
        throw serviceUnavailable('PAYMENT_METHOD_UNAVAILABLE', 'Stripe webhooks are not configured');
      if (!Buffer.isBuffer(req.body)) throw badRequest('INVALID_BODY', 'Expected the raw event body');
      answer(
        res,
        await receiveStripeWebhook(
          deps,
          stripeSdk,
          env.STRIPE_WEBHOOK_SECRET,
          req.body,
          req.get('stripe-signature'),
        ),
      );
    },
  });

  route({
    method: 'post',
    path: '/webhooks/razorpay',
    summary: 'Razorpay events (X-Razorpay-Signature over the raw body, deduplicated on x-razorpay-event-id)',
    tags,
    access: 'public',
    response: WebhookAck,
    before: [raw],
    handler: async ({ req, res }) => {
      if (!env.RAZORPAY_WEBHOOK_SECRET)
        throw serviceUnavailable('PAYMENT_METHOD_UNAVAILABLE', 'Razorpay webhooks are not configured');
      if (!Buffer.isBuffer(req.body)) throw badRequest('INVALID_BODY', 'Expected the raw event body');
      answer(
        res,
        await receiveRazorpayWebhook(
          deps,
          env.RAZORPAY_WEBHOOK_SECRET,
          req.body,
          req.get('x-razorpay-signature'),
          req.get('x-razorpay-event-id'),
        ),
      );
    },
  });
}
