import { describe, expect, it } from 'vitest';
import { blank, fromForm, toForm, triagePrefill, type HealthProfile, type ProfileData } from './profile.ts';

const empty: ProfileData = {
  allergies: [],
  conditions: [],
  medications: [],
  procedures: [],
  emergencyContacts: [],
};

describe('the profile form', () => {
  it('sends what was filled in and leaves out empty fields and blank rows', () => {
    const f = toForm(empty);
    f.dateOfBirth = '2019-05-02';
    f.heightCm = '104.5';
    f.weightKg = '';
    f.allergies.push({ substance: ' Penicillin ', reaction: '', severity: 'severe' }, blank.allergy());
    f.emergencyContacts.push({ name: 'Asha', relation: 'Mother', phone: '+91 98 7654 3210' });
    expect(fromForm(f)).toEqual({
      dateOfBirth: '2019-05-02',
      heightCm: 104.5,
      allergies: [{ substance: 'Penicillin', severity: 'severe' }],
      conditions: [],
      medications: [],
      procedures: [],
      emergencyContacts: [{ name: 'Asha', relation: 'Mother', phone: '+91 98 7654 3210' }],
    });
  });
  it('round-trips a saved profile, keeping where a medicine came from', () => {
    const p: ProfileData = {
      ...empty,
      sexAtBirth: 'female',
      pregnant: true,
      bloodGroup: 'O+',
      medications: [
        {
          name: 'Amoxicillin 500 mg',
          dose: '500 mg, tds',
          since: '2026-12-03',
          visitId: '5b0c5a9e-2f43-4a43-9d5e-1f7d6c1e2a11',
        },
      ],
    };
    expect(fromForm(toForm(p))).toEqual(p);
  });
  it('a man is never sent as pregnant', () => {
    const f = toForm({ ...empty, sexAtBirth: 'female', pregnant: true });
    f.sexAtBirth = 'male';
    expect(fromForm(f).pregnant).toBeUndefined();
  });
});

describe('triagePrefill', () => {
  const profile = (p: Partial<ProfileData>, ageYears: number | null): HealthProfile => ({
    patientId: '5b0c5a9e-2f43-4a43-9d5e-1f7d6c1e2a11',
    version: 1,
    updatedAt: null,
    ageYears,
    profile: { ...empty, ...p },
  });
  it('takes age, sex and pregnancy where recorded', () => {
    expect(triagePrefill(profile({ sexAtBirth: 'female', pregnant: true }, 29))).toEqual({
      age: 29,
      sex: 'female',
      pregnant: true,
    });
    expect(triagePrefill(profile({ sexAtBirth: 'intersex' }, null))).toEqual({ sex: 'other' });
    expect(triagePrefill(profile({}, null))).toEqual({});
  });
});
