import { describe, expect, it } from 'vitest';
import type { Allergy, Medication } from '../profile/schemas.ts';
import { checkPrescriptions, unacknowledged } from './check.ts';
import { DRUG_CLASSES, DrugClassIds, type DrugClassId } from './drug-classes.ts';
import { identify } from './identify.ts';

const check = (
  drugs: string[],
  p: { allergies?: Allergy[]; medications?: Medication[]; ageYears?: number | null } = {},
) =>
  checkPrescriptions({
    drugs: drugs.map((drug) => ({ drug })),
    allergies: p.allergies ?? [],
    medications: p.medications ?? [],
    ageYears: p.ageYears ?? null,
  });

describe('allergy by class: an allergy to the class (as patients write it) warns on a member', () => {
  // One case per class of the table: [what the patient wrote, a member prescribed].
  const cases: Record<DrugClassId, [string, string]> = {
    penicillins: ['Penicillin', 'Amoxicillin 500 mg'],
    cephalosporins: ['cephalosporins', 'Cephalexin 250mg'],
    sulfonamides: ['Sulfa drugs', 'Co-trimoxazole DS'],
    nsaids: ['NSAIDs', 'Diclofenac 50 mg'],
    macrolides: ['macrolide antibiotics', 'Azithromycin 500'],
    fluoroquinolones: ['Quinolones', 'Ciprofloxacin 500 mg'],
    tetracyclines: ['tetracyclines', 'Doxycycline 100 mg'],
    opioids: ['opioids', 'Tramadol 50 mg'],
    ace_inhibitors: ['ACE inhibitors', 'Ramipril 5 mg'],
  };
  it('covers every class of the table', () => {
    expect(Object.keys(cases).sort()).toEqual([...DrugClassIds].sort());
  });
  for (const id of DrugClassIds) {
    const [allergen, drug] = cases[id];
    it(`${id}: "${allergen}" warns on ${drug}`, () => {
      expect(check([drug], { allergies: [{ substance: allergen, severity: 'severe' }] })).toEqual([
        {
          kind: 'allergy',
          index: 0,
          drug,
          allergen,
          severity: 'severe',
          match: 'class',
          classId: id,
          className: DRUG_CLASSES[id].label,
        },
      ]);
    });
  }
});

describe('allergy by substance', () => {
  it('the same generic is a substance match, whatever the case, spelling or strength', () => {
    const w = check(['AMOXYCILLIN 250mg/5ml syrup'], { allergies: [{ substance: 'amoxicillin' }] });
    expect(w).toMatchObject([{ kind: 'allergy', match: 'substance', severity: null }]);
  });
  it('a brand names its generic (Augmentin is amoxicillin)', () => {
    expect(check(['Augmentin 625'], { allergies: [{ substance: 'Amoxicillin' }] })).toMatchObject([
      { kind: 'allergy', match: 'substance' },
    ]);
  });
  it('an allergy to one member implies its class (amoxicillin -> flucloxacillin)', () => {
    expect(check(['Flucloxacillin 500 mg'], { allergies: [{ substance: 'amoxicillin' }] })).toMatchObject([
      { kind: 'allergy', match: 'class', classId: 'penicillins' },
    ]);
  });
  it('a drug outside the table matches by name only', () => {
    expect(check(['Metformin 500 mg'], { allergies: [{ substance: 'metformin' }] })).toHaveLength(1);
    expect(check(['Metformin 500 mg'], { allergies: [{ substance: 'peanuts' }] })).toEqual([]);
  });
  it('whole words only: the brand "Mox" does not match inside moxifloxacin', () => {
    expect(identify('Moxifloxacin 400 mg').substances).toEqual(['moxifloxacin']);
    expect(check(['Moxifloxacin 400 mg'], { allergies: [{ substance: 'Mox' }] })).toEqual([]);
  });
  it('no warning across unrelated classes (penicillin allergy, azithromycin)', () => {
    expect(check(['Azithromycin 500 mg'], { allergies: [{ substance: 'penicillin' }] })).toEqual([]);
  });
});

describe('duplicates of current medications', () => {
  it('the same substance', () => {
    expect(check(['Ibuprofen 400 mg'], { medications: [{ name: 'Brufen', dose: '400 mg' }] })).toEqual([
      {
        kind: 'duplicate',
        index: 0,
        drug: 'Ibuprofen 400 mg',
        medication: 'Brufen',
        match: 'substance',
        classId: null,
        className: null,
      },
    ]);
  });
  it('the same class (two NSAIDs)', () => {
    expect(check(['Naproxen 250 mg'], { medications: [{ name: 'Diclofenac' }] })).toMatchObject([
      { kind: 'duplicate', match: 'class', classId: 'nsaids' },
    ]);
  });
  it('a drug outside the table duplicates by name', () => {
    expect(check(['Metformin 1 g'], { medications: [{ name: 'metformin SR' }] })).toMatchObject([
      { kind: 'duplicate', match: 'substance' },
    ]);
    expect(check(['Amlodipine 5 mg'], { medications: [{ name: 'Metformin' }] })).toEqual([]);
  });
});

describe("out of range for a child's age", () => {
  it.each([
    ['Aspirin 300 mg', 15, 16, 'reye_syndrome'],
    ['Doxycycline 100 mg', 7, 8, 'tooth_discolouration'],
    ['Ciprofloxacin 250 mg', 17, 18, 'tendon_damage'],
    ['Codeine 15 mg', 11, 12, 'respiratory_depression'],
    ['Tramadol 50 mg', 11, 12, 'respiratory_depression'],
  ])('%s at %i (minimum %i: %s)', (drug, age, min, reason) => {
    expect(check([drug], { ageYears: age })).toMatchObject([
      { kind: 'child_age', index: 0, ageYears: age, minAgeYears: min, reason },
    ]);
    expect(check([drug], { ageYears: min })).toEqual([]);
  });
  it('no date of birth: no age check', () => {
    expect(check(['Aspirin 75 mg'], { ageYears: null })).toEqual([]);
  });
  it('paracetamol for a child is not flagged', () => {
    expect(check(['Paracetamol 120 mg/5 ml'], { ageYears: 2 })).toEqual([]);
  });
});

describe('overrides', () => {
  it('every warned prescription needs a reason; unwarned ones none', () => {
    const w = check(['Amoxicillin 500 mg', 'Paracetamol 500 mg', 'Aspirin 75 mg'], {
      allergies: [{ substance: 'penicillin' }],
      ageYears: 10,
    });
    expect(w.map((x) => [x.kind, x.index])).toEqual([
      ['allergy', 0],
      ['child_age', 2],
    ]);
    expect(unacknowledged(w, [])).toEqual([0, 2]);
    expect(unacknowledged(w, [{ index: 0, reason: 'Tolerated it last year' }])).toEqual([2]);
    expect(
      unacknowledged(w, [
        { index: 0, reason: 'Tolerated it last year' },
        { index: 2, reason: 'Kawasaki disease, under specialist advice' },
      ]),
    ).toEqual([]);
  });
});
