import { api } from '$lib/api.ts';
import { byFile, type SummaryJob } from '$lib/summaries.ts';
import type { Consent, EmergencyAccess, RecordsList } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, depends }) => {
  depends(DEPS.records);
  await parent();
  const [records, consents, emergencies, summaries] = await Promise.all([
    api.get<RecordsList>('/records').catch(failed),
    api.get<Consent[]>('/consents', { query: { active: 'true' } }).catch(failed),
    // Best effort: the list of emergency accesses never keeps the records from showing.
    api
      .get<{ items: EmergencyAccess[] }>('/emergency-access', { query: { pageSize: 20 } })
      .then((r) => r.items)
      .catch((): EmergencyAccess[] => []),
    // Best effort too: without it every file still offers "Summarise".
    api
      .get<{ items: SummaryJob[] }>('/records/summaries')
      .then((r) => byFile(r.items))
      .catch(() => byFile([])),
  ]);
  return { records, consents, emergencies, summaries };
};
