import { minorUnitDigits } from './money.ts';

/**
 * An amount as a person types it ("500", "80.50", "12,000") read in a currency's own exponent
 * (money.ts): yen have no minor unit, so "1500.5" yen is refused rather than rounded, and "500" rupees
 * is 50,000 paise, never "500 × 100 whatever the currency".
 */
export type AmountInput =
  | { ok: true; minor: number }
  | { ok: false; reason: 'empty' | 'not_a_number' | 'negative' | 'too_many_decimals' | 'too_large' };

/** Grouping commas and spaces as people type them; one dot for the decimals. */
const SHAPE = /^(-)?(\d+)(?:\.(\d*))?$/;

export function parseAmount(text: string, currency: string): AmountInput {
  const s = text.trim().replace(/[,\s\u00a0]/g, '');
  if (!s) return { ok: false, reason: 'empty' };
  const m = SHAPE.exec(s);
  if (!m) return { ok: false, reason: 'not_a_number' };
  if (m[1]) return { ok: false, reason: 'negative' };
  const digits = minorUnitDigits(currency);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return { ok: false, reason: 'too_many_decimals' };
  // Whole digits and the padded fraction as one integer string: no binary floating point on the way.
  const minor = Number(m[2]! + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'too_large' };
  return { ok: true, minor };
}

/** Minor units back to what an amount field shows: 8000 USD cents → "80.00", 12000 JPY → "12000". */
export function amountInputValue(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${s}` : `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** The `step` of a number field for the currency: "1" for yen, "0.01" for rupees, "0.001" for dinars. */
export function amountStep(currency: string): string {
  const digits = minorUnitDigits(currency);
  return digits === 0 ? '1' : `0.${'1'.padStart(digits, '0')}`;
}
