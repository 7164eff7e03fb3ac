import { z } from 'zod';
import { PrioritySchema, SpecialtySchema, type TriageResult } from './schema.ts';

/** A patient or doctor disagreeing with the advisory triage; the host persists these. */
export const TriageOverrideSchema = z.object({
  triageId: z.string().min(1),
  by: z.object({ userId: z.string().min(1), role: z.enum(['patient', 'doctor', 'admin']) }),
  from: z.object({
    priority: PrioritySchema,
    suggestedSpecialty: SpecialtySchema,
    source: z.enum(['rules', 'llm']),
  }),
  to: z.object({ priority: PrioritySchema, suggestedSpecialty: SpecialtySchema }),
  reason: z.string().max(1000).optional(),
  /** A patient lowering an emergency is recorded but flagged for clinician review. */
  needsClinicianReview: z.boolean(),
  at: z.string(),
});
export type TriageOverride = z.infer<typeof TriageOverrideSchema>;

export function recordOverride(args: {
  triageId: string;
  result: Pick<TriageResult, 'priority' | 'suggestedSpecialty' | 'source'>;
  by: TriageOverride['by'];
  to: Partial<TriageOverride['to']>;
  reason?: string;
  now?: Date;
}): TriageOverride {
  const to = {
    priority: args.to.priority ?? args.result.priority,
    suggestedSpecialty: args.to.suggestedSpecialty ?? args.result.suggestedSpecialty,
  };
  const lowered =
    ['routine', 'urgent', 'emergency'].indexOf(to.priority) <
    ['routine', 'urgent', 'emergency'].indexOf(args.result.priority);
  return TriageOverrideSchema.parse({
    triageId: args.triageId,
    by: args.by,
    from: {
      priority: args.result.priority,
      suggestedSpecialty: args.result.suggestedSpecialty,
      source: args.result.source,
    },
    to,
    reason: args.reason,
    needsClinicianReview: lowered && args.by.role !== 'doctor',
    at: (args.now ?? new Date()).toISOString(),
  });
}
