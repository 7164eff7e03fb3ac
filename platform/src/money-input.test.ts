import { describe, expect, it } from 'vitest';
import { amountInputValue, amountStep, parseAmount } from './money-input.ts';

describe('parseAmount', () => {
  it('reads the amount in the currency’s own exponent', () => {
    expect(parseAmount('500', 'INR')).toEqual({ ok: true, minor: 50_000 });
    expect(parseAmount('80.5', 'USD')).toEqual({ ok: true, minor: 8_050 });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1_500 });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1_234 });
  });

  it('takes grouping and spacing as typed, and trailing zeros a currency does not have', () => {
    expect(parseAmount(' 12,000 ', 'JPY')).toEqual({ ok: true, minor: 12_000 });
    expect(parseAmount('1,00,000', 'INR')).toEqual({ ok: true, minor: 10_000_000 });
    expect(parseAmount('1500.00', 'JPY')).toEqual({ ok: true, minor: 1_500 });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseAmount('5.', 'USD')).toEqual({ ok: true, minor: 500 });
  });

  it('refuses rather than rounds what the currency cannot hold', () => {
    expect(parseAmount('1500.5', 'JPY')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseAmount('0.001', 'INR')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseAmount('-5', 'INR')).toEqual({ ok: false, reason: 'negative' });
    expect(parseAmount('5e3', 'INR')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseAmount('', 'INR')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmount('9'.repeat(20), 'INR')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('has no binary rounding on the way (0.29 × 100 is 28.999… in floating point)', () => {
    expect(parseAmount('0.29', 'USD')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1.005', 'KWD')).toEqual({ ok: true, minor: 1_005 });
  });
});

describe('amountInputValue and amountStep', () => {
  it('writes minor units back as a field shows them', () => {
    expect(amountInputValue(8_000, 'USD')).toBe('80.00');
    expect(amountInputValue(5, 'INR')).toBe('0.05');
    expect(amountInputValue(12_000, 'JPY')).toBe('12000');
    expect(amountInputValue(1_234, 'KWD')).toBe('1.234');
  });

  it('round-trips with parseAmount', () => {
    for (const [minor, c] of [
      [1, 'USD'],
      [99_999, 'INR'],
      [7, 'JPY'],
      [10_001, 'BHD'],
    ] as const)
      expect(parseAmount(amountInputValue(minor, c), c)).toEqual({ ok: true, minor });
  });

  it('steps by the smallest unit', () => {
    expect(amountStep('JPY')).toBe('1');
    expect(amountStep('INR')).toBe('0.01');
    expect(amountStep('KWD')).toBe('0.001');
  });
});
