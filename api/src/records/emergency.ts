import { audit } from '../audit/index.ts';
import type { Queryable } from '../db/index.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { z } from 'zod';
import { emergencyAccessEmail } from './emails.ts';
import type { AuditActor } from './files.ts';
import type { EmergencyAccess, ReviewStatuses } from './schemas.ts';

interface EmergencyRow {
  id: string;
  doctor_id: string;
  doctor_name: string;
  patient_id: string;
  patient_name: string;
  justification: string;
  granted_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  active: boolean;
  review_status: (typeof ReviewStatuses)[number];
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

const SELECT = `SELECT e.*, d.name AS doctor_name, p.name AS patient_name,
    (e.ended_at IS NULL AND e.expires_at > now()) AS active
  FROM emergency_access e JOIN users d ON d.id = e.doctor_id JOIN users p ON p.id = e.patient_id`;

const toGrant = (r: EmergencyRow): z.infer<typeof EmergencyAccess> => ({
  id: r.id,
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  patientId: r.patient_id,
  patientName: r.patient_name,
  justification: r.justification,
  grantedAt: r.granted_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  active: r.active,
  reviewStatus: r.review_status,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at?.toISOString() ?? null,
  reviewNote: r.review_note,
});

/**
 * Break-glass: the doctor states a reason and gets time-boxed access to all of the patient's records
 * at once. The patient is emailed (outbox, same transaction) and the grant waits for admin review.
 */
export async function requestEmergencyAccess(
  q: Queryable,
  input: { doctorId: string; patientId: string; justification: string; hours: number; link: string },
  actor: AuditActor,
) {
  const { rows: people } = await q.query<{ id: string; email: string; name: string }>(
    `SELECT id, email, name FROM users WHERE id = $1 AND role = 'patient' AND status = 'active'`,
    [input.patientId],
  );
  const patient = people[0];
  if (!patient) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
  const { rows } = await q.query<{ id: string; expires_at: Date }>(
    `INSERT INTO emergency_access (doctor_id, patient_id, justification, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int)) RETURNING id, expires_at`,
    [input.doctorId, input.patientId, input.justification, input.hours],
  );
  const grant = rows[0]!;
  const doctorName = (
    await q.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [input.doctorId])
  ).rows[0]!.name;
  await enqueueEmail(q, {
    to: patient.email,
    message: emergencyAccessEmail({
      patientName: patient.name,
      doctorName,
      expiresAt: grant.expires_at,
      link: input.link,
    }),
  });
  await audit(q, {
    ...actor,
    action: 'emergency.grant',
    subjectId: input.patientId,
    recordType: 'emergency_access',
    recordId: grant.id,
    reason: input.justification,
    details: { hours: input.hours, expiresAt: grant.expires_at.toISOString() },
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
 * An admin approves or flags a grant. Flagging also ends the access now if it is still running.
 * A grant is reviewed once; a second review is a conflict.
 */
export async function reviewEmergencyAccess(
  q: Queryable,
  id: string,
  review: { decision: 'approved' | 'flagged'; note?: string },
  actor: AuditActor,
) {
  const { rows } = await q.query<{ review_status: string; patient_id: string }>(
    'SELECT review_status, patient_id FROM emergency_access WHERE id = $1 FOR UPDATE',
    [id],
  );
  const cur = rows[0];
  if (!cur) throw notFound('EMERGENCY_ACCESS_NOT_FOUND', 'No such emergency access');
  if (cur.review_status !== 'pending')
    throw conflict('ALREADY_REVIEWED', `This emergency access was already ${cur.review_status}`);
  await q.query(
    `UPDATE emergency_access SET review_status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4,
       ended_at = CASE WHEN $2 = 'flagged' AND ended_at IS NULL AND expires_at > now() THEN now() ELSE ended_at END
     WHERE id = $1`,
    [id, review.decision, actor.actorId, review.note ?? null],
  );
  await audit(q, {
    ...actor,
    action: review.decision === 'approved' ? 'emergency.approve' : 'emergency.flag',
    subjectId: cur.patient_id,
    recordType: 'emergency_access',
    recordId: id,
    reason: review.note ?? null,
  });
  return toGrant((await q.query<EmergencyRow>(`${SELECT} WHERE e.id = $1`, [id])).rows[0]!);
}
