/**
 * Pure payment rules: how a payment splits between wallet and gateway, how much a cancellation
 * refunds, and where a refund goes. No I/O, so they are unit-tested directly.
 */
export const PayMethods = ['wallet', 'card', 'hybrid'] as const;
export type PayMethod = (typeof PayMethods)[number];

export type Split =
  { ok: true; walletMinor: number; gatewayMinor: number } | { ok: false; code: string; message: string };

/** The amount is always the server's price; the client only chooses how much of it the wallet covers. */
export function splitPayment(
  method: PayMethod,
  priceMinor: number,
  walletBalanceMinor: number,
  walletAmountMinor?: number,
): Split {
  if (priceMinor <= 0)
    return { ok: false, code: 'NOTHING_TO_PAY', message: 'This appointment has no price to pay' };
  switch (method) {
    case 'wallet':
      return { ok: true, walletMinor: priceMinor, gatewayMinor: 0 };
    case 'card':
      return { ok: true, walletMinor: 0, gatewayMinor: priceMinor };
    case 'hybrid': {
      const w = walletAmountMinor ?? Math.min(walletBalanceMinor, priceMinor);
      if (w <= 0)
        return {
          ok: false,
          code: 'HYBRID_WALLET_EMPTY',
          message: 'Hybrid payment needs a wallet part: the wallet is empty',
        };
      if (w >= priceMinor)
        return {
          ok: false,
          code: 'HYBRID_NEEDS_CARD_PART',
          message: 'The wallet covers the whole price: pay with the wallet alone',
        };
      return { ok: true, walletMinor: w, gatewayMinor: priceMinor - w };
    }
  }
}

export type RefundDestination = 'original' | 'wallet';

/**
 * Where a refund goes. 'wallet': all of it to the wallet (instant store credit). 'original' (the
 * documented hybrid rule): wallet first — back to the wallet up to what the wallet paid and has not
 * had back yet, the rest to the card through the gateway (capped by what the card paid).
 */
export function splitRefund(
  requestedMinor: number,
  paid: {
    walletMinor: number;
    gatewayMinor: number;
    refundedWalletMinor: number;
    refundedGatewayMinor: number;
  },
  destination: RefundDestination,
): { walletMinor: number; gatewayMinor: number } {
  const remaining =
    paid.walletMinor + paid.gatewayMinor - paid.refundedWalletMinor - paid.refundedGatewayMinor;
  const amount = Math.max(0, Math.min(requestedMinor, remaining));
  if (destination === 'wallet') return { walletMinor: amount, gatewayMinor: 0 };
  const gatewayCap = Math.max(0, paid.gatewayMinor - paid.refundedGatewayMinor);
  const walletFirst = Math.min(amount, Math.max(0, paid.walletMinor - paid.refundedWalletMinor));
  const gateway = Math.min(amount - walletFirst, gatewayCap);
  return { walletMinor: amount - gateway, gatewayMinor: gateway };
}

/** Razorpay for the configured currencies (INR by default), Stripe for the rest. */
export function gatewayForCurrency(
  currency: string,
  razorpayCurrencies: readonly string[],
): 'stripe' | 'razorpay' {
  return razorpayCurrencies.includes(currency) ? 'razorpay' : 'stripe';
}
