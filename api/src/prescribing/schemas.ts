import { z } from 'zod';
import { AllergySeverities } from '../profile/schemas.ts';
import { AgeLimitReasons, DrugClassIds } from './drug-classes.ts';

/** A warning about one prescription of a visit (by its index in the visit's list). */
export const PrescribingWarning = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('allergy'),
      index: z.number().int(),
      drug: z.string(),
      /** The allergy as the patient recorded it. */
      allergen: z.string(),
      severity: z.enum(AllergySeverities).nullable(),
      /** substance: the same drug; class: a drug of a class the allergy names or implies. */
      match: z.enum(['substance', 'class']),
      classId: z.enum(DrugClassIds).nullable(),
      className: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('duplicate'),
      index: z.number().int(),
      drug: z.string(),
      /** The current medication it duplicates. */
      medication: z.string(),
      match: z.enum(['substance', 'class']),
      classId: z.enum(DrugClassIds).nullable(),
      className: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('child_age'),
      index: z.number().int(),
      drug: z.string(),
      ageYears: z.number().int(),
      minAgeYears: z.number().int(),
      reason: z.enum(AgeLimitReasons),
      /** The reason in English. */
      why: z.string(),
    }),
  ])
  .meta({ id: 'PrescribingWarning' });
export type PrescribingWarning = z.infer<typeof PrescribingWarning>;

/** The doctor prescribes prescription `index` despite its warnings, for this reason (recorded). */
export const SafetyOverride = z
  .object({ index: z.number().int().min(0).max(49), reason: z.string().trim().min(3).max(1000) })
  .meta({ id: 'SafetyOverride' });
export type SafetyOverride = z.infer<typeof SafetyOverride>;
