import { api } from '$lib/api.ts';
import type { Consent } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  const consents = await api.get<Consent[]>('/consents', { query: { active: 'true' } }).catch(failed);
  return { consents };
};
