import type { Allergy, Medication } from '../profile/schemas.ts';
import { MIN_AGE_RULES } from './drug-classes.ts';
import { classLabel, identify, type Identity } from './identify.ts';
import type { PrescribingWarning, SafetyOverride } from './schemas.ts';

/**
 * The prescribing checks (issue 19), pure: each drug of a prescription against the patient's
 * recorded allergies (the same substance, or a class the allergy names or implies), their current
 * medications (the same substance, or the same class: two NSAIDs) and, for a child, the lower age
 * limits of MIN_AGE_RULES. The doctor may prescribe anyway with a reason (overrides).
 */
export interface CheckInput {
  drugs: readonly { drug: string }[];
  allergies: readonly Allergy[];
  medications: readonly Medication[];
  /** Whole years; null when no date of birth is recorded (no age check then). */
  ageYears: number | null;
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.find((x) => b.includes(x));

function allergyWarning(
  index: number,
  drug: string,
  d: Identity,
  allergy: Allergy,
): PrescribingWarning | null {
  const a = identify(allergy.substance);
  const base = {
    kind: 'allergy',
    index,
    drug,
    allergen: allergy.substance,
    severity: allergy.severity ?? null,
  } as const;
  if (overlap(d.substances, a.substances))
    return { ...base, match: 'substance', classId: null, className: null };
  const cls = overlap(d.classes, [...a.namedClasses, ...a.classes]);
  return cls ? { ...base, match: 'class', classId: cls, className: classLabel(cls) } : null;
}

function duplicateWarning(
  index: number,
  drug: string,
  d: Identity,
  m: Medication,
): PrescribingWarning | null {
  const cur = identify(m.name);
  const base = { kind: 'duplicate', index, drug, medication: m.name } as const;
  if (overlap(d.substances, cur.substances))
    return { ...base, match: 'substance', classId: null, className: null };
  const cls = overlap(d.classes, cur.classes);
  return cls ? { ...base, match: 'class', classId: cls, className: classLabel(cls) } : null;
}

function ageWarnings(index: number, drug: string, d: Identity, ageYears: number): PrescribingWarning[] {
  return MIN_AGE_RULES.filter(
    (r) =>
      ageYears < r.minAgeYears &&
      ('substance' in r.target
        ? d.substances.includes(r.target.substance)
        : d.classes.includes(r.target.classId)),
  ).map((r) => ({
    kind: 'child_age',
    index,
    drug,
    ageYears,
    minAgeYears: r.minAgeYears,
    reason: r.reason,
    why: r.why,
  }));
}

export function checkPrescriptions(input: CheckInput): PrescribingWarning[] {
  const out: PrescribingWarning[] = [];
  input.drugs.forEach(({ drug }, index) => {
    const d = identify(drug);
    for (const a of input.allergies) {
      const w = allergyWarning(index, drug, d, a);
      if (w) out.push(w);
    }
    for (const m of input.medications) {
      const w = duplicateWarning(index, drug, d, m);
      if (w) out.push(w);
    }
    if (input.ageYears !== null) out.push(...ageWarnings(index, drug, d, input.ageYears));
  });
  return out;
}

/** The prescriptions (by index) with a warning and no override reason: these block the save. */
export function unacknowledged(
  warnings: readonly PrescribingWarning[],
  overrides: readonly SafetyOverride[],
): number[] {
  const given = new Set(overrides.map((o) => o.index));
  return [...new Set(warnings.map((w) => w.index))].filter((i) => !given.has(i));
}
