import { describe, expect, it } from 'vitest';
import { fill, placeholders, pluralKey } from './messages.ts';

describe('pluralKey', () => {
  const keys = new Set(['n_one', 'n_other']);
  const has = (k: string) => keys.has(k);
  it('English: 1 is one, 0 and 2 are other', () => {
    expect([0, 1, 2].map((n) => pluralKey('en', 'n', n, has))).toEqual(['n_other', 'n_one', 'n_other']);
  });
  it('Hindi: 0 and 1 are one (CLDR "i = 0 or n = 1"), 2 is other', () => {
    expect([0, 1, 2].map((n) => pluralKey('hi-IN', 'n', n, has))).toEqual(['n_one', 'n_one', 'n_other']);
  });
  it('a form the catalogue lacks (Arabic "few") falls back to _other', () => {
    expect(pluralKey('ar', 'n', 3, has)).toBe('n_other');
  });
});

describe('fill and placeholders', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} of {total}', { n: 3 })).toBe('3 of {total}');
  });
  it('lists each placeholder once, sorted', () => {
    expect(placeholders('{b} {a} {b}')).toEqual(['a', 'b']);
  });
});
