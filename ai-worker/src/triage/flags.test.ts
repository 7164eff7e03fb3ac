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

/**
 * Issue #14, third round: red flags told the way people say them, each a concept from the NHS,
 * NICE or WHO lists rather than one message (written for these tests, not taken from an eval set).
 */
const LAY_CASES: Array<[string, string, Partial<TriageInput>?]> = [
  // NHS heart attack: the pressure told as an image, after the place.
  ['cardiac_chest_pain', 'a dull ache across my chest as if a brick was on it, and im sweaty'],
  ['cardiac_chest_pain', 'dil pe dabav hai aur pasina aa raha hai'],
  ['cardiac_chest_pain', 'seene me dard hai jo baazu tak ja raha hai, ulti jaisa lag raha'],
  [
    'cardiac_chest_pain',
    'says it feels like a strap pulled tight around his chest, and he looks a bad colour',
  ],
  ['cardiac_chest_pain', 'like a clenched fist behind my breastbone, pain going into my jaw'],
  // NHS stroke in Hinglish: the words will not come, a leg dragged.
  ['stroke_signs', 'nanaji ke muh se shabd nahi nikal rahe, achanak hua'],
  ['stroke_signs', 'mummy baaya pair ghasit ke chal rahi hai, achanak se'],
  // NHS help for suicidal thoughts: means and preparation, never the word.
  ['suicidal_thoughts', 'he has run a hose from the exhaust into the car'],
  ['suicidal_thoughts', 'gave my dog away to my sister and i know when im going to do it'],
  ['suicidal_thoughts', 'i have picked the bridge and i know how im going to do it'],
  ['suicidal_thoughts', 'my son posted goodbye to everyone last night and wont answer his phone'],
  ['suicidal_thoughts', 'all my tablets are counted out on the bedside table'],
  ['suicidal_thoughts', 'i want to walk in front of a bus, everyone would be better without me'],
  ['suicidal_thoughts', 'left a note for my kids, im sitting by the railway now'],
  ['suicidal_thoughts', 'thinking of ending my life, i looked up how much it takes'],
  ['seizure', 'my brother is having a fit and he is not stopping'],
  ['heavy_bleeding', 'had a c section 5 days ago and now there is severe bleeding'],
  // NHS ectopic pregnancy told in Hindi: weeks in the womb, pain on one side, dizziness.
  [
    'ectopic_pregnancy_signs',
    'garbh me 7 hafte hai, pet ke right side me dard aur chakkar',
    { sex: 'female' },
  ],
  ['poisoning_overdose', 'she swallowed about 25 of her painkillers this afternoon'],
  ['suicidal_thoughts', 'i cannot take it anymore and i want to turn the blade on myself'],
  ['child_danger_signs', 'my 10 day old has stopped feeding and is very sleepy', { age: 0 }],
  ['unconscious', 'he came off his bike and he is not awake'],
  [
    'head_injury_red_flags',
    'banged her head on the cupboard, she is on rivaroxaban and keeps asking what happened',
  ],
  ['severe_burns', 'he grabbed the hob and now there are blisters across his palm', { age: 2 }],
  ['heavy_bleeding', 'keep bringing up gritty dark stuff like used coffee'],
  [
    'ectopic_pregnancy_signs',
    'im roughly 5 weeks, sharp pain on the left and a pain at the top of my shoulder',
    { sex: 'female' },
  ],
  ['severe_breathlessness', 'saans phool rahi hai, chalne bhi nahi pa rahe'],
  ['cardiac_chest_pain', 'uneasiness in chest from one hour, sweating, feeling like vomiting'],
  ['suicidal_thoughts', 'my mind is made up, there is a noose in the shed and i will do it tonight'],
  ['severe_breathlessness', 'she is using her neck muscles to breathe and cannot say words', { age: 3 }],
  ['heavy_bleeding', 'been sick this morning and there was blood in it, dark red'],
  ['stroke_signs', 'she keeps tipping over to the left and her speech sounds off, started at lunch'],
  ['poisoning_overdose', 'my son injected a whole pen of insulin on purpose'],
  ['severe_breathlessness', 'a squeak every time he breathes in, even sitting still', { age: 2 }],
  ['heavy_bleeding', 'my wife had our baby on monday and is filling a maternity pad every hour'],
  ['poisoning_overdose', 'he took his whole prescription of quetiapine in one go'],
  ['poisoning_overdose', 'my sister did an od on her sleeping pills'],
  ['severe_burns', 'deep burns on his back from a bonfire'],
  ['poisoning_overdose', "my son admitted he took a lot of his gran's tablets this morning"],
  ['anaphylaxis', 'she had a bit of egg and now her eyes are puffy and she keeps coughing', { age: 3 }],
  ['cardiac_chest_pain', 'like a cow is lying on my chest, and i am clammy'],
  ['testicular_torsion', 'kneed in the groin at rugby, swollen and throwing up', { sex: 'male' }],
  ['heavy_bleeding', 'a big amount of dark red blood came out of my back passage'],
  // WHO snakebite: a bite nobody saw, with the nerves affected, or two fang marks.
  ['snakebite', 'something bit his ankle in the paddy field and now his eyelids are drooping'],
  ['snakebite', 'bitten on the hand while cutting grass, two tiny puncture marks, hand swelling'],
  // NHS burns: clothes on fire.
  ['severe_burns', 'her nightie caught fire from the heater'],
  ['severe_burns', 'chulhe se dupatte me aag lag gayi'],
  ['severe_burns', 'knocked the teapot over onto his legs, the skin came off in sheets', { age: 6 }],
  // NICE NG143 red: chest indrawing, a bulging fontanelle, in either order.
  ['severe_breathlessness', 'saans lete waqt pasliyon me gaddhe pad rahe hain', { age: 1 }],
  ['child_danger_signs', 'a bulge on the top of her head at the soft spot, feverish, drowsy', { age: 0.5 }],
  // NHS DKA told by its signs: vomiting with fast breathing or drowsiness in a diabetic.
  ['diabetic_emergency', 'my son is type 1, missed his insulin, throwing up and breathing really fast'],
  ['diabetic_emergency', 'insulin khatam ho gaya tha, pet me dard aur bahut neend aa rahi', { age: 17 }],
];

