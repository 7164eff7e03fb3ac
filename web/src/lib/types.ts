/**
 * The API's response shapes as the browser reads them: each is the output type of the zod schema
 * its route declares as `response` (the schema that also validates the answer and publishes
 * /api/v1/openapi.json), so a field the server renames or drops fails `npm run typecheck -w web`
 * instead of reading `undefined` at run time. Every import is `import type`: Vite erases them, so
 * no API module (nor its zod schemas) enters the browser bundle through here.
 */
import type { z } from 'zod';
import type * as admin from '@telehealth/api/admin/schemas';
import type * as ai from '@telehealth/api/ai/schemas';
import type * as audit from '@telehealth/api/audit/schemas';
import type * as auth from '@telehealth/api/auth/schemas';
import type * as availability from '@telehealth/api/availability/schemas';
import type * as booking from '@telehealth/api/booking/schemas';
import type * as consultations from '@telehealth/api/consultations/schemas';
import type * as doctors from '@telehealth/api/doctors/schemas';
import type * as guests from '@telehealth/api/consultations/guests';
import type * as family from '@telehealth/api/family/schemas';
import type { paged } from '@telehealth/api/http/pagination';
import type * as payments from '@telehealth/api/payments/schemas';
import type * as ratings from '@telehealth/api/ratings/schemas';
import type * as records from '@telehealth/api/records/schemas';
import { allOf } from './all-of.ts';

export type User = z.output<typeof auth.PublicUser>;
export type Role = User['role'];
export const ROLES = allOf<Role>()(['patient', 'doctor', 'admin']);
export type Session = z.output<typeof auth.Session>;

export type Doctor = z.output<typeof doctors.Doctor>;
export type Slot = z.output<typeof availability.Slot>;
export type SlotList = z.output<typeof availability.SlotList>;
/**
 * `/search/doctors` answers with `nextAvailableSlot` (null: nothing free soon), `/doctors` without
 * it; the doctors page reads both, hence optional.
 */
export type DoctorWithNextSlot = Doctor &
  Partial<Pick<z.output<typeof availability.DoctorWithNextSlot>, 'nextAvailableSlot'>>;

/** One page of a list endpoint (`paged(Item)` in api/src/http/pagination.ts). */
export type Paged<T> = Omit<z.output<ReturnType<typeof paged>>, 'items'> & { items: T[] };

export type MailItem = z.output<typeof admin.MailItem>;
export type AuditEntry = z.output<typeof audit.AuditItem>;

export type Appointment = z.output<typeof booking.Appointment>;
export type AppointmentStatus = Appointment['status'];
export const APPOINTMENT_STATUSES = allOf<AppointmentStatus>()([
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'completed',
  'no_show',
]);
export type Proposal = z.output<typeof booking.Proposal>;
export type Rating = z.output<typeof ratings.Rating>;

/** A symptom check's result, as POST /triage and GET /triage/{id} answer it. */
export type Triage = z.output<typeof ai.TriageAssessment>;
/** A consultation room, as GET /consultations/{roomId} answers it. */
export type Consultation = z.output<typeof consultations.Consultation>;
export type CallGuestList = z.output<typeof guests.CallGuestList>;
export type CallGuest = CallGuestList['guests'][number];
export type GuestPass = z.output<typeof guests.GuestPass>;
export type GuestSelf = z.output<typeof guests.GuestSelf>;
export type CallInvite = z.output<typeof guests.CallInvite>;

export type PaymentMethods = z.output<typeof payments.PaymentMethods>;
export type Payment = z.output<typeof payments.Payment>;
export type Wallet = z.output<typeof payments.Wallet>;
export type WalletEntry = z.output<typeof payments.WalletEntry>;

export type RecordFile = z.output<typeof records.RecordFile>;
export type VisitSummary = z.output<typeof records.VisitSummary>;
export type RecordsList = z.output<typeof records.RecordsList>;
export type Consent = z.output<typeof records.Consent>;

/** A doctor's break-glass to one patient's records, and its review. */
export type EmergencyAccess = z.output<typeof records.EmergencyAccess>;
/** Why a doctor broke the glass. */
export type EmergencyReasonCode = NonNullable<EmergencyAccess['reasonCode']>;
export const EMERGENCY_REASON_CODES = allOf<EmergencyReasonCode>()([
  'unconscious_patient',
  'life_threatening',
  'patient_cannot_consent',
  'urgent_continuity_of_care',
]);

/** A family member the signed-in patient acts for, and the session as them (issue 19). */
export type Dependent = z.output<typeof family.Dependent>;
export type Family = z.output<typeof family.Family>;
export type ActingSession = z.output<typeof family.ActingSession>;
export type Relation = Dependent['relation'];
export const RELATIONS = allOf<Relation>()(['child', 'parent', 'grandparent', 'spouse', 'sibling', 'other']);
