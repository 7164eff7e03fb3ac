import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';

/**
 * The audited actions that show someone opened a patient's records (records, files, visits and
 * their PDFs, prescriptions, the symptom check, an AI summary of a report). The audit log is the
 * source: every such read writes its entry on the read's own transaction (records/routes/).
 */
export const RECORD_READS = [
  'records.list',
  'file.read',
  'visit.read',
  'visit.export_pdf',
  'prescription.export_pdf',
  'triage.read',
  'ai.summarize',
  'profile.read',
  'summary.read',
] as const;

const Bases = ['consent', 'emergency', 'author', 'admin_break_glass', 'clinician', 'other'] as const;

const RecordsAccessEntry = z
  .object({
    at: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string(),
    actorRole: z.string().nullable(),
    action: z.enum(RECORD_READS),
    recordType: z.string().nullable(),
    basis: z.enum(Bases).meta({
      description: 'Why the read was allowed: consent, emergency access, own note, admin break-glass',
    }),
    /** The consent read under: all records, or the one record. */
    consentScope: z.enum(['all', 'record']).nullable(),
    /** The emergency access read under: its coded reason. */
    reasonCode: z.string().nullable(),
    /** In the reader's words: the emergency access's justification, or the admin's break-glass reason. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'RecordsAccessEntry' });

/** The basis a read was recorded under (records/access.ts basisDetails), in a closed set. */
export function basisOf(
  details: Record<string, unknown> | null,
  role: string | null,
): (typeof Bases)[number] {
  const b = details?.basis;
  if (b === 'consent' || b === 'emergency' || b === 'author' || b === 'admin_break_glass') return b;
  // Reads recorded without a basis (the triage a treating doctor opens) are a clinician's.
  return role === 'doctor' ? 'clinician' : 'other';
}

/**
 * A patient's view of who opened their records and when (issue 15): the read entries of the audit
 * log about them, by anyone but themselves, newest first. Names only; nothing of what was read.
 */
export function registerRecordsAccessRoutes(route: RouteBuilder, ctx: AppContext) {
  route({
    method: 'get',
    path: '/me/records-access',
    summary: 'Patient: who opened my records, when and on what basis (consent, emergency access, …)',
    tags: ['records'],
    access: ['patient'],
    query: PageQuery,
    response: paged(RecordsAccessEntry),
    handler: async ({ user, query }) => {
      const where = `WHERE a.subject_id = $1 AND a.action = ANY($2) AND a.actor_id IS DISTINCT FROM $1`;
      const params = [user.id, [...RECORD_READS]];
      const total = (
        await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a ${where}`, params)
      ).rows[0]!.n;
      const { rows } = await ctx.db.query<{
        at: Date;
        actor_id: string | null;
        actor_role: string | null;
        actor_name: string | null;
        action: (typeof RECORD_READS)[number];
        record_type: string | null;
        details: Record<string, unknown> | null;
        consent_scope: 'all' | 'record' | null;
        reason_code: string | null;
        reason: string | null;
      }>(
        // The grant each read names in its details (records/access.ts basisDetails) says why.
        `SELECT a.at, a.actor_id, a.actor_role, u.name AS actor_name, a.action, a.record_type, a.details,
                c.scope AS consent_scope, e.reason_code, COALESCE(e.justification, b.reason) AS reason
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           LEFT JOIN consents c ON c.id::text = a.details->>'consentId' AND c.patient_id = a.subject_id
           LEFT JOIN emergency_access e ON e.id::text = a.details->>'emergencyAccessId' AND e.patient_id = a.subject_id
           LEFT JOIN admin_break_glass b ON b.id::text = a.details->>'breakGlassId' AND b.patient_id = a.subject_id
           ${where}
          ORDER BY a.seq DESC LIMIT $3 OFFSET $4`,
        [...params, query.pageSize, offsetOf(query)],
      );
      return {
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          actorId: r.actor_id,
          // An erased account keeps its entries (the log outlives it); say so rather than guess.
          actorName: r.actor_name ?? 'A former user',
          actorRole: r.actor_role,
          action: r.action,
          recordType: r.record_type,
          basis: basisOf(r.details, r.actor_role),
          consentScope: r.consent_scope,
          reasonCode: r.reason_code,
          reason: r.reason,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },
  });
}
