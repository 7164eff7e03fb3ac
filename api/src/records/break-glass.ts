import { notify, type Bus } from '@telehealth/signaling';
import { audit } from '../audit/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { notFound } from '../http/errors.ts';
import { activeBreakGlass, runningGrantSql } from './access.ts';
import type { AuditActor } from './files.ts';
import type { AdminBreakGlass } from './schemas.ts';
import type { z } from 'zod';

/**
 * An admin's break-glass (issue 21): admins see no clinical content — records, triage results — unless
 * they state a reason for one patient and accept a short time box. Opening it and every read under
 * it are audited, and the patient is told in their notification bell. It is a small table of its
 * own rather than a row in emergency_access: it is not a doctor's grant (no writes, no daily limit,
 * no review queue of doctors' actions).
 */

interface Row {
  id: string;
  admin_id: string;
  patient_id: string;
  patient_name: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  active: boolean;
}

const SELECT = `SELECT b.*, p.name AS patient_name, ${runningGrantSql('b')} AS active
  FROM admin_break_glass b JOIN users p ON p.id = b.patient_id`;

const toDto = (r: Row): z.infer<typeof AdminBreakGlass> => ({
  id: r.id,
  adminId: r.admin_id,
  patientId: r.patient_id,
  patientName: r.patient_name,
  reason: r.reason,
  grantedAt: r.granted_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  active: r.active,
});

export async function openBreakGlass(
  q: Queryable,
  bus: Pick<Bus, 'publish'>,
  input: { patientId: string; reason: string; minutes: number },
  actor: AuditActor,
) {
  const p = await q.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'patient'`, [input.patientId]);
  if (p.rows.length === 0) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
  const { rows } = await q.query<{ id: string; expires_at: Date }>(
    `INSERT INTO admin_break_glass (admin_id, patient_id, reason, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4::int)) RETURNING id, expires_at`,
    [actor.actorId, input.patientId, input.reason, input.minutes],
  );
  const g = rows[0]!;
  await notify(q, bus, input.patientId, {
    kind: 'records.admin_access',
    title: 'An administrator opened your records',
    body: 'For a stated, audited reason and for a short time only.',
    data: { breakGlassId: g.id, expiresAt: g.expires_at.toISOString(), url: '/records' },
  });
  await audit(q, {
    ...actor,
    action: 'admin.break_glass',
    subjectId: input.patientId,
    recordType: 'admin_break_glass',
    recordId: g.id,
    reason: input.reason,
    details: { minutes: input.minutes, expiresAt: g.expires_at.toISOString() },
  });
  return toDto((await q.query<Row>(`${SELECT} WHERE b.id = $1`, [g.id])).rows[0]!);
}

export async function listBreakGlass(q: Queryable, adminId: string) {
  const { rows } = await q.query<Row>(`${SELECT} WHERE b.admin_id = $1 ORDER BY b.granted_at DESC LIMIT 50`, [
    adminId,
  ]);
  return rows.map(toDto);
}

/** Ends the admin's own break-glass early. */
export async function closeBreakGlass(q: Queryable, id: string, actor: AuditActor) {
  const { rows } = await q.query<{ patient_id: string }>(
    `UPDATE admin_break_glass SET ended_at = now() WHERE id = $1 AND admin_id = $2 AND ended_at IS NULL RETURNING patient_id`,
    [id, actor.actorId],
  );
  if (!rows[0]) throw notFound('BREAK_GLASS_NOT_FOUND', 'No such open break-glass');
  await audit(q, {
    ...actor,
    action: 'admin.break_glass_end',
    subjectId: rows[0].patient_id,
    recordType: 'admin_break_glass',
    recordId: id,
  });
}

/**
 * For other modules' clinical content (triage results): may this admin read it? Only under their
 * own break-glass for the patient, and the read is audited on `q` before the content is returned.
 */
export async function adminClinicalRead(
  q: Queryable,
  actor: AuditActor,
  read: { patientId: string; recordType: string; recordId: string; action: string },
): Promise<boolean> {
  const g = await activeBreakGlass(q, actor.actorId, read.patientId);
  if (!g) return false;
  await audit(q, {
    ...actor,
    action: read.action,
    subjectId: read.patientId,
    recordType: read.recordType,
    recordId: read.recordId,
    reason: 'admin break-glass',
    details: { basis: 'admin_break_glass', breakGlassId: g.id },
  });
  return true;
}
