import { api, ApiError } from '$lib/api.ts';
import type { Availability } from '$lib/practice.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

/** The doctor's weekly hours and exceptions; null before they have a profile (hours need its zone). */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  const availability = await api
    .get<Availability>('/doctors/me/availability')
    .catch((err: unknown) =>
      err instanceof ApiError && err.code === 'PROFILE_REQUIRED' ? null : failed(err),
    );
  return { availability };
};
