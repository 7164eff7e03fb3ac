import { api } from '$lib/api.ts';
import type { Paged, User } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const sp = url.searchParams;
  const filters = { q: sp.get('q') ?? '', role: sp.get('role') ?? '', status: sp.get('status') ?? '' };
  const page = pageParam(url);
  const users = await api
    .get<Paged<User>>('/admin/users', { query: { ...filters, q: filters.q.trim(), page, pageSize: 20 } })
    .catch(failed);
  return { filters, page, users };
};
