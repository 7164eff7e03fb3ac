import { redirect } from '@sveltejs/kit';
import { auth, homeFor } from '$lib/auth.svelte.ts';
import type { PageLoad } from './$types';

/** Signed-in doctors and admins have nothing to do on the marketing page. */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  const role = auth.user?.role;
  if (role && role !== 'patient') redirect(307, homeFor(role));
};
