import { z } from 'zod';
import { isValidZone } from '../availability/zones.ts';
import { identityText, safeText } from '../http/text.ts';

/**
 * Any zone the runtime's ICU knows, aliases included (Intl.supportedValuesOf lists canonical ids
 * only: on Node 20 it has Asia/Calcutta but not Asia/Kolkata).
 */
export const IanaZone = z
  .string()
  .max(64)
  .refine(
    (tz) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz) && isValidZone(tz),
    'must be an IANA time zone, e.g. Asia/Kolkata',
  );
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like INR or USD');

export const DoctorProfileInput = z
  .object({
    specialty: identityText({ min: 2, max: 80 }),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code'))
      .min(1)
      .max(10),
    feeMinor: z.number().int().min(0).max(100_000_000),
    currency: Currency,
    timezone: IanaZone,
    bio: safeText({ max: 2000 }).default(''),
    slotMinutes: z.number().int().min(5).max(240).default(30),
    bufferMinutes: z.number().int().min(0).max(120).default(0),
    onCall: z.boolean().default(false),
  })
  .meta({ id: 'DoctorProfileInput' });

export const Doctor = z
  .object({
    id: z.uuid(),
    name: z.string(),
    specialty: z.string(),
    languages: z.array(z.string()),
    feeMinor: z.number().int(),
    currency: z.string(),
    timezone: z.string(),
    bio: z.string(),
    photoUrl: z.string().nullable(),
    slotMinutes: z.number().int(),
    bufferMinutes: z.number().int(),
    onCall: z.boolean(),
    verified: z.boolean(),
  })
  .meta({ id: 'Doctor' });
export type Doctor = z.infer<typeof Doctor>;

export interface DoctorRow {
  user_id: string;
  name: string;
  specialty: string;
  languages: string[];
  fee_minor: number;
  currency: string;
  timezone: string;
  bio: string;
  photo_url: string | null;
  slot_minutes: number;
  buffer_minutes: number;
  on_call: boolean;
  verified_at: Date | null;
}

export const toDoctor = (r: DoctorRow): Doctor => ({
  id: r.user_id,
  name: r.name,
  specialty: r.specialty,
  languages: r.languages,
  feeMinor: r.fee_minor,
  currency: r.currency.trim(),
  timezone: r.timezone,
  bio: r.bio,
  photoUrl: r.photo_url,
  slotMinutes: r.slot_minutes,
  bufferMinutes: r.buffer_minutes,
  onCall: r.on_call,
  verified: r.verified_at !== null,
});

export const DOCTOR_SELECT = `SELECT d.*, u.name FROM doctor_profiles d JOIN users u ON u.id = d.user_id`;
