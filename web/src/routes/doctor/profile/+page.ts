import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import type { Doctor } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  // A new doctor has no profile yet: the form starts empty.
  const profile = await api.get<Doctor>(`/doctors/${auth.user!.id}`).catch(() => null);
  return { profile };
};
