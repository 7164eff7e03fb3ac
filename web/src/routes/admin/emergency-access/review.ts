import type { EmergencyAccess } from '$lib/types.ts';

/** The review states an admin filters by, in the order the filter lists them. */
export const REVIEW = [
  'pending',
  'approved',
  'flagged',
  'cleared',
] as const satisfies readonly EmergencyAccess['reviewStatus'][];
