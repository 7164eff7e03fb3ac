import { z } from 'zod';
import { IanaZone, IsoDate, IsoInstant } from '../availability/schemas.ts';
import { PageQuery } from '../http/pagination.ts';

export const AppointmentStatuses = [
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'completed',
  'no_show',
] as const;
export type AppointmentStatus = (typeof AppointmentStatuses)[number];

export const CreateAppointment = z
  .object({ doctorId: z.uuid(), startsAt: IsoInstant })
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
