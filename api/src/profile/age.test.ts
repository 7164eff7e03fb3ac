import { describe, expect, it } from 'vitest';
import { ageInYears } from './age.ts';

describe('ageInYears', () => {
  const on = (iso: string) => new Date(`${iso}T12:00:00Z`);
  it('counts whole years, the birthday itself included', () => {
    expect(ageInYears('2018-06-15', on('2026-06-14'))).toBe(7);
    expect(ageInYears('2018-06-15', on('2026-06-15'))).toBe(8);
  });
  it('29 February counts on 1 March in a common year', () => {
    expect(ageInYears('2016-02-29', on('2026-02-28'))).toBe(9);
    expect(ageInYears('2016-02-29', on('2026-03-01'))).toBe(10);
  });
  it('no date or a future date: unknown', () => {
    expect(ageInYears(undefined, on('2026-01-01'))).toBeNull();
    expect(ageInYears('2027-01-01', on('2026-01-01'))).toBeNull();
  });
});
