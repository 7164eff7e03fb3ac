import { api } from '$lib/api.ts';
import type { Paged, User } from '$lib/types.ts';
import type { PageLoad } from './$types';

/** How many users match, or null: the overview's counts are a glance, never a reason to fail the page. */
const count = (query: Record<string, string>) =>
  api
    .get<Paged<User>>('/admin/users', { query: { ...query, pageSize: 1 } })
    .then((r): number | null => r.total)
    .catch(() => null);

export const load: PageLoad = async ({ parent }) => {
  await parent();
  const [patients, doctors, suspended] = await Promise.all([
    count({ role: 'patient' }),
    count({ role: 'doctor' }),
    count({ status: 'suspended' }),
  ]);
  return { patients, doctors, suspended };
};
