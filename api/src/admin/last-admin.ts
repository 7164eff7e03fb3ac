import type { Queryable } from '@telehealth/platform/db/types';
import { conflict, forbidden } from '../http/errors.ts';

/**
 * Before an admin is demoted or suspended: the platform keeps at least one active admin, and the one
 * acting must still be one. Every active admin row is locked first (in one order, so two such changes
 * queue instead of deadlocking): two admins demoting each other at once would otherwise each see the
 * other still in office, and leave none. The second one, once the first committed, re-reads the rows
 * and is refused.
 */
export async function keepAnAdmin(q: Queryable, targetId: string, actorId: string): Promise<void> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`,
  );
  const ids = rows.map((r) => r.id);
  if (!ids.includes(actorId)) throw forbidden('NOT_AN_ADMIN', 'Your admin role ended meanwhile');
  if (!ids.some((id) => id !== targetId))
    throw conflict('LAST_ADMIN', 'The last active admin cannot be demoted or deactivated');
}
