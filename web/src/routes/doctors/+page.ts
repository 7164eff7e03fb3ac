import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { has } from '$lib/capabilities.svelte.ts';
import { browserZone } from '$lib/format.ts';
import type { DoctorWithNextSlot, Paged } from '$lib/types.ts';
import { failed } from '../failed.ts';
import { pageParam } from '../query.ts';
import type { PageLoad } from './$types';

const PAGE_SIZE = 12;

/** The search lives in the address, so results can be shared and survive reloads. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const sp = url.searchParams;
  const filters = {
    q: sp.get('q') ?? '',
    specialty: sp.get('specialty') ?? '',
    language: sp.get('language') ?? '',
    maxFee: sp.get('maxFee') ?? '',
  };
  const page = pageParam(url);
  // With booking on, the search also returns each doctor's next free slot.
  const withSlots = has('/search/doctors');
  const [result, specialties] = await Promise.all([
    api
      .get<Paged<DoctorWithNextSlot>>(withSlots ? '/search/doctors' : '/doctors', {
        query: {
          q: filters.q.trim(),
          specialty: filters.specialty,
          language: filters.language,
          maxFeeMinor: filters.maxFee ? Math.round(Number(filters.maxFee) * 100) : undefined,
          page,
          pageSize: PAGE_SIZE,
          ...(withSlots ? { tz: auth.user?.timezone ?? browserZone(), sort: 'name' } : {}),
        },
      })
      .catch(failed),
    // The specialty filter's options: without them the filter offers "All" only.
    api
      .get<{ specialty: string; doctors: number }[]>('/specialties', { anonymous: true })
      .catch((): { specialty: string; doctors: number }[] => []),
  ]);
  return { filters, page, result, specialties };
};
