/**
 * Age rules for dependents (issue 19), pure. Ages are whole years on a civil date in the family's
 * zone: a child born on 29 February turns a year older on 1 March in common years.
 */

/** Under this age a patient is a child: paediatric booking, triage's child red flags. */
export const ADULT_AGE = 18;
/** From this age a dependent may be given a login of their own (a guardian keeps access). */
export const OWN_LOGIN_MIN_AGE = 13;
/** The specialty a child is booked with by default. */
export const PAEDIATRIC_SPECIALTY = 'Pediatrics';

/** `YYYY-MM-DD` of `at` in the IANA zone `zone`. */
export function civilDate(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole years between the birth date and `today` (both `YYYY-MM-DD`); never negative. */
export function ageInYears(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return Math.max(0, age);
}

export type AgeBand = 'infant' | 'child' | 'adolescent' | 'adult';

export function ageBand(age: number): AgeBand {
  if (age < 2) return 'infant';
  if (age < 12) return 'child';
  if (age < ADULT_AGE) return 'adolescent';
  return 'adult';
}

export interface AgeRules {
  age: number;
  band: AgeBand;
  /** Booked with a paediatrician by default, and triaged with the child red flags. */
  paediatric: boolean;
  /** Old enough to be given a login of their own. */
  mayHaveOwnLogin: boolean;
}

export function ageRules(birthDate: string, today: string): AgeRules {
  const age = ageInYears(birthDate, today);
  return {
    age,
    band: ageBand(age),
    paediatric: age < ADULT_AGE,
    mayHaveOwnLogin: age >= OWN_LOGIN_MIN_AGE,
  };
}

/** A birth date is a real calendar date, not in the future, and at most 120 years back. */
export function birthDateProblem(birthDate: string, today: string): 'invalid' | 'future' | 'too_old' | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return 'invalid';
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate) return 'invalid';
  if (birthDate > today) return 'future';
  if (ageInYears(birthDate, today) > 120) return 'too_old';
  return null;
}
