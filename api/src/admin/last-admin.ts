import type { Queryable } from '@telehealth/platform/db/types';
import { conflict, forbidden } from '../http/errors.ts';

/**
 * The platform keeps at least one active admin. Two admins demoting each other at once would each see
 * the other still in office and leave none, so a change that may demote or suspend an admin first
 * locks every active admin row, in one order (id), before it touches its target: such changes queue
 * behind each other instead of deadlocking, and the second re-reads the rows once the first commits.
 */
export async function lockActiveAdmins(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`,
  );
  return rows.map((r) => r.id);
}

/**
 * Given the active admins (read under lockActiveAdmins): the one acting must still be one, and someone
 * other than the target must remain. Pure, so it is tested without a database.
 */
export function keepAnAdmin(activeAdmins: readonly string[], targetId: string, actorId: string): void {
  if (!activeAdmins.includes(actorId)) throw forbidden('NOT_AN_ADMIN', 'Your admin role ended meanwhile');
  if (!activeAdmins.some((id) => id !== targetId))
    throw conflict('LAST_ADMIN', 'The last active admin cannot be demoted or deactivated');
}
