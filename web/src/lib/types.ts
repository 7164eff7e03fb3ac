// Shapes of the API responses the web app reads (the API's zod schemas are the source; see /api/v1/openapi.json).
export const ROLES = ['patient', 'doctor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  status: 'active' | 'suspended';
  mfaEnabled: boolean;
  timezone: string;
  locale: string;
  createdAt: string;
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Doctor {
  id: string;
  name: string;
  specialty: string;
  languages: string[];
  feeMinor: number;
  currency: string;
  timezone: string;
  bio: string;
  photoUrl: string | null;
  slotMinutes: number;
  bufferMinutes: number;
  onCall: boolean;
  verified: boolean;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MailItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  createdAt: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
}

export interface SlotList {
  doctorId: string;
  timezone: string;
  doctorTimezone: string;
  slotMinutes: number;
  from: string;
  to: string;
  slots: Slot[];
}

export type DoctorWithNextSlot = Doctor & { nextAvailableSlot?: Slot | null };

export const APPOINTMENT_STATUSES = [
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'completed',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Appointment {
  id: string;
  doctorId: string;
  doctorName: string;
  patientId: string;
  patientName: string;
  status: AppointmentStatus;
  startsAt: string;
  endsAt: string;
  timezone: string;
  holdExpiresAt: string | null;
  priceMinor: number;
  currency: string;
  paid: boolean;
  refundDueMinor: number | null;
  cancelledAt: string | null;
  cancelledBy: 'patient' | 'doctor' | 'admin' | null;
  cancelReason: string | null;
  rescheduleCount: number;
  createdAt: string;
  visitType: 'new' | 'follow_up';
  /** The patient's and the doctor's only (null for admins). */
  visitReason: string | null;
  followUpOf: string | null;
  checkedInAt: string | null;
  completedAt: string | null;
  /** The viewer's side of the call window. */
  joinOpensAt: string;
  joinClosesAt: string;
  /** The payment whose receipt is at /wallet/receipts/{id} (the payer and admins). */
  receiptId: string | null;
  refundIfCancelledMinor: number | null;
  refundPolicy: { fullRefundHours: number; lateRefundPercent: number };
}

export interface Proposal {
  id: string;
  kind: 'reschedule' | 'follow_up';
  appointmentId: string;
  doctorId: string;
  doctorName: string;
  patientId: string;
  startsAt: string;
  note: string;
  status: 'open' | 'accepted' | 'declined' | 'withdrawn';
  resultAppointmentId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Rating {
  appointmentId: string;
  stars: number;
  comment: string;
  createdAt: string;
}

export interface PaymentMethods {
  methods: {
    id: 'wallet' | 'stripe' | 'razorpay';
    available: boolean;
    publicKey: string | null;
    currencies: string[];
    message: string | null;
  }[];
  hybrid: boolean;
}

export interface Payment {
  id: string;
  purpose: 'appointment' | 'topup';
  appointmentId: string | null;
  method: 'wallet' | 'card' | 'hybrid';
  gateway: 'stripe' | 'razorpay' | null;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'refunded';
  currency: string;
  amountMinor: number;
  walletMinor: number;
  gatewayMinor: number;
  refundedMinor: number;
  failureMessage: string | null;
  createdAt: string;
  settledAt: string | null;
  checkout: Record<string, string | number> | null;
}

export interface Wallet {
  balances: { currency: string; balanceMinor: number }[];
}

export interface WalletEntry {
  id: number;
  kind: string;
  currency: string;
  amountMinor: number;
  memo: string;
  paymentId: string | null;
  refundId: string | null;
  createdAt: string;
}

export interface RecordFile {
  id: string;
  patientId: string;
  uploadedBy: string | null;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface VisitSummary {
  id: string;
  patientId: string;
  doctorId: string | null;
  doctorName: string;
  appointmentId: string | null;
  visitAt: string;
  diagnoses: { code?: string; description: string }[];
  createdAt: string;
}

export interface RecordsList {
  patientId: string;
  access: 'owner' | 'full' | 'partial';
  files: RecordFile[];
  visits: VisitSummary[];
}

export interface Consent {
  id: string;
  patientId: string;
  patientName: string;
  doctorId: string;
  doctorName: string;
  scope: 'all' | 'record';
  recordType: 'file' | 'visit' | null;
  recordId: string | null;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** Why a doctor broke the glass (api/src/records/schemas.ts EmergencyReasonCodes). */
export const EMERGENCY_REASON_CODES = [
  'unconscious_patient',
  'life_threatening',
  'patient_cannot_consent',
  'urgent_continuity_of_care',
] as const;
export type EmergencyReasonCode = (typeof EMERGENCY_REASON_CODES)[number];

/** The API's EmergencyAccess: a doctor's break-glass to one patient's records, and its review. */
export interface EmergencyAccess {
  id: string;
  doctorId: string;
  doctorName: string;
  patientId: string;
  patientName: string;
  reasonCode: EmergencyReasonCode | null;
  justification: string;
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
  active: boolean;
  reviewStatus: 'pending' | 'approved' | 'flagged' | 'cleared';
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** Ids only: the review itself shows no clinical content. */
  writes: { visits: string[]; files: string[] };
  quarantined: boolean;
}
