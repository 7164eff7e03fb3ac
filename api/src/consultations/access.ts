import type { Role } from '@telehealth/platform/auth/tokens';
import { DEFAULT_CALL_WINDOW, joinState, joinWindow, type CallWindowPolicy } from '../booking/window.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { isVerifiedClinician } from '../doctors/clinician.ts';

export type CallRole = 'doctor' | 'patient' | 'guest';

export interface RoomInfo {
  roomId: string;
  kind: 'appointment' | 'queue';
  patientId: string;
  doctorId: string;
  appointmentId: string | null;
  queueEntryId: string | null;
  /** Appointment rooms: the booked span. */
  startsAt: Date | null;
  endsAt: Date | null;
  /** Appointment status, or queue entry status. */
  status: string;
}

export type CallAccess =
  | { ok: true; role: CallRole; room: RoomInfo }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'too_early' | 'over' | 'doctor_not_verified' };

/** A booked visit's call window (booking/window.ts): the appointment API shows the same instants. */
export type AccessPolicy = CallWindowPolicy;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function resolveRoom(q: Queryable, roomId: string): Promise<RoomInfo | undefined> {
  if (!UUID.test(roomId)) return undefined;
  const a = (
    await q.query<{ patient_id: string; doctor_id: string; starts_at: Date; ends_at: Date; status: string }>(
      'SELECT patient_id, doctor_id, starts_at, ends_at, status FROM appointments WHERE id = $1',
      [roomId],
    )
  ).rows[0];
  if (a)
    return {
      roomId,
      kind: 'appointment',
      patientId: a.patient_id,
      doctorId: a.doctor_id,
      appointmentId: roomId,
      queueEntryId: null,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      status: a.status,
    };
  const e = (
    await q.query<{
      id: string;
      patient_id: string;
      doctor_id: string;
      status: string;
      appointment_id: string | null;
    }>('SELECT id, patient_id, doctor_id, status, appointment_id FROM queue_entries WHERE room_id = $1', [
      roomId,
    ])
  ).rows[0];
  if (e)
    return {
      roomId,
      kind: 'queue',
      patientId: e.patient_id,
      doctorId: e.doctor_id,
      appointmentId: e.appointment_id,
      queueEntryId: e.id,
      startsAt: null,
      endsAt: null,
      status: e.status,
    };
  return undefined;
}

/**
 * Pure rule: who may be in a room at `now`. Queue rooms are open while the patient is called or in
 * the call. Appointment rooms open shortly before the booked start (earlier for the doctor) and stay
 * open a while after its end; only confirmed (paid) appointments have a room.
 */
export function decideAccess(
  room: RoomInfo,
  user: { id: string; role: Role },
  isGuest: boolean,
  now: Date,
  policy: AccessPolicy = DEFAULT_CALL_WINDOW,
): CallAccess {
  const role: CallRole | undefined =
    user.id === room.doctorId
      ? 'doctor'
      : user.id === room.patientId
        ? 'patient'
        : isGuest
          ? 'guest'
          : undefined;
  if (!role) return { ok: false, reason: 'forbidden' };
  if (room.kind === 'queue') {
    return room.status === 'called' || room.status === 'in_call'
      ? { ok: true, role, room }
      : { ok: false, reason: 'over' };
  }
  if (room.status !== 'confirmed')
    return { ok: false, reason: room.status === 'pending' ? 'forbidden' : 'over' };
  const state = joinState(
    joinWindow(
      { startsAt: room.startsAt!, endsAt: room.endsAt! },
      role === 'doctor' ? 'doctor' : 'patient',
      policy,
    ),
    now,
  );
  if (state === 'not_yet') return { ok: false, reason: 'too_early' };
  if (state === 'closed') return { ok: false, reason: 'over' };
  return { ok: true, role, room };
}

export async function checkCallAccess(
  q: Queryable,
  roomId: string,
  user: { id: string; role: Role },
  now: Date,
  policy?: AccessPolicy,
): Promise<CallAccess> {
  const room = await resolveRoom(q, roomId);
  if (!room) return { ok: false, reason: 'not_found' };
  // The doctor's side of a consultation is a clinical power: a verified clinician only (issue 21).
  if (user.id === room.doctorId && !(await isVerifiedClinician(q, user.id)))
    return { ok: false, reason: 'doctor_not_verified' };
  const guest =
    user.id !== room.doctorId && user.id !== room.patientId
      ? (
          await q.query(
            // Only a guest the doctor admitted (and did not remove since) is in the room.
            `SELECT 1 FROM call_guests
              WHERE room_id = $1 AND user_id = $2 AND admitted_at IS NOT NULL AND removed_at IS NULL`,
            [roomId, user.id],
          )
        ).rowCount > 0
      : false;
  return decideAccess(room, user, guest, now, policy);
}
