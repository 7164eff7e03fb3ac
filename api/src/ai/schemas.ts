import { SCREEN_ANSWERS, SCREEN_CODES, TriageResultSchema } from '@telehealth/ai-worker';
import { z } from 'zod';

export const Priority = z.enum(['emergency', 'urgent', 'routine']);

export const TriageAssessment = TriageResultSchema.extend({
  id: z.uuid(),
  patientId: z.uuid(),
  /**
   * The priority in force: the latest clinician (doctor or admin) override, else the assessment's.
   * A patient's own override never changes it (see patientOverride).
   */
  currentPriority: Priority,
  /** The red-flag screen as the patient answered it (empty for a check without one). */
  screen: z.array(
    z.object({ code: z.enum(SCREEN_CODES), answer: z.enum(SCREEN_ANSWERS), label: z.string() }),
  ),
  /** The patient's own latest view of their priority: shown to the doctor, never used for order. */
  patientOverride: z.object({ priority: Priority, reason: z.string().nullable(), at: z.string() }).nullable(),
  createdAt: z.string(),
}).meta({ id: 'TriageAssessment' });
