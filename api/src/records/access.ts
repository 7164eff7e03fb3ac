import type { Queryable } from '@telehealth/platform/db/index';
import { doctorNotVerified, isVerifiedClinician, VERIFIED_CLINICIAN } from '../doctors/clinician.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { forbidden, notFound } from '../http/errors.ts';

/**
 * Who may see what (issue 9):
 * - a patient sees their own records;
 * - a doctor sees a record they wrote (visit) or uploaded (file), or one covered by an active consent
 *   (all records, or that one record), or any of the patient's records during active emergency access;
 * - admins see no clinical content: they review emergency access and the audit log, and read a
 *   patient's records only under a break-glass of their own (break-glass.ts), every read audited.
 * Every doctor power requires a verified clinician (issue 21): an unverified doctor reads nothing,
 * not even what they wrote while they were verified.
 * What was written under an emergency grant an admin flagged is quarantined: hidden from everyone
 * but admins (under break-glass) until an admin clears it.
 * Expiry is evaluated with the database clock, like every other time in these checks.
 */

/** Why a read was allowed; recorded in the audit entry. */
export type ReadBasis =
  | { kind: 'patient' }
  | { kind: 'author' }
  | { kind: 'consent'; consentId: string }
  | { kind: 'emergency'; emergencyAccessId: string }
  | { kind: 'admin_break_glass'; breakGlassId: string };

const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

/** A consent (consents row, `alias`) in force: not revoked, and open-ended or not yet expired. */
export const activeConsentSql = (alias?: string) =>
  `(${column(alias, 'revoked_at')} IS NULL AND (${column(alias, 'expires_at')} IS NULL OR ${column(alias, 'expires_at')} > now()))`;

/**
 * A time-boxed grant (an emergency_access or admin_break_glass row, `alias`) still running: neither
 * ended early (by its holder, a flag, an erasure, a suspension) nor past its end.
 */
export const runningGrantSql = (alias?: string) =>
  `(${column(alias, 'ended_at')} IS NULL AND ${column(alias, 'expires_at')} > now())`;

export const ACTIVE_CONSENT = activeConsentSql();
export const ACTIVE_EMERGENCY = runningGrantSql();
/** A record (visit_records or record_files row, column `col`) written under a flagged grant. */
export const QUARANTINED = (col: string) =>
  `EXISTS (SELECT 1 FROM emergency_access qe WHERE qe.id = ${col} AND qe.review_status = 'flagged')`;

/** Whether a record written under emergency grant `grantId` is quarantined now. */
export async function isQuarantined(q: Queryable, grantId: string | null | undefined): Promise<boolean> {
  if (!grantId) return false;
  const { rows } = await q.query<{ yes: boolean }>(`SELECT ${QUARANTINED('$1::uuid')} AS yes`, [grantId]);
  return rows[0]?.yes === true;
}

/**
 * The grant (consent or emergency access) under which a doctor may read a patient's records: without
 * recordId only grants covering all records count; with it, a consent for that one record too.
 * A consent is preferred over emergency access so ordinary reads are not labelled as break-glass.
 */
export async function doctorGrant(
  q: Queryable,
  doctorId: string,
  patientId: string,
  recordId?: string,
): Promise<Extract<ReadBasis, { kind: 'consent' | 'emergency' }> | undefined> {
  const { rows } = await q.query<{ kind: 'consent' | 'emergency'; id: string }>(
    `SELECT * FROM (
       SELECT 'consent' AS kind, id, 0 AS pref FROM consents
        WHERE doctor_id = $1 AND patient_id = $2 AND ${ACTIVE_CONSENT} AND (scope = 'all' OR record_id = $3::uuid)
       UNION ALL
       SELECT 'emergency' AS kind, id, 1 AS pref FROM emergency_access
        WHERE doctor_id = $1 AND patient_id = $2 AND ${ACTIVE_EMERGENCY}
     ) g WHERE ${VERIFIED_CLINICIAN('$1::uuid')} ORDER BY pref LIMIT 1`,
    [doctorId, patientId, recordId ?? null],
  );
  const g = rows[0];
  if (!g) return undefined;
  return g.kind === 'consent'
    ? { kind: 'consent', consentId: g.id }
    : { kind: 'emergency', emergencyAccessId: g.id };
}

