import type { Queryable } from '@telehealth/platform/db/index';
import { isPlaceholderEmail } from './store.ts';

/**
 * Where mail addressed to an account goes. A dependent without a login has no mailbox: their visit
 * confirmations, receipts and reminders go to the guardian who has acted for them longest. Undefined
 * when nobody can receive it (the mail is dropped rather than sent to an address that cannot exist).
 */
export async function deliverableAddress(q: Queryable, to: string): Promise<string | undefined> {
  if (!isPlaceholderEmail(to)) return to;
  const { rows } = await q.query<{ email: string }>(
    `SELECT gu.email FROM users d
       JOIN guardianships g ON g.dependent_id = d.id AND g.ended_at IS NULL
       JOIN users gu ON gu.id = g.guardian_id AND gu.status = 'active'
      WHERE d.email = $1
      ORDER BY g.since LIMIT 1`,
    [to],
  );
  return rows[0]?.email;
}
