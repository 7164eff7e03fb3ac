import type { Queryable } from '@telehealth/platform/db/types';
import { isoOrNull } from '@telehealth/platform/time';

/**
 * Conversations outside a visit (issue 18). A patient may write to a doctor they have an appointment
 * with, upcoming or past (the care link is the SQL function messaging_care_link, migration 0079,
 * which every send re-checks); the doctor may close a conversation, and reopen it.
 */

/** `created`: this call made the conversation (the doctor is told once, not on every open). */
export type OpenDirectResult =
  { ok: true; conversationId: string; created: boolean } | { ok: false; code: 'no_appointment' };

/**
 * The patient's conversation with the doctor, created on first use. ONE statement: the care link,
 * the conversation (unique per pair, so concurrent opens share one) and both memberships.
 */
export async function openDirectConversation(
  db: Queryable,
  patientId: string,
  doctorId: string,
): Promise<OpenDirectResult> {
  const r = await db.query<{ id: string; created: boolean }>(
    `WITH c AS (
       INSERT INTO conversations (direct_patient_id, direct_doctor_id)
       SELECT $1::uuid, $2::uuid WHERE messaging_care_link($1::uuid, $2::uuid)
       ON CONFLICT (direct_patient_id, direct_doctor_id) WHERE direct_patient_id IS NOT NULL
       DO UPDATE SET direct_patient_id = EXCLUDED.direct_patient_id
       -- xmax is 0 on a row this statement inserted, the updating transaction's id otherwise.
       RETURNING id, xmax = 0 AS created
     ), p AS (
       INSERT INTO conversation_participants (conversation_id, user_id, role)
       SELECT id, $1::uuid, 'patient' FROM c UNION ALL SELECT id, $2::uuid, 'doctor' FROM c
       ON CONFLICT DO NOTHING
     )
     SELECT id, created FROM c`,
    [patientId, doctorId],
  );
  const row = r.rows[0];
  return row
    ? { ok: true, conversationId: row.id, created: row.created }
    : { ok: false, code: 'no_appointment' };
}

export interface ClosedState {
  conversationId: string;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
}

export type SetClosedResult =
  { ok: true; state: ClosedState } | { ok: false; code: 'forbidden' | 'not_found' };

/**
 * The conversation's doctor closes it (with an optional note the patient reads) or reopens it.
 * Closing a closed conversation keeps its first close time; the note is the latest.
 */
export async function setConversationClosed(
  db: Queryable,
  input: { conversationId: string; doctorId: string; closed: boolean; note: string | null },
): Promise<SetClosedResult> {
  const { conversationId, doctorId, closed, note } = input;
  const r = await db.query<{ closed_at: unknown; closed_by: string | null; close_note: string | null }>(
    `UPDATE conversations
        SET closed_at = CASE WHEN $3 THEN COALESCE(closed_at, now()) END,
            closed_by = CASE WHEN $3 THEN $2::uuid END,
            close_note = CASE WHEN $3 THEN $4 END
      WHERE id = $1 AND EXISTS (SELECT 1 FROM conversation_participants
                                 WHERE conversation_id = $1 AND user_id = $2 AND role = 'doctor')
      RETURNING closed_at, closed_by, close_note`,
    [conversationId, doctorId, closed, note],
  );
  const row = r.rows[0];
  if (row)
    return {
      ok: true,
      state: {
        conversationId,
        closedAt: isoOrNull(row.closed_at),
        closedBy: row.closed_by,
        note: row.close_note,
      },
    };
  const exists = await db.query(`SELECT 1 FROM conversations WHERE id = $1`, [conversationId]);
  return { ok: false, code: exists.rowCount ? 'forbidden' : 'not_found' };
}
