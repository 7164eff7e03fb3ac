import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * Local HTTP servers that stand in for the Stripe and Razorpay REST APIs (the subset payments uses),
 * so the real SDK / client code is exercised over HTTP in tests and the bench. Each has controls to
 * play the customer (succeed / fail a payment), to slow down (timeouts) and to build signed webhooks.
 */

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface Base {
  url: string;
  /** Every request waits this long first (a gateway that times out). */
  delayMs: number;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void> | void,
  state: { delayMs: number; requests: { method: string; path: string }[] },
) {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    state.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (res.destroyed) return;
    try {
      await handler(req, res, body);
    } catch (err) {
      send(res, 500, { error: { message: (err as Error).message } });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
  res.end(JSON.stringify(body));
}

// ------------------------------------------------------------------------------------------- Stripe

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: { message: string; code: string; decline_code?: string } | null;
  description: string | null;
}

export interface StripeStandin extends Base {
  intents: Map<string, FakeIntent>;
  refunds: Map<
    string,
    { id: string; amount: number; payment_intent: string; status: string; metadata: Record<string, string> }
  >;
  /** Status new refunds get ('succeeded', or 'pending' to play a refund the bank is still processing). */
  refundStatus: string;
  /** The customer pays: the intent succeeds (as Stripe.js + the bank would make it). */
  succeed(piId: string): FakeIntent;
  /** The card is declined: the intent goes back to requires_payment_method with an error. */
  decline(piId: string, message?: string): FakeIntent;
  /** A signed webhook delivery for this intent (body + Stripe-Signature header). */
  webhook(
    type: string,
    object: unknown,
    opts?: { eventId?: string; secret?: string },
  ): { body: string; signature: string; eventId: string };
}

export async function startStripeStandin(webhookSecret: string): Promise<StripeStandin> {
  const state = { delayMs: 0, requests: [] as { method: string; path: string }[] };
  const intents = new Map<string, FakeIntent>();
  const refunds: StripeStandin['refunds'] = new Map();
  const knobs = { refundStatus: 'succeeded' };
  const idem = new Map<string, unknown>();
  const sdk = new Stripe('sk_test_standin');
  const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { error: { type: 'invalid_request_error', code, message } });

  const srv = await listen((req, res, body) => {
    if (
      req.headers.authorization !== 'Bearer sk_test_standin' &&
      !String(req.headers.authorization).startsWith('Bearer sk_')
    )
      return error(res, 401, 'unauthorized', 'Invalid API key');
    const key = req.headers['idempotency-key'] as string | undefined;
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'POST' && key && idem.has(`${path}:${key}`))
      return send(res, 200, idem.get(`${path}:${key}`));
    const remember = (v: unknown) => {
      if (key) idem.set(`${path}:${key}`, v);
      send(res, 200, v);
    };
    const f = form(body);
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(f.amount);
      if (!Number.isInteger(amount) || amount < 1)
        return error(res, 400, 'parameter_invalid_integer', 'Invalid amount');
      const pi: FakeIntent = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: f.currency!,
        status: 'requires_payment_method',
        client_secret: '',
        metadata: { ...(f['metadata[paymentId]'] ? { paymentId: f['metadata[paymentId]'] } : {}) },
        latest_charge: null,
        last_payment_error: null,
        description: f.description ?? null,
      };
      pi.client_secret = `${pi.id}_secret_${randomBytes(6).toString('hex')}`;
      intents.set(pi.id, pi);
      return remember(pi);
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const pi = intents.get(m[1]!);
      return pi ? send(res, 200, pi) : error(res, 404, 'resource_missing', 'No such payment_intent');
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path)) && req.method === 'POST') {
      const pi = intents.get(m[1]!);
      if (!pi) return error(res, 404, 'resource_missing', 'No such payment_intent');
      if (pi.status === 'succeeded' || pi.status === 'canceled')
        return error(
          res,
          400,
          'payment_intent_unexpected_state',
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
        );
      pi.status = 'canceled';
      return remember(pi);
    }
    if ((m = /^\/v1\/refunds\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const r = refunds.get(m[1]!);
      return r
        ? send(res, 200, { ...r, object: 'refund' })
        : error(res, 404, 'resource_missing', 'No such refund');
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      const pi = intents.get(f.payment_intent ?? '');
      if (!pi || pi.status !== 'succeeded')
        return error(res, 400, 'charge_not_refundable', 'This PaymentIntent has no successful charge');
      const amount = Number(f.amount ?? pi.amount);
      const already = [...refunds.values()]
        .filter((r) => r.payment_intent === pi.id)
        .reduce((s, r) => s + r.amount, 0);
      if (already + amount > pi.amount)
        return error(res, 400, 'amount_too_large', 'Refund amount exceeds the charge');
      const r = {
        id: id('re'),
        object: 'refund',
        amount,
        payment_intent: pi.id,
        charge: pi.latest_charge,
        status: knobs.refundStatus,
        metadata: { ...(f['metadata[refundId]'] ? { refundId: f['metadata[refundId]'] } : {}) },
      };
      refunds.set(r.id, r);
      return remember(r);
    }
    return error(res, 404, 'not_found', `Unrecognized request URL (${req.method}: ${path})`);
  }, state);

  return {
    get refundStatus() {
      return knobs.refundStatus;
    },
    set refundStatus(v: string) {
      knobs.refundStatus = v;
    },
    get url() {
      return srv.url;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    requests: state.requests,
    intents,
    refunds,
    close: srv.close,
    succeed(piId) {
      const pi = intents.get(piId)!;
      pi.status = 'succeeded';
      pi.amount_received = pi.amount;
      pi.latest_charge = id('ch');
      pi.last_payment_error = null;
      return pi;
    },
    decline(piId, message = 'Your card was declined.') {
      const pi = intents.get(piId)!;
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { message, code: 'card_declined', decline_code: 'generic_decline' };
      return pi;
    },
    webhook(type, object, opts = {}) {
      const eventId = opts.eventId ?? id('evt');
      const body = JSON.stringify({
        id: eventId,
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(Date.now() / 1000),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object },
      });
      const signature = sdk.webhooks.generateTestHeaderString({
        payload: body,
        secret: opts.secret ?? webhookSecret,
      });
      return { body, signature, eventId };
    },
  };
}

