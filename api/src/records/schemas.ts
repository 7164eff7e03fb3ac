import { z } from 'zod';
import { SafetyOverride } from '../prescribing/schemas.ts';
import { MEDIA_TYPES } from './sniff.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDateTime = z.iso.datetime({ offset: true });

export const RecordFile = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    uploadedBy: z.uuid().nullable(),
    filename: z.string(),
    mediaType: z.enum(MEDIA_TYPES),
    sizeBytes: z.number().int(),
    createdAt: z.string(),
    /** Set when written under emergency access: the grant it was written under. */
    emergencyGrantId: z.uuid().nullable(),
  })
  .meta({ id: 'RecordFile' });
export type RecordFile = z.infer<typeof RecordFile>;

export const UploadQuery = z.object({
  /** Doctors upload into a patient's vault (needs full consent or emergency access). */
  patientId: z.uuid().optional(),
  /** Alternative to the X-Filename header (URI-encoded). */
  filename: z.string().max(255).optional(),
});

export const Diagnosis = z
  .object({ code: z.string().trim().max(20).optional(), description: text(500) })
  .meta({ id: 'Diagnosis' });

export const Vitals = z
  .object({
    heightCm: z.number().positive().max(300).optional(),
    weightKg: z.number().positive().max(700).optional(),
    temperatureC: z.number().min(25).max(45).optional(),
    pulseBpm: z.number().int().min(0).max(300).optional(),
    systolicMmHg: z.number().int().min(30).max(300).optional(),
    diastolicMmHg: z.number().int().min(10).max(200).optional(),
    respiratoryRate: z.number().int().min(0).max(100).optional(),
    spo2Percent: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .meta({ id: 'Vitals' });

export const RoutesOfAdministration = [
  'oral',
  'sublingual',
  'buccal',
  'intravenous',
  'intramuscular',
  'subcutaneous',
  'topical',
  'transdermal',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'other',
] as const;

export const PrescriptionInput = z.object({
  drug: text(200),
  dose: text(100),
  route: z.enum(RoutesOfAdministration),
  frequency: text(100),
  duration: text(100),
  instructions: z.string().trim().max(1000).optional(),
});

export const LabFlags = ['normal', 'low', 'high', 'critical'] as const;
export const LabResultInput = z.object({
  test: text(200),
  value: text(100),
  unit: z.string().trim().max(40).optional(),
  referenceRange: z.string().trim().max(100).optional(),
  flag: z.enum(LabFlags).optional(),
  observedAt: isoDateTime.optional(),
});

export const VisitInput = z
  .object({
    patientId: z.uuid(),
    /** The consultation's appointment; lets a doctor write without a standing consent (see README of records). */
    appointmentId: z.uuid().optional(),
    visitAt: isoDateTime.optional(),
    notes: z.string().trim().max(20_000).default(''),
    diagnoses: z.array(Diagnosis).max(50).default([]),
    vitals: Vitals.default({}),
    prescriptions: z.array(PrescriptionInput).max(50).default([]),
    labResults: z.array(LabResultInput).max(100).default([]),
    /** Prescriptions written despite a prescribing warning (issue 19), each with the doctor's reason. */
    safetyOverrides: z.array(SafetyOverride).max(50).default([]),
  })
  .meta({ id: 'VisitInput' });
export type VisitInput = z.infer<typeof VisitInput>;

export const Prescription = PrescriptionInput.extend({
  id: z.uuid(),
  instructions: z.string().nullable(),
}).meta({ id: 'Prescription' });
export const LabResult = LabResultInput.extend({
  id: z.uuid(),
  unit: z.string().nullable(),
  referenceRange: z.string().nullable(),
  flag: z.enum(LabFlags).nullable(),
  observedAt: z.string().nullable(),
}).meta({ id: 'LabResult' });

export const VisitRecord = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    doctorId: z.uuid().nullable(),
    doctorName: z.string(),
    appointmentId: z.uuid().nullable(),
    visitAt: z.string(),
    notes: z.string(),
    diagnoses: z.array(Diagnosis),
    vitals: Vitals,
    prescriptions: z.array(Prescription),
    labResults: z.array(LabResult),
    createdAt: z.string(),
    /** Set when written under emergency access: the grant it was written under. */
    emergencyGrantId: z.uuid().nullable(),
  })
  .meta({ id: 'VisitRecord' });
export type VisitRecord = z.infer<typeof VisitRecord>;

