import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { familyStore } from '$lib/family.svelte.ts';
import type { Wallet } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

/**
 * The guardian's own page: managing the family is done as oneself, so a tab acting for a member
 * comes back to its own account here (the wallet shown is the guardian's, money leaves from it).
 */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (auth.acting) auth.stopActing();
  const [family, wallet] = await Promise.all([familyStore.load(true), api.get<Wallet>('/wallet')]).catch(
    failed,
  );
  return { family, wallet };
};
