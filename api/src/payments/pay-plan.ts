import { gatewayForCurrency } from './policy.ts';

/**
 * How a patient can pay a price in the doctor's currency, told before they hold a slot. A wallet
 * holds one balance per currency (ledger_accounts: one wallet per patient and currency) and money is
 * never converted, so rupees in the wallet cannot pay a dollar fee: the patient pays by card in that
 * currency or adds money in it first. Pure: the booking page and the wallet page in the browser use
 * it over what GET /payments/methods and GET /wallet answered.
 */

export interface MethodInfo {
  id: 'wallet' | 'stripe' | 'razorpay';
  available: boolean;
  publicKey: string | null;
  currencies: string[];
}
export interface BalanceInfo {
  currency: string;
  balanceMinor: number;
}
export type CardGateway = { id: 'stripe' | 'razorpay'; publicKey: string };

/** The gateway the server routes this currency to (policy.ts), when it is configured here. */
export function cardGatewayFor(methods: readonly MethodInfo[], currency: string): CardGateway | null {
  const razorpay = methods.find((m) => m.id === 'razorpay');
  const name = gatewayForCurrency(currency, razorpay?.currencies ?? []);
  const m = methods.find((x) => x.id === name);
  return m?.available && m.publicKey ? { id: name, publicKey: m.publicKey } : null;
}

export type PayPlan =
  /** The wallet balance in the price's currency covers it. */
  | { kind: 'wallet'; balanceMinor: number }
  /**
   * The wallet is short in this currency: pay by card, or add the shortfall (top-up) in this
   * currency first. `elsewhere` are the balances the patient has in other currencies, which
   * cannot pay this price (the page says so plainly).
   */
  | {
      kind: 'short';
      balanceMinor: number;
      shortfallMinor: number;
      gateway: CardGateway;
      elsewhere: BalanceInfo[];
    }
  /** Short, and no card gateway serves this currency: there is no way to pay it online here. */
  | { kind: 'unpayable'; balanceMinor: number; shortfallMinor: number; elsewhere: BalanceInfo[] };

export function payPlan(
  price: { amountMinor: number; currency: string },
  balances: readonly BalanceInfo[],
  methods: readonly MethodInfo[],
): PayPlan {
  const balanceMinor = balances.find((b) => b.currency === price.currency)?.balanceMinor ?? 0;
  if (balanceMinor >= price.amountMinor) return { kind: 'wallet', balanceMinor };
  const shortfallMinor = price.amountMinor - balanceMinor;
  const elsewhere = balances.filter((b) => b.currency !== price.currency && b.balanceMinor > 0);
  const gateway = cardGatewayFor(methods, price.currency);
  return gateway
    ? { kind: 'short', balanceMinor, shortfallMinor, gateway, elsewhere }
    : { kind: 'unpayable', balanceMinor, shortfallMinor, elsewhere };
}

/**
 * What a top-up of the shortfall should ask for: at least the smallest top-up the API takes
 * (TopupBody: 100 minor units), so a ₹0.50 shortfall still offers a top-up that is accepted.
 */
export const MIN_TOPUP_MINOR = 100;
export const topupAmountFor = (shortfallMinor: number) => Math.max(shortfallMinor, MIN_TOPUP_MINOR);
