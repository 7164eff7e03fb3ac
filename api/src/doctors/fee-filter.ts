import { z } from 'zod';
import { Currency } from './schemas.ts';

/**
 * The fee filter of the doctor searches (GET /doctors, GET /search/doctors). A fee is an amount in
 * one currency's minor units, so a ceiling only means something next to the currency it is in:
 * `maxFeeMinor` without `currency` is refused (the old filter compared 500 rupees with 500 dollars),
 * and with it, only doctors who charge in that currency are listed. There is no conversion: what a
 * patient pays is the doctor's own price in the doctor's own currency.
 */
export const FeeFilterFields = {
  currency: Currency.optional().meta({
    description: 'Only doctors whose fee is in this ISO 4217 currency (required with maxFeeMinor)',
  }),
  maxFeeMinor: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Highest fee in minor units of `currency` (paise for INR, yen for JPY)' }),
};

export type FeeFilter = { currency?: string | undefined; maxFeeMinor?: number | undefined };

/** The refinement both searches put on their query: a ceiling names its currency. */
export function requireFeeCurrency(q: FeeFilter, ctx: z.RefinementCtx) {
  if (q.maxFeeMinor !== undefined && !q.currency)
    ctx.addIssue({
      code: 'custom',
      path: ['currency'],
      message: 'maxFeeMinor is in the minor units of a currency: say which one (e.g. currency=INR)',
    });
}

/** SQL conditions over `d` (doctor_profiles) for the filter; `add` binds the value to its `?`. */
export function applyFeeFilter(q: FeeFilter, add: (sql: string, v: unknown) => void) {
  if (q.currency) add('d.currency = ?', q.currency);
  if (q.maxFeeMinor !== undefined) add('d.fee_minor <= ?', q.maxFeeMinor);
}
