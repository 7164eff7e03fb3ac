import { download } from './api.ts';
import type { Appointment } from './types.ts';

/** Where the viewer's side of a visit's call stands at `now` (the API gives the window's instants). */
export type CallPhase = 'not_yet' | 'open' | 'closed' | 'none';

export function callPhase(a: Appointment, now: number): CallPhase {
  if (a.status !== 'confirmed') return 'none';
  if (now < Date.parse(a.joinOpensAt)) return 'not_yet';
  if (now > Date.parse(a.joinClosesAt)) return 'closed';
  return 'open';
}

/** "1:05:09", "4:07", "0:09": time left, never negative. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Saves a visit's calendar invite (the API needs the access token, so not a plain link). */
export async function saveInvite(id: string) {
  const blob = await download(`/appointments/${id}/ics`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `consultation-${id.slice(0, 8)}.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
