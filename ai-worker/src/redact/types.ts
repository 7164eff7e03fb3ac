import { z } from 'zod';

export const PII_TYPES = ['NAME', 'EMAIL', 'PHONE', 'ADDRESS', 'DATE', 'AGE', 'ID', 'URL', 'IP'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export const KnownPiiSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
});
export type KnownPii = z.infer<typeof KnownPiiSchema>;

export interface RedactOptions {
  /** The patient's own profile values: always redacted wherever and however they appear. */
  knownPii?: KnownPii;
  /** Further names known to the host (relatives, the treating clinician) to redact everywhere. */
  extraNames?: string[];
}

export interface RedactedEntity {
  type: PiiType;
  /** Offsets into the ORIGINAL text, end exclusive. */
  start: number;
  end: number;
  placeholder: string;
}

export interface RedactionResult {
  text: string;
  entities: RedactedEntity[];
}

/** A detector's raw finding before overlap resolution. Higher priority wins overlaps. */
export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  priority: number;
}
