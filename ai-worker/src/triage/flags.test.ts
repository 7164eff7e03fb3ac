import { describe, expect, it } from 'vitest';
import { detectRedFlags } from './rules.ts';
import { TriageInputSchema, type TriageInput } from './schema.ts';

const codes = (symptoms: string, extra: Partial<TriageInput> = {}) =>
  detectRedFlags(TriageInputSchema.parse({ symptoms, age: 40, ...extra })).map((f) => f.code);

/** One lay description per red-flag rule: the rule is reached by concepts, not by its own wording. */
const CASES: Array<[string, string, Partial<TriageInput>?]> = [
  ['cardiac_chest_pain', 'like an elephant sitting on my chest and it goes into my jaw'],
  ['cardiac_chest_pain', 'he has gone grey and sweaty, says bad indigestion, keeps rubbing his left arm'],
  ['stroke_signs', 'her left side, especially the arm, just went. she cannot lift it now'],
  ['stroke_signs', 'papa ka muh tedha ho gaya aur right haath utha nahi pa rahe'],
  ['sudden_vision_loss', 'like a curtain came down over my right eye'],
  ['thunderclap_headache', 'headache came on out of nowhere like being hit with a bat'],
  ['severe_breathlessness', 'you can see his tummy sucking in under his ribs, grunting'],
  ['severe_breathlessness', 'breathing counted at 70 a minute', { age: 1 }],
  ['choking', 'toddler is choking on a grape and cannot cough or cry', { age: 1 }],
  ['anaphylaxis', 'ate a satay, lips and tongue swelling up'],
  ['heavy_bleeding', 'cut my hand on glass, still pouring through the tea towel and it wont stop'],
  ['heavy_bleeding', 'poo black and sticky like tar, lightheaded'],
  ['suicidal_thoughts', 'bought rope and written letters to my kids'],
  ['seizure', 'jerking on the floor for 5 minutes, lips blue'],
  ['unconscious', 'nani behosh ho gayi, awaaz dene par bhi nahi uth rahi'],
  ['sepsis_signs', 'urine infection, now shivering uncontrollably and knees mottled'],
  ['heat_stroke', 'working in the sun, now very hot and confused'],
  ['infant_fever', 'my 3 week old is 38.2 under her arm', { age: 0 }],
  ['child_danger_signs', 'soft spot on her head sunk in, no wet nappy since last night', { age: 0 }],
  ['pregnancy_bleeding', '12 weeks pregnant, bleeding heavier than a period with clots'],
  ['ectopic_pregnancy_signs', 'period 2 weeks late, bad pain on one side, felt faint', { sex: 'female' }],
  ['pre_eclampsia_signs', '36 weeks pregnant, headache and blurred vision', { sex: 'female' }],
  ['waters_breaking', '30 weeks pregnant and my waters broke', { sex: 'female' }],
  ['reduced_fetal_movements', '34 weeks, baby has not moved much today', { sex: 'female' }],
  ['meningitis_signs', 'rash on her legs that stays when i press a glass on it'],
  ['head_injury_red_flags', 'banged her head, on warfarin, been sick twice and keeps nodding off'],
  ['spinal_injury', 'fell off the ladder, neck really hurts and cannot move my legs'],
  ['testicular_torsion', 'pain in my balls came on suddenly an hour ago', { sex: 'male' }],
  ['cauda_equina', 'cannot feel my bum when i wipe and i wet myself'],
  ['aortic_emergency', 'known aneurysm in his tummy, now sudden back pain'],
  ['poisoning_overdose', 'took 24 paracetamol two hours ago'],
  ['poisoning_overdose', 'papa ne kheton wali keede maarne ki dawai pee li'],
  ['snakebite', 'saap ne kata hai pair pe, koi soojan nahi'],
  ['severe_burns', 'chip pan fire, a patch of white leathery skin that does not hurt'],
  ['diabetic_emergency', 'type 1, meter says HI, ketones 3.2, vomiting'],
  ['diabetic_emergency', 'sugar 2.1 and really drowsy, not making sense'],
  ['pulmonary_embolism_signs', 'sudden breathlessness after a long flight, my calf is swollen'],
];

describe('red-flag rules', () => {
  it.each(CASES)('%s: "%s"', (code, symptoms, extra) => {
    expect(codes(symptoms, extra)).toContain(code);
  });

  it('vitals still decide on their own', () => {
    expect(codes('feeling faint', { vitals: { systolicBp: 78 } })).toContain('hypotension');
    expect(codes('short of breath', { vitals: { spo2: 86 } })).toContain('severe_breathlessness');
    expect(codes('tired', { vitals: { bloodGlucoseMgDl: 45 } })).toContain('hypoglycaemia');
  });

  it('sex and context limit rules that need them', () => {
    expect(codes('sudden pain down there', { sex: 'female' })).not.toContain('testicular_torsion');
    expect(codes('heavy periods for years, tired')).not.toContain('heavy_bleeding');
    expect(codes('i take all my tablets every morning')).not.toContain('poisoning_overdose');
    expect(codes('my husband snores and stops breathing in his sleep then gasps')).toEqual([]);
    expect(codes('no blurred vision, no headache, tired eyes from screens')).toEqual([]);
    expect(codes('fever not responding to paracetamol since yesterday')).not.toContain('unconscious');
    expect(codes('no blood in urine, just peeing often at night')).toEqual([]);
    expect(codes('chest infection last month, fully better, need a fit note')).toEqual([]);
  });
});