/** Same-day problems told in lay words (NHS condition pages). */
const LAY_URGENT: Array<[string, string, Partial<TriageInput>?]> = [
  ['skin_infection_or_shingles_eye', 'a band of blisters on one side of my forehead going down to my eyelid'],
  ['skin_infection_or_shingles_eye', 'the graze on his knee has gone red and hot'],
  ['possible_fracture_or_deep_wound', 'fell on the ice, my hand is puffy and i cannot grip a cup'],
  ['possible_fracture_or_deep_wound', 'came off her scooter and landed on her arm, elbow is swollen'],
  ['mental_health_crisis', 'lately i just wish i could vanish, i am not going to do anything'],
  ['child_earache_fever', 'she keeps tugging at her ear and feels hot, 38.6', { age: 1 }],
  ['urine_infection_complicated', 'it stings when weeing and i have a temperature and shivers'],
  ['croup_or_asthma', 'wheezy all day, the blue inhaler works but only for a bit, using it every 2 hours'],
  ['possible_dvt', 'my left leg is swollen and tender since the drive home from scotland'],
  ['dehydration', 'toddler has had diarrhoea since yesterday, only two wet nappies today', { age: 2 }],
  ['croup_or_asthma', 'i keep needing my blue inhaler and its only helping for an hour'],
  ['pregnancy_spotting', '9 hafte pregnant hu, brown dhabbe aaye', { sex: 'female' }],
  ['mental_health_crisis', 'everyone would be better off without me, i dont have a plan'],
];

describe('red flags in lay words (issue #14)', () => {
  it.each(LAY_CASES)('%s: "%s"', (code, symptoms, extra) => {
    expect(codes(symptoms, extra)).toContain(code);
  });
  it.each(LAY_URGENT)('%s: "%s"', (code, symptoms, extra) => {
    expect(codes(symptoms, extra)).toContain(code);
  });

  it('the same words in a routine message raise nothing', () => {
    // A crack is a fracture only in a bone; a relative's event at an age is history.
    expect(codes('cracked lips and dry skin on my knuckles')).toEqual([]);
    expect(codes('my mum had a stroke at 72, i am 45, can i get my blood pressure checked')).toEqual([]);
    expect(codes('sold my old bike and gave the money to charity')).toEqual([]);
    expect(codes('my tetanus jab is due, when should i book it')).toEqual([]);
    // A mild temperature the day after jabs is the expected reaction (NHS).
    expect(codes('she had her 16 week jabs today, temp 37.8, feeding fine', { age: 0.3 })).toEqual([]);
    expect(codes('bahut udaas hu, dil bhaari hai')).not.toContain('cardiac_chest_pain');
    expect(codes('put my hand on my chest to count my heartbeat, it was 72')).toEqual([]);
    expect(codes('fit and well, just need a medical for my new job')).toEqual([]);
    expect(codes('a bit short of breath and cannot walk far with my copd, same as always')).not.toContain(
      'severe_breathlessness',
    );
    expect(codes('i am 3 weeks into this cold, blocked nose', { sex: 'female' })).toEqual([]);
    // Questions for later, and a scratch from one's own vaccinated pet.
    expect(codes('how would i know if my baby had meningitis, just so i know')).toEqual([]);
    expect(codes('my own cat scratched me playing, she is vaccinated, tiny mark')).toEqual([]);
    expect(codes('rope burn on my palm from tug of war, bit sore')).toEqual([]);
    expect(codes('gave away my old books to the library, feeling lighter')).toEqual([]);
    expect(codes('want to talk about coming off my tablets slowly')).toEqual([]);
    expect(codes('took the whole course of antibiotics, cough still there')).not.toContain(
      'poisoning_overdose',
    );
    expect(codes('metformin 500 od and amlodipine 5 od, need a refill')).toEqual([]);
    expect(codes('took all my heart tablets this morning as usual')).not.toContain('poisoning_overdose');
    expect(codes('breathless on hills for years with my copd, no change')).toEqual([]);
    expect(codes('we gave our old cat to my aunt when we moved abroad')).not.toContain('suicidal_thoughts');
    expect(codes('wrote a note to my landlord about the damp')).toEqual([]);
    expect(codes('broke my ankle two years ago, all healed, want physio advice')).toEqual([]);
    // Blood once that has not come back is a GP question, not a same-day one.
    expect(codes('a streak of blood when i wiped once, none since, no pain')).toEqual([]);
    // An everyday pregnancy question: mild cramps, nothing else.
    expect(codes('11 weeks pregnant with some mild cramps, is that normal?', { sex: 'female' })).toEqual([]);
    expect(codes('11 weeks pregnant with cramps and spotting', { sex: 'female' })).not.toEqual([]);
    expect(codes('my ankle is swollen at the end of the day, no injury')).toEqual([]);
  });
});
