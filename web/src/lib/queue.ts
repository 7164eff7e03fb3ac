/** The AI symptom check's result (POST /triage) and how it enters a doctor's queue. */
export type { Triage } from './types.ts';

/** Queue priorities run 1 (most urgent) to 5. */
export const priorityTone = (p: number | null) =>
  p === null ? 'neutral' : p <= 1 ? 'danger' : p <= 2 ? 'warning' : 'info';
