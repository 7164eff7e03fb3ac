// The browser half of the payment stand-ins. The server talks to the local Stripe / Razorpay REST
// stand-ins (api/src/payments/testing/standins.ts); the page loads Stripe.js and Razorpay Checkout
// from the providers' own origins, so Chromium's requests to those origins are answered here: a
// minimal Stripe.js whose Payment Element is a card-number field, and a Checkout that opens a dialog
// with a Pay button. Paying goes to the same REST stand-ins (the intent succeeds, the order is
// captured), and the provider's signed webhook is then delivered to the app as the provider would.
import type { Page, Route } from 'playwright-core';
import { startPaymentStandins } from '@telehealth/api/payments/testing/standins';

export type Standins = Awaited<ReturnType<typeof startPaymentStandins>>;
export { startPaymentStandins };

/** Stripe's test cards: this one pays, the other is declined. */
export const CARDS = { ok: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' } as const;

const STRIPE_JS = `
(() => {
  window.Stripe = function (publishableKey) {
    return {
      elements({ clientSecret }) {
        return {
          clientSecret,
          create() {
            return {
              mount(el) {
                el.replaceChildren();
                const label = document.createElement('label');
                label.className = 'stripe-standin';
                label.append('Card number');
                const input = document.createElement('input');
                input.name = 'cardnumber';
                input.autocomplete = 'cc-number';
                input.inputMode = 'numeric';
                label.append(input);
                el.append(label);
              },
            };
          },
        };
      },
      async confirmPayment({ elements }) {
        const secret = elements.clientSecret;
        const id = secret.split('_secret_')[0];
        const card = document.querySelector('input[name=cardnumber]')?.value ?? '';
        const res = await fetch('https://api.stripe.com/v1/payment_intents/' + id + '/confirm', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ key: publishableKey, client_secret: secret, 'payment_method_data[card][number]': card }),
        });
        const body = await res.json();
        return res.ok ? { paymentIntent: body } : { error: body.error };
      },
    };
  };
})();
`;

const RAZORPAY_JS = `
(() => {
  window.Razorpay = function (options) {
    const handlers = {};
    return {
      on(ev, fn) { handlers[ev] = fn; },
      open() {
        const d = document.createElement('dialog');
        d.setAttribute('aria-label', 'Razorpay Checkout');
        const title = document.createElement('p');
        title.textContent = 'Razorpay Checkout: ' + options.currency + ' ' + options.amount;
        const pay = document.createElement('button');
        pay.type = 'button';
        pay.textContent = 'Pay with Razorpay';
        const close = document.createElement('button');
        close.type = 'button';
        close.textContent = 'Close checkout';
        d.append(title, pay, close);
        document.body.append(d);
        d.showModal();
        close.onclick = () => { d.remove(); options.modal?.ondismiss?.(); };
        pay.onclick = async () => {
          const res = await fetch('https://api.stripe.com/razorpay-standin/pay', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ key: options.key, order_id: options.order_id }),
          });
          const body = await res.json();
          d.remove();
          if (res.ok) options.handler(body);
          else handlers['payment.failed']?.({ error: body.error });
        };
      },
    };
  };
})();
`;

const json = (route: Route, status: number, body: unknown) =>
  route.fulfill({
    status,
    contentType: 'application/json',
    headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify(body),
  });

async function deliver(url: string, headers: Record<string, string>, body: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (!r.ok) throw new Error(`webhook ${url}: ${r.status} ${await r.text()}`);
}

/**
 * Answers this page's requests to the providers' origins. `appUrl` receives the webhooks.
 * Razorpay's "pay" call goes to a path on api.stripe.com only because that is an origin the app's
 * CSP lets the page connect to (the real Checkout talks to Razorpay from its own frame).
 */
export async function routeGateways(page: Page, s: Standins, appUrl: string) {
  await page.route('https://js.stripe.com/v3/', (r) =>
    r.fulfill({ status: 200, contentType: 'application/javascript', body: STRIPE_JS }),
  );
  await page.route('https://checkout.razorpay.com/v1/checkout.js', (r) =>
    r.fulfill({ status: 200, contentType: 'application/javascript', body: RAZORPAY_JS }),
  );
  await page.route('https://api.stripe.com/**', async (route) => {
    const url = new URL(route.request().url());
    const form = new URLSearchParams(route.request().postData() ?? '');
    if (url.pathname === '/razorpay-standin/pay') {
      const order = s.razorpay.orders.get(form.get('order_id') ?? '');
      if (!order) return json(route, 400, { error: { description: 'No such order' } });
      const p = s.razorpay.capture(order.id);
      await json(route, 200, {
        razorpay_order_id: order.id,
        razorpay_payment_id: p.id,
        razorpay_signature: s.razorpay.checkoutSignature(order.id, p.id),
      });
      const wh = s.razorpay.webhook('payment.captured', { payment: { entity: p } });
      await deliver(
        `${appUrl}/api/v1/webhooks/razorpay`,
        { 'x-razorpay-signature': wh.signature, 'x-razorpay-event-id': wh.eventId },
        wh.body,
      );
      return;
    }
    const m = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(url.pathname);
    const pi = m ? s.stripe.intents.get(m[1]!) : undefined;
    if (!pi || form.get('client_secret') !== pi.client_secret)
      return json(route, 400, { error: { message: 'No such payment_intent' } });
    const card = (form.get('payment_method_data[card][number]') ?? '').replace(/\s/g, '');
    if (card !== CARDS.ok.replace(/\s/g, '')) {
      s.stripe.decline(pi.id);
      await json(route, 402, { error: { type: 'card_error', message: 'Your card was declined.' } });
      const wh = s.stripe.webhook('payment_intent.payment_failed', s.stripe.intents.get(pi.id));
      return deliver(`${appUrl}/api/v1/webhooks/stripe`, { 'stripe-signature': wh.signature }, wh.body);
    }
    const paid = s.stripe.succeed(pi.id);
    await json(route, 200, paid);
    const wh = s.stripe.webhook('payment_intent.succeeded', paid);
    await deliver(`${appUrl}/api/v1/webhooks/stripe`, { 'stripe-signature': wh.signature }, wh.body);
  });
}
