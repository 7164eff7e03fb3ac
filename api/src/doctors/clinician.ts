import type { Queryable } from '@telehealth/platform/db/index';
import { forbidden } from '../http/errors.ts';

/**
 * Clinical powers (emergency access, writing visits and prescriptions, being on call, taking
 * walk-ins, seeing queue identities, reading records under consent) belong to verified clinicians
 * only: an active doctor whose profile an admin verified (issue 21).
 *
 * The rule itself is the SQL function `is_verified_clinician(uuid)` (migration 0052), so every check
 * — here, in records' own queries, in the signaling queue — asks the database the same question at
 * the moment it acts; there is no in-process cache to go stale after an admin withdraws a
 * verification. Use `VERIFIED_CLINICIAN(param)` inside a larger query, these helpers otherwise.
 */
export const VERIFIED_CLINICIAN = (idExpr: string) => `is_verified_clinician(${idExpr})`;

export async function isVerifiedClinician(q: Queryable, userId: string): Promise<boolean> {
  const { rows } = await q.query<{ ok: boolean }>(`SELECT ${VERIFIED_CLINICIAN('$1::uuid')} AS ok`, [userId]);
  return rows[0]?.ok === true;
}

export const doctorNotVerified = () =>
  forbidden(
    'DOCTOR_NOT_VERIFIED',
    'Clinical actions need a doctor account verified by an administrator; yours is not (yet)',
  );

/** Throws 403 DOCTOR_NOT_VERIFIED unless the user is a verified clinician. */
export async function requireVerifiedClinician(q: Queryable, userId: string): Promise<void> {
  if (!(await isVerifiedClinician(q, userId))) throw doctorNotVerified();
}
