import type { AppContext } from '../context.ts';
import { bookingDepsOf } from '../booking/index.ts';
import { createBookingPort } from './booking-port.ts';
import { payAppointment, startTopup, type PayInput, type TopupInput } from './checkout.ts';
import { gatewaysFromEnv } from './gateways/index.ts';
import type { BookingPort, FollowUp, GatewayRegistry, PaymentsDeps } from './ports.ts';
import { cancellationRefunds } from './refunds.ts';
import { runFollowUps } from './settle.ts';

export interface PaymentsOptions {
  gateways?: GatewayRegistry;
  booking?: BookingPort;
  /** Start the periodic reconciler (default: PAYMENT_RECONCILE_INTERVAL_SECONDS > 0 and not in tests). */
  reconciler?: boolean;
}

/** What payments runs on, from the app's context and config. */
export function paymentsDeps(ctx: AppContext, opts: PaymentsOptions = {}): PaymentsDeps {
  const env = ctx.config.env;
  return {
    db: ctx.db,
    log: ctx.log,
    gateways: opts.gateways ?? gatewaysFromEnv(env),
    booking: opts.booking ?? createBookingPort(bookingDepsOf(ctx)),
    publicUrl: ctx.config.publicUrl,
    refundDestination: env.PAYMENT_REFUND_DESTINATION,
    reconcileAfterMinutes: env.PAYMENT_RECONCILE_AFTER_MINUTES,
    bus: ctx.bus,
  };
}

/**
 * The payments module, built once by the composition root (modules.ts) and handed to whoever needs
 * it: its routes, and booking, whose cancellations refund through `bookingHooks`.
 */
export function createPaymentsService(deps: PaymentsDeps) {
  return {
    deps,
    bookingHooks: cancellationRefunds(deps),
    pay: (input: PayInput) => payAppointment(deps, input),
    topup: (input: TopupInput) => startTopup(deps, input),
    /** Gateway calls that follow a commit (refund submissions, charge cancellations). */
    followUp: (followUps: FollowUp[]) => runFollowUps(deps, followUps),
  };
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;
