// Card checkout in the browser: Stripe Elements or Razorpay Checkout, loaded from their own origins
// (allowed by the CSP) only when the server has keys configured and the patient chooses a card.
import { api } from './api.ts';
import type { Payment } from './types.ts';

const loaded = new Map<string, Promise<void>>();
function loadScript(src: string): Promise<void> {
  if (!loaded.has(src))
    loaded.set(
      src,
      new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.async = true;
        s.onload = () => resolve();
        s.onerror = () =>
          reject(new Error('The payment provider could not be loaded. Check your connection.'));
        document.head.appendChild(s);
      }),
    );
  return loaded.get(src)!;
}

interface StripeLike {
  elements(o: { clientSecret: string }): { create(kind: 'payment'): { mount(el: HTMLElement): void } };
  confirmPayment(o: {
    elements: unknown;
    redirect: 'if_required';
    confirmParams?: { return_url: string };
  }): Promise<{ error?: { message?: string } }>;
}

/** Mounts the Stripe Payment Element into `el`; returns a confirm function. */
export async function stripeElements(publicKey: string, clientSecret: string, el: HTMLElement) {
  await loadScript('https://js.stripe.com/v3/');
  const stripe = (window as unknown as { Stripe: (k: string) => StripeLike }).Stripe(publicKey);
  const elements = stripe.elements({ clientSecret });
  elements.create('payment').mount(el);
  return async () => {
    const r = await stripe.confirmPayment({
      elements,
      redirect: 'if_required',
      confirmParams: { return_url: location.href },
    });
    if (r.error) throw new Error(r.error.message ?? 'The card payment failed');
  };
}

/** Opens Razorpay Checkout for the order in `checkout`; resolves after the server verified the signature. */
export async function razorpayCheckout(
  publicKey: string,
  checkout: Record<string, string | number>,
  who: { name: string; email: string },
) {
  await loadScript('https://checkout.razorpay.com/v1/checkout.js');
  type Rz = new (o: Record<string, unknown>) => {
    open(): void;
    on(ev: string, fn: (r: { error?: { description?: string } }) => void): void;
  };
  const Razorpay = (window as unknown as { Razorpay: Rz }).Razorpay;
  return new Promise<void>((resolve, reject) => {
    const rz = new Razorpay({
      key: publicKey,
      order_id: checkout.orderId ?? checkout.order_id,
      amount: checkout.amount,
      currency: checkout.currency,
      name: 'Telehealth Hub',
      prefill: { name: who.name, email: who.email },
      theme: { color: '#0b6e6e' },
      handler: async (r: {
        razorpay_order_id: string;
        razorpay_payment_id: string;
        razorpay_signature: string;
      }) => {
        try {
          await api.post('/payments/razorpay/verify', r);
          resolve();
        } catch (err) {
          reject(err);
        }
      },
      modal: { ondismiss: () => reject(new Error('The payment window was closed before paying')) },
    });
    rz.on('payment.failed', (r) => reject(new Error(r.error?.description ?? 'The card payment failed')));
    rz.open();
  });
}

/** Polls a payment until the gateway's confirmation has settled it (webhooks arrive asynchronously). */
export async function waitForSettlement(id: string, timeoutMs = 60_000): Promise<Payment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await api.get<Payment>(`/payments/${id}`);
    if (p.status !== 'pending' || Date.now() > deadline) return p;
    await new Promise((r) => setTimeout(r, 1500));
  }
}
