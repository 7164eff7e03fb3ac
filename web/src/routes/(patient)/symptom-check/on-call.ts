import type { Doctor } from '$lib/types.ts';

/**
 * The doctors a patient can join after a check: those on call, the one whose profile they came from
 * first (search order otherwise), so "Join the waiting room" on her profile ends in her queue.
 */
export function onCallFirst<D extends Pick<Doctor, 'id' | 'onCall'>>(
  doctors: readonly D[],
  preferredId: string | null,
): D[] {
  const onCall = doctors.filter((d) => d.onCall);
  const i = preferredId ? onCall.findIndex((d) => d.id === preferredId) : -1;
  return i <= 0 ? onCall : [onCall[i]!, ...onCall.slice(0, i), ...onCall.slice(i + 1)];
}
