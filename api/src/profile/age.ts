/**
 * Whole years between a civil birth date (YYYY-MM-DD) and the civil date of `now` in UTC. A birthday
 * on 29 February counts on 1 March in common years (the day after 28 February). Pure.
 */
export function ageInYears(dateOfBirth: string | undefined, now: Date): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const ny = now.getUTCFullYear();
  const nm = now.getUTCMonth() + 1;
  const nd = now.getUTCDate();
  let age = ny - y;
  if (nm < m || (nm === m && nd < d)) age -= 1;
  return age < 0 ? null : age;
}
