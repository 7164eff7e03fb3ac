import { api } from '$lib/api.ts';
import { requireUser } from '../../guard.ts';
import type { PageLoad } from './$types';

/**
 * A consultation room, for whoever the server lets in (the call itself decides). Whether it is a
 * booked visit or a walk-in only picks where Leave goes, so the call does not wait on it failing.
 */
export const load: PageLoad = async (event) => {
  await requireUser(event);
  const consultation = await api
    .get<{ kind: 'appointment' | 'queue' }>(`/consultations/${event.params.roomId}`)
    .catch(() => null);
  return { kind: consultation?.kind ?? null };
};
