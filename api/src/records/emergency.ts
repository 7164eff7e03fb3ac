import { notify, type Bus } from '@telehealth/signaling';
import { audit } from '../audit/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { doctorNotVerified, VERIFIED_CLINICIAN } from '../doctors/clinician.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { conflict, notFound, tooManyRequests } from '../http/errors.ts';
import type { z } from 'zod';
import { emergencyAccessAdminEmail, emergencyAccessEmail, utcMinute } from './emails.ts';
import { ACTIVE_EMERGENCY, runningGrantSql } from './access.ts';
import type { AuditActor } from './files.ts';
import type { EmergencyAccess, EmergencyReasonCode, ReviewStatuses } from './schemas.ts';

interface EmergencyRow {
  id: string;
  doctor_id: string;
  doctor_name: string;
  patient_id: string;
  patient_name: string;
  reason_code: EmergencyReasonCode | null;
  justification: string;
  granted_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  active: boolean;
  review_status: (typeof ReviewStatuses)[number];
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  visit_ids: string[] | null;
  file_ids: string[] | null;
}

// What was written under each grant travels as ids only: the review shows no clinical content.
const SELECT = `SELECT e.*, d.name AS doctor_name, p.name AS patient_name,
    ${runningGrantSql('e')} AS active,
    ARRAY(SELECT v.id FROM visit_records v WHERE v.emergency_grant_id = e.id ORDER BY v.created_at) AS visit_ids,
    ARRAY(SELECT f.id FROM record_files f WHERE f.emergency_grant_id = e.id AND f.status = 'ready' ORDER BY f.created_at) AS file_ids
  FROM emergency_access e JOIN users d ON d.id = e.doctor_id JOIN users p ON p.id = e.patient_id`;

const toGrant = (r: EmergencyRow): z.infer<typeof EmergencyAccess> => ({
  id: r.id,
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  patientId: r.patient_id,
  patientName: r.patient_name,
  reasonCode: r.reason_code,
  justification: r.justification,
  grantedAt: r.granted_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  active: r.active,
  reviewStatus: r.review_status,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at?.toISOString() ?? null,
  reviewNote: r.review_note,
  writes: { visits: r.visit_ids ?? [], files: r.file_ids ?? [] },
  quarantined: r.review_status === 'flagged',
});

const DAY_S = 24 * 60 * 60;

/**
 * Break-glass: a verified doctor states a coded reason and free text and gets time-boxed access to
 * all of the patient's records at once. In the same transaction: the patient is notified (bell and
 * email, outbox) and so is every admin, and the grant waits for admin review.
 *
 * At most `dailyLimit` grants per doctor in any 24 hours. The doctor's profile row is locked first,
 * so concurrent requests of one doctor count one after the other and the limit holds in the database.
 */
export async function requestEmergencyAccess(
  q: Queryable,
  bus: Pick<Bus, 'publish'>,
  input: {
    doctorId: string;
    patientId: string;
    reasonCode: EmergencyReasonCode;
    justification: string;
    hours: number;
    dailyLimit: number;
    link: string;
    adminLink: string;
  },
  actor: AuditActor,
) {
  const { rows: me } = await q.query<{ verified: boolean; name: string }>(
    `SELECT ${VERIFIED_CLINICIAN('dp.user_id')} AS verified, u.name FROM doctor_profiles dp JOIN users u ON u.id = dp.user_id
      WHERE dp.user_id = $1 FOR UPDATE OF dp`,
    [input.doctorId],
  );
  if (!me[0]?.verified) throw doctorNotVerified();
  const doctorName = me[0].name;
  const { rows: people } = await q.query<{ id: string; email: string; name: string; locale: string }>(
    `SELECT id, email, name, locale FROM users WHERE id = $1 AND role = 'patient' AND status = 'active'`,
    [input.patientId],
  );
  const patient = people[0];
  if (!patient) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
  const { rows: used } = await q.query<{ n: number; retry_s: number | null }>(
    `SELECT count(*)::int AS n,
            ceil(extract(epoch FROM min(granted_at) + make_interval(secs => $2) - now()))::int AS retry_s
       FROM emergency_access WHERE doctor_id = $1 AND granted_at > now() - make_interval(secs => $2)`,
    [input.doctorId, DAY_S],
  );
  if (used[0]!.n >= input.dailyLimit)
    throw tooManyRequests(Math.max(1, used[0]!.retry_s ?? DAY_S), 'EMERGENCY_ACCESS_LIMIT');
  const { rows } = await q.query<{ id: string; expires_at: Date }>(
    `INSERT INTO emergency_access (doctor_id, patient_id, reason_code, justification, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5::int)) RETURNING id, expires_at`,
    [input.doctorId, input.patientId, input.reasonCode, input.justification, input.hours],
  );
  const grant = rows[0]!;
  const expiresAt = grant.expires_at.toISOString();
  await notify(q, bus, patient.id, {
    kind: 'records.emergency_access',
    title: 'A doctor used emergency access to your records',
    body: `${doctorName} can see your records until ${utcMinute(grant.expires_at)}.`,
    // The names and times the app writes the notification with, in the reader's language.
    data: { emergencyAccessId: grant.id, expiresAt, doctorName, url: '/records' },
  });
  await enqueueEmail(q, {
    to: patient.email,
    message: emergencyAccessEmail({
      patientName: patient.name,
      doctorName,
      expiresAt: grant.expires_at,
      link: input.link,
      locale: patient.locale,
    }),
  });
  // Every admin hears of it now, not at their next look at the review page. No patient data.
  const { rows: admins } = await q.query<{ id: string; email: string; locale: string }>(
    `SELECT id, email, locale FROM users WHERE role = 'admin' AND status = 'active'`,
  );
  for (const a of admins) {
    await notify(q, bus, a.id, {
      kind: 'admin.emergency_access',
      title: 'Emergency access to review',
      body: `${doctorName} used emergency access (${input.reasonCode}).`,
      data: {
        emergencyAccessId: grant.id,
        doctorName,
        reasonCode: input.reasonCode,
        url: '/admin/emergency-access',
      },
    });
    await enqueueEmail(q, {
      to: a.email,
      message: emergencyAccessAdminEmail({
        doctorName,
        reasonCode: input.reasonCode,
        expiresAt: grant.expires_at,
        link: input.adminLink,
        locale: a.locale,
      }),
    });
  }
  await audit(q, {
    ...actor,
    action: 'emergency.grant',
    subjectId: input.patientId,
    recordType: 'emergency_access',
    recordId: grant.id,
    reason: `${input.reasonCode}: ${input.justification}`,
    details: { reasonCode: input.reasonCode, hours: input.hours, expiresAt, adminsNotified: admins.length },
  });
  return toGrant((await q.query<EmergencyRow>(`${SELECT} WHERE e.id = $1`, [grant.id])).rows[0]!);
}

