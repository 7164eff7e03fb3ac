import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './reconnect-backoff.ts';

describe('exponentialBackoff', () => {
  it('doubles from minMs and stops growing at maxMs', () => {
    const top = exponentialBackoff({ minMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5].map((a) => Math.round(top.delayMs(a)!))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('jitters each delay between half and all of its step', () => {
    const low = exponentialBackoff({ minMs: 100, maxMs: 1000, random: () => 0 });
    const mid = exponentialBackoff({ minMs: 100, maxMs: 1000, random: () => 0.5 });
    expect(low.delayMs(2)).toBe(200);
    expect(mid.delayMs(2)).toBe(300);
  });

  it('never gives up by default, and gives up after maxAttempts when told', () => {
    expect(exponentialBackoff().delayMs(1000)).toBeLessThanOrEqual(10_000);
    const twice = exponentialBackoff({ maxAttempts: 2, random: () => 0 });
    expect([0, 1, 2, 3].map((a) => twice.delayMs(a))).toEqual([125, 250, null, null]);
  });

  it('refuses options that cannot describe a schedule', () => {
    expect(() => exponentialBackoff({ minMs: -1 })).toThrow(RangeError);
    expect(() => exponentialBackoff({ minMs: 500, maxMs: 100 })).toThrow(RangeError);
    expect(() => exponentialBackoff({ maxAttempts: -1 })).toThrow(RangeError);
  });
});
