import { describe, expect, it } from 'vitest';
import { cardGatewayFor, payPlan, topupAmountFor, type MethodInfo } from './pay-plan.ts';

const both: MethodInfo[] = [
  { id: 'wallet', available: true, publicKey: null, currencies: ['*'] },
  { id: 'stripe', available: true, publicKey: 'pk_test', currencies: ['*'] },
  { id: 'razorpay', available: true, publicKey: 'rzp_test', currencies: ['INR'] },
];
const stripeOnly: MethodInfo[] = both.map((m) =>
  m.id === 'razorpay' ? { ...m, available: false, publicKey: null } : m,
);

describe('cardGatewayFor', () => {
  it('routes as the server does: Razorpay’s currencies to Razorpay, the rest to Stripe', () => {
    expect(cardGatewayFor(both, 'INR')).toEqual({ id: 'razorpay', publicKey: 'rzp_test' });
    expect(cardGatewayFor(both, 'USD')).toEqual({ id: 'stripe', publicKey: 'pk_test' });
    expect(cardGatewayFor(both, 'JPY')).toEqual({ id: 'stripe', publicKey: 'pk_test' });
  });

  it('does not send INR to Stripe when Razorpay is not configured (the server would refuse it)', () => {
    expect(cardGatewayFor(stripeOnly, 'INR')).toBeNull();
    expect(cardGatewayFor(stripeOnly, 'USD')?.id).toBe('stripe');
  });
});

describe('payPlan', () => {
  const inrWallet = [{ currency: 'INR', balanceMinor: 500_000 }];

  it('the wallet pays when it holds enough in the price’s currency', () => {
    expect(payPlan({ amountMinor: 50_000, currency: 'INR' }, inrWallet, both)).toEqual({
      kind: 'wallet',
      balanceMinor: 500_000,
    });
  });

  it('rupees do not pay a dollar fee: short by the whole price, with the rupees named', () => {
    expect(payPlan({ amountMinor: 8_000, currency: 'USD' }, inrWallet, both)).toEqual({
      kind: 'short',
      balanceMinor: 0,
      shortfallMinor: 8_000,
      gateway: { id: 'stripe', publicKey: 'pk_test' },
      elsewhere: inrWallet,
    });
  });

  it('a part balance in the currency leaves the rest as the shortfall', () => {
    const p = payPlan(
      { amountMinor: 12_000, currency: 'JPY' },
      [...inrWallet, { currency: 'JPY', balanceMinor: 2_000 }],
      both,
    );
    expect(p).toMatchObject({ kind: 'short', balanceMinor: 2_000, shortfallMinor: 10_000 });
  });

  it('without a gateway for the currency there is no way to pay online', () => {
    expect(payPlan({ amountMinor: 50_000, currency: 'INR' }, [], stripeOnly)).toEqual({
      kind: 'unpayable',
      balanceMinor: 0,
      shortfallMinor: 50_000,
      elsewhere: [],
    });
  });

  it('a top-up asks for at least the smallest amount the API takes', () => {
    expect(topupAmountFor(50)).toBe(100);
    expect(topupAmountFor(8_000)).toBe(8_000);
  });
});
