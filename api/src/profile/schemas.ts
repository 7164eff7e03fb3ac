import { z } from 'zod';

/**
 * The health profile (issue 19): what a doctor needs before prescribing. Owned and edited by the
 * patient; stored sealed (store.ts). The same schema validates the patient's edit, the stored
 * document when it is opened, and what the API answers.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
/** A civil date (no time, no zone): a birthday, a "since". */
export const CivilDate = z.iso.date();

export const SexesAtBirth = ['female', 'male', 'intersex'] as const;
export const BloodGroups = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export const AllergySeverities = ['mild', 'moderate', 'severe'] as const;
export type AllergySeverity = (typeof AllergySeverities)[number];

export const Allergy = z
  .object({
    substance: text(120),
    reaction: optionalText(300),
    severity: z.enum(AllergySeverities).optional(),
  })
  .meta({ id: 'Allergy' });
export type Allergy = z.infer<typeof Allergy>;

export const Condition = z
  .object({ name: text(200), since: CivilDate.optional() })
  .meta({ id: 'ChronicCondition' });

export const Medication = z
  .object({
    name: text(200),
    dose: optionalText(200),
    since: CivilDate.optional(),
    /** Set when a doctor's prescription added it (the visit record it came from). */
    visitId: z.uuid().optional(),
  })
  .meta({ id: 'CurrentMedication' });
export type Medication = z.infer<typeof Medication>;

export const Procedure = z
  .object({ name: text(200), date: CivilDate.optional() })
  .meta({ id: 'PastProcedure' });

export const EmergencyContact = z
  .object({
    name: text(120),
    relation: text(60),
    // E.164-ish: digits with an optional leading +, spaces and dashes allowed while typing.
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 \-()]{5,24}$/, 'A phone number: digits, optionally starting with +'),
  })
  .meta({ id: 'EmergencyContact' });

export const HealthProfileInput = z
  .object({
    dateOfBirth: CivilDate.optional(),
    sexAtBirth: z.enum(SexesAtBirth).optional(),
    /** Only if the patient wishes to say. */
    gender: optionalText(60),
    /** Recorded by the patient; triage asks about red flags of pregnancy when set. */
    pregnant: z.boolean().optional(),
    bloodGroup: z.enum(BloodGroups).optional(),
    heightCm: z.number().positive().max(300).optional(),
    weightKg: z.number().positive().max(700).optional(),
    allergies: z.array(Allergy).max(50).default([]),
    conditions: z.array(Condition).max(50).default([]),
    medications: z.array(Medication).max(100).default([]),
    procedures: z.array(Procedure).max(50).default([]),
    emergencyContacts: z.array(EmergencyContact).max(5).default([]),
  })
  .strict()
  .meta({ id: 'HealthProfileInput' });
export type HealthProfileData = z.output<typeof HealthProfileInput>;

export const EMPTY_PROFILE: HealthProfileData = HealthProfileInput.parse({});

/** A save: the profile and the version the editor started from (0: there was none). */
export const HealthProfileSave = z
  .object({
    /** The version the edit started from; 409 PROFILE_CHANGED if someone saved since. */
    version: z.number().int().min(0),
    profile: HealthProfileInput,
  })
  .meta({ id: 'HealthProfileSave' });

export const HealthProfile = z
  .object({
    patientId: z.uuid(),
    /** 0 when the patient has not filled anything in yet. */
    version: z.number().int().min(0),
    updatedAt: z.string().nullable(),
    /** Whole years on the server's date (UTC), from dateOfBirth. */
    ageYears: z.number().int().min(0).nullable(),
    profile: HealthProfileInput,
  })
  .meta({ id: 'HealthProfile' });
export type HealthProfile = z.infer<typeof HealthProfile>;

export const PatientParams = z.object({ patientId: z.uuid() });
