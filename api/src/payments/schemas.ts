import { z } from 'zod';
import { paged } from '../http/pagination.ts';
import { MIN_TOPUP_MINOR } from './pay-plan.ts';
import { PayMethods } from './policy.ts';

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like INR or USD');

export const PayBody = z
  .object({
    method: z.enum(PayMethods),
    /** Hybrid only: how much of the price the wallet covers (default: as much as it can, short of all). */
    walletAmountMinor: z.number().int().positive().max(100_000_000).optional(),
  })
  .refine((b) => b.method === 'hybrid' || b.walletAmountMinor === undefined, {
    message: 'walletAmountMinor is for hybrid payments only',
    path: ['walletAmountMinor'],
  })
  .meta({ id: 'PayAppointment' });

export const TopupBody = z
  .object({ amountMinor: z.number().int().min(MIN_TOPUP_MINOR).max(10_000_000), currency: CurrencyCode })
  .meta({ id: 'WalletTopup' });

export const RefundBody = z
  .object({
    amountMinor: z.number().int().positive(),
    destination: z.enum(['original', 'wallet']).default('original'),
    reason: z.string().trim().min(3).max(200),
  })
  .meta({ id: 'RefundRequest' });

export const RazorpayVerifyBody = z
  .object({
    razorpay_order_id: z.string().min(1).max(100),
    razorpay_payment_id: z.string().min(1).max(100),
    razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'RazorpayCheckoutResult' });

export const IdParams = z.object({ id: z.uuid() });

export const Payment = z
  .object({
    id: z.uuid(),
    purpose: z.enum(['appointment', 'topup']),
    appointmentId: z.uuid().nullable(),
    method: z.enum(PayMethods),
    gateway: z.enum(['stripe', 'razorpay']).nullable(),
    status: z.enum(['pending', 'succeeded', 'failed', 'canceled', 'refunded']),
    currency: z.string(),
    amountMinor: z.number().int(),
    walletMinor: z.number().int(),
    gatewayMinor: z.number().int(),
    refundedMinor: z.number().int(),
    resolution: z.string().nullable(),
    failureCode: z.string().nullable(),
    failureMessage: z.string().nullable(),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
    /** What the browser needs to finish a card payment (Stripe.js / Razorpay Checkout). */
    checkout: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  })
  .meta({ id: 'Payment' });

export const PaymentMethods = z
  .object({
    methods: z.array(
      z.object({
        id: z.enum(['wallet', 'stripe', 'razorpay']),
        available: z.boolean(),
        publicKey: z.string().nullable(),
        /** Currencies this method serves ('*' = every currency not routed elsewhere). */
        currencies: z.array(z.string()),
        message: z.string().nullable(),
      }),
    ),
    hybrid: z.boolean(),
  })
  .meta({ id: 'PaymentMethods' });

export const Wallet = z
  .object({ balances: z.array(z.object({ currency: z.string(), balanceMinor: z.number().int() })) })
  .meta({ id: 'Wallet' });

export const WalletEntry = z
  .object({
    id: z.number().int(),
    transactionId: z.uuid(),
    kind: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    memo: z.string(),
    paymentId: z.uuid().nullable(),
    refundId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WalletEntry' });
export const WalletHistory = paged(WalletEntry).meta({ id: 'WalletHistory' });
export const WalletHistoryQuery = z.object({
  currency: CurrencyCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const Refund = z
  .object({
    id: z.uuid(),
    amountMinor: z.number().int(),
    walletMinor: z.number().int(),
    gatewayMinor: z.number().int(),
    status: z.enum(['pending', 'processing', 'succeeded', 'failed']),
    reason: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Refund' });

export const Receipt = z
  .object({
    receiptNumber: z.string(),
    paymentId: z.uuid(),
    issuedAt: z.string(),
    patientName: z.string(),
    description: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    walletMinor: z.number().int(),
    gatewayMinor: z.number().int(),
    gateway: z.string().nullable(),
    status: z.string(),
    refunds: z.array(Refund),
  })
  .meta({ id: 'Receipt' });

export const LedgerReportSchema = z
  .object({
    ok: z.boolean(),
    unbalancedTransactions: z.array(z.string()),
    cacheMismatches: z.array(z.object({ accountId: z.string(), cached: z.number(), derived: z.number() })),
    negativeWallets: z.array(z.string()),
  })
  .meta({ id: 'LedgerReport' });

export const WebhookAck = z
  .object({ received: z.boolean(), duplicate: z.boolean(), outcome: z.string() })
  .meta({ id: 'WebhookAck' });
