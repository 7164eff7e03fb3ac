import { describe, expect, it } from 'vitest';
import { recordOverride } from './override.ts';
import { detectRedFlags, queueLaneFor, triageRules } from './rules.ts';
import { TriageInputSchema, TriageResultSchema } from './schema.ts';

const emergencies: Array<
  [string, string, Partial<{ age: number; pregnant: boolean; vitals: Record<string, number> }>?]
> = [
  ['cardiac_chest_pain', 'Crushing chest pain for 30 minutes and I am sweating a lot'],
  ['cardiac_chest_pain', 'chest tightness spreading to my left arm and jaw'],
  ['stroke_signs', 'my father suddenly has slurred speech and his face is drooping on one side'],
  ['stroke_signs', 'weakness in the left arm since an hour, cannot lift it'],
  ['thunderclap_headache', 'worst headache of my life came on suddenly'],
  ['severe_breathlessness', 'she is gasping and her lips are turning blue'],
  ['severe_breathlessness', 'short of breath', { vitals: { spo2: 86 } }],
  ['anaphylaxis', 'ate peanuts, now my lips and tongue are swelling'],
  ['heavy_bleeding', "cut on the leg, bleeding won't stop even with pressure"],
  ['heavy_bleeding', 'vomiting blood since morning'],
  ['suicidal_thoughts', 'I keep thinking I want to die, I have a plan'],
  ['suicidal_thoughts', 'thinking about self-harm again'],
  ['seizure', 'my son had a seizure 10 minutes ago, first time'],
  ['infant_fever', 'baby feels hot, fever 38.5', { age: 0.1 }],
  ['pregnancy_bleeding', 'I am 20 weeks pregnant and have vaginal bleeding'],
  ['pregnancy_bleeding', 'some bleeding since last night', { pregnant: true }],
  ['meningitis_signs', 'fever and stiff neck, light hurts my eyes'],
  ['unconscious', 'grandmother collapsed in the bathroom and is unresponsive'],
  ['testicular_torsion', 'sudden severe testicular pain for 2 hours'],
  ['poisoning_overdose', 'my child swallowed pills from the cabinet'],
  ['hypotension', 'feeling faint and weak', { vitals: { systolicBp: 78 } }],
  ['reduced_fetal_movements', '34 weeks, baby is moving less today'],
];

describe('red-flag rules', () => {
  it.each(emergencies)('%s: "%s" → emergency', (code, symptoms, extra = {}) => {
    const r = triageRules({
      symptoms,
      age: extra.age ?? 40,
      sex: 'unknown',
      pregnant: extra.pregnant,
      vitals: extra.vitals,
    });
    expect(r.priority).toBe('emergency');
    expect(r.redFlags.map((f) => f.code)).toContain(code);
    expect(r.action).toBe('call_emergency_services');
    expect(r.patientMessage).toMatch(/emergency services now/);
    expect(r.suggestedSpecialty).toBe('emergency_medicine');
    expect(queueLaneFor(r)).toBe('emergency_redirect');
    expect(TriageResultSchema.parse(r)).toEqual(r);
  });

  it.each([
    ['no chest pain, no sweating, mild cough for 2 days', 'routine'],
    ['denies chest pain. runny nose and sneezing', 'routine'],
    ['chest pain when pressing on the rib after a fall', 'urgent'],
    ['fever for 5 days with body ache', 'urgent'],
    ['itchy rash on both arms for a week', 'routine'],
    ['no fits, no vomiting, mild headache', 'routine'],
  ])('"%s" → %s', (symptoms, priority) => {
    expect(triageRules({ symptoms, age: 30, sex: 'female' }).priority).toBe(priority);
  });

  it('gives a specialty without an LLM', () => {
    expect(triageRules({ symptoms: 'itchy red rash on my arms', age: 30 }).suggestedSpecialty).toBe(
      'dermatology',
    );
    expect(triageRules({ symptoms: 'burning urination for two days', age: 30 }).suggestedSpecialty).toBe(
      'urology',
    );
    expect(triageRules({ symptoms: 'cough and cold', age: 6 }).suggestedSpecialty).toBe('pediatrics');
    expect(
      triageRules({ symptoms: 'feeling low, cannot sleep, anxious all day', age: 25 }).suggestedSpecialty,
    ).toBe('psychiatry');
  });

  it('infant age thresholds follow the guidance', () => {
    expect(
      detectRedFlags(TriageInputSchema.parse({ symptoms: 'fever', age: 0.4 })).map((f) => f.code),
    ).toContain('young_infant_fever');
    expect(triageRules({ symptoms: 'fever', age: 0.4 }).priority).toBe('urgent');
    expect(triageRules({ symptoms: 'fever since morning', age: 8 }).priority).toBe('routine');
  });

  it('records overrides and flags a patient lowering an emergency for review', () => {
    const r = triageRules({ symptoms: 'chest pain with sweating', age: 55 });
    const o = recordOverride({
      triageId: 't1',
      result: r,
      by: { userId: 'u1', role: 'patient' },
      to: { priority: 'routine' },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(o).toMatchObject({
      from: { priority: 'emergency', source: 'rules' },
      to: { priority: 'routine' },
      needsClinicianReview: true,
      at: '2025-01-01T00:00:00.000Z',
    });
    const d = recordOverride({
      triageId: 't1',
      result: r,
      by: { userId: 'd1', role: 'doctor' },
      to: { priority: 'urgent', suggestedSpecialty: 'cardiology' },
    });
    expect(d.needsClinicianReview).toBe(false);
    expect(d.to.suggestedSpecialty).toBe('cardiology');
  });
});
