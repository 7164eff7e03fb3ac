import type { Queryable } from '@telehealth/platform/db/types';
import { PgCodes, pgCode } from '@telehealth/platform/db/errors';
import type { Attachment, ChatMessage } from '../protocol.ts';
import { iso, isoOrNull } from '@telehealth/platform/time';

/** Chat persistence. PostgreSQL is the source of truth: seq numbers, dedupe, receipts. */

type MessageRow = {
  conversation_id: string;
  seq: number;
  id: string;
  sender_id: string;
  client_msg_id: string;
  body: string;
  attachments: Attachment[];
  created_at: unknown;
};
const MESSAGE_COLS = 'conversation_id, seq, id, sender_id, client_msg_id, body, attachments, created_at';
function toMessage(r: MessageRow): ChatMessage {
  return {
    conversationId: r.conversation_id,
    seq: Number(r.seq),
    id: r.id,
    senderId: r.sender_id,
    clientMsgId: r.client_msg_id,
    text: r.body,
    attachments: r.attachments ?? [],
    createdAt: iso(r.created_at),
  };
}

export interface OpenConversationInput {
  /** The appointment the conversation belongs to; one conversation per appointment. */
  appointmentId?: string | null;
  patientId: string;
  doctorId: string;
  /** End of the follow-up window (visit end + CHAT_FOLLOWUP_DAYS); null = open until set. */
  openUntil?: Date | null;
}

/** Creates (or, for an appointment that already has one, returns) a conversation. Idempotent. */
export async function openConversation(db: Queryable, input: OpenConversationInput): Promise<{ id: string }> {
  const appointmentId = input.appointmentId ?? null;
  let id: string | undefined;
  if (appointmentId) {
    const r = await db.query<{ id: string }>(
      `INSERT INTO conversations (appointment_id, open_until) VALUES ($1, $2)
       ON CONFLICT (appointment_id) WHERE appointment_id IS NOT NULL DO UPDATE SET open_until = EXCLUDED.open_until
       RETURNING id`,
      [appointmentId, input.openUntil ?? null],
    );
    id = r.rows[0]!.id;
  } else {
    const r = await db.query<{ id: string }>(
      `INSERT INTO conversations (open_until) VALUES ($1) RETURNING id`,
      [input.openUntil ?? null],
    );
    id = r.rows[0]!.id;
  }
  await db.query(
    `INSERT INTO conversation_participants (conversation_id, user_id, role)
     VALUES ($1, $2, 'patient'), ($1, $3, 'doctor') ON CONFLICT DO NOTHING`,
    [id, input.patientId, input.doctorId],
  );
  return { id };
}

/** Called when the visit ends: the conversation stays open for follow-up for `days`. */
export async function setFollowUpWindow(
  db: Queryable,
  conversationId: string,
  visitEndedAt: Date,
  days: number,
) {
  await db.query(`UPDATE conversations SET open_until = $2 WHERE id = $1`, [
    conversationId,
    new Date(visitEndedAt.getTime() + days * 86_400_000),
  ]);
}

/**
 * `conversation_closed` says why in `closed`: the follow-up window ran out, or the doctor closed the
 * conversation. `no_appointment`: a direct conversation whose care link is gone (messaging_care_link).
 */
export type SendResult =
  | { ok: true; message: ChatMessage; duplicate: boolean }
  | { ok: false; code: 'not_found' | 'forbidden' | 'no_appointment' }
  | { ok: false; code: 'conversation_closed'; closed: 'window' | 'doctor' };

export interface SendInput {
  conversationId: string;
  senderId: string;
  clientMsgId: string;
  text: string;
  attachments: Attachment[];
}

/**
 * Appends a message in ONE statement: the sequence bump, the membership and window checks, the
 * dedupe check and the insert either all happen or none does (a unique violation from a concurrent
 * retry rolls the bump back too, so sequences never have holes).
 */
