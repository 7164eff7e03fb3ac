import { api } from './api.ts';
import type { SlotList } from './types.ts';

/** Free slots of a doctor in [from, to), with local times in the viewer's zone. */
export function slots(doctorId: string, from: Date, to: Date, tz?: string): Promise<SlotList> {
  return api.get<SlotList>(`/doctors/${doctorId}/slots`, {
    query: { from: from.toISOString(), to: to.toISOString(), tz },
  });
}

/** A fresh idempotency key per user action, so a retried request never pays twice. */
export const idempotencyKey = () => crypto.randomUUID();
