/** Who may call the payment routes (authorization matrix, api/src/authz/types.ts). */
import { only, outcomes, type HttpExpect, type RouteAuthzTable } from '../authz/types.ts';

/** No gateway is configured in the matrix's server: what needs one says so. */
const UNAVAILABLE: HttpExpect = { status: 503, code: 'PAYMENT_METHOD_UNAVAILABLE' };
const ownerOrAdmin = only.authenticated(404, { patientOwn: 'ok', admin: 'ok' });

export const paymentsAuthz: RouteAuthzTable = {
  'GET /payments/methods': { call: () => ({ path: '/payments/methods' }), expect: outcomes('ok') },
  // A fresh held appointment of A's: A pays it; B cannot see it.
  'POST /appointments/:id/pay': {
    call: async (w) => ({
      path: `/appointments/${(await w.fresh.appointment({ pending: true })).id}/pay`,
      body: { method: 'wallet' },
    }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  'GET /payments/:id': { call: (w) => ({ path: `/payments/${w.a.paymentId}` }), expect: ownerOrAdmin },
  'POST /payments/:id/refunds': {
    call: (w) => ({
      path: `/payments/${w.a.paymentId}/refunds`,
      body: { amountMinor: 100, destination: 'wallet', reason: 'Goodwill gesture' },
    }),
    expect: only.admin(),
  },
  'POST /payments/razorpay/verify': {
    call: () => ({
      path: '/payments/razorpay/verify',
      body: {
        razorpay_order_id: 'order_x',
        razorpay_payment_id: 'pay_x',
        razorpay_signature: '0'.repeat(64),
      },
    }),
    expect: only.patients(UNAVAILABLE),
  },
  'GET /receipts/:id': { call: (w) => ({ path: `/receipts/${w.a.paymentId}` }), expect: ownerOrAdmin },
  'GET /wallet': { call: () => ({ path: '/wallet' }), expect: only.patients('ok') },
  'GET /wallet/transactions': { call: () => ({ path: '/wallet/transactions' }), expect: only.patients('ok') },
  'POST /wallet/topups': {
    call: () => ({ path: '/wallet/topups', body: { amountMinor: 10_000, currency: 'INR' } }),
    expect: only.patients(UNAVAILABLE),
  },
  'GET /admin/payments/ledger': { call: () => ({ path: '/admin/payments/ledger' }), expect: only.admin() },
  // Webhooks authenticate by signature, not by caller; none is configured here.
  'POST /webhooks/stripe': {
    call: () => ({ path: '/webhooks/stripe', raw: { contentType: 'application/json', data: '{}' } }),
    expect: outcomes(UNAVAILABLE),
  },
  'POST /webhooks/razorpay': {
    call: () => ({ path: '/webhooks/razorpay', raw: { contentType: 'application/json', data: '{}' } }),
    expect: outcomes(UNAVAILABLE),
  },
};
