import type { Queryable } from '@telehealth/platform/db/index';
import type { CallWindowPolicy } from '../booking/window.ts';
import { doctorNotVerified, isVerifiedClinician, VERIFIED_CLINICIAN } from '../doctors/clinician.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { notFound } from '../http/errors.ts';
import {
  activeBreakGlass,
  basisDetails,
  breakGlassRequired,
  consentRequired,
  doctorGrant,
  type ReadBasis,
} from '../records/access.ts';

/**
 * Who may read a patient's health profile (issue 19). The profile follows the records' consent
 * (records/access.ts) with one addition: a doctor in an open visit with the patient reads it
 * without a standing consent, because that is when it is needed (before prescribing).
 * - the patient: their own (anyone else's is 404, no probing of ids);
 * - a verified doctor: in an open visit with the patient, under an all-records consent, or under a
 *   running emergency access; else 403 CONSENT_REQUIRED (DOCTOR_NOT_VERIFIED when unverified);
 * - an admin: only under a break-glass of their own (403 BREAK_GLASS_REQUIRED).
 * An open visit: the doctor's confirmed (or just completed) appointment with the patient inside its
 * call window, their queue visit with the patient while called or in the call, or a consultation
 * between them that is running or ended less than the call grace ago (notes are written after).
 */
export type ProfileReadBasis =
  ReadBasis | { kind: 'open_visit'; visit: 'appointment' | 'queue' | 'consultation'; visitId: string };

export async function openVisit(
  q: Queryable,
  doctorId: string,
  patientId: string,
  policy: CallWindowPolicy,
): Promise<Extract<ProfileReadBasis, { kind: 'open_visit' }> | undefined> {
  const { rows } = await q.query<{ kind: 'appointment' | 'queue' | 'consultation'; id: string }>(
    `SELECT kind, id FROM (
       SELECT 'appointment' AS kind, id::text AS id, 0 AS pref FROM appointments
        WHERE doctor_id = $1 AND patient_id = $2 AND status IN ('confirmed', 'completed')
          AND now() >= starts_at - make_interval(mins => $3::int)
          AND now() <= ends_at + make_interval(mins => $4::int)
       UNION ALL
       SELECT 'queue', id::text, 1 FROM queue_entries
        WHERE doctor_id = $1 AND patient_id = $2 AND status IN ('called', 'in_call')
       UNION ALL
       SELECT 'consultation', room_id, 2 FROM consultations
        WHERE doctor_id = $1 AND patient_id = $2 AND started_at IS NOT NULL
          AND (ended_at IS NULL OR ended_at > now() - make_interval(mins => $4::int))
     ) v WHERE ${VERIFIED_CLINICIAN('$1::uuid')} ORDER BY pref LIMIT 1`,
    [doctorId, patientId, policy.doctorJoinWindowMin, policy.graceAfterMin],
  );
  const v = rows[0];
  return v ? { kind: 'open_visit', visit: v.kind, visitId: v.id } : undefined;
}

/** Authorises reading `patientId`'s profile (see above); throws the refusal. */
export async function authorizeProfileRead(
  q: Queryable,
  user: AuthedUser,
  patientId: string,
  policy: CallWindowPolicy,
): Promise<ProfileReadBasis> {
  if (user.role === 'patient') {
    if (user.id !== patientId) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
    return { kind: 'patient' };
  }
  if (user.role === 'doctor') {
    if (!(await isVerifiedClinician(q, user.id))) throw doctorNotVerified();
    const v = await openVisit(q, user.id, patientId, policy);
    if (v) return v;
    const g = await doctorGrant(q, user.id, patientId);
    if (g) return g;
    throw consentRequired();
  }
  const bg = await activeBreakGlass(q, user.id, patientId);
  if (bg) return { kind: 'admin_break_glass', breakGlassId: bg.id };
  throw breakGlassRequired();
}

/**
 * Who may edit a patient's profile: the patient themselves (anyone else: 404, as for reads). Doctors
 * add to it only through a prescription (prescribing/visit.ts).
 */
export async function authorizeProfileWrite(
  _q: Queryable,
  user: AuthedUser,
  patientId: string,
): Promise<void> {
  if (user.role !== 'patient' || user.id !== patientId)
    throw notFound('PATIENT_NOT_FOUND', 'No such patient');
}

/** Audit details for a profile read: ids only. */
export const profileBasisDetails = (b: ProfileReadBasis) =>
  b.kind === 'open_visit' ? { basis: b.kind, visit: b.visit, visitId: b.visitId } : basisDetails(b);
