import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { has } from '$lib/capabilities.svelte.ts';
import { t } from '$lib/i18n/index.svelte.ts';
import type { Doctor, Wallet } from '$lib/types.ts';
import { missing } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  const [doctor, rating, wallet] = await Promise.all([
    api.get<Doctor>(`/doctors/${params.id}`).catch(missing(t('doctors.notFound'))),
    // Patients' ratings of completed visits (issue 15): the profile shows without them.
    api.get<{ average: number | null; count: number }>(`/doctors/${params.id}/rating`).catch(() => null),
    // A patient's balances: the profile says when the fee is in a currency their wallet cannot pay.
    auth.user?.role === 'patient' && has('/wallet') ? api.get<Wallet>('/wallet').catch(() => null) : null,
  ]);
  return { doctor, rating, wallet };
};
