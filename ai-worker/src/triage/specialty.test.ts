import { describe, expect, it } from 'vitest';
import { triageRules } from './rules.ts';

const specialty = (symptoms: string, age = 35) => triageRules({ symptoms, age }).suggestedSpecialty;

describe('suggested specialty (issue #14, item 6)', () => {
  it('reads only what the patient affirms', () => {
    expect(specialty('cough with phlegm for 3 days, no chest pain')).toBe('pulmonology');
    expect(specialty('no chest pain, no palpitations, just an itchy rash')).toBe('dermatology');
    expect(specialty('seene me dard nahi hai, khansi hai')).toBe('pulmonology');
    expect(specialty('chest pain when i breathe in, cough')).not.toBe('pulmonology');
  });

  it('children go to paediatrics and emergencies to emergency medicine', () => {
    expect(specialty('my 4 year old has a cough and cold', 30)).toBe('pediatrics');
    expect(specialty('crushing chest pain and sweating', 60)).toBe('emergency_medicine');
  });

  it('Hinglish and Hindi words count', () => {
    expect(specialty('chehre par muhase')).toBe('dermatology');
    expect(specialty('ghutno me dard hai kai mahino se')).toBe('orthopedics');
    expect(specialty('thyroid ki dawai chal rahi hai, report dikhani hai')).toBe('endocrinology');
  });
});
