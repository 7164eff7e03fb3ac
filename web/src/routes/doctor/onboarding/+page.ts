import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import type { Doctor } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

// Shape of GET /doctors/me/onboarding (api/src/onboarding).
export type Item = 'profile' | 'credentials' | 'photo' | 'hours';
export interface Onboarding {
  state: 'incomplete' | 'pending_verification' | 'verified' | 'rejected';
  missing: Item[];
  credentials: {
    registrationNumber: string;
    registrationCouncil: string;
    qualifications: string[];
    experienceYears: number;
    reviewStatus: string;
    rejectionReason: string | null;
  } | null;
}

/** The application's state, and what the doctor entered so far (profile, then hours), to edit. */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  const [status, doctor] = await Promise.all([
    api.get<Onboarding>('/doctors/me/onboarding').catch(failed),
    api.get<Doctor>(`/doctors/${auth.user!.id}`).catch(() => null),
  ]);
  // Hours need the profile's zone, so there are none to show before it.
  const availability = doctor
    ? await api
        .get<{ rules: { weekday: number; start: string; end: string }[] }>('/doctors/me/availability')
        .catch(() => null)
    : null;
  return { status, doctor, availability };
};
