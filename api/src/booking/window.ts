/**
 * The call window of a booked visit: when its patient and its doctor may enter the call room. One
 * policy, read from the config (CALL_*_MINUTES), is handed both to the socket tier's room access
 * (consultations/access.ts decides with joinWindow/joinState) and to the appointment API, which
 * shows each viewer their own window; window.test.ts holds the two to the same instants. Pure.
 */
import type { Env } from '../config/schema.ts';

export interface CallWindowPolicy {
  /** Minutes before the start a patient may enter the room of a booked appointment. */
  patientJoinWindowMin: number;
  /** Minutes before the start the doctor may open it. */
  doctorJoinWindowMin: number;
  /** Minutes after the booked end the room stays open (visits overrun). */
  graceAfterMin: number;
}

export const DEFAULT_CALL_WINDOW: CallWindowPolicy = {
  patientJoinWindowMin: 10,
  doctorJoinWindowMin: 30,
  graceAfterMin: 60,
};

export function callWindowPolicy(
  env: Pick<Env, 'CALL_PATIENT_EARLY_MINUTES' | 'CALL_DOCTOR_EARLY_MINUTES' | 'CALL_GRACE_MINUTES'>,
): CallWindowPolicy {
  return {
    patientJoinWindowMin: env.CALL_PATIENT_EARLY_MINUTES,
    doctorJoinWindowMin: env.CALL_DOCTOR_EARLY_MINUTES,
    graceAfterMin: env.CALL_GRACE_MINUTES,
  };
}

const MIN = 60_000;

/** [opensAt, closesAt] of the room for this side of the visit (both inclusive, as access.ts). */
export function joinWindow(
  a: { startsAt: Date; endsAt: Date },
  side: 'patient' | 'doctor',
  p: CallWindowPolicy,
): { opensAt: Date; closesAt: Date } {
  const early = side === 'doctor' ? p.doctorJoinWindowMin : p.patientJoinWindowMin;
  return {
    opensAt: new Date(a.startsAt.getTime() - early * MIN),
    closesAt: new Date(a.endsAt.getTime() + p.graceAfterMin * MIN),
  };
}

export type JoinState = 'not_yet' | 'open' | 'closed';

export function joinState(w: { opensAt: Date; closesAt: Date }, now: Date): JoinState {
  const t = now.getTime();
  if (t < w.opensAt.getTime()) return 'not_yet';
  if (t > w.closesAt.getTime()) return 'closed';
  return 'open';
}