export async function sendMessage(db: Queryable, m: SendInput): Promise<SendResult> {
  try {
    const r = await db.query<MessageRow>(
      `WITH c AS (
         UPDATE conversations SET last_seq = last_seq + 1
          WHERE id = $1
            AND chat_conversation_writable(open_until, closed_at, direct_patient_id, direct_doctor_id)
            AND EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2)
            AND NOT EXISTS (SELECT 1 FROM chat_messages WHERE conversation_id = $1 AND sender_id = $2 AND client_msg_id = $3)
          RETURNING last_seq)
       INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body, attachments)
       SELECT $1, c.last_seq, $2, $3, $4, $5::jsonb FROM c
       RETURNING ${MESSAGE_COLS}`,
      [m.conversationId, m.senderId, m.clientMsgId, m.text, JSON.stringify(m.attachments)],
    );
    if (r.rows[0]) return { ok: true, message: toMessage(r.rows[0]), duplicate: false };
  } catch (err) {
    if (pgCode(err) !== PgCodes.uniqueViolation) throw err;
  }
  // Slow path: say why nothing was inserted.
  const existing = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLS} FROM chat_messages WHERE conversation_id = $1 AND sender_id = $2 AND client_msg_id = $3`,
    [m.conversationId, m.senderId, m.clientMsgId],
  );
  if (existing.rows[0]) return { ok: true, message: toMessage(existing.rows[0]), duplicate: true };
  const c = await db.query<{ participant: boolean; closed: boolean; linked: boolean }>(
    `SELECT closed_at IS NOT NULL AS closed,
            (direct_patient_id IS NULL OR messaging_care_link(direct_patient_id, direct_doctor_id)) AS linked,
            EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2) AS participant
       FROM conversations WHERE id = $1`,
    [m.conversationId, m.senderId],
  );
  const row = c.rows[0];
  if (!row) return { ok: false, code: 'not_found' };
  if (!row.participant) return { ok: false, code: 'forbidden' };
  if (row.closed) return { ok: false, code: 'conversation_closed', closed: 'doctor' };
  if (!row.linked) return { ok: false, code: 'no_appointment' };
  return { ok: false, code: 'conversation_closed', closed: 'window' };
}

/** Messages after `after` (ascending) or before `before` (the newest page, returned ascending). */
export async function history(
  db: Queryable,
  conversationId: string,
  opts: { before?: number; after?: number; limit: number },
): Promise<ChatMessage[]> {
  if (opts.after !== undefined) {
    const r = await db.query<MessageRow>(
      `SELECT ${MESSAGE_COLS} FROM chat_messages
        WHERE conversation_id = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq < $3)
        ORDER BY seq LIMIT $4`,
      [conversationId, opts.after, opts.before ?? null, opts.limit],
    );
    return r.rows.map(toMessage);
  }
  const r = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLS} FROM chat_messages
      WHERE conversation_id = $1 AND ($2::bigint IS NULL OR seq < $2)
      ORDER BY seq DESC LIMIT $3`,
    [conversationId, opts.before ?? null, opts.limit],
  );
  return r.rows.map(toMessage).reverse();
}

export async function lastSeq(db: Queryable, conversationId: string): Promise<number> {
  const r = await db.query<{ last_seq: number }>(`SELECT last_seq FROM conversations WHERE id = $1`, [
    conversationId,
  ]);
  return Number(r.rows[0]?.last_seq ?? 0);
}

/** Moves the member's delivered/read mark forward (never back, never past the last message). */
export async function recordReceipt(
  db: Queryable,
  conversationId: string,
  userId: string,
  kind: 'delivered' | 'read',
  seq: number,
): Promise<number | null> {
  // read implies delivered.
  const r = await db.query<{ seq: number }>(
    kind === 'read'
      ? `UPDATE conversation_participants p
            SET read_seq = GREATEST(p.read_seq, LEAST($3, c.last_seq)),
                delivered_seq = GREATEST(p.delivered_seq, LEAST($3, c.last_seq))
           FROM conversations c
          WHERE c.id = p.conversation_id AND p.conversation_id = $1 AND p.user_id = $2
          RETURNING p.read_seq AS seq`
      : `UPDATE conversation_participants p
            SET delivered_seq = GREATEST(p.delivered_seq, LEAST($3, c.last_seq))
           FROM conversations c
          WHERE c.id = p.conversation_id AND p.conversation_id = $1 AND p.user_id = $2
          RETURNING p.delivered_seq AS seq`,
    [conversationId, userId, seq],
  );
  return r.rows[0] ? Number(r.rows[0].seq) : null;
}

