import { z } from 'zod';
import { FeeFilterFields, requireFeeCurrency } from '../doctors/fee-filter.ts';
import { Doctor, IanaZone } from '../doctors/schemas.ts';
import { PageQuery } from '../http/pagination.ts';
import { parseHm } from './zones.ts';

export { IanaZone };

export const HourMinute = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00-24:00)')
  .meta({ description: 'Wall-clock time in the doctor’s zone, HH:MM; 24:00 = end of day' });

const windowOk = (w: { start: string; end: string }) => parseHm(w.start) < parseHm(w.end);

export const WeeklyRuleInput = z
  .object({
    weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday: 1 = Monday ... 7 = Sunday' }),
    start: HourMinute,
    end: HourMinute,
  })
  .refine(windowOk, {
    message: 'start must be before end (split windows that cross midnight)',
    path: ['end'],
  })
  .meta({ id: 'WeeklyRule' });

export const AvailabilityInput = z
  .object({
    rules: z.array(WeeklyRuleInput).max(100),
    slotMinutes: z.number().int().min(5).max(240).optional(),
    bufferMinutes: z.number().int().min(0).max(120).optional(),
  })
  .meta({ id: 'AvailabilityInput' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real date');

export const ExceptionInput = z
  .object({
    date: IsoDate.meta({ description: 'Civil date in the doctor’s zone' }),
    kind: z.enum(['off', 'extra']),
    start: HourMinute.optional(),
    end: HourMinute.optional(),
  })
  .refine((e) => (e.start === undefined) === (e.end === undefined), {
    message: 'give both start and end, or neither',
    path: ['end'],
  })
  .refine((e) => e.kind === 'off' || e.start !== undefined, {
    message: 'extra hours need start and end',
    path: ['start'],
  })
  .refine((e) => e.start === undefined || windowOk({ start: e.start, end: e.end! }), {
    message: 'start must be before end',
    path: ['end'],
  })
  .meta({ id: 'AvailabilityExceptionInput' });

export const AvailabilityException = z
  .object({
    id: z.uuid(),
    date: z.string(),
    kind: z.enum(['off', 'extra']),
    start: z.string().nullable(),
    end: z.string().nullable(),
  })
  .meta({ id: 'AvailabilityException' });

export const Availability = z
  .object({
    timezone: z.string(),
    slotMinutes: z.number().int(),
    bufferMinutes: z.number().int(),
    rules: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() })),
    exceptions: z.array(AvailabilityException).meta({ description: 'Today and later' }),
  })
  .meta({ id: 'Availability' });

export const IsoInstant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 with offset, e.g. 2027-03-15T09:00:00-04:00 or ...Z' });

export const Slot = z
  .object({
    startsAt: z.string().meta({ description: 'UTC' }),
    endsAt: z.string(),
    startsAtLocal: z.string().meta({ description: 'Wall time in `timezone`, with its offset' }),
    endsAtLocal: z.string(),
  })
  .meta({ id: 'Slot' });

export const SlotQuery = z.object({
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  tz: IanaZone.optional().meta({
    description: 'Zone for the local times; default: your profile’s, else the doctor’s',
  }),
});

export const SlotList = z
  .object({
    doctorId: z.uuid(),
    timezone: z.string(),
    doctorTimezone: z.string(),
    slotMinutes: z.number().int(),
    from: z.string(),
    to: z.string(),
    slots: z.array(Slot),
  })
  .meta({ id: 'SlotList' });

export const DoctorSearchQuery = PageQuery.extend({
  specialty: z.string().max(80).optional(),
  language: z.string().max(3).optional(),
  ...FeeFilterFields,
  q: z.string().max(80).optional(),
  availableBefore: IsoInstant.optional().meta({
    description: 'Only doctors with a free slot starting before this',
  }),
  sort: z.enum(['next_available', 'fee', 'name']).default('next_available'),
  tz: IanaZone.optional(),
}).superRefine(requireFeeCurrency);

export const DoctorWithNextSlot = Doctor.extend({ nextAvailableSlot: Slot.nullable() }).meta({
  id: 'DoctorWithNextSlot',
});
