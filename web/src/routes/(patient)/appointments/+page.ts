import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import type { Appointment, Paged, Proposal } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, depends }) => {
  depends(DEPS.appointments);
  await parent();
  const [items, proposals] = await Promise.all([
    api
      .get<Paged<Appointment>>('/appointments', {
        query: { pageSize: 100, order: 'asc', tz: auth.user?.timezone },
      })
      .then((r) => r.items, failed),
    // Open proposals are extra: the list shows without them.
    api.get<Proposal[]>('/proposals', { query: { status: 'open' } }).catch(() => []),
  ]);
  return { items, proposals };
};
