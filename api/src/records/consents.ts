import { audit } from '../audit/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { badRequest, notFound } from '../http/errors.ts';
import { activeConsentSql } from './access.ts';
import type { AuditActor } from './files.ts';
import type { z } from 'zod';
import type { Consent, ConsentInput } from './schemas.ts';

interface ConsentRow {
  id: string;
  patient_id: string;
  patient_name: string;
  doctor_id: string;
  doctor_name: string;
  scope: 'all' | 'record';
  record_type: 'file' | 'visit' | null;
  record_id: string | null;
  expires_at: Date | null;
  created_at: Date;
  revoked_at: Date | null;
  active: boolean;
}

const SELECT = `SELECT c.*, p.name AS patient_name, d.name AS doctor_name,
    ${activeConsentSql('c')} AS active
  FROM consents c JOIN users p ON p.id = c.patient_id JOIN users d ON d.id = c.doctor_id`;

const toConsent = (r: ConsentRow): z.infer<typeof Consent> => ({
  id: r.id,
  patientId: r.patient_id,
  patientName: r.patient_name,
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  scope: r.scope,
  recordType: r.record_type,
  recordId: r.record_id,
  expiresAt: r.expires_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  active: r.active,
});

/** A patient grants a doctor access to all their records or to one, optionally until a time. */
export async function grantConsent(
  q: Queryable,
  patientId: string,
  input: z.infer<typeof ConsentInput>,
  actor: AuditActor,
) {
  const doc = await q.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'doctor' AND status = 'active'`, [
    input.doctorId,
  ]);
  if (doc.rows.length === 0) throw notFound('DOCTOR_NOT_FOUND', 'No such doctor');
  let recordType: 'file' | 'visit' | null = null;
  if (input.recordId) {
    const { rows } = await q.query<{ kind: 'file' | 'visit' }>(
      `SELECT 'file' AS kind FROM record_files WHERE id = $1 AND patient_id = $2 AND status = 'ready'
       UNION ALL SELECT 'visit' FROM visit_records WHERE id = $1 AND patient_id = $2`,
      [input.recordId, patientId],
    );
    if (!rows[0]) throw notFound('RECORD_NOT_FOUND', 'No such record of yours');
    recordType = rows[0].kind;
  }
  if (input.until) {
    const future = await q.query<{ ok: boolean }>('SELECT $1::timestamptz > now() AS ok', [input.until]);
    if (!future.rows[0]?.ok) throw badRequest('UNTIL_IN_PAST', '"until" must be in the future');
  }
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO consents (patient_id, doctor_id, scope, record_type, record_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [patientId, input.doctorId, input.scope, recordType, input.recordId ?? null, input.until ?? null],
  );
  const id = rows[0]!.id;
  await audit(q, {
    ...actor,
    action: 'consent.grant',
    subjectId: patientId,
    recordType: 'consent',
    recordId: id,
    details: {
      doctorId: input.doctorId,
      scope: input.scope,
      ...(input.recordId ? { recordId: input.recordId } : {}),
      until: input.until ?? null,
    },
  });
  return toConsent((await q.query<ConsentRow>(`${SELECT} WHERE c.id = $1`, [id])).rows[0]!);
}

/** Revokes at once; revoking twice is a no-op. Only the patient who granted it may revoke. */
export async function revokeConsent(q: Queryable, patientId: string, id: string, actor: AuditActor) {
  const { rows } = await q.query<{ revoked_now: boolean; doctor_id: string }>(
    `WITH target AS (SELECT id, revoked_at FROM consents WHERE id = $1 AND patient_id = $2 FOR UPDATE)
     UPDATE consents c SET revoked_at = COALESCE(c.revoked_at, now()) FROM target
      WHERE c.id = target.id RETURNING (target.revoked_at IS NULL) AS revoked_now, c.doctor_id`,
    [id, patientId],
  );
  if (!rows[0]) throw notFound('CONSENT_NOT_FOUND', 'No such consent');
  if (rows[0].revoked_now)
    await audit(q, {
      ...actor,
      action: 'consent.revoke',
      subjectId: patientId,
      recordType: 'consent',
      recordId: id,
      details: { doctorId: rows[0].doctor_id },
    });
}

export async function listConsents(
  q: Queryable,
  who: { patientId?: string; doctorId?: string },
  activeOnly: boolean,
) {
  const { rows } = await q.query<ConsentRow>(
    `${SELECT} WHERE ($1::uuid IS NULL OR c.patient_id = $1) AND ($2::uuid IS NULL OR c.doctor_id = $2)
       AND (NOT $3 OR ${activeConsentSql('c')})
     ORDER BY c.created_at DESC LIMIT 500`,
    [who.patientId ?? null, who.doctorId ?? null, activeOnly],
  );
  return rows.map(toConsent);
}
