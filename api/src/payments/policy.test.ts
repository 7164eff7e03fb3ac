import { describe, expect, it } from 'vitest';
import { gatewayForCurrency, splitPayment, splitRefund } from './policy.ts';

describe('payment split (the amount is always the server price)', () => {
  it('wallet, card and hybrid', () => {
    expect(splitPayment('wallet', 8_000, 0)).toEqual({ ok: true, walletMinor: 8_000, gatewayMinor: 0 });
    expect(splitPayment('card', 8_000, 99_999)).toEqual({ ok: true, walletMinor: 0, gatewayMinor: 8_000 });
    // Hybrid defaults to as much wallet as there is…
    expect(splitPayment('hybrid', 8_000, 3_000)).toEqual({
      ok: true,
      walletMinor: 3_000,
      gatewayMinor: 5_000,
    });
    // …or what the patient chose.
    expect(splitPayment('hybrid', 8_000, 9_000, 2_000)).toEqual({
      ok: true,
      walletMinor: 2_000,
      gatewayMinor: 6_000,
    });
  });
  it('refuses hybrids without a wallet part or without a card part, and free appointments', () => {
    expect(splitPayment('hybrid', 8_000, 0)).toMatchObject({ ok: false, code: 'HYBRID_WALLET_EMPTY' });
    expect(splitPayment('hybrid', 8_000, 9_000)).toMatchObject({ ok: false, code: 'HYBRID_NEEDS_CARD_PART' });
    expect(splitPayment('hybrid', 8_000, 9_000, 8_000)).toMatchObject({
      ok: false,
      code: 'HYBRID_NEEDS_CARD_PART',
    });
    expect(splitPayment('card', 0, 0)).toMatchObject({ ok: false, code: 'NOTHING_TO_PAY' });
  });
});

describe('refund split (documented rule: wallet first, the rest to the card)', () => {
  const paid = { walletMinor: 3_000, gatewayMinor: 5_000, refundedWalletMinor: 0, refundedGatewayMinor: 0 };
  it('full and partial refunds of a hybrid', () => {
    expect(splitRefund(8_000, paid, 'original')).toEqual({ walletMinor: 3_000, gatewayMinor: 5_000 });
    expect(splitRefund(4_000, paid, 'original')).toEqual({ walletMinor: 3_000, gatewayMinor: 1_000 });
    expect(splitRefund(2_000, paid, 'original')).toEqual({ walletMinor: 2_000, gatewayMinor: 0 });
  });
  it('accounts for what was already refunded and never refunds more than was paid', () => {
    const after = { ...paid, refundedWalletMinor: 3_000, refundedGatewayMinor: 1_000 };
    expect(splitRefund(10_000, after, 'original')).toEqual({ walletMinor: 0, gatewayMinor: 4_000 });
    expect(
      splitRefund(1, { ...paid, refundedWalletMinor: 3_000, refundedGatewayMinor: 5_000 }, 'original'),
    ).toEqual({
      walletMinor: 0,
      gatewayMinor: 0,
    });
  });
  it("'wallet' sends everything to the wallet; card-only payments refund to the card", () => {
    expect(splitRefund(8_000, paid, 'wallet')).toEqual({ walletMinor: 8_000, gatewayMinor: 0 });
    expect(
      splitRefund(
        500,
        { walletMinor: 0, gatewayMinor: 8_000, refundedWalletMinor: 0, refundedGatewayMinor: 0 },
        'original',
      ),
    ).toEqual({
      walletMinor: 0,
      gatewayMinor: 500,
    });
  });
});

describe('gateway routing', () => {
  it('INR to Razorpay, card currencies to Stripe, configurable', () => {
    expect(gatewayForCurrency('INR', ['INR'])).toBe('razorpay');
    expect(gatewayForCurrency('USD', ['INR'])).toBe('stripe');
    expect(gatewayForCurrency('GBP', ['INR', 'GBP'])).toBe('razorpay');
  });
});
