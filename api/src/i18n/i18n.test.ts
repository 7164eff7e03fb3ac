import { PLURAL_SUFFIX, placeholders } from '@telehealth/platform/messages';
import { describe, expect, it } from 'vitest';
import { toLocale } from './locale.ts';
import { en } from './messages.en.ts';
import { hi } from './messages.hi.ts';
import { translator } from './translate.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('server message catalogue', () => {
  it('Hindi has exactly the keys of English', () => {
    expect(keys(hi)).toEqual(keys(en));
  });

  it('every message has the same placeholders in both languages, and Hindi is written in Devanagari', () => {
    const wrong = Object.entries(en).flatMap(([k, s]) => {
      const h = hi[k as keyof typeof hi];
      const ok = placeholders(h).join() === placeholders(s).join() && /[\u0900-\u097F]/.test(h);
      return ok ? [] : [`${k}: ${h}`];
    });
    expect(wrong).toEqual([]);
  });

  it('counted messages have the forms English and Hindi use (one, other)', () => {
    const bases = new Set(
      Object.keys(en).flatMap((k) => (PLURAL_SUFFIX.test(k) ? [k.replace(PLURAL_SUFFIX, '')] : [])),
    );
    expect(bases.size).toBeGreaterThan(0);
    for (const b of bases) for (const f of ['one', 'other']) expect(Object.keys(hi)).toContain(`${b}_${f}`);
  });
});

describe('translator', () => {
  const at = new Date('2027-03-15T03:30:00Z');

  it('writes dates, times and money through Intl in the recipient’s language', () => {
    const e = translator('en');
    const h = translator('hi');
    expect(e.when(at, 'Asia/Kolkata')).toMatch(/^Monday, March 15, 2027 at 9:00\s?AM \(Asia\/Kolkata\)$/);
    expect(h.when(at, 'Asia/Kolkata')).toContain('सोमवार');
    expect(h.when(at, 'Asia/Kolkata')).toContain('मार्च');
    expect(h.money(12_345_650, 'INR')).toBe('₹1,23,456.50');
    expect(e.money(12_345_650, 'INR')).toBe('₹123,456.50');
    expect(h.utc(at)).toMatch(/UTC$/);
  });

  it('counts with Intl.PluralRules', () => {
    expect(translator('en').tn('auth.otp.expires', 1)).toMatch(/in 1 minute\./);
    expect(translator('en').tn('auth.otp.expires', 10)).toMatch(/in 10 minutes\./);
    expect(translator('hi').tn('auth.otp.expires', 10)).toMatch(/^यह 10 मिनट/);
  });

  it('a locale it does not write in, or none, is English; a bad zone is UTC', () => {
    expect(toLocale('hi-IN')).toBe('hi');
    expect(toLocale('fr')).toBe('en');
    expect(toLocale(null)).toBe('en');
    expect(translator('xx').t('email.hello', { name: 'A' })).toBe('Hello A,');
    expect(translator('hi').when(at, 'Not/AZone')).toMatch(/\(UTC\)$/);
  });
});
