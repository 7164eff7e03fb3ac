import { ApiError } from './api.ts';
import type { PrescribingWarning } from './profile.ts';

/** The warnings of a refused visit save (409 PRESCRIPTION_WARNINGS), or null for any other error. */
export function prescribingWarnings(err: unknown): PrescribingWarning[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'PRESCRIPTION_WARNINGS') return null;
  return (err.details as { warnings: PrescribingWarning[] }).warnings;
}
