import type { Env } from '../../config/schema.ts';
import type { GatewayRegistry } from '../ports.ts';
import { gatewayForCurrency } from '../policy.ts';
import { createRazorpayGateway } from './razorpay.ts';
import { createStripeGateway } from './stripe.ts';
import type { Gateway, GatewayName } from './types.ts';

/** The gateways whose keys are configured; a missing key makes that method unavailable, nothing else. */
export function gatewaysFromEnv(env: Env): GatewayRegistry {
  const stripe =
    env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY
      ? createStripeGateway({
          secretKey: env.STRIPE_SECRET_KEY,
          publishableKey: env.STRIPE_PUBLISHABLE_KEY,
          apiBase: env.STRIPE_API_BASE,
          timeoutMs: env.PAYMENT_GATEWAY_TIMEOUT_MS,
        })
      : undefined;
  const razorpay =
    env.RAZORPAY_KEY_ID && env.RAZORPAY_KEY_SECRET
      ? createRazorpayGateway({
          keyId: env.RAZORPAY_KEY_ID,
          keySecret: env.RAZORPAY_KEY_SECRET,
          apiBase: env.RAZORPAY_API_BASE,
          timeoutMs: env.PAYMENT_GATEWAY_TIMEOUT_MS,
        })
      : undefined;
  return registryOf({ stripe, razorpay }, env.PAYMENT_RAZORPAY_CURRENCIES);
}

export function registryOf(
  gws: Partial<Record<GatewayName, Gateway>>,
  razorpayCurrencies: readonly string[],
): GatewayRegistry {
  return {
    get: (name) => gws[name],
    forCurrency: (currency) => {
      const name = gatewayForCurrency(currency, razorpayCurrencies);
      return { name, gateway: gws[name] };
    },
  };
}
