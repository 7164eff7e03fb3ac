import { error, redirect } from '@sveltejs/kit';
import { auth } from '$lib/auth.svelte.ts';
import { t } from '$lib/i18n/index.svelte.ts';
import type { Role, User } from '$lib/types.ts';

/** Marks the 403 of a guard (the page is for other roles), which +error.svelte shows as such. */
export const WRONG_ROLE = 'WRONG_ROLE';

/**
 * The signed-in user, for a load that needs one: guests are sent to sign in and come back here;
 * a user whose role is not in `roles` (any role when omitted) gets a 403. It reads `auth.user`
 * rather than layout data so it sees a sign-in that happened since the root layout last loaded.
 */
export async function requireUser(
  event: { parent: () => Promise<unknown>; url: URL },
  roles?: readonly Role[],
): Promise<User> {
  await event.parent();
  const user = auth.user;
  if (!user) redirect(307, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  if (roles && !roles.includes(user.role))
    error(403, {
      code: WRONG_ROLE,
      message: t('forbidden.body', { roles: roles.map((r) => t(`role.${r}`)).join(' / ') }),
    });
  return user;
}

/**
 * The `?next=` a guard sent the visitor to sign in with, when it is a path on this site (never
 * another origin: `//evil.example` is one), else null.
 */
export function nextPath(url: URL): string | null {
  const next = url.searchParams.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}
