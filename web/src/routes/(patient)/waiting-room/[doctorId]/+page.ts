import { api } from '$lib/api.ts';
import type { Doctor } from '$lib/types.ts';
import type { PageLoad } from './$types';

/** The doctor's name for the heading; the queue itself is live on the socket (see the page). */
export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  return { doctor: await api.get<Doctor>(`/doctors/${params.doctorId}`).catch(() => null) };
};
