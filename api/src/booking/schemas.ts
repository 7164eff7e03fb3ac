import { z } from 'zod';
import { IanaZone, IsoDate, IsoInstant } from '../availability/schemas.ts';
import { PageQuery } from '../http/pagination.ts';
import { safeText } from '../http/text.ts';

export const AppointmentStatuses = [
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'completed',
  'no_show',
] as const;
export type AppointmentStatus = (typeof AppointmentStatuses)[number];

export const VisitTypes = ['new', 'follow_up'] as const;
export type VisitType = (typeof VisitTypes)[number];

/** Why the patient comes, in their words: shown to the doctor, redacted before any AI use, never emailed. */
export const VisitReason = safeText({ max: 1000 });

export const CreateAppointment = z
  .object({
    doctorId: z.uuid(),
    startsAt: IsoInstant,
    reason: VisitReason.default('').meta({
      description: 'Shown to the doctor before the call; never emailed',
    }),
    visitType: z.enum(VisitTypes).default('new'),
  })
  .meta({ id: 'CreateAppointment' });

export const RescheduleAppointment = z.object({ startsAt: IsoInstant }).meta({ id: 'RescheduleAppointment' });

export const CancelAppointment = z
  .object({
    reason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .meta({ description: 'Shown to the other party; never logged' }),
  })
  .meta({ id: 'CancelAppointment' });

export const Appointment = z
  .object({
    id: z.uuid(),
    doctorId: z.uuid(),
    doctorName: z.string(),
    patientId: z.uuid(),
    patientName: z.string(),
    status: z
      .enum(AppointmentStatuses)
      .meta({ description: 'A pending appointment whose hold has lapsed reads as expired' }),
    startsAt: z.string(),
    endsAt: z.string(),
    timezone: z.string(),
    startsAtLocal: z.string(),
    endsAtLocal: z.string(),
    holdExpiresAt: z.string().nullable().meta({ description: 'Pending only: pay before this' }),
    priceMinor: z.number().int(),
    currency: z.string(),
    paid: z.boolean(),
    refundDueMinor: z.number().int().nullable(),
    cancelledAt: z.string().nullable(),
    cancelledBy: z.enum(['patient', 'doctor', 'admin']).nullable(),
    cancelReason: z.string().nullable(),
    rescheduleCount: z.number().int(),
    createdAt: z.string(),
    visitType: z.enum(VisitTypes),
    visitReason: z
      .string()
      .nullable()
      .meta({ description: 'The patient and the doctor only (admins see no clinical content)' }),
    followUpOf: z.uuid().nullable(),
    checkedInAt: z.string().nullable().meta({ description: 'When the patient joined the call window' }),
    completedAt: z.string().nullable(),
    joinOpensAt: z.string().meta({ description: "When the viewer's side of the call opens" }),
    joinClosesAt: z.string().meta({ description: 'When the call room closes' }),
    receiptId: z.uuid().nullable().meta({
      description: 'The paying patient (and admins): the payment whose receipt is at /wallet/receipts/{id}',
    }),
    refundIfCancelledMinor: z.number().int().nullable().meta({
      description: 'What cancelling it now, as the viewer, would refund (null: it cannot be cancelled)',
    }),
    refundPolicy: z.object({ fullRefundHours: z.number().int(), lateRefundPercent: z.number().int() }).meta({
      description: 'Patients: a full refund up to fullRefundHours before the start, lateRefundPercent after',
    }),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

const csvStatuses = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(AppointmentStatuses)).min(1));

export const AppointmentQuery = PageQuery.extend({
  status: csvStatuses.optional().meta({ description: 'Comma-separated; default: all but expired' }),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  tz: IanaZone.optional(),
});

export const AgendaQuery = z.object({ date: IsoDate.optional(), tz: IanaZone.optional() });

export const Agenda = z
  .object({ date: z.string(), timezone: z.string(), items: z.array(Appointment) })
  .meta({ id: 'Agenda' });

export const AppointmentIdParams = z.object({ id: z.uuid() });

export const ProposalKinds = ['reschedule', 'follow_up'] as const;
export type ProposalKind = (typeof ProposalKinds)[number];

export const CreateProposal = z
  .object({
    kind: z.enum(ProposalKinds),
    startsAt: IsoInstant,
    note: safeText({ max: 500 })
      .default('')
      .meta({ description: 'To the patient; a follow-up’s becomes its visit reason. Never emailed' }),
  })
  .meta({ id: 'CreateProposal' });

export const Proposal = z
  .object({
    id: z.uuid(),
    kind: z.enum(ProposalKinds),
    appointmentId: z.uuid(),
    doctorId: z.uuid(),
    doctorName: z.string(),
    patientId: z.uuid(),
    startsAt: z.string(),
    note: z.string(),
    status: z.enum(['open', 'accepted', 'declined', 'withdrawn']),
    resultAppointmentId: z.uuid().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Proposal' });

export const ProposalQuery = z.object({
  status: z.enum(['open', 'accepted', 'declined', 'withdrawn']).optional(),
  appointmentId: z.uuid().optional(),
});

export const ProposalIdParams = z.object({ id: z.uuid() });
