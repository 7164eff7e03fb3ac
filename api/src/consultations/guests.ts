import { z } from 'zod';

/**
 * Call guests (issue 18): an interpreter or carer the doctor (or, when the doctor allows it, the
 * patient) invites into a consultation. Pure rules here; the rows are `call_invites` (single-use,
 * expiring links) and `call_guests` (one per redeemed link), see migration 0070.
 */

export const GuestStates = ['waiting', 'admitted', 'declined', 'removed'] as const;
export type GuestState = (typeof GuestStates)[number];

/** Removal wins over admission: a removed guest stays out even though they were admitted once. */
export function guestState(row: {
  admitted_at: Date | null;
  declined_at: Date | null;
  removed_at: Date | null;
}): GuestState {
  if (row.removed_at) return 'removed';
  if (row.declined_at) return 'declined';
  if (row.admitted_at) return 'admitted';
  return 'waiting';
}

/** Why an invitation link cannot be redeemed (each its own status and code for the guest page). */
export type InviteRefusal = 'not_found' | 'used' | 'expired';

/** Classifies a link the single-use UPDATE did not take: unknown, already used, or past its time. */
export function inviteRefusal(
  row: { used_at: Date | null; expires_at: Date } | undefined,
  now: Date,
): InviteRefusal {
  if (!row) return 'not_found';
  if (row.used_at) return 'used';
  return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'used';
}

/** Who may invite: the room's doctor always, its patient only while the doctor allows it. */
export function mayInvite(role: 'doctor' | 'patient' | 'other', patientMayInvite: boolean): boolean {
  return role === 'doctor' || (role === 'patient' && patientMayInvite);
}

export const GuestName = z.string().trim().min(1).max(80);

export const CallGuest = z
  .object({
    id: z.uuid(),
    name: z.string(),
    state: z.enum(GuestStates),
    createdAt: z.string(),
  })
  .meta({ id: 'CallGuest' });

export const CallGuestList = z
  .object({
    /** The doctor's switch: the patient may invite guests too. */
    patientMayInvite: z.boolean(),
    /** Whether the caller may invite now. */
    canInvite: z.boolean(),
    guests: z.array(CallGuest),
  })
  .meta({ id: 'CallGuestList' });

/** A new invitation: the link (to copy) and whether it was e-mailed. */
export const CallInvite = z
  .object({ token: z.string(), url: z.string(), expiresAt: z.string(), emailed: z.boolean() })
  .meta({ id: 'CallInvite' });

/** What the guest's own page reads with its guest pass. */
export const GuestSelf = z
  .object({
    roomId: z.string(),
    name: z.string(),
    state: z.enum(GuestStates),
    doctorName: z.string(),
  })
  .meta({ id: 'GuestSelf' });

/** The answer to a redeemed link: the guest pass (an access token for this one call). */
export const GuestPass = z
  .object({
    guestId: z.uuid(),
    roomId: z.string(),
    accessToken: z.string(),
    expiresAt: z.string(),
    doctorName: z.string(),
  })
  .meta({ id: 'GuestPass' });
