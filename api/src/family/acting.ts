import type { Queryable } from '@telehealth/platform/db/index';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { forbidden } from '../http/errors.ts';

/**
 * What a guardian acting for a family member may not do (issue 19): the account's own keys, its
 * second factor, are never the guardian's; and once the member signs in on their own, erasing the
 * account is theirs alone. Everything else a guardian does as the member.
 */
export function refuseWhenActing(user: AuthedUser): void {
  if (user.actorId)
    throw forbidden(
      'ACTING_FOR_DEPENDENT',
      "A family member's sign-in settings are theirs; switch back to yourself",
    );
}

export async function refuseErasureByGuardian(q: Queryable, user: AuthedUser): Promise<void> {
  if (!user.actorId) return;
  const { rows } = await q.query<{ own: boolean }>(
    'SELECT own_login_at IS NOT NULL AS own FROM dependents WHERE user_id = $1',
    [user.id],
  );
  if (rows[0]?.own)
    throw forbidden(
      'HAS_OWN_LOGIN',
      'This family member signs in on their own: only they can erase their account',
    );
}
