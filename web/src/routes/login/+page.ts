import { redirect } from '@sveltejs/kit';
import { auth, homeFor } from '$lib/auth.svelte.ts';
import { nextPath } from '../guard.ts';
import type { PageLoad } from './$types';

/** Already signed in (or just signed in, which reruns this load): on to where the visitor was going. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (auth.user) redirect(307, nextPath(url) ?? homeFor(auth.user.role));
};
