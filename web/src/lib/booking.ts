import { api } from './api.ts';

export interface Slot {
  start: string;
  end: string;
}

/** Open slots of a doctor between two instants (UTC ISO strings). */
export async function slots(doctorId: string, from: Date, to: Date): Promise<Slot[]> {
  const r = await api.get<Slot[] | { items?: Slot[]; slots?: Slot[] }>(`/doctors/${doctorId}/slots`, {
    query: { from: from.toISOString(), to: to.toISOString() },
  });
  return Array.isArray(r) ? r : (r.slots ?? r.items ?? []);
}

export async function nextSlot(doctorId: string): Promise<string | null> {
  const now = new Date();
  const s = await slots(doctorId, now, new Date(now.getTime() + 7 * 86_400_000));
  return s[0]?.start ?? null;
}
