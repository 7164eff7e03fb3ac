import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { has } from '$lib/capabilities.svelte.ts';
import type { Appointment, Doctor } from '$lib/types.ts';
import { DEPS } from '../deps.ts';
import { failed } from '../failed.ts';
import type { PageLoad } from './$types';

/** GET /doctors/me/agenda: one day's appointments in the doctor's zone. */
export interface AgendaDay {
  date: string;
  timezone: string;
  items: Appointment[];
}

/**
 * The doctor's home: the day's agenda (`?date=`; without one the API answers today in the doctor's
 * own zone), the profile summary and, until verified, the application's state.
 */
export const load: PageLoad = async ({ parent, url, depends }) => {
  depends(DEPS.agenda);
  await parent();
  const date = url.searchParams.get('date') ?? undefined;
  const [agenda, profile, application] = await Promise.all([
    has('/doctors/me/agenda')
      ? api.get<AgendaDay>('/doctors/me/agenda', { query: { date } }).catch(failed)
      : null,
    // No profile yet (a new doctor): the page links to the profile form instead.
    api.get<Doctor>(`/doctors/${auth.user!.id}`).catch(() => null),
    // Until an admin verifies them, a doctor's home leads back to the application.
    api.get<{ state: string; missing: string[] }>('/doctors/me/onboarding').catch(() => null),
  ]);
  return { agenda, profile, application };
};
