import { createHash } from 'node:crypto';
import type { Db, Queryable } from '@telehealth/platform/db/index';
import { pgCode, PgCodes } from '@telehealth/platform/db/errors';
import { notify, type Bus } from '@telehealth/signaling';
import { enqueueEmail } from '../email/outbox.ts';
import { AppError, conflict, notFound, unprocessable } from '../http/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { receiptEmail, receiptLink, refundEmail } from './emails.ts';
import type { Gateway, GatewayName } from './gateways/types.ts';
import { GatewayError } from './gateways/types.ts';
import { InsufficientFundsError, postTransaction, walletBalance } from './ledger/ledger.ts';
import { splitPayment, splitRefund, type PayMethod, type RefundDestination } from './policy.ts';

// ---------------------------------------------------------------------------------------------
// Ports

/** What payments needs to know about an appointment (booking owns the table). */
export interface AppointmentForPayment {
  id: string;
  patientId: string;
  priceMinor: number;
  currency: string;
  startsAt: Date;
  /** payable: a live pending hold; confirmed: already paid; gone: expired hold / cancelled. */
  state: 'payable' | 'confirmed' | 'gone';
  description: string;
}

export interface BookingPort {
  load(q: Queryable, appointmentId: string): Promise<AppointmentForPayment | undefined>;
  /**
   * Confirms the appointment on the caller's transaction. A late payment may confirm an appointment
   * whose hold expired as long as the slot is still free; `ok: false` when it cannot be confirmed.
   */
  confirm(
    q: Queryable,
    appointmentId: string,
    paymentId: string,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export interface GatewayRegistry {
  get(name: GatewayName): Gateway | undefined;
  /** The gateway that serves this currency, and whether it is configured. */
  forCurrency(currency: string): { name: GatewayName; gateway: Gateway | undefined };
}

export interface PaymentsDeps {
  db: Db;
  log: Logger;
  gateways: GatewayRegistry;
  booking: BookingPort;
  publicUrl: string;
  refundDestination: RefundDestination;
  reconcileAfterMinutes: number;
  /** Live in-app notifications (payment received / booking confirmed); absent in some tests. */
  bus?: Bus;
}

/** Work that must happen after the commit (network calls to a gateway). */
export type FollowUp =
  { kind: 'submit_refund'; refundId: string } | { kind: 'cancel_charge'; gateway: GatewayName; ref: string };

// ---------------------------------------------------------------------------------------------
// Rows and views

export interface PaymentRow {
  id: string;
  patient_id: string;
  purpose: 'appointment' | 'topup';
  appointment_id: string | null;
  method: PayMethod;
  gateway: GatewayName | null;
  currency: string;
  amount_minor: number;
  wallet_minor: number;
  gateway_minor: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'refunded';
  wallet_reserved: boolean;
  gateway_ref: string | null;
  gateway_payment_id: string | null;
  client_secret: string | null;
  refunded_minor: number;
  resolution: string | null;
  failure_code: string | null;
  failure_message: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Date;
  settled_at: Date | null;
}

export function paymentView(p: PaymentRow, gateways?: GatewayRegistry) {
  let checkout: Record<string, string | number> | null = null;
  if (p.status === 'pending' && p.gateway && p.gateway_ref) {
    const gw = gateways?.get(p.gateway);
    checkout =
      p.gateway === 'stripe'
        ? {
            gateway: 'stripe',
            paymentIntentId: p.gateway_ref,
            clientSecret: p.client_secret ?? '',
            publishableKey: gw?.publicKey ?? '',
          }
        : {
            gateway: 'razorpay',
            orderId: p.gateway_ref,
            keyId: gw?.publicKey ?? '',
            amount: Number(p.gateway_minor),
            currency: p.currency,
          };
  }
  return {
    id: p.id,
    purpose: p.purpose,
    appointmentId: p.appointment_id,
    method: p.method,
    gateway: p.gateway,
    status: p.status,
    currency: p.currency,
    amountMinor: Number(p.amount_minor),
    walletMinor: Number(p.wallet_minor),
    gatewayMinor: Number(p.gateway_minor),
    refundedMinor: Number(p.refunded_minor),
    resolution: p.resolution,
    failureCode: p.failure_code,
    failureMessage: p.failure_message,
    createdAt: new Date(p.created_at).toISOString(),
    settledAt: p.settled_at ? new Date(p.settled_at).toISOString() : null,
    checkout,
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

const lockPayment = async (q: Queryable, id: string) =>
  (await q.query<PaymentRow>('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id])).rows[0];

export async function findPayment(q: Queryable, id: string) {
  return (await q.query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [id])).rows[0];
}

export async function findPaymentByRef(q: Queryable, gateway: GatewayName, ref: string) {
  return (
    await q.query<PaymentRow>('SELECT * FROM payments WHERE gateway = $1 AND gateway_ref = $2', [
      gateway,
      ref,
    ])
  ).rows[0];
}

/** Runs fn inside a savepoint: a failure rolls back fn's work only, the outer transaction goes on. */
async function attempt<T>(
  q: Queryable,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await q.query('SAVEPOINT payments_attempt');
  try {
    const value = await fn();
    await q.query('RELEASE SAVEPOINT payments_attempt');
    return { ok: true, value };
  } catch (error) {
    await q.query('ROLLBACK TO SAVEPOINT payments_attempt');
    return { ok: false, error };
  }
}

// ---------------------------------------------------------------------------------------------
// Ledger movements of one payment (always on the caller's transaction)

const reserveWallet = (q: Queryable, p: PaymentRow) =>
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

const releaseWallet = (q: Queryable, p: PaymentRow) =>
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

async function patientOf(q: Queryable, id: string) {
  return (await q.query<{ email: string; name: string }>('SELECT email, name FROM users WHERE id = $1', [id]))
    .rows[0]!;
}

async function sendReceipt(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'publicUrl' | 'bus'>,
  p: PaymentRow,
  what: string,
) {
  const u = await patientOf(q, p.patient_id);
  // The bell: persisted with the payment; the socket push is an announcement only.
  if (deps.bus)
    await notify(q, deps.bus, p.patient_id, {
      kind: p.appointment_id ? 'booking.confirmed' : 'payment.received',
      title: p.appointment_id ? 'Your consultation is booked' : 'Payment received',
      body: `Payment received for ${what}.`,
      data: { paymentId: p.id, ...(p.appointment_id ? { appointmentId: p.appointment_id } : {}) },
      dedupeKey: `payment:${p.id}`,
    });
  await enqueueEmail(q, {
    to: u.email,
    dedupeKey: `payment_receipt:${p.id}`,
    message: receiptEmail({
      name: u.name,
      paymentId: p.id,
      what,
      currency: p.currency,
      amountMinor: Number(p.amount_minor),
      walletMinor: Number(p.wallet_minor),
      gatewayMinor: Number(p.gateway_minor),
      link: receiptLink(p.id, deps.publicUrl)!,
    }),
  });
}

async function sendRefundNotice(
  q: Queryable,
  p: PaymentRow,
  refundId: string,
  r: { walletMinor: number; gatewayMinor: number; reason: string },
) {
  const u = await patientOf(q, p.patient_id);
  await enqueueEmail(q, {
    to: u.email,
    dedupeKey: `payment_refund:${refundId}`,
    message: refundEmail({
      name: u.name,
      paymentId: p.id,
      currency: p.currency,
      ...r,
      link: receiptLink(p.id),
    }),
  });
}

/** Wallet-only capture, or the wallet part of a hybrid once the gateway part arrived: clearing → revenue. */
async function captureToRevenue(q: Queryable, p: PaymentRow, gatewayReceived: number) {
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

// ---------------------------------------------------------------------------------------------
// Checkout

const hashRequest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

export interface PayInput {
  patientId: string;
  appointmentId: string;
  method: PayMethod;
  walletAmountMinor?: number;
  idempotencyKey?: string;
}

async function replayIdempotent(
  q: Queryable,
  patientId: string,
  key: string | undefined,
  requestHash: string,
) {
  if (!key) return undefined;
  const existing = (
    await q.query<PaymentRow>('SELECT * FROM payments WHERE patient_id = $1 AND idempotency_key = $2', [
      patientId,
      key,
    ])
  ).rows[0];
  if (existing && existing.request_hash !== requestHash)
    throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
  return existing;
}

const methodUnavailable = (gateway: string, currency: string) =>
  new AppError(
    503,
    'PAYMENT_METHOD_UNAVAILABLE',
    `Card payments in ${currency} (${gateway}) are not configured on this server; pay with the wallet`,
    {
      gateway,
      currency,
    },
  );

/**
 * POST /appointments/:id/pay. The price is the appointment's, never the client's. Wallet: reserve,
 * capture and confirm in one transaction. Card / hybrid: record the payment (and reserve the wallet
 * part) first, then ask the gateway; a gateway failure or timeout releases the reservation.
 */
export async function payAppointment(
  deps: PaymentsDeps,
  input: PayInput,
): Promise<{ created: boolean; payment: PaymentView }> {
  const requestHash = hashRequest({
    a: input.appointmentId,
    m: input.method,
    w: input.walletAmountMinor ?? null,
  });
  const replay = await replayIdempotent(deps.db, input.patientId, input.idempotencyKey, requestHash);
  if (replay) return { created: false, payment: paymentView(replay, deps.gateways) };
  await supersedeOpenCheckout(deps, input.patientId, input.appointmentId);

  let payment: PaymentRow;
  let gateway: Gateway | undefined;
  try {
    payment = await deps.db.tx(async (q) => {
      const appt = await deps.booking.load(q, input.appointmentId);
      if (!appt || appt.patientId !== input.patientId)
        throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');
      if (appt.state === 'confirmed') throw conflict('ALREADY_PAID', 'This appointment is already paid');
      if (appt.state !== 'payable')
        throw conflict(
          'APPOINTMENT_NOT_PAYABLE',
          'The hold on this slot has expired or the appointment was cancelled; book again',
        );
      const balance = await walletBalance(q, input.patientId, appt.currency);
      const split = splitPayment(input.method, appt.priceMinor, balance, input.walletAmountMinor);
      if (!split.ok) throw unprocessable(split.code, split.message);
      let gatewayName: GatewayName | null = null;
      if (split.gatewayMinor > 0) {
        const route = deps.gateways.forCurrency(appt.currency);
        if (!route.gateway) throw methodUnavailable(route.name, appt.currency);
        gateway = route.gateway;
        gatewayName = route.name;
      }
      const ins = await q.query<PaymentRow>(
        `INSERT INTO payments (patient_id, purpose, appointment_id, method, gateway, currency, amount_minor, wallet_minor, gateway_minor,
                               idempotency_key, request_hash)
         VALUES ($1, 'appointment', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [
          input.patientId,
          appt.id,
          input.method,
          gatewayName,
          appt.currency,
          appt.priceMinor,
          split.walletMinor,
          split.gatewayMinor,
          input.idempotencyKey ?? null,
          requestHash,
        ],
      );
      let p = ins.rows[0]!;
      if (input.method !== 'wallet') {
        if (p.wallet_minor > 0) {
          await reserveWallet(q, p);
          p = (
            await q.query<PaymentRow>(
              'UPDATE payments SET wallet_reserved = true WHERE id = $1 RETURNING *',
              [p.id],
            )
          ).rows[0]!;
        }
        return p;
      }
      // Wallet only: a cheap unlocked pre-check turns most refusals away early; the locked debit
      // below (the CHECK on the wallet row) is what actually guarantees the balance.
      if (balance < Number(p.amount_minor)) throw new InsufficientFundsError();
      const confirmed = await deps.booking.confirm(q, appt.id, p.id);
      if (!confirmed.ok)
        throw conflict('SLOT_UNAVAILABLE', `The appointment cannot be confirmed: ${confirmed.reason}`);
      p = (
        await q.query<PaymentRow>(
          `UPDATE payments SET status = 'succeeded', settled_at = now() WHERE id = $1 RETURNING *`,
          [p.id],
        )
      ).rows[0]!;
      await sendReceipt(q, deps, p, appt.description);
      // Last, so the wallet row lock is held only from here to the commit: spends from one wallet
      // queue for a moment, not for the whole confirmation.
      await postTransaction(q, {
        kind: 'capture',
        currency: p.currency,
        paymentId: p.id,
        memo: 'Appointment paid from the wallet',
        entries: [
          { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: -Number(p.amount_minor) },
          { account: { kind: 'revenue' }, amountMinor: Number(p.amount_minor) },
        ],
      });
      return p;
    });
  } catch (err) {
    if (err instanceof InsufficientFundsError)
      throw new AppError(402, 'INSUFFICIENT_FUNDS', 'The wallet balance is too low for this payment');
    if (pgCode(err) === PgCodes.uniqueViolation) {
      // A concurrent request with the same key won: answer with its payment.
      const again = await replayIdempotent(deps.db, input.patientId, input.idempotencyKey, requestHash);
      if (again) return { created: false, payment: paymentView(again, deps.gateways) };
      throw conflict('PAYMENT_IN_PROGRESS', 'This appointment already has a payment in progress or is paid');
    }
    throw err;
  }
  if (!gateway) return { created: true, payment: paymentView(payment, deps.gateways) };
  return { created: true, payment: await openGatewayCharge(deps, payment, gateway, 'Consultation') };
}

/**
 * A patient who abandoned a card form may start another checkout (e.g. switch to the wallet) while the
 * hold runs: the open one is cancelled at the gateway first and its wallet part released. If it turns
 * out to have been paid meanwhile, it is settled instead and the new checkout is refused. (A Razorpay
 * order cannot be cancelled: if it is paid later anyway, that money finds the appointment confirmed by
 * the new payment and is refunded automatically.)
 */
async function supersedeOpenCheckout(deps: PaymentsDeps, patientId: string, appointmentId: string) {
  const open = (
    await deps.db.query<PaymentRow>(
      `SELECT * FROM payments WHERE appointment_id = $1 AND patient_id = $2 AND status = 'pending'`,
      [appointmentId, patientId],
    )
  ).rows[0];
  if (!open?.gateway) return;
  const gw = deps.gateways.get(open.gateway);
  // Still being created (no charge id yet) or its gateway is gone: leave it to the unique index (409).
  if (!open.gateway_ref || !gw) return;
  try {
    await gw.cancelCharge(open.gateway_ref);
    const state = await gw.fetchCharge(open.gateway_ref);
    if (state.status === 'succeeded') {
      const r = await deps.db.tx((q) =>
        settleSuccess(q, deps, open.id, {
          ref: open.gateway_ref!,
          ...(state.gatewayPaymentId ? { gatewayPaymentId: state.gatewayPaymentId } : {}),
          amountMinor: state.amountMinor,
          currency: state.currency,
        }),
      );
      await runFollowUps(deps, r.followUps);
      return;
    }
    if (state.status === 'processing') return;
  } catch (err) {
    deps.log.warn({ paymentId: open.id, err: (err as Error).message }, 'could not close the open checkout');
    return;
  }
  const r = await deps.db.tx((q) =>
    settleFailure(q, open.id, {
      status: 'canceled',
      code: 'SUPERSEDED',
      message: 'Replaced by a new checkout',
    }),
  );
  await runFollowUps(deps, r.followUps);
}

/** Asks the gateway for a PaymentIntent / order for a recorded pending payment. */
async function openGatewayCharge(
  deps: PaymentsDeps,
  p: PaymentRow,
  gateway: Gateway,
  description: string,
): Promise<PaymentView> {
  try {
    const charge = await gateway.createCharge({
      paymentId: p.id,
      amountMinor: Number(p.gateway_minor),
      currency: p.currency,
      description,
    });
    const updated = await deps.db.tx(async (q) => {
      const r = await q.query<PaymentRow>(
        `UPDATE payments SET gateway_ref = COALESCE(gateway_ref, $2), client_secret = $3 WHERE id = $1 RETURNING *`,
        [p.id, charge.ref, charge.clientSecret ?? null],
      );
      return r.rows[0]!;
    });
    return paymentView(updated, deps.gateways);
  } catch (err) {
    const kind = err instanceof GatewayError ? err.kind : 'unavailable';
    deps.log.warn({ paymentId: p.id, gateway: gateway.name, kind }, 'gateway charge creation failed');
    // Without the charge's client secret / order id the browser cannot pay it, so no money can arrive:
    // failing now and releasing the wallet part is safe even if the request did reach the gateway.
    const { followUps } = await deps.db.tx((q) =>
      settleFailure(q, p.id, {
        status: 'failed',
        code: kind === 'timeout' ? 'GATEWAY_TIMEOUT' : 'GATEWAY_ERROR',
        message: (err as Error).message,
      }),
    );
    await runFollowUps(deps, followUps);
    throw new AppError(
      kind === 'timeout' ? 504 : 502,
      kind === 'timeout' ? 'GATEWAY_TIMEOUT' : 'GATEWAY_ERROR',
      `The payment provider did not accept the payment (${kind}); nothing was charged and your wallet reservation was released`,
      { paymentId: p.id },
    );
  }
}

/** POST /wallet/topups: card money into the wallet once the gateway confirms it. */
export async function startTopup(
  deps: PaymentsDeps,
  input: { patientId: string; amountMinor: number; currency: string; idempotencyKey?: string },
): Promise<{ created: boolean; payment: PaymentView }> {
  const requestHash = hashRequest({ topup: input.amountMinor, c: input.currency });
  const replay = await replayIdempotent(deps.db, input.patientId, input.idempotencyKey, requestHash);
  if (replay) return { created: false, payment: paymentView(replay, deps.gateways) };
  const route = deps.gateways.forCurrency(input.currency);
  if (!route.gateway) throw methodUnavailable(route.name, input.currency);
  let p: PaymentRow;
  try {
    p = (
      await deps.db.query<PaymentRow>(
        `INSERT INTO payments (patient_id, purpose, method, gateway, currency, amount_minor, wallet_minor, gateway_minor, idempotency_key, request_hash)
         VALUES ($1, 'topup', 'card', $2, $3, $4, 0, $4, $5, $6) RETURNING *`,
        [
          input.patientId,
          route.name,
          input.currency,
          input.amountMinor,
          input.idempotencyKey ?? null,
          requestHash,
        ],
      )
    ).rows[0]!;
  } catch (err) {
    if (pgCode(err) !== PgCodes.uniqueViolation) throw err;
    const again = await replayIdempotent(deps.db, input.patientId, input.idempotencyKey, requestHash);
    return { created: false, payment: paymentView(again!, deps.gateways) };
  }
  return { created: true, payment: await openGatewayCharge(deps, p, route.gateway, 'Wallet top-up') };
}

// ---------------------------------------------------------------------------------------------
// Settlement: the one place where gateway money is applied. Idempotent and order-independent.

export interface SettleResult {
  outcome: string;
  paymentId?: string;
  followUps: FollowUp[];
}

/**
 * The gateway says money arrived for this payment. Books it, then confirms the appointment (or
 * credits the wallet for a top-up) — all on the caller's transaction. When the money cannot be
 * applied (slot gone, wallet part no longer available, wrong amount) everything is refunded instead:
 * no money without an appointment.
 */
export async function settleSuccess(
  q: Queryable,
  deps: Pick<PaymentsDeps, 'booking' | 'publicUrl'>,
  paymentId: string,
  money: { ref?: string; gatewayPaymentId?: string; amountMinor: number; currency: string },
): Promise<SettleResult> {
  let p = await lockPayment(q, paymentId);
  if (!p || !p.gateway) return { outcome: 'unknown_payment', followUps: [] };
  if (p.status === 'succeeded' || p.status === 'refunded') {
    if (!p.gateway_payment_id && money.gatewayPaymentId)
      await q.query('UPDATE payments SET gateway_payment_id = $2 WHERE id = $1', [
        p.id,
        money.gatewayPaymentId,
      ]);
    if (money.gatewayPaymentId && p.gateway_payment_id && money.gatewayPaymentId !== p.gateway_payment_id)
      return refundExtraCapture(q, p, money.gatewayPaymentId, money.amountMinor);
    return { outcome: 'already_settled', paymentId: p.id, followUps: [] };
  }
  const received = money.amountMinor;
  p = (
    await q.query<PaymentRow>(
      `UPDATE payments SET gateway_ref = COALESCE(gateway_ref, $2), gateway_payment_id = COALESCE($3, gateway_payment_id), settled_at = now()
       WHERE id = $1 RETURNING *`,
      [p.id, money.ref ?? null, money.gatewayPaymentId ?? null],
    )
  ).rows[0]!;
  await postTransaction(q, {
    kind: 'gateway_receipt',
    currency: p.currency,
    paymentId: p.id,
    memo: `Received through ${p.gateway}`,
    entries: [
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: -received },
      { account: { kind: 'clearing' }, amountMinor: received },
    ],
  });

  let problem: string | undefined;
  if (money.currency !== p.currency || received !== Number(p.gateway_minor)) problem = 'amount_mismatch';
  let reserved = p.wallet_reserved;
  if (!problem && Number(p.wallet_minor) > 0 && !reserved) {
    // The payment had been failed/cancelled (reservation released) and money arrived after all.
    const r = await attempt(q, () => reserveWallet(q, p!));
    if (r.ok) reserved = true;
    else if (r.error instanceof InsufficientFundsError) problem = 'wallet_part_unavailable';
    else throw r.error;
  }
  if (!problem) {
    if (p.purpose === 'topup') {
      await postTransaction(q, {
        kind: 'topup',
        currency: p.currency,
        paymentId: p.id,
        memo: 'Wallet top-up',
        entries: [
          { account: { kind: 'clearing' }, amountMinor: -received },
          { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: received },
        ],
      });
      const done = (
        await q.query<PaymentRow>(`UPDATE payments SET status = 'succeeded' WHERE id = $1 RETURNING *`, [
          p.id,
        ])
      ).rows[0]!;
      await sendReceipt(q, deps, done, 'a wallet top-up');
      return { outcome: 'topped_up', paymentId: p.id, followUps: [] };
    }
    const r = await attempt(q, async () => {
      const c = await deps.booking.confirm(q, p!.appointment_id!, p!.id);
      if (!c.ok) throw new Error(c.reason);
    });
    if (r.ok) {
      await captureToRevenue(q, p, received);
      const done = (
        await q.query<PaymentRow>(
          `UPDATE payments SET status = 'succeeded', wallet_reserved = false WHERE id = $1 RETURNING *`,
          [p.id],
        )
      ).rows[0]!;
      await sendReceipt(q, deps, done, 'your consultation');
      return { outcome: 'confirmed', paymentId: p.id, followUps: [] };
    }
    problem = 'late_no_slot';
  }

  // Money we cannot apply goes back: the wallet part at once, the card part through the gateway.
  if (reserved) await releaseWallet(q, p);
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key)
       VALUES ($1, $2, 0, $2, 'pending', $3, $4)
       ON CONFLICT (payment_id, cause_key) DO NOTHING RETURNING id`,
      [p.id, received, problem, `auto:${problem}:${money.gatewayPaymentId ?? p.gateway_ref}`],
    )
  ).rows[0];
  if (!refund) return { outcome: 'already_refunded', paymentId: p.id, followUps: [] };
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: `Automatic refund: ${problem}`,
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -received },
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: received },
    ],
  });
  await q.query(
    `UPDATE payments SET status = 'refunded', wallet_reserved = false, refunded_minor = LEAST(amount_minor, $2), resolution = $3 WHERE id = $1`,
    [p.id, received, problem],
  );
  const why =
    problem === 'late_no_slot'
      ? 'Your payment reached us after the reserved slot was no longer available, so we did not keep it.'
      : 'We could not apply your payment to the booking, so we did not keep it.';
  await sendRefundNotice(q, p, refund.id, {
    walletMinor: reserved ? Number(p.wallet_minor) : 0,
    gatewayMinor: received,
    reason: why,
  });
  return {
    outcome: `auto_refunded:${problem}`,
    paymentId: p.id,
    followUps: [{ kind: 'submit_refund', refundId: refund.id }],
  };
}

/**
 * A second captured payment on an order that is already paid (a Razorpay order can be paid twice in a
 * race between two checkout tabs): money without an appointment, booked and refunded to itself whole.
 */
async function refundExtraCapture(
  q: Queryable,
  p: PaymentRow,
  gatewayPaymentId: string,
  received: number,
): Promise<SettleResult> {
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key, gateway_payment_id)
       VALUES ($1, $2, 0, $2, 'pending', 'duplicate_capture', $3, $4)
       ON CONFLICT (payment_id, cause_key) DO NOTHING RETURNING id`,
      [p.id, received, `auto:duplicate_capture:${gatewayPaymentId}`, gatewayPaymentId],
    )
  ).rows[0];
  if (!refund) return { outcome: 'already_refunded', paymentId: p.id, followUps: [] };
  const gateway = { kind: 'gateway' as const, gateway: p.gateway! };
  await postTransaction(q, {
    kind: 'gateway_receipt',
    currency: p.currency,
    paymentId: p.id,
    memo: `Second capture ${gatewayPaymentId} on a paid order`,
    entries: [
      { account: gateway, amountMinor: -received },
      { account: { kind: 'clearing' }, amountMinor: received },
    ],
  });
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: 'Automatic refund: duplicate capture',
    entries: [
      { account: { kind: 'clearing' }, amountMinor: -received },
      { account: gateway, amountMinor: received },
    ],
  });
  await sendRefundNotice(q, p, refund.id, {
    walletMinor: 0,
    gatewayMinor: received,
    reason: 'You paid the same order twice; we kept one payment and are returning the other.',
  });
  return {
    outcome: 'auto_refunded:duplicate_capture',
    paymentId: p.id,
    followUps: [{ kind: 'submit_refund', refundId: refund.id }],
  };
}

/** The gateway says this payment failed / was cancelled. Never un-pays a succeeded payment. */
export async function settleFailure(
  q: Queryable,
  paymentId: string,
  f: { status: 'failed' | 'canceled'; code: string; message: string },
): Promise<SettleResult> {
  const p = await lockPayment(q, paymentId);
  if (!p) return { outcome: 'unknown_payment', followUps: [] };
  if (p.status === 'succeeded' || p.status === 'refunded')
    return { outcome: 'ignored_after_success', paymentId: p.id, followUps: [] };
  if (p.status !== 'pending') return { outcome: 'already_closed', paymentId: p.id, followUps: [] };
  if (p.wallet_reserved) await releaseWallet(q, p);
  await q.query(
    `UPDATE payments SET status = $2, wallet_reserved = false, failure_code = $3, failure_message = $4 WHERE id = $1`,
    [p.id, f.status, f.code, f.message.slice(0, 500)],
  );
  // A failed Stripe attempt leaves the PaymentIntent open for another card; close it, since the
  // wallet part is no longer held. (If it succeeds anyway, settleSuccess re-reserves or refunds.)
  const followUps: FollowUp[] =
    f.status === 'failed' && p.gateway === 'stripe' && p.gateway_ref
      ? [{ kind: 'cancel_charge', gateway: 'stripe', ref: p.gateway_ref }]
      : [];
  return { outcome: f.status, paymentId: p.id, followUps };
}

// ---------------------------------------------------------------------------------------------
// Refunds

export interface RefundRequest {
  paymentId: string;
  amountMinor: number;
  destination: RefundDestination;
  reason: string;
  /** One refund per cause: a retried cancellation does not refund twice. */
  causeKey: string;
  /**
   * More than is left to refund: 'cap' refunds what is left (a cancellation's policy amount after an
   * earlier partial refund), 'refuse' answers 409 REFUND_EXCEEDS_PAID (an admin typed an exact amount).
   */
  overRefund?: 'cap' | 'refuse';
}

export async function requestRefundTx(
  q: Queryable,
  r: RefundRequest,
): Promise<{ refundId?: string; followUps: FollowUp[] }> {
  const p = await lockPayment(q, r.paymentId);
  if (!p) throw notFound('PAYMENT_NOT_FOUND', 'No such payment');
  const existing = (
    await q.query<{ id: string }>('SELECT id FROM payment_refunds WHERE payment_id = $1 AND cause_key = $2', [
      p.id,
      r.causeKey,
    ])
  ).rows[0];
  if (existing) return { refundId: existing.id, followUps: [] };
  if (p.status !== 'succeeded') throw conflict('NOT_REFUNDABLE', `A ${p.status} payment cannot be refunded`);
  const sums = (
    await q.query<{ w: number; g: number }>(
      `SELECT COALESCE(sum(wallet_minor), 0)::bigint AS w, COALESCE(sum(gateway_minor), 0)::bigint AS g
       FROM payment_refunds WHERE payment_id = $1 AND status <> 'failed'`,
      [p.id],
    )
  ).rows[0]!;
  const refundable = Number(p.wallet_minor) + Number(p.gateway_minor) - Number(sums.w) - Number(sums.g);
  if (r.overRefund === 'refuse' && refundable > 0 && r.amountMinor > refundable)
    throw conflict('REFUND_EXCEEDS_PAID', 'The refund is more than is left to refund on this payment', {
      refundableMinor: refundable,
    });
  const split = splitRefund(
    r.amountMinor,
    {
      walletMinor: Number(p.wallet_minor),
      gatewayMinor: Number(p.gateway_minor),
      refundedWalletMinor: Number(sums.w),
      refundedGatewayMinor: Number(sums.g),
    },
    p.gateway ? r.destination : 'wallet',
  );
  const total = split.walletMinor + split.gatewayMinor;
  if (total === 0) return { followUps: [] };
  const refund = (
    await q.query<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_minor, wallet_minor, gateway_minor, status, reason, cause_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        p.id,
        total,
        split.walletMinor,
        split.gatewayMinor,
        split.gatewayMinor > 0 ? 'pending' : 'succeeded',
        r.reason,
        r.causeKey,
      ],
    )
  ).rows[0]!;
  await postTransaction(q, {
    kind: 'refund',
    currency: p.currency,
    paymentId: p.id,
    refundId: refund.id,
    memo: r.reason,
    entries: [
      { account: { kind: 'refunds' }, amountMinor: -total },
      { account: { kind: 'wallet', ownerId: p.patient_id }, amountMinor: split.walletMinor },
      ...(split.gatewayMinor
        ? [{ account: { kind: 'gateway' as const, gateway: p.gateway! }, amountMinor: split.gatewayMinor }]
        : []),
    ],
  });
  await q.query(
    `UPDATE payments SET refunded_minor = refunded_minor + $2,
       status = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'refunded' ELSE status END WHERE id = $1`,
    [p.id, total],
  );
  await sendRefundNotice(q, p, refund.id, { ...split, reason: r.reason });
  return {
    refundId: refund.id,
    followUps: split.gatewayMinor ? [{ kind: 'submit_refund', refundId: refund.id }] : [],
  };
}

interface RefundRow {
  id: string;
  payment_id: string;
  gateway_minor: number;
  status: string;
  cause_key: string;
  gateway_refund_id: string | null;
  gateway_payment_id: string | null;
}

/** Hands a recorded refund's gateway part to the gateway (idempotent per refund id; retried by reconcile). */
export async function submitRefund(deps: PaymentsDeps, refundId: string): Promise<string> {
  const r = (await deps.db.query<RefundRow>('SELECT * FROM payment_refunds WHERE id = $1', [refundId]))
    .rows[0];
  if (!r || r.status !== 'pending' || Number(r.gateway_minor) === 0) return 'nothing_to_do';
  const p = (await findPayment(deps.db, r.payment_id))!;
  const gw = p.gateway ? deps.gateways.get(p.gateway) : undefined;
  if (!gw || !p.gateway_ref) return 'gateway_unavailable';
  await deps.db.query(
    'UPDATE payment_refunds SET attempts = attempts + 1, updated_at = now() WHERE id = $1',
    [r.id],
  );
  try {
    const out = await gw.refund({
      ref: p.gateway_ref,
      gatewayPaymentId: r.gateway_payment_id ?? p.gateway_payment_id,
      amountMinor: Number(r.gateway_minor),
      refundId: r.id,
    });
    if (out.status === 'failed') {
      await deps.db.tx((q) =>
        failRefund(q, r.id, out.failureMessage ?? 'refused by the gateway', out.refundId),
      );
      return 'failed';
    }
    await deps.db.query(
      `UPDATE payment_refunds SET gateway_refund_id = $2, status = CASE WHEN status = 'succeeded' THEN status ELSE $3 END, updated_at = now()
       WHERE id = $1`,
      [r.id, out.refundId, out.status],
    );
    return out.status;
  } catch (err) {
    if (err instanceof GatewayError && err.kind === 'rejected') {
      await deps.db.tx((q) => failRefund(q, r.id, err.message));
      return 'failed';
    }
    deps.log.warn({ refundId: r.id, err: (err as Error).message }, 'refund submission will be retried');
    return 'retry';
  }
}

/** Asks the gateway about a refund it accepted but had not finished (reconciler; webhooks usually win). */
export async function refreshRefund(deps: PaymentsDeps, refundId: string): Promise<string> {
  const r = (await deps.db.query<RefundRow>('SELECT * FROM payment_refunds WHERE id = $1', [refundId]))
    .rows[0];
  if (!r || r.status !== 'processing' || !r.gateway_refund_id) return 'nothing_to_do';
  const p = (await findPayment(deps.db, r.payment_id))!;
  const gw = p.gateway ? deps.gateways.get(p.gateway) : undefined;
  if (!gw) return 'gateway_unavailable';
  const out = await gw.fetchRefund(r.gateway_refund_id);
  if (out.status === 'processing') return 'processing';
  return deps.db.tx((q) =>
    confirmGatewayRefund(q, {
      gatewayRefundId: r.gateway_refund_id!,
      status: out.status === 'failed' ? 'failed' : 'succeeded',
    }),
  );
}

/** The gateway refused a refund: reverse its gateway part so the books show the money still held. */
async function failRefund(q: Queryable, refundId: string, message: string, gatewayRefundId?: string) {
  const r = (await q.query<RefundRow>(`SELECT * FROM payment_refunds WHERE id = $1 FOR UPDATE`, [refundId]))
    .rows[0];
  if (!r || r.status === 'failed' || r.status === 'succeeded') return;
  const p = (await lockPayment(q, r.payment_id))!;
  const auto = r.cause_key.startsWith('auto:');
  await q.query(
    `UPDATE payment_refunds SET status = 'failed', failure_message = $2, gateway_refund_id = COALESCE(gateway_refund_id, $3), updated_at = now() WHERE id = $1`,
    [r.id, message.slice(0, 500), gatewayRefundId ?? null],
  );
  await postTransaction(q, {
    kind: 'refund_reversal',
    currency: p.currency,
    paymentId: p.id,
    refundId: r.id,
    memo: `Gateway refused the refund: ${message.slice(0, 200)}`,
    entries: [
      { account: { kind: 'gateway', gateway: p.gateway! }, amountMinor: -Number(r.gateway_minor) },
      // An automatic refund's money is parked in clearing for an operator to handle.
      { account: { kind: auto ? 'clearing' : 'refunds' }, amountMinor: Number(r.gateway_minor) },
    ],
  });
  if (!auto)
    await q.query(
      `UPDATE payments SET refunded_minor = refunded_minor - $2, status = CASE WHEN status = 'refunded' THEN 'succeeded' ELSE status END WHERE id = $1`,
      [p.id, Number(r.gateway_minor)],
    );
}

/** The gateway confirms a refund (Stripe charge.refunded / Razorpay refund.processed). */
export async function confirmGatewayRefund(
  q: Queryable,
  m: { gatewayRefundId?: string; ourRefundId?: string; paymentId?: string; status: 'succeeded' | 'failed' },
): Promise<string> {
  const r = (
    await q.query<RefundRow>(
      `SELECT * FROM payment_refunds WHERE (gateway_refund_id = $1 OR id::text = $2) FOR UPDATE`,
      [m.gatewayRefundId ?? '', m.ourRefundId ?? ''],
    )
  ).rows[0];
  if (!r) return 'unknown_refund';
  if (m.status === 'failed') {
    await failRefund(q, r.id, 'refund failed at the gateway');
    return 'refund_failed';
  }
  if (r.status === 'succeeded' || r.status === 'failed') return 'refund_already_final';
  await q.query(
    `UPDATE payment_refunds SET status = 'succeeded', gateway_refund_id = COALESCE(gateway_refund_id, $2), updated_at = now() WHERE id = $1`,
    [r.id, m.gatewayRefundId ?? null],
  );
  return 'refund_succeeded';
}

// ---------------------------------------------------------------------------------------------

/** Network work after a commit. Failures are logged; the reconciler picks up whatever is left. */
export async function runFollowUps(deps: PaymentsDeps, followUps: FollowUp[]): Promise<void> {
  for (const f of followUps) {
    try {
      if (f.kind === 'submit_refund') await submitRefund(deps, f.refundId);
      else await deps.gateways.get(f.gateway)?.cancelCharge(f.ref);
    } catch (err) {
      deps.log.warn(
        { followUp: f.kind, err: (err as Error).message },
        'payment follow-up failed; the reconciler retries',
      );
    }
  }
}
