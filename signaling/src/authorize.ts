import type { Principal } from '@telehealth/platform/auth/tokens';
import type { Queryable } from '@telehealth/platform/db/types';
import { parseTopic } from './protocol.ts';
import { isVerifiedClinician } from './queue/store.ts';

export type TopicAccess = { ok: true } | { ok: false; code: 'forbidden' | 'not_found' };
/** Decides whether `principal` may subscribe to `topic`. Injected; the default reads the database. */
export type Authorize = (principal: Principal, topic: string) => Promise<TopicAccess>;

const allow: TopicAccess = { ok: true };
const deny: TopicAccess = { ok: false, code: 'forbidden' };

/**
 * - `user:<id>`: only that user.
 * - `queue:<doctorId>`: the admin view (names, triage summaries) only for that doctor, verified.
 * - `chat:<conversation>`: its participants only. Admins review a reported message through the API
 *   (`/admin/chat-reports`: the message and two on each side, audited), never the whole thread.
 * - `call:<room>`: the patient and doctor of the queue entry whose call room it is, while called or
 *   in the call. A host with other room kinds wraps this function.
 */
export function createDefaultAuthorizer(db: Queryable): Authorize {
  return async (p, topic) => {
    const t = parseTopic(topic);
    if (!t) return deny;
    switch (t.kind) {
      case 'user':
        return t.id === p.userId ? allow : deny;
      case 'queue':
        // The snapshot names patients: their doctor's own, and only once an admin verified them.
        return p.role === 'doctor' && t.id === p.userId && (await isVerifiedClinician(db, p.userId))
          ? allow
          : deny;
      case 'chat': {
        const r = await db.query(
          `SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2`,
          [t.id, p.userId],
        );
        return r.rowCount > 0 ? allow : deny;
      }
      case 'call': {
        const r = await db.query(
          `SELECT 1 FROM queue_entries
            WHERE room_id = $1 AND status IN ('called', 'in_call') AND (patient_id = $2 OR doctor_id = $2)`,
          [t.id, p.userId],
        );
        return r.rowCount > 0 ? allow : deny;
      }
    }
  };
}
