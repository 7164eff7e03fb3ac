import type { GatewayName } from '../ledger/ledger.ts';

export type { GatewayName };

/** What the gateway says about one charge (Stripe PaymentIntent / Razorpay order). */
export type ChargeStatus = 'succeeded' | 'failed' | 'canceled' | 'pending' | 'processing';

export interface ChargeState {
  status: ChargeStatus;
  amountMinor: number;
  currency: string;
  /** Stripe charge id / Razorpay payment id, once money moved. */
  gatewayPaymentId?: string;
  failureMessage?: string;
}

export interface CreatedCharge {
  /** Stripe PaymentIntent id / Razorpay order id. */
  ref: string;
  /** What the browser needs to finish paying (client secret / order id and key id). */
  clientSecret?: string;
  checkout: Record<string, string | number>;
}

export type RefundOutcome = {
  refundId: string;
  status: 'succeeded' | 'processing' | 'failed';
  failureMessage?: string;
};

/** A gateway failure: `timeout` and `unavailable` may have reached the gateway, `rejected` did not move money. */
export class GatewayError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unavailable' | 'rejected',
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface Gateway {
  readonly name: GatewayName;
  /** Values the browser may see (publishable key / key id). */
  readonly publicKey: string;
  createCharge(i: {
    paymentId: string;
    amountMinor: number;
    currency: string;
    description: string;
  }): Promise<CreatedCharge>;
  fetchCharge(ref: string): Promise<ChargeState>;
  /** Stops a charge that must not take money any more (Razorpay orders cannot be cancelled: no-op). */
  cancelCharge(ref: string): Promise<void>;
  /** The gateway's current state of a refund it accepted (for refunds still processing). */
  fetchRefund(gatewayRefundId: string): Promise<RefundOutcome>;
  /** Idempotent per refundId: a retry of the same refund never refunds twice. */
  refund(i: {
    ref: string;
    gatewayPaymentId: string | null;
    amountMinor: number;
    refundId: string;
  }): Promise<RefundOutcome>;
}