/** Whether the doctor wrote (visit) or uploaded (file) this record of this patient. */
export async function isAuthor(
  q: Queryable,
  doctorId: string,
  patientId: string,
  recordId: string,
): Promise<boolean> {
  const { rows } = await q.query<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM visit_records WHERE id = $3 AND patient_id = $2 AND doctor_id = $1)
         OR EXISTS (SELECT 1 FROM record_files WHERE id = $3 AND patient_id = $2 AND uploaded_by = $1 AND status = 'ready') AS yes`,
    [doctorId, patientId, recordId],
  );
  return rows[0]?.yes === true;
}

/**
 * The consent check for other modules (AI summaries, booking, consultations): may this doctor read
 * this patient's records — all of them (no recordId), or this one record (author, single-record
 * consent, full consent, or emergency access)?
 */
export async function canDoctorRead(
  q: Queryable,
  doctorId: string,
  patientId: string,
  recordId?: string,
): Promise<boolean> {
  if (!(await isVerifiedClinician(q, doctorId))) return false;
  if (recordId && (await recordQuarantined(q, recordId))) return false;
  if (recordId && (await isAuthor(q, doctorId, patientId, recordId))) return true;
  return (await doctorGrant(q, doctorId, patientId, recordId)) !== undefined;
}

/** Whether the visit or file with this id is quarantined. */
async function recordQuarantined(q: Queryable, recordId: string): Promise<boolean> {
  const { rows } = await q.query<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM visit_records v WHERE v.id = $1 AND ${QUARANTINED('v.emergency_grant_id')})
         OR EXISTS (SELECT 1 FROM record_files f WHERE f.id = $1 AND ${QUARANTINED('f.emergency_grant_id')}) AS yes`,
    [recordId],
  );
  return rows[0]?.yes === true;
}

export type WriteBasis = 'consent' | 'emergency' | 'appointment' | 'consultation';
export type WritePermission =
  | { ok: true; basis: WriteBasis; emergencyGrantId?: string }
  | { ok: false; code: 'DOCTOR_NOT_VERIFIED' | 'CONSENT_REQUIRED' | 'APPOINTMENT_MISMATCH' };

/**
 * May a doctor add a visit record (or upload a file) for a patient? Yes with an all-records consent
 * or active emergency access, when writing for their appointment with the patient, or after a
 * consultation with them (a walk-in from the queue has no appointment) — and only as a verified
 * clinician. A write under emergency access names its grant, so flagging the grant can quarantine it.
 */
export async function mayDoctorWrite(
  q: Queryable,
  doctorId: string,
  patientId: string,
  appointmentId?: string,
): Promise<WritePermission> {
  if (!(await isVerifiedClinician(q, doctorId))) return { ok: false, code: 'DOCTOR_NOT_VERIFIED' };
  if (appointmentId) {
    const m = await q.query(
      'SELECT 1 FROM appointments WHERE id = $1 AND doctor_id = $2 AND patient_id = $3',
      [appointmentId, doctorId, patientId],
    );
    return m.rows.length > 0
      ? { ok: true, basis: 'appointment' }
      : { ok: false, code: 'APPOINTMENT_MISMATCH' };
  }
  // A walk-in visit from the queue has no appointment: the consultation itself is the basis.
  const c = await q.query('SELECT 1 FROM consultations WHERE doctor_id = $1 AND patient_id = $2 LIMIT 1', [
    doctorId,
    patientId,
  ]);
  if (c.rows.length > 0) return { ok: true, basis: 'consultation' };
  const g = await doctorGrant(q, doctorId, patientId);
  if (!g) return { ok: false, code: 'CONSENT_REQUIRED' };
  return g.kind === 'emergency'
    ? { ok: true, basis: 'emergency', emergencyGrantId: g.emergencyAccessId }
    : { ok: true, basis: 'consent' };
}

export const consentRequired = () =>
  forbidden('CONSENT_REQUIRED', "You need the patient's consent (or emergency access) to see this record");

export const breakGlassRequired = () =>
  forbidden(
    'BREAK_GLASS_REQUIRED',
    'Admins do not read clinical content; open a break-glass for this patient (reason required, audited) first',
  );

