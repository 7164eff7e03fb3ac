import { api } from '$lib/api.ts';
import { profilePath, type HealthProfile } from '$lib/profile.ts';
import { requireUser } from '../../guard.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

/**
 * The signed-in patient's health profile, or, with `?patient=<id>`, the profile of someone they act
 * for (the API decides whether they may).
 */
export const load: PageLoad = async (event) => {
  const user = await requireUser(event, ['patient']);
  const patientId = event.url.searchParams.get('patient') ?? user.id;
  const profile = await api.get<HealthProfile>(profilePath(patientId)).catch(failed);
  return { patientId, profile };
};
