import { describe, expect, it } from 'vitest';
import { gather } from './evidence.ts';
import { triageRules, UNEXPLAINED_SEVERITY } from './rules.ts';
import { severityCues } from './safety-net.ts';
import { TriageInputSchema } from './schema.ts';

const cues = (symptoms: string, age = 40, extra: { pregnant?: boolean } = {}) =>
  severityCues(gather(TriageInputSchema.parse({ symptoms, age, ...extra })));

describe('safety net (issue #14, item 3)', () => {
  it('finds severity cues, negated and past ones excepted', () => {
    expect(cues('felt a sudden sharp twinge in my knee')).toEqual(['sudden']);
    expect(cues('worst itch ever on my arm')).toEqual(['worst']);
    expect(cues('cant move my little finger')).toEqual(['cannot']);
    expect(cues('a bit of blood on the tissue when i blow my nose')).toEqual(['blood']);
    expect(cues('no blood, no sudden change')).toEqual([]);
    expect(cues('blood test results and blood pressure check')).toEqual([]);
    expect(cues('i had some blood in my stool 3 years ago')).toEqual([]);
    expect(cues('cramping low in my tummy', 28, { pregnant: true })).toEqual(['pregnant_pain']);
    expect(cues('terrible pain in my knee since this morning')).toEqual(['severe']);
    expect(cues('bad period pain, terrible every month')).toEqual([]);
    expect(cues('he seems drowsy and a bit confused today')).toEqual(['drowsy_confused']);
    expect(cues('mum has dementia and gets confused in the evenings')).toEqual([]);
    expect(cues('sudden urge to pee at night')).toEqual([]);
    expect(cues('sleepy all the time, want a thyroid test')).toEqual([]);
    expect(cues('cannot walk far because of knee arthritis, for years')).toEqual([]);
  });

  it('a baby with a symptom is a cue; a question about jabs or feeds is not', () => {
    expect(cues('baby has a runny nose and a cough', 0.5)).toEqual(['baby']);
    expect(cues('when can my baby have her jabs, she is 8 weeks', 0)).toEqual([]);
  });

  it('a cue no rule explains is never routine: urgent, with cue codes and no text', () => {
    const r = triageRules({ symptoms: 'felt a sudden sharp twinge in my knee while walking', age: 40 });
    expect(r.priority).toBe('urgent');
    expect(r.action).toBe('see_doctor_today');
    expect(r.redFlags).toContainEqual(UNEXPLAINED_SEVERITY);
    expect(r.unmatchedSeverityCues).toEqual(['sudden']);
    expect(JSON.stringify(r.unmatchedSeverityCues)).not.toContain('knee');
  });

  it('says nothing when a rule already explains the answer, or when nothing is severe', () => {
    const explained = triageRules({ symptoms: 'sudden crushing chest pain', age: 60 });
    expect(explained.priority).toBe('emergency');
    expect(explained.unmatchedSeverityCues).toBeUndefined();
    const plain = triageRules({ symptoms: 'itchy rash on both arms for a week', age: 30 });
    expect(plain.priority).toBe('routine');
    expect(plain).not.toHaveProperty('unmatchedSeverityCues');
  });

  it("reads a baby's fever by the thermometer and a pregnancy's mild cramps as everyday", () => {
    const jabs = triageRules({
      symptoms: 'jabs this morning, temp 37.7, otherwise her usual self',
      age: 0.2,
    });
    expect(jabs.priority).toBe('routine');
    const hot = triageRules({ symptoms: 'jabs this morning, temp now 38.4 and very unsettled', age: 0.2 });
    expect(hot.priority).not.toBe('routine');
    const cramps = triageRules({
      symptoms: '14 weeks pregnant, slight cramps now and then',
      age: 30,
      sex: 'female',
    });
    expect(cramps.priority).toBe('routine');
  });

  it('leaves long-standing, occasional bleeding to the GP', () => {
    const piles = triageRules({
      symptoms: 'a little bright red blood on the tissue sometimes, for months',
      age: 45,
    });
    expect(piles.priority).toBe('routine');
  });
});