/** A charge.refunded event object for an intent and its refunds at the stand-in. */
export function stripeChargeRefunded(s: StripeStandin, piId: string) {
  const pi = s.intents.get(piId)!;
  const refunds = [...s.refunds.values()].filter((r) => r.payment_intent === piId);
  return {
    id: pi.latest_charge,
    object: 'charge',
    amount: pi.amount,
    amount_refunded: refunds.reduce((t, r) => t + r.amount, 0),
    currency: pi.currency,
    payment_intent: piId,
    refunded: true,
    metadata: {},
    refunds: { object: 'list', data: refunds.map((r) => ({ ...r, object: 'refund' })) },
  };
}

// ----------------------------------------------------------------------------------------- Razorpay

interface RzOrderRec {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  status: 'created' | 'attempted' | 'paid';
  notes: Record<string, string>;
  attempts: number;
}
interface RzPaymentRec {
  id: string;
  entity: 'payment';
  order_id: string;
  amount: number;
  currency: string;
  status: 'authorized' | 'captured' | 'failed' | 'refunded';
  amount_refunded: number;
  error_code: string | null;
  error_description: string | null;
  notes: Record<string, string>;
}
interface RzRefundRec {
  id: string;
  entity: 'refund';
  payment_id: string;
  amount: number;
  currency: string;
  status: 'processed' | 'pending' | 'failed';
  notes: Record<string, string>;
  receipt: string | null;
}

export interface RazorpayStandin extends Base {
  orders: Map<string, RzOrderRec>;
  payments: Map<string, RzPaymentRec>;
  refunds: Map<string, RzRefundRec>;
  /** The customer pays and the payment is captured. */
  capture(orderId: string): RzPaymentRec;
  failAttempt(orderId: string, description?: string): RzPaymentRec;
  /** Checkout's handler signature for a payment: HMAC(key_secret, order_id|payment_id). */
  checkoutSignature(orderId: string, paymentId: string): string;
  /** A signed webhook delivery (body, X-Razorpay-Signature, x-razorpay-event-id). */
  webhook(
    event: string,
    payload: Record<string, unknown>,
    opts?: { eventId?: string; secret?: string },
  ): { body: string; signature: string; eventId: string };
}