export async function reportConversation(
  db: Queryable,
  conversationId: string,
  reporterId: string,
  reason: string,
) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO conversation_reports (conversation_id, reporter_id, reason)
     SELECT $1, $2, $3 WHERE EXISTS (
       SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2)
     RETURNING id`,
    [conversationId, reporterId, reason],
  );
  return r.rows[0] ?? null;
}

/** Ids among `messages` that `userId` has reported (none for one's own: they cannot be reported). */
export async function reportedByMe(
  db: Queryable,
  userId: string,
  messages: ChatMessage[],
): Promise<string[]> {
  const theirs = messages.filter((m) => m.senderId !== userId).map((m) => m.id);
  if (theirs.length === 0) return [];
  const r = await db.query<{ message_id: string }>(
    `SELECT message_id FROM conversation_reports WHERE reporter_id = $1 AND message_id = ANY($2::uuid[])`,
    [userId, theirs],
  );
  return r.rows.map((x) => x.message_id);
}

export type ReportMessageResult =
  | { ok: true; id: string; duplicate: boolean }
  | { ok: false; code: 'forbidden' | 'not_found' | 'bad_request' };

/**
 * A participant reports one message of the other party. Reporting the same message again answers
 * the first report (the unique index decides under concurrency, not a prior read).
 */
export async function reportMessage(
  db: Queryable,
  input: { conversationId: string; messageId: string; reporterId: string; reason: string },
): Promise<ReportMessageResult> {
  const { conversationId, messageId, reporterId, reason } = input;
  const r = await db.query<{ id: string }>(
    `INSERT INTO conversation_reports (conversation_id, reporter_id, reason, message_id)
     SELECT $1, $2, $3, m.id FROM chat_messages m
      WHERE m.id = $4 AND m.conversation_id = $1 AND m.sender_id <> $2
        AND EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2)
     ON CONFLICT (message_id, reporter_id) WHERE message_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [conversationId, reporterId, reason, messageId],
  );
  if (r.rows[0]) return { ok: true, id: r.rows[0].id, duplicate: false };
  // Nothing inserted: say why.
  const why = await db.query<{ participant: boolean; sender: string | null; report: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2) AS participant,
            (SELECT sender_id FROM chat_messages WHERE id = $3 AND conversation_id = $1) AS sender,
            (SELECT id FROM conversation_reports WHERE message_id = $3 AND reporter_id = $2) AS report`,
    [conversationId, reporterId, messageId],
  );
  const w = why.rows[0]!;
  if (!w.participant) return { ok: false, code: 'forbidden' };
  if (w.report) return { ok: true, id: w.report, duplicate: true };
  if (!w.sender) return { ok: false, code: 'not_found' };
  return { ok: false, code: 'bad_request' };
}

export async function listReported(db: Queryable, limit: number) {
  const r = await db.query<{
    conversation_id: string;
    reports: number;
    last_reported_at: unknown;
    open_reports: number;
  }>(
    `SELECT conversation_id, count(*)::int AS reports, max(created_at) AS last_reported_at,
            count(*) FILTER (WHERE resolved_at IS NULL)::int AS open_reports
       FROM conversation_reports GROUP BY conversation_id
      ORDER BY max(created_at) DESC LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => ({
    conversationId: x.conversation_id,
    reports: Number(x.reports),
    openReports: Number(x.open_reports),
    lastReportedAt: iso(x.last_reported_at),
  }));
}

export async function listConversations(db: Queryable, userId: string) {
  const r = await db.query<{
    id: string;
    appointment_id: string | null;
    open_until: unknown;
    last_seq: number;
    read_seq: number;
    delivered_seq: number;
    unread: number;
    direct: boolean;
    closed_at: unknown;
    close_note: string | null;
    participants: { userId: string; role: string; name: string }[];
  }>(
    `SELECT c.id, c.appointment_id, c.open_until, c.last_seq, me.read_seq, me.delivered_seq,
            c.direct_patient_id IS NOT NULL AS direct, c.closed_at, c.close_note,
            (SELECT count(*)::int FROM chat_messages m
              WHERE m.conversation_id = c.id AND m.seq > me.read_seq AND m.sender_id <> $1) AS unread,
            (SELECT json_agg(json_build_object('userId', p.user_id, 'role', p.role, 'name', u.name) ORDER BY p.role)
               FROM conversation_participants p JOIN users u ON u.id = p.user_id
              WHERE p.conversation_id = c.id) AS participants
       FROM conversation_participants me JOIN conversations c ON c.id = me.conversation_id
      WHERE me.user_id = $1
      ORDER BY c.created_at DESC LIMIT 200`,
    [userId],
  );
  return r.rows.map((x) => ({
    conversationId: x.id,
    appointmentId: x.appointment_id,
    openUntil: isoOrNull(x.open_until),
    lastSeq: Number(x.last_seq),
    readSeq: Number(x.read_seq),
    deliveredSeq: Number(x.delivered_seq),
    unread: Number(x.unread),
    /** Outside a visit (opened with chat.open), rather than a visit's chat. */
    direct: x.direct,
    /** Closed by the doctor (then nobody posts until they reopen it), and the note they left. */
    closedAt: isoOrNull(x.closed_at),
    closeNote: x.close_note,
    participants: x.participants ?? [],
  }));
}

export async function participantIds(db: Queryable, conversationId: string): Promise<string[]> {
  const r = await db.query<{ user_id: string }>(
    `SELECT user_id FROM conversation_participants WHERE conversation_id = $1`,
    [conversationId],
  );
  return r.rows.map((x) => x.user_id);
}
