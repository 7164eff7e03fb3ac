import { api, ApiError } from '$lib/api.ts';
import type { RecordsList } from '$lib/types.ts';
import { DEPS } from '../../../deps.ts';
import { failed } from '../../../failed.ts';
import type { PageLoad } from './$types';

/**
 * A patient's records as this doctor may see them. No access (no consent, or it ended) is not a
 * failure: the page offers emergency access instead.
 */
export const load: PageLoad = async ({ params, parent, depends }) => {
  depends(DEPS.patientRecords);
  await parent();
  try {
    const records = await api.get<RecordsList>('/records', { query: { patientId: params.id } });
    return { records, denied: false, notVerified: false };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404))
      return { records: null, denied: true, notVerified: err.code === 'DOCTOR_NOT_VERIFIED' };
    return failed(err);
  }
};
