import type { Queryable } from '@telehealth/platform/db/types';

/**
 * The users among `userIds` whose presence `viewerId` may see: themselves, doctors, people they
 * share a conversation with, and (for a doctor) the patients in their live queue. One rule for the
 * one-shot read (presence.get) and for watching (presence.watch).
 */
export async function visiblePresenceUsers(
  db: Queryable,
  viewerId: string,
  userIds: readonly string[],
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT u.id FROM users u
      WHERE u.id = ANY($1::uuid[]) AND (
        u.id = $2 OR u.role = 'doctor'
        OR EXISTS (SELECT 1 FROM conversation_participants a
                     JOIN conversation_participants b ON b.conversation_id = a.conversation_id
                    WHERE a.user_id = $2 AND b.user_id = u.id)
        OR EXISTS (SELECT 1 FROM queue_entries q WHERE q.doctor_id = $2 AND q.patient_id = u.id
                      AND q.status IN ('waiting', 'called', 'in_call')))`,
    [userIds, viewerId],
  );
  return r.rows.map((x) => x.id);
}
