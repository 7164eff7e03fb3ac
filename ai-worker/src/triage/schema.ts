import { z } from 'zod';
import { ScreenAnswersSchema } from './screen-questions.ts';

export const PRIORITIES = ['routine', 'urgent', 'emergency'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);
export const maxPriority = (a: Priority, b: Priority): Priority =>
  priorityRank(a) >= priorityRank(b) ? a : b;

export const SPECIALTIES = [
  'emergency_medicine',
  'general_medicine',
  'cardiology',
  'neurology',
  'pulmonology',
  'gastroenterology',
  'dermatology',
  'psychiatry',
  'obstetrics_gynecology',
  'pediatrics',
  'orthopedics',
  'ent',
  'ophthalmology',
  'urology',
  'endocrinology',
  'nephrology',
] as const;
export const SpecialtySchema = z.enum(SPECIALTIES);
export type Specialty = z.infer<typeof SpecialtySchema>;

export const VitalsSchema = z.object({
  temperatureC: z.number().min(25).max(45).optional(),
  heartRate: z.number().int().min(0).max(300).optional(),
  respiratoryRate: z.number().int().min(0).max(100).optional(),
  systolicBp: z.number().int().min(0).max(300).optional(),
  diastolicBp: z.number().int().min(0).max(200).optional(),
  spo2: z.number().min(0).max(100).optional(),
  bloodGlucoseMgDl: z.number().min(0).max(2000).optional(),
});

export const TriageInputSchema = z.object({
  symptoms: z.string().min(1).max(4000),
  /** Years; fractions for infants (0.25 = 3 months). */
  age: z.number().min(0).max(130),
  sex: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
  durationHours: z
    .number()
    .min(0)
    .max(24 * 365 * 10)
    .optional(),
  pregnant: z.boolean().optional(),
  vitals: VitalsSchema.optional(),
  /** Answers to the structured red-flag screen (screen-questions.ts): "yes" is an emergency. */
  screen: ScreenAnswersSchema.optional(),
});
export type TriageInput = z.input<typeof TriageInputSchema>;
export type ParsedTriageInput = z.output<typeof TriageInputSchema>;

export const RedFlagSchema = z.object({ code: z.string(), label: z.string(), priority: PrioritySchema });
export type RedFlag = z.infer<typeof RedFlagSchema>;

export const TriageResultSchema = z.object({
  priority: PrioritySchema,
  reasons: z.array(z.string()),
  redFlags: z.array(RedFlagSchema),
  suggestedSpecialty: SpecialtySchema,
  confidence: z.number().min(0).max(1),
  source: z.enum(['rules', 'llm']),
  promptVersion: z.string().nullable(),
  disclaimer: z.string(),
  /** What the patient is told to do now; emergency always means call emergency services. */
  action: z.enum(['call_emergency_services', 'see_doctor_today', 'book_appointment']),
  patientMessage: z.string(),
  /**
   * Severity cue codes (never text) found in a description no red-flag rule explained; present only
   * when the safety net raised a routine answer to urgent. The host logs these for clinical review.
   */
  unmatchedSeverityCues: z.array(z.string()).optional(),
});
export type TriageResult = z.infer<typeof TriageResultSchema>;

/** What the LLM must return (validated before use; rules can still raise its priority). */
export const LlmTriageSchema = z.object({
  priority: PrioritySchema,
  reasons: z.array(z.string().max(300)).max(8),
  suggestedSpecialty: SpecialtySchema,
  confidence: z.number().min(0).max(1),
});
export type LlmTriage = z.infer<typeof LlmTriageSchema>;

export const DISCLAIMER =
  'This is automated, advisory guidance, not a diagnosis. A clinician will review it. If you feel your condition is getting worse, seek care immediately.';