export async function listEmergencyAccess(
  q: Queryable,
  f: { patientId?: string; doctorId?: string; status?: (typeof ReviewStatuses)[number] },
  page: { limit: number; offset: number },
) {
  const params = [f.patientId ?? null, f.doctorId ?? null, f.status ?? null];
  const where = `WHERE ($1::uuid IS NULL OR e.patient_id = $1) AND ($2::uuid IS NULL OR e.doctor_id = $2) AND ($3::text IS NULL OR e.review_status = $3)`;
  const total = (
    await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM emergency_access e ${where}`, params)
  ).rows[0]!.n;
  const { rows } = await q.query<EmergencyRow>(
    `${SELECT} ${where} ORDER BY e.granted_at DESC LIMIT $4 OFFSET $5`,
    [...params, page.limit, page.offset],
  );
  return { items: rows.map(toGrant), total };
}

/**
 * An admin approves or flags a pending grant. Flagging also ends the access now if it is still
 * running, and quarantines what was written under it (access.ts, QUARANTINED) until an admin clears
 * the flagged grant ('cleared': its writes were reviewed as OK). Any other transition is a conflict.
 */
export async function reviewEmergencyAccess(
  q: Queryable,
  id: string,
  review: { decision: 'approved' | 'flagged' | 'cleared'; note?: string },
  actor: AuditActor,
) {
  const { rows } = await q.query<{ review_status: string; patient_id: string }>(
    'SELECT review_status, patient_id FROM emergency_access WHERE id = $1 FOR UPDATE',
    [id],
  );
  const cur = rows[0];
  if (!cur) throw notFound('EMERGENCY_ACCESS_NOT_FOUND', 'No such emergency access');
  const from = review.decision === 'cleared' ? 'flagged' : 'pending';
  if (cur.review_status !== from)
    throw conflict(
      review.decision === 'cleared' ? 'NOT_FLAGGED' : 'ALREADY_REVIEWED',
      review.decision === 'cleared'
        ? `Only a flagged emergency access can be cleared; this one is ${cur.review_status}`
        : `This emergency access was already ${cur.review_status}`,
    );
  await q.query(
    `UPDATE emergency_access SET review_status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4,
       ended_at = CASE WHEN $2 = 'flagged' AND ${ACTIVE_EMERGENCY} THEN now() ELSE ended_at END
     WHERE id = $1`,
    [id, review.decision, actor.actorId, review.note ?? null],
  );
  await audit(q, {
    ...actor,
    action: { approved: 'emergency.approve', flagged: 'emergency.flag', cleared: 'emergency.clear' }[
      review.decision
    ],
    subjectId: cur.patient_id,
    recordType: 'emergency_access',
    recordId: id,
    reason: review.note ?? null,
  });
  return toGrant((await q.query<EmergencyRow>(`${SELECT} WHERE e.id = $1`, [id])).rows[0]!);
}
