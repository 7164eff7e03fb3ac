import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits, toMajorUnits, toMinorUnits } from './money.ts';

// Intl separates a code or a trailing symbol from the number with a no-break space (\u00a0).
describe('formatMoney', () => {
  it('uses the currency’s own minor unit: two, zero and three decimals', () => {
    expect(formatMoney(12_345, 'USD')).toBe('$123.45');
    expect(formatMoney(50_000, 'INR')).toBe('₹500.00');
    expect(formatMoney(1_000, 'JPY')).toBe('¥1,000');
    expect(formatMoney(1_234, 'KWD')).toBe('KWD\u00a01.234');
  });

  it('follows ISO 4217 where Intl’s display digits differ (HUF and IDR have minor units)', () => {
    expect(formatMoney(12_345, 'HUF')).toBe('HUF\u00a0123.45');
    expect(formatMoney(1_234, 'IQD')).toBe('IQD\u00a01.234');
  });

  it('accepts padded or lower-case codes (char(3) columns) and prints unknown ones with their amount', () => {
    expect(formatMoney(8_000, 'usd ')).toBe('$80.00');
    expect(formatMoney(500, 'ZZZ')).toBe('ZZZ\u00a05.00');
    expect(formatMoney(500, 'NOT-A-CODE')).toBe('5.00 NOT-A-CODE');
  });

  it('formats for a locale', () => {
    expect(formatMoney(50_000, 'INR', 'hi')).toBe('₹500.00');
    expect(formatMoney(1_000, 'JPY', 'de')).toBe('1.000\u00a0¥');
  });
});

describe('minor units', () => {
  it('converts both ways with the exponent', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(toMajorUnits(1_000, 'JPY')).toBe(1_000);
    expect(toMajorUnits(12_345, 'USD')).toBe(123.45);
    expect(toMinorUnits(19.99, 'USD')).toBe(1_999);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1_234);
    expect(toMinorUnits(500, 'JPY')).toBe(500);
  });
});
