import { api } from '$lib/api.ts';
import type { Consent, EmergencyAccess, RecordsList } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, depends }) => {
  depends(DEPS.records);
  await parent();
  const [records, consents, emergencies] = await Promise.all([
    api.get<RecordsList>('/records').catch(failed),
    api.get<Consent[]>('/consents', { query: { active: 'true' } }).catch(failed),
    // Best effort: the list of emergency accesses never keeps the records from showing.
    api
      .get<{ items: EmergencyAccess[] }>('/emergency-access', { query: { pageSize: 20 } })
      .then((r) => r.items)
      .catch((): EmergencyAccess[] => []),
  ]);
  return { records, consents, emergencies };
};
