import { describe, expect, it } from 'vitest';
import { ageBand, ageInYears, ageRules, birthDateProblem, civilDate } from './age.ts';

describe('age rules', () => {
  it('counts whole years, a birthday later in the year not yet reached', () => {
    expect(ageInYears('2019-06-15', '2026-06-14')).toBe(6);
    expect(ageInYears('2019-06-15', '2026-06-15')).toBe(7);
    expect(ageInYears('2019-06-15', '2026-12-03')).toBe(7);
  });
  it('turns a 29 February child a year older on 1 March in a common year', () => {
    expect(ageInYears('2016-02-29', '2025-02-28')).toBe(8);
    expect(ageInYears('2016-02-29', '2025-03-01')).toBe(9);
  });
  it('reads today in the family’s zone (Kolkata is a day ahead of New York at 20:00 UTC)', () => {
    const at = new Date('2026-06-14T20:00:00Z');
    expect(civilDate(at, 'Asia/Kolkata')).toBe('2026-06-15');
    expect(civilDate(at, 'America/New_York')).toBe('2026-06-14');
    expect(ageInYears('2019-06-15', civilDate(at, 'Asia/Kolkata'))).toBe(7);
  });
  it('bands ages and makes children paediatric', () => {
    expect([0, 1, 2, 11, 12, 17, 18, 80].map(ageBand)).toEqual([
      'infant',
      'infant',
      'child',
      'child',
      'adolescent',
      'adolescent',
      'adult',
      'adult',
    ]);
    expect(ageRules('2019-06-15', '2026-12-03')).toEqual({
      age: 7,
      band: 'child',
      paediatric: true,
      mayHaveOwnLogin: false,
    });
    expect(ageRules('1950-01-01', '2026-12-03')).toMatchObject({ paediatric: false, mayHaveOwnLogin: true });
    expect(ageRules('2013-12-03', '2026-12-03')).toMatchObject({ age: 13, mayHaveOwnLogin: true });
  });
  it('refuses impossible, future and implausibly old birth dates', () => {
    expect(birthDateProblem('2019-02-30', '2026-12-03')).toBe('invalid');
    expect(birthDateProblem('2019-6-1', '2026-12-03')).toBe('invalid');
    expect(birthDateProblem('2026-12-04', '2026-12-03')).toBe('future');
    expect(birthDateProblem('1900-01-01', '2026-12-03')).toBe('too_old');
    expect(birthDateProblem('2026-12-03', '2026-12-03')).toBeNull();
  });
});
