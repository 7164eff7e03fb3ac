import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import type { Doctor } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  const [profile, application] = await Promise.all([
    // No profile yet (a new doctor): the page links to the profile form instead.
    api.get<Doctor>(`/doctors/${auth.user!.id}`).catch(() => null),
    // Until an admin verifies them, a doctor's home leads back to the application.
    api.get<{ state: string; missing: string[] }>('/doctors/me/onboarding').catch(() => null),
  ]);
  return { profile, application };
};
