import { describe, expect, it } from 'vitest';
import { decideAccess, type RoomInfo } from '../consultations/access.ts';
import { callWindowPolicy, joinState, joinWindow } from './window.ts';

describe('call window', () => {
  const policy = callWindowPolicy({
    CALL_PATIENT_EARLY_MINUTES: 7,
    CALL_DOCTOR_EARLY_MINUTES: 20,
    CALL_GRACE_MINUTES: 45,
  });
  const startsAt = new Date('2027-03-15T09:00:00Z');
  const endsAt = new Date('2027-03-15T09:30:00Z');
  const room: RoomInfo = {
    roomId: 'r',
    kind: 'appointment',
    patientId: 'p',
    doctorId: 'd',
    appointmentId: 'r',
    queueEntryId: null,
    startsAt,
    endsAt,
    status: 'confirmed',
  };

  it('is the window the room enforces, to the millisecond, for each side', () => {
    for (const side of ['patient', 'doctor'] as const) {
      const w = joinWindow({ startsAt, endsAt }, side, policy);
      const user = { id: side === 'patient' ? 'p' : 'd', role: side };
      const room_ = (ms: number) => decideAccess(room, user, false, new Date(ms), policy);
      expect(room_(w.opensAt.getTime() - 1)).toMatchObject({ ok: false, reason: 'too_early' });
      expect(room_(w.opensAt.getTime()).ok).toBe(true);
      expect(room_(w.closesAt.getTime()).ok).toBe(true);
      expect(room_(w.closesAt.getTime() + 1)).toMatchObject({ ok: false, reason: 'over' });
      expect(joinState(w, new Date(w.opensAt.getTime() - 1))).toBe('not_yet');
      expect(joinState(w, w.opensAt)).toBe('open');
      expect(joinState(w, w.closesAt)).toBe('open');
      expect(joinState(w, new Date(w.closesAt.getTime() + 1))).toBe('closed');
    }
    expect(joinWindow({ startsAt, endsAt }, 'patient', policy).opensAt.toISOString()).toBe(
      '2027-03-15T08:53:00.000Z',
    );
    expect(joinWindow({ startsAt, endsAt }, 'doctor', policy).opensAt.toISOString()).toBe(
      '2027-03-15T08:40:00.000Z',
    );
  });
});
