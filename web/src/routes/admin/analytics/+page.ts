import { api } from '$lib/api.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

// Shape of GET /admin/analytics (api/src/admin/analytics.ts).
interface Analytics {
  from: string;
  to: string;
  appointmentsPerDay: { day: string; booked: number; cancelled: number }[];
  revenuePerDay: { day: string; currency: string; amountMinor: number }[];
  queueWaitsPerDay: { day: string; visits: number; medianWaitSeconds: number | null }[];
  noShow: { noShows: number; attended: number; rate: number | null };
}

/** The period the charts cover, `?days=`, one of these (30 when absent). */
const RANGES = [7, 30, 90] as const;

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const days = RANGES.find((n) => String(n) === url.searchParams.get('days')) ?? 30;
  const analytics = await api.get<Analytics>('/admin/analytics', { query: { days } }).catch(failed);
  return { days, ranges: RANGES, analytics };
};
