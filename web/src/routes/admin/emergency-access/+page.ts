import { api } from '$lib/api.ts';
import type { EmergencyAccess, Paged } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import { REVIEW } from './review.ts';
import type { PageLoad } from './$types';

const PAGE_SIZE = 20;

/** `?status=` filters by review status; pending is the default (the admin's work), `all` shows every one. */
export const load: PageLoad = async ({ parent, url, depends }) => {
  depends(DEPS.emergencyAccess);
  await parent();
  const asked = url.searchParams.get('status');
  const status = asked === 'all' ? 'all' : (REVIEW.find((s) => s === asked) ?? 'pending');
  const page = pageParam(url);
  const grants = await api
    .get<Paged<EmergencyAccess>>('/admin/emergency-access', {
      query: { status: status === 'all' ? '' : status, page, pageSize: PAGE_SIZE },
    })
    .catch(failed);
  return { status, page, grants };
};