/**
 * Authorises reading one record. Patients get 404 for records that are not theirs (no probing of
 * ids); doctors get 403 DOCTOR_NOT_VERIFIED unless verified, 403 CONSENT_REQUIRED when the record
 * exists but no grant covers it; admins 403 BREAK_GLASS_REQUIRED without a break-glass of their own.
 * A quarantined record does not exist for anyone but an admin.
 */
export async function authorizeRecordRead(
  q: Queryable,
  user: AuthedUser,
  record: { id: string; patientId: string; authorId: string | null; emergencyGrantId?: string | null },
  notFoundCode: string,
): Promise<ReadBasis> {
  if (user.role !== 'admin' && (await isQuarantined(q, record.emergencyGrantId)))
    throw notFound(notFoundCode, 'No such record');
  if (user.role === 'patient') {
    if (record.patientId !== user.id) throw notFound(notFoundCode, 'No such record');
    return { kind: 'patient' };
  }
  if (user.role === 'doctor') {
    if (!(await isVerifiedClinician(q, user.id))) throw doctorNotVerified();
    if (record.authorId === user.id) return { kind: 'author' };
    const g = await doctorGrant(q, user.id, record.patientId, record.id);
    if (g) return g;
    throw consentRequired();
  }
  const bg = await activeBreakGlass(q, user.id, record.patientId);
  if (bg) return { kind: 'admin_break_glass', breakGlassId: bg.id };
  throw breakGlassRequired();
}

/** The admin's running break-glass for this patient, if any (database clock). */
export async function activeBreakGlass(
  q: Queryable,
  adminId: string,
  patientId: string,
): Promise<{ id: string } | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM admin_break_glass WHERE admin_id = $1 AND patient_id = $2 AND ${runningGrantSql()}
      ORDER BY expires_at DESC LIMIT 1`,
    [adminId, patientId],
  );
  return rows[0];
}

/**
 * How much of a patient's records list the caller sees: the patient all of it ('owner'); a verified
 * doctor all of it under an all-records consent or emergency access ('full'), else only what they
 * wrote or uploaded and single records consented to ('partial', see readableRecordsSql); an admin
 * all of it under a break-glass of their own, nothing otherwise.
 */
export async function recordsListAccess(
  q: Queryable,
  user: AuthedUser,
  patientId: string,
): Promise<{ access: 'owner' | 'full' | 'partial'; basis: ReadBasis }> {
  if (user.role === 'doctor') {
    if (!(await isVerifiedClinician(q, user.id))) throw doctorNotVerified();
    const g = await doctorGrant(q, user.id, patientId);
    return g ? { access: 'full', basis: g } : { access: 'partial', basis: { kind: 'author' } };
  }
  if (user.role === 'admin') {
    const bg = await activeBreakGlass(q, user.id, patientId);
    if (!bg) throw breakGlassRequired();
    return { access: 'full', basis: { kind: 'admin_break_glass', breakGlassId: bg.id } };
  }
  return { access: 'owner', basis: { kind: 'patient' } };
}

/**
 * The rows of a records list (a subquery `x` with id, author, emergency_grant_id; patient $1 and,
 * for partial access, doctor $2) the caller may see: on partial access what the doctor wrote or
 * uploaded and single records consented to; what was written under a flagged emergency grant only
 * for admins, who review it.
 */
export const readableRecordsSql = (access: 'owner' | 'full' | 'partial', role: AuthedUser['role']) =>
  [
    access === 'partial'
      ? `AND (x.author = $2 OR x.id IN (SELECT record_id FROM consents WHERE patient_id = $1 AND doctor_id = $2
                 AND scope = 'record' AND ${ACTIVE_CONSENT}))`
      : '',
    role === 'admin' ? '' : `AND NOT ${QUARANTINED('x.emergency_grant_id')}`,
  ].join(' ');

/** Audit details for a basis: ids only. */
export const basisDetails = (b: ReadBasis) => ({
  basis: b.kind,
  ...(b.kind === 'consent' ? { consentId: b.consentId } : {}),
  ...(b.kind === 'emergency' ? { emergencyAccessId: b.emergencyAccessId } : {}),
  ...(b.kind === 'admin_break_glass' ? { breakGlassId: b.breakGlassId } : {}),
});

/** The audit entry's reason for a read on this basis. */
export const basisReason = (b: ReadBasis) =>
  b.kind === 'emergency' ? 'emergency access' : b.kind === 'admin_break_glass' ? 'admin break-glass' : null;