export async function startRazorpayStandin(keys: {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
}): Promise<RazorpayStandin> {
  const state = { delayMs: 0, requests: [] as { method: string; path: string }[] };
  const orders = new Map<string, RzOrderRec>();
  const payments = new Map<string, RzPaymentRec>();
  const refunds = new Map<string, RzRefundRec>();
  const expectedAuth = `Basic ${Buffer.from(`${keys.keyId}:${keys.keySecret}`).toString('base64')}`;
  const bad = (res: ServerResponse, status: number, description: string) =>
    send(res, status, {
      error: { code: status === 401 ? 'BAD_REQUEST_ERROR' : 'BAD_REQUEST_ERROR', description },
    });

  const srv = await listen((req, res, body) => {
    if (req.headers.authorization !== expectedAuth) return bad(res, 401, 'Authentication failed');
    const path = (req.url ?? '/').split('?')[0]!;
    const json = body ? (JSON.parse(body) as Record<string, any>) : {};
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/orders') {
      if (!Number.isInteger(json.amount) || json.amount < 100)
        return bad(res, 400, 'The amount must be atleast INR 1.00');
      const o: RzOrderRec = {
        id: id('order'),
        entity: 'order',
        amount: json.amount,
        amount_paid: 0,
        amount_due: json.amount,
        currency: json.currency,
        receipt: json.receipt ?? null,
        status: 'created',
        notes: json.notes ?? {},
        attempts: 0,
      };
      orders.set(o.id, o);
      return send(res, 200, o);
    }
    if ((m = /^\/v1\/orders\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const o = orders.get(m[1]!);
      return o ? send(res, 200, o) : bad(res, 400, 'The id provided does not exist');
    }
    if ((m = /^\/v1\/orders\/([^/]+)\/payments$/.exec(path)) && req.method === 'GET') {
      const items = [...payments.values()].filter((p) => p.order_id === m![1]);
      return send(res, 200, { entity: 'collection', count: items.length, items });
    }
    if ((m = /^\/v1\/payments\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const p = payments.get(m[1]!);
      return p ? send(res, 200, p) : bad(res, 400, 'The id provided does not exist');
    }
    if ((m = /^\/v1\/refunds\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const r = refunds.get(m[1]!);
      return r ? send(res, 200, r) : bad(res, 400, 'The id provided does not exist');
    }
    if ((m = /^\/v1\/payments\/([^/]+)\/refunds$/.exec(path)) && req.method === 'GET') {
      const items = [...refunds.values()].filter((r) => r.payment_id === m![1]);
      return send(res, 200, { entity: 'collection', count: items.length, items });
    }
    if ((m = /^\/v1\/payments\/([^/]+)\/refund$/.exec(path)) && req.method === 'POST') {
      const p = payments.get(m[1]!);
      if (!p || (p.status !== 'captured' && p.status !== 'refunded'))
        return bad(res, 400, 'The payment has not been captured');
      const amount = json.amount ?? p.amount - p.amount_refunded;
      if (amount + p.amount_refunded > p.amount)
        return bad(res, 400, 'The refund amount provided is greater than amount captured');
      const r: RzRefundRec = {
        id: id('rfnd'),
        entity: 'refund',
        payment_id: p.id,
        amount,
        currency: p.currency,
        status: 'processed',
        notes: json.notes ?? {},
        receipt: json.receipt ?? null,
      };
      refunds.set(r.id, r);
      p.amount_refunded += amount;
      if (p.amount_refunded === p.amount) p.status = 'refunded';
      return send(res, 200, r);
    }
    return bad(res, 400, `The requested URL was not found on the server (${req.method} ${path})`);
  }, state);

  const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');
  return {
    get url() {
      return srv.url;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    requests: state.requests,
    orders,
    payments,
    refunds,
    close: srv.close,
    capture(orderId) {
      const o = orders.get(orderId)!;
      const p: RzPaymentRec = {
        id: id('pay'),
        entity: 'payment',
        order_id: o.id,
        amount: o.amount,
        currency: o.currency,
        status: 'captured',
        amount_refunded: 0,
        error_code: null,
        error_description: null,
        notes: o.notes,
      };
      payments.set(p.id, p);
      o.status = 'paid';
      o.amount_paid = o.amount;
      o.amount_due = 0;
      o.attempts++;
      return p;
    },
    failAttempt(orderId, description = 'Payment failed because the card was declined') {
      const o = orders.get(orderId)!;
      const p: RzPaymentRec = {
        id: id('pay'),
        entity: 'payment',
        order_id: o.id,
        amount: o.amount,
        currency: o.currency,
        status: 'failed',
        amount_refunded: 0,
        error_code: 'BAD_REQUEST_ERROR',
        error_description: description,
        notes: o.notes,
      };
      payments.set(p.id, p);
      o.status = 'attempted';
      o.attempts++;
      return p;
    },
    checkoutSignature: (orderId, paymentId) => sign(`${orderId}|${paymentId}`, keys.keySecret),
    webhook(event, payload, opts = {}) {
      const eventId = opts.eventId ?? id('evt');
      const body = JSON.stringify({
        entity: 'event',
        account_id: 'acc_standin',
        event,
        contains: Object.keys(payload),
        payload,
        created_at: Math.floor(Date.now() / 1000),
      });
      return { body, signature: sign(body, opts.secret ?? keys.webhookSecret), eventId };
    },
  };
}

/** Stand-ins on random ports and the env that points the app's gateways at them. */
export async function startPaymentStandins() {
  const secrets = {
    stripeWebhook: 'whsec_standin_secret',
    rzKeyId: 'rzp_test_standin',
    rzKeySecret: 'rzp_standin_key_secret',
    rzWebhook: 'rzp_standin_webhook_secret',
  };
  const stripe = await startStripeStandin(secrets.stripeWebhook);
  const razorpay = await startRazorpayStandin({
    keyId: secrets.rzKeyId,
    keySecret: secrets.rzKeySecret,
    webhookSecret: secrets.rzWebhook,
  });
  const env: Record<string, string> = {
    STRIPE_SECRET_KEY: 'sk_test_standin',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_standin',
    STRIPE_WEBHOOK_SECRET: secrets.stripeWebhook,
    STRIPE_API_BASE: stripe.url,
    RAZORPAY_KEY_ID: secrets.rzKeyId,
    RAZORPAY_KEY_SECRET: secrets.rzKeySecret,
    RAZORPAY_WEBHOOK_SECRET: secrets.rzWebhook,
    RAZORPAY_API_BASE: razorpay.url,
  };
  return {
    stripe,
    razorpay,
    env,
    secrets,
    close: async () => {
      await stripe.close();
      await razorpay.close();
    },
  };
}
