/**
 * The health profile in the browser (issue 19): its wire types (from the API's zod schemas, type
 * only), the choice lists the form needs, and the conversion between the form's strings and the
 * API's profile. Pure, no I/O.
 */
import type { z } from 'zod';
import type * as drugClasses from '@telehealth/api/prescribing/drug-classes';
import type * as prescribing from '@telehealth/api/prescribing/schemas';
import type * as profile from '@telehealth/api/profile/schemas';
import { allOf } from './all-of.ts';

export type HealthProfile = z.output<typeof profile.HealthProfile>;
export type ProfileData = z.output<typeof profile.HealthProfileInput>;
export type PrescribingWarning = z.output<typeof prescribing.PrescribingWarning>;
export type DrugClassId = (typeof drugClasses.DrugClassIds)[number];
export type SexAtBirth = (typeof profile.SexesAtBirth)[number];
export type BloodGroup = (typeof profile.BloodGroups)[number];
export type AllergySeverity = (typeof profile.AllergySeverities)[number];

export const SEXES = allOf<SexAtBirth>()(['female', 'male', 'intersex']);
export const BLOOD_GROUPS = allOf<BloodGroup>()(['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-']);
export const SEVERITIES = allOf<AllergySeverity>()(['mild', 'moderate', 'severe']);

/** The API path of one patient's profile (their own, or, for a guardian, a dependent's). */
export const profilePath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/health-profile`;

/** The form: every field a string ('' = not given), lists as rows. */
export interface ProfileForm {
  dateOfBirth: string;
  sexAtBirth: SexAtBirth | '';
  gender: string;
  pregnant: boolean;
  bloodGroup: BloodGroup | '';
  heightCm: string;
  weightKg: string;
  allergies: { substance: string; reaction: string; severity: AllergySeverity | '' }[];
  conditions: { name: string; since: string }[];
  medications: { name: string; dose: string; since: string; visitId?: string }[];
  procedures: { name: string; date: string }[];
  emergencyContacts: { name: string; relation: string; phone: string }[];
}

export const blank = {
  allergy: (): ProfileForm['allergies'][number] => ({ substance: '', reaction: '', severity: '' }),
  condition: (): ProfileForm['conditions'][number] => ({ name: '', since: '' }),
  medication: (): ProfileForm['medications'][number] => ({ name: '', dose: '', since: '' }),
  procedure: (): ProfileForm['procedures'][number] => ({ name: '', date: '' }),
  contact: (): ProfileForm['emergencyContacts'][number] => ({ name: '', relation: '', phone: '' }),
};

const s = (v: string | number | undefined) => (v === undefined ? '' : String(v));

export function toForm(p: ProfileData): ProfileForm {
  return {
    dateOfBirth: s(p.dateOfBirth),
    sexAtBirth: p.sexAtBirth ?? '',
    gender: s(p.gender),
    pregnant: p.pregnant ?? false,
    bloodGroup: p.bloodGroup ?? '',
    heightCm: s(p.heightCm),
    weightKg: s(p.weightKg),
    allergies: p.allergies.map((a) => ({
      substance: a.substance,
      reaction: s(a.reaction),
      severity: a.severity ?? '',
    })),
    conditions: p.conditions.map((c) => ({ name: c.name, since: s(c.since) })),
    medications: p.medications.map((m) => ({
      name: m.name,
      dose: s(m.dose),
      since: s(m.since),
      ...(m.visitId ? { visitId: m.visitId } : {}),
    })),
    procedures: p.procedures.map((x) => ({ name: x.name, date: s(x.date) })),
    emergencyContacts: p.emergencyContacts.map((c) => ({ ...c })),
  };
}

/** Optional fields: a trimmed value, or left out when empty. */
const opt = <K extends string>(k: K, v: string) => (v.trim() ? ({ [k]: v.trim() } as Record<K, string>) : {});
const num = <K extends string>(k: K, v: string) =>
  v.trim() && Number.isFinite(Number(v)) ? ({ [k]: Number(v) } as Record<K, number>) : {};
/** Rows whose every field is empty are dropped (an "add" pressed and left blank). */
const filled = (row: object) => Object.values(row).some((v) => typeof v === 'string' && v.trim());

/** The profile to send: what was filled in, nothing for what was left empty. */
export function fromForm(f: ProfileForm): ProfileData {
  return {
    ...opt('dateOfBirth', f.dateOfBirth),
    ...(f.sexAtBirth ? { sexAtBirth: f.sexAtBirth } : {}),
    ...opt('gender', f.gender),
    ...(f.pregnant && f.sexAtBirth !== 'male' ? { pregnant: true } : {}),
    ...(f.bloodGroup ? { bloodGroup: f.bloodGroup } : {}),
    ...num('heightCm', f.heightCm),
    ...num('weightKg', f.weightKg),
    allergies: f.allergies.filter(filled).map((a) => ({
      substance: a.substance.trim(),
      ...opt('reaction', a.reaction),
      ...(a.severity ? { severity: a.severity } : {}),
    })),
    conditions: f.conditions.filter(filled).map((c) => ({ name: c.name.trim(), ...opt('since', c.since) })),
    medications: f.medications.filter(filled).map((m) => ({
      name: m.name.trim(),
      ...opt('dose', m.dose),
      ...opt('since', m.since),
      ...(m.visitId ? { visitId: m.visitId } : {}),
    })),
    procedures: f.procedures.filter(filled).map((x) => ({ name: x.name.trim(), ...opt('date', x.date) })),
    emergencyContacts: f.emergencyContacts
      .filter(filled)
      .map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() })),
  };
}

/** What the symptom check can take from a profile: age, sex (intersex as "other"), pregnancy. */
export function triagePrefill(p: HealthProfile): {
  age?: number;
  sex?: 'female' | 'male' | 'other';
  pregnant?: true;
} {
  const sex = p.profile.sexAtBirth;
  return {
    ...(p.ageYears !== null ? { age: p.ageYears } : {}),
    ...(sex ? { sex: sex === 'intersex' ? 'other' : sex } : {}),
    ...(p.profile.pregnant && sex !== 'male' ? { pregnant: true } : {}),
  };
}
