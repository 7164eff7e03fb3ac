/**
 * Money is stored in integer minor units; how many digits a minor unit has is the currency's
 * ISO 4217 exponent. Intl's own digits are a display preference (CLDR) and disagree with ISO for
 * some currencies (HUF and IDR print without decimals though they have minor units), so the
 * exponent comes from this table and Intl only draws the symbol, separators and grouping.
 */
const NON_TWO_DIGIT_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Digits of the currency's minor unit (ISO 4217 exponent): JPY 0, USD 2, KWD 3. */
export function minorUnitDigits(currency: string): number {
  return NON_TWO_DIGIT_EXPONENTS[currency.trim().toUpperCase()] ?? 2;
}

/** Minor units to the major amount a person types or reads: 12345 USD cents → 123.45. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

/** A major amount as typed (123.45) to integer minor units, rounded to the currency's exponent. */
export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorUnitDigits(currency));
}

/**
 * Money for humans: "$123.45", "¥1,000", "KWD 1.234". Every minor unit is shown, never rounded
 * away. A code Intl does not know still prints, with its amount, rather than failing a whole e-mail.
 */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const code = currency.trim().toUpperCase();
  const digits = minorUnitDigits(code);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(toMajorUnits(minor, code));
  } catch {
    return `${toMajorUnits(minor, code).toFixed(digits)} ${code}`;
  }
}
