import { pgCode, PgCodes } from '@telehealth/platform/db/errors';
import { AppError, conflict, notFound, unprocessable } from '../http/errors.ts';
import { runIdempotentAround } from '../http/idempotency.ts';
import type { Gateway, GatewayName } from './gateways/types.ts';
import { GatewayError } from './gateways/types.ts';
import { InsufficientFundsError, postTransaction, walletBalance } from './ledger/ledger.ts';
import { reserveWallet } from './movements.ts';
import { sendReceipt } from './notices.ts';
import { splitPayment, type PayMethod } from './policy.ts';
import type { PaymentsDeps } from './ports.ts';
import { paymentView, type PaymentRow, type PaymentView } from './rows.ts';
import { runFollowUps, settleFailure, settleFetchedCharge } from './settle.ts';

/**
 * Checkout: paying for an appointment and topping up the wallet. The amount is always the server's;
 * database work and gateway calls alternate, never a gateway call inside a transaction.
 */

export interface PayInput {
  patientId: string;
  appointmentId: string;
  method: PayMethod;
  walletAmountMinor?: number;
  idempotencyKey?: string;
}

export interface TopupInput {
  patientId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey?: string;
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
 * part) first, then ask the gateway; a gateway failure or timeout releases the reservation. At most
 * once per Idempotency-Key: the key is claimed before and the answer recorded after, so the gateway
 * call holds no transaction open.
 */
export async function payAppointment(
  deps: PaymentsDeps,
  input: PayInput,
): Promise<{ created: boolean; payment: PaymentView }> {
  const r = await runIdempotentAround(
    deps.db,
    {
      key: input.idempotencyKey,
      userId: input.patientId,
      fingerprint: {
        pay: input.appointmentId,
        method: input.method,
        walletAmountMinor: input.walletAmountMinor ?? null,
      },
      status: 201,
    },
    () => checkout(deps, input),
  );
  return { created: !r.replayed, payment: r.body };
}

async function checkout(deps: PaymentsDeps, input: PayInput): Promise<PaymentView> {
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
        `INSERT INTO payments (patient_id, purpose, appointment_id, method, gateway, currency, amount_minor, wallet_minor, gateway_minor)
         VALUES ($1, 'appointment', $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          input.patientId,
          appt.id,
          input.method,
          gatewayName,
          appt.currency,
          appt.priceMinor,
          split.walletMinor,
          split.gatewayMinor,
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
      await sendReceipt(q, deps, p);
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
    // One open checkout per appointment (a unique index): a concurrent one won.
    if (pgCode(err) === PgCodes.uniqueViolation)
      throw conflict('PAYMENT_IN_PROGRESS', 'This appointment already has a payment in progress or is paid');
    throw err;
  }
  if (!gateway) return paymentView(payment, deps.gateways);
  return openGatewayCharge(deps, payment, gateway, 'Consultation');
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
      await settleFetchedCharge(deps, open.id, open.gateway_ref, state);
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
  input: TopupInput,
): Promise<{ created: boolean; payment: PaymentView }> {
  const r = await runIdempotentAround(
    deps.db,
    {
      key: input.idempotencyKey,
      userId: input.patientId,
      fingerprint: { topup: input.amountMinor, currency: input.currency },
      status: 201,
    },
    async () => {
      const route = deps.gateways.forCurrency(input.currency);
      if (!route.gateway) throw methodUnavailable(route.name, input.currency);
      const p = (
        await deps.db.query<PaymentRow>(
          `INSERT INTO payments (patient_id, purpose, method, gateway, currency, amount_minor, wallet_minor, gateway_minor)
           VALUES ($1, 'topup', 'card', $2, $3, $4, 0, $4) RETURNING *`,
          [input.patientId, route.name, input.currency, input.amountMinor],
        )
      ).rows[0]!;
      return openGatewayCharge(deps, p, route.gateway, 'Wallet top-up');
    },
  );
  return { created: !r.replayed, payment: r.body };
}
