import { z } from 'zod';

/** A consultation room as its participants (and admins) see it. */
export const Consultation = z
  .object({
    roomId: z.string(),
    kind: z.enum(['appointment', 'queue']),
    appointmentId: z.uuid().nullable(),
    patient: z.object({ id: z.uuid(), name: z.string() }),
    doctor: z.object({ id: z.uuid(), name: z.string() }),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    /** For the doctor: the patient's latest symptom check of the last 24 hours. */
    triageId: z.uuid().nullable(),
  })
  .meta({ id: 'Consultation' });
