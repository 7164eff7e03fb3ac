import { api } from '$lib/api.ts';
import { t } from '$lib/i18n/index.svelte.ts';
import type { Doctor } from '$lib/types.ts';
import { missing } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  const [doctor, rating] = await Promise.all([
    api.get<Doctor>(`/doctors/${params.id}`).catch(missing(t('doctors.notFound'))),
    // Patients' ratings of completed visits (issue 15): the profile shows without them.
    api.get<{ average: number | null; count: number }>(`/doctors/${params.id}/rating`).catch(() => null),
  ]);
  return { doctor, rating };
};
