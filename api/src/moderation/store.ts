import type { Queryable } from '@telehealth/platform/db/types';
import { iso, isoOrNull } from '@telehealth/platform/time';
import type { ChatReport, ReportResolution } from './schemas.ts';

/** Messages shown on each side of the reported one: enough to judge it, no more (minimum necessary). */
export const CONTEXT_EACH_SIDE = 2;

type Row = {
  id: string;
  conversation_id: string;
  reason: string;
  created_at: unknown;
  message_id: string | null;
  resolution: ReportResolution | null;
  resolution_note: string | null;
  resolved_at: unknown;
  reporter: ChatReport['reporter'];
  reported: ChatReport['reported'] | null;
  context:
    (Omit<ChatReport['context'][number], 'createdAt' | 'seq'> & { seq: number; createdAt: string })[] | null;
};

/**
 * The report's subject: the reported message's sender, or (a report of the whole conversation) the
 * participant who is not the reporter. Shared by the list and by resolve, so both act on one person.
 */
const REPORTED_ID = `COALESCE(
  (SELECT m.sender_id FROM chat_messages m WHERE m.id = r.message_id),
  (SELECT p.user_id FROM conversation_participants p
    WHERE p.conversation_id = r.conversation_id AND p.user_id <> r.reporter_id ORDER BY p.role LIMIT 1))`;

const person = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${alias}.role, 'status', ${alias}.status)`;

/**
 * Reports with the reported message and CONTEXT_EACH_SIDE messages around it (a conversation report:
 * its last 2 × CONTEXT_EACH_SIDE + 1 messages before the report). Never the whole conversation.
 */
export async function listReports(
  q: Queryable,
  opts: { status: 'open' | 'resolved'; limit: number },
): Promise<ChatReport[]> {
  const { rows } = await q.query<Row>(
    `SELECT r.id, r.conversation_id, r.reason, r.created_at, r.message_id, r.resolution,
            r.resolution_note, r.resolved_at,
            ${person('ru')} AS reporter,
            (SELECT ${person('su')} FROM users su WHERE su.id = ${REPORTED_ID}) AS reported,
            (SELECT json_agg(json_build_object('id', c.id, 'seq', c.seq, 'senderId', c.sender_id,
                                               'senderName', cu.name, 'text', c.body,
                                               'createdAt', c.created_at, 'reported', c.id = r.message_id)
                             ORDER BY c.seq)
               FROM (SELECT m.* FROM chat_messages m, LATERAL (
                       SELECT seq FROM chat_messages WHERE id = r.message_id) rm
                      WHERE m.conversation_id = r.conversation_id
                        AND m.seq BETWEEN rm.seq - $3::int AND rm.seq + $3::int
                     UNION ALL
                     SELECT * FROM (SELECT m.* FROM chat_messages m
                                     WHERE r.message_id IS NULL AND m.conversation_id = r.conversation_id
                                       AND m.created_at <= r.created_at
                                     ORDER BY m.seq DESC LIMIT 2 * $3::int + 1) last) c
               JOIN users cu ON cu.id = c.sender_id) AS context
       FROM conversation_reports r JOIN users ru ON ru.id = r.reporter_id
      WHERE (r.resolved_at IS NULL) = ($1 = 'open')
      ORDER BY r.created_at ${opts.status === 'open' ? 'ASC' : 'DESC'}
      LIMIT $2`,
    [opts.status, opts.limit, CONTEXT_EACH_SIDE],
  );
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    reason: r.reason,
    createdAt: iso(r.created_at),
    reporter: r.reporter,
    reported: r.reported ?? { id: r.reporter.id, name: '', role: '', status: 'active' },
    messageId: r.message_id,
    context: (r.context ?? []).map((m) => ({ ...m, seq: Number(m.seq), createdAt: iso(m.createdAt) })),
    status: r.resolved_at ? 'resolved' : 'open',
    resolution: r.resolution,
    resolutionNote: r.resolution_note,
    resolvedAt: isoOrNull(r.resolved_at),
  }));
}

export type ResolveResult =
  | { ok: true; reportedId: string; reportedRole: string; reportedStatus: string }
  | { ok: false; code: 'not_found' | 'already_resolved' };

/**
 * Marks the report resolved: one statement, guarded on `resolved_at IS NULL`, so of two admins
 * resolving the same report at once exactly one wins (the other is told it is already resolved).
 */
export async function markResolved(
  q: Queryable,
  input: { reportId: string; adminId: string; resolution: ReportResolution; note: string },
): Promise<ResolveResult> {
  const { rows } = await q.query<{ reported_id: string; role: string; status: string }>(
    `WITH done AS (
       UPDATE conversation_reports r
          SET resolved_at = now(), resolved_by = $2, resolution = $3, resolution_note = $4
        WHERE r.id = $1 AND r.resolved_at IS NULL
        RETURNING ${REPORTED_ID} AS reported_id)
     SELECT d.reported_id, u.role, u.status FROM done d JOIN users u ON u.id = d.reported_id`,
    [input.reportId, input.adminId, input.resolution, input.note],
  );
  const row = rows[0];
  if (row)
    return { ok: true, reportedId: row.reported_id, reportedRole: row.role, reportedStatus: row.status };
  const exists = await q.query('SELECT 1 FROM conversation_reports WHERE id = $1', [input.reportId]);
  return { ok: false, code: exists.rowCount ? 'already_resolved' : 'not_found' };
}
