import { api } from '$lib/api.ts';
import type { Paged } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import type { PageLoad } from './$types';

// Shape of GET /admin/ratings (api/src/ratings).
interface Rating {
  appointmentId: string;
  stars: number;
  comment: string;
  createdAt: string;
  doctorId: string;
  doctorName: string;
  patientName: string;
}

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const page = pageParam(url);
  const ratings = await api
    .get<Paged<Rating>>('/admin/ratings', { query: { page, pageSize: 20 } })
    .catch(failed);
  return { page, ratings };
};