export const VisitSummary = VisitRecord.pick({
  id: true,
  patientId: true,
  doctorId: true,
  doctorName: true,
  appointmentId: true,
  visitAt: true,
  diagnoses: true,
  createdAt: true,
}).meta({ id: 'VisitSummary' });

export const RecordsQuery = z.object({ patientId: z.uuid().optional() });
export const RecordsList = z
  .object({
    patientId: z.uuid(),
    /** owner: the patient; full: all-records consent or emergency access; partial: own writings and single-record consents. */
    access: z.enum(['owner', 'full', 'partial']),
    files: z.array(RecordFile),
    visits: z.array(VisitSummary),
  })
  .meta({ id: 'RecordsList' });

export const IdParams = z.object({ id: z.uuid() });

export const ConsentInput = z
  .object({
    doctorId: z.uuid(),
    scope: z.enum(['all', 'record']).default('all'),
    /** A file or visit id, with scope "record". */
    recordId: z.uuid().optional(),
    /** Access ends at this time; open-ended when absent. */
    until: isoDateTime.optional(),
  })
  .refine((c) => (c.scope === 'record') === (c.recordId !== undefined), {
    message: 'recordId is required with scope "record" and not allowed with scope "all"',
    path: ['recordId'],
  })
  .meta({ id: 'ConsentInput' });

export const Consent = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    doctorId: z.uuid(),
    doctorName: z.string(),
    scope: z.enum(['all', 'record']),
    recordType: z.enum(['file', 'visit']).nullable(),
    recordId: z.uuid().nullable(),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Consent' });

export const ConsentsQuery = z.object({ active: z.enum(['true', 'false']).optional() });

/** Why a doctor breaks the glass: one of these, plus free text. */
export const EmergencyReasonCodes = [
  'unconscious_patient',
  'life_threatening',
  'patient_cannot_consent',
  'urgent_continuity_of_care',
] as const;
export type EmergencyReasonCode = (typeof EmergencyReasonCodes)[number];

export const EmergencyInput = z
  .object({
    patientId: z.uuid(),
    reasonCode: z.enum(EmergencyReasonCodes),
    justification: z.string().trim().min(20, 'state the clinical reason (at least 20 characters)').max(2000),
  })
  .meta({ id: 'EmergencyAccessInput' });

/**
 * pending → approved | flagged; flagged → cleared. What was written under a flagged grant is
 * quarantined until an admin clears it.
 */
export const ReviewStatuses = ['pending', 'approved', 'flagged', 'cleared'] as const;
export const EmergencyAccess = z
  .object({
    id: z.uuid(),
    doctorId: z.uuid(),
    doctorName: z.string(),
    patientId: z.uuid(),
    patientName: z.string(),
    reasonCode: z.enum(EmergencyReasonCodes).nullable(),
    justification: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
    endedAt: z.string().nullable(),
    active: z.boolean(),
    reviewStatus: z.enum(ReviewStatuses),
    reviewedBy: z.uuid().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    /** Ids of what was written under the grant (no content: admins review without clinical data). */
    writes: z.object({ visits: z.array(z.uuid()), files: z.array(z.uuid()) }),
    /** Those writes are hidden from everyone but admins (the grant was flagged). */
    quarantined: z.boolean(),
  })
  .meta({ id: 'EmergencyAccess' });

export const EmergencyReviewInput = z
  .object({
    /** approved / flagged a pending grant; cleared: a flagged grant's writes were reviewed as OK. */
    decision: z.enum(['approved', 'flagged', 'cleared']),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'EmergencyReview' });

export const AdminBreakGlassInput = z
  .object({
    patientId: z.uuid(),
    reason: z
      .string()
      .trim()
      .min(20, 'state why you need clinical content (at least 20 characters)')
      .max(2000),
  })
  .meta({ id: 'AdminBreakGlassInput' });

export const AdminBreakGlass = z
  .object({
    id: z.uuid(),
    adminId: z.uuid(),
    patientId: z.uuid(),
    patientName: z.string(),
    reason: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
    endedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'AdminBreakGlass' });

export const EraseMeInput = z
  .object({ password: z.string().min(1).max(128), confirm: z.literal('ERASE') })
  .meta({ id: 'EraseMe' });

export const ErasureResult = z
  .object({ erased: z.literal(true), filesErased: z.number().int(), visitsRetained: z.number().int() })
  .meta({ id: 'ErasureResult' });
