/** Pure queue rules: ordering, positions and ETA. The durable state lives in PostgreSQL. */

export const DEFAULT_PRIORITY = 3;
/** Consultations remembered for the rolling median. */
export const MEDIAN_WINDOW = 20;
export const DEFAULT_CONSULT_SECONDS = 15 * 60;

export function effectivePriority(triage: number | null, override: number | null): number {
  return override ?? triage ?? DEFAULT_PRIORITY;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Seconds until the patient at `position` (1-based among waiting) is likely called: everyone ahead
 * takes one median consultation, and the visit in progress has the median minus what it already took.
 */
export function etaSeconds(
  position: number,
  medianSeconds: number,
  inProgressElapsedSeconds: number | null,
): number {
  const current =
    inProgressElapsedSeconds === null ? 0 : Math.max(0, medianSeconds - inProgressElapsedSeconds);
  return Math.round((position - 1) * medianSeconds + current);
}
