import { ever, feverish, has, onlyMildPain, together, type Evidence } from './evidence.ts';
import type { Concept } from './lexicon.ts';
import type { Priority } from './schema.ts';

/**
 * Red-flag rules over concepts (lexicon.ts) that co-occur in a sentence, plus the numbers in the text
 * and the form's vitals. Emergency rules follow the NHS "call 999 / go to A&E now" lists, NICE NG143
 * (fever in under-5s), NG51 (sepsis), NG232 (head injury), WHO snakebite and IMCI danger signs;
 * urgent rules are the same-day problems. A rule can only add a flag: priorities only go up.
 */
export interface Rule {
  code: string;
  label: string;
  priority: Priority;
  when: (e: Evidence) => boolean;
}

/** A man may type for his pregnant wife: the pregnancy is hers, whatever the form says. */
const notAMan = (e: Evidence): boolean => e.input.sex !== 'male' || has(e, 'female_relative');
const pregnant = (e: Evidence): boolean =>
  notAMan(e) &&
  (e.input.pregnant === true || has(e, 'pregnant') || (e.facts.pregnancyWeeks !== undefined && e.age >= 12));
const earlyPregnancy = (e: Evidence): boolean =>
  notAMan(e) &&
  (has(e, 'early_pregnancy') ||
    (pregnant(e) && (e.facts.pregnancyWeeks === undefined || e.facts.pregnancyWeeks < 14)));
const glucoseHigh = (e: Evidence): boolean =>
  e.facts.meterHi || (e.facts.glucoseMax ?? 0) > 400 || (e.input.vitals?.bloodGlucoseMgDl ?? 0) > 400;
const glucoseVeryLow = (e: Evidence): boolean =>
  e.facts.meterLo ||
  (e.facts.glucoseMin ?? Infinity) < 54 ||
  (e.input.vitals?.bloodGlucoseMgDl ?? Infinity) < 54;
const drowsyOrConfused = (e: Evidence): boolean =>
  has(e, 'drowsy', 'very_drowsy', 'sleepy_hindi', 'confusion', 'unconscious', 'speech_muddled', 'seizure');
// prettier-ignore
const DANGER_SIGNS_UNDER_5: Concept[] = [
  'very_drowsy', 'floppy', 'unconscious', 'grunting', 'recession', 'blue', 'cry_abnormal', 'no_social',
  'bulging_fontanelle', 'apnoea', 'cannot_drink', 'vomit_everything',
];
const INJURY: Concept[] = ['trauma', 'head_injury', 'wound', 'burn'];

export const RED_FLAG_RULES: Rule[] = [
  // ── Emergencies ──
  {
    code: 'cardiac_chest_pain',
    label: 'Chest pain with sweating, radiation or breathlessness',
    priority: 'emergency',
    when: (e) =>
      has(e, 'chest_pressure', 'heart_attack') ||
      (has(e, 'chest_pain') &&
        has(
          e,
          'sweating',
          'radiation',
          'breathless',
          'severe_breath',
          'pale_grey',
          'nausea_vomit',
          'dizzy_faint',
          'unconscious',
        )) ||
      // "Bad indigestion", grey and sweaty, rubbing his left arm: a heart attack told without the chest.
      (has(e, 'pale_grey', 'sweating') &&
        has(e, 'radiation', 'indigestion') &&
        has(e, 'sweating', 'pale_grey', 'breathless')) ||
      (has(e, 'palpitations') && has(e, 'chest_pain', 'unconscious')) ||
      (has(e, 'chest_burning') && has(e, 'sweating', 'radiation', 'breathless', 'pale_grey', 'dizzy_faint')),
  },
  {
    code: 'stroke_signs',
    label: 'Possible stroke (face, arm, speech, sudden vision loss or confusion)',
    priority: 'emergency',
    when: (e) =>
      has(e, 'face_droop', 'speech_muddled', 'stroke_word', 'side_weak') ||
      together(e, ['limb_weak', 'limb', 'side']) ||
      (together(e, ['limb_cannot', 'limb', 'side']) && !has(e, ...INJURY)) ||
      (together(e, [['limb_weak', 'limb_cannot'], 'limb']) &&
        has(e, 'cue_sudden', 'cannot_speak', 'double_vision')) ||
      (has(e, 'cannot_speak') && has(e, 'cue_sudden', 'limb_weak', 'limb_cannot', 'confusion')) ||
      (has(e, 'double_vision') && has(e, 'cue_sudden')),
  },
  {
    code: 'sudden_vision_loss',
    label: 'Sudden loss of vision, or a shadow or curtain over the sight',
    priority: 'emergency',
    when: (e) => has(e, 'vision_loss'),
  },
  {
    code: 'thunderclap_headache',
    label: 'Sudden, severe ("worst ever") headache',
    priority: 'emergency',
    when: (e) =>
      (together(e, ['headache', 'thunderclap_cue'], 2) && !ever(e, 'usual_pattern')) ||
      (has(e, 'headache') && has(e, 'neck_stiff') && has(e, 'nausea_vomit', 'cue_sudden', 'confusion')),
  },
  {
    code: 'severe_breathlessness',
    label: 'Severe breathlessness',
    priority: 'emergency',
    when: (e) =>
      has(e, 'severe_breath', 'blue', 'recession', 'grunting') ||
      // Too breathless to talk: "saans ukhad rahi, bol nahi pa rahe".
      (has(e, 'breathless') && has(e, 'cannot_speak')) ||
      // Too breathless to walk ("saans me dikkat, chal bhi nahi pa rahi").
      together(e, ['breathless', 'cannot_walk'], 2) ||
      (has(e, 'gasping', 'apnoea') && !has(e, 'sleep_context')) ||
      (has(e, 'stridor') && has(e, 'at_rest')) ||
      (has(e, 'inhaler_failing') && has(e, 'breathless', 'wheeze', 'severe_breath')) ||
      (e.facts.respiratoryRate ?? 0) > (e.age < 5 ? 60 : 30) ||
      (e.input.vitals?.spo2 ?? 100) < 90 ||
      (e.input.vitals?.respiratoryRate ?? 0) > 30,
  },
  {
    code: 'choking',
    label: 'Choking',
    priority: 'emergency',
    when: (e) => has(e, 'choking'),
  },
  {
    code: 'anaphylaxis',
    label: 'Possible anaphylaxis (swelling of lips, tongue or throat, or rash with breathing trouble)',
    priority: 'emergency',
    when: (e) =>
      has(e, 'swelling_airway') ||
      (has(e, 'anaphylaxis_word') && !has(e, 'admin')) ||
      // After a food, sting or drug: a swelling throat or a changed voice is the airway.
      (has(e, 'allergic_trigger') && has(e, 'throat_swelling', 'voice_change')) ||
      (has(e, 'allergic_trigger', 'hives', 'swelling_face') &&
        has(e, 'wheeze', 'breathless', 'severe_breath', 'swelling_airway') &&
        (has(e, 'allergic_trigger') || has(e, 'hives', 'swelling_face'))) ||
      (has(e, 'hives', 'swelling_face') &&
        has(e, 'allergic_trigger', 'allergy_word') &&
        has(e, 'dizzy_faint', 'unconscious')) ||
      // After a food or sting, a swelling face with a persistent cough (NHS anaphylaxis signs).
      (has(e, 'allergic_trigger') && has(e, 'swelling_face') && has(e, 'cough')),
  },
  {
    code: 'heavy_bleeding',
    label: 'Heavy or uncontrolled bleeding, or vomiting blood',
    priority: 'emergency',
    when: (e) => {
      const heavy = together(e, ['bleeding', 'bleeding_heavy']);
      const shocked = has(e, 'dizzy_faint', 'unconscious', 'pale_grey');
      // Heavy periods are a GP matter unless a pad an hour is soaked or the woman is faint.
      const periodOnly = has(e, 'period') && !has(e, 'pregnant', 'postpartum') && !pregnant(e);
      // A nosebleed past 10–15 minutes, or one that will not stop, goes to A&E (NHS nosebleed).
      const longNosebleed =
        has(e, 'nosebleed') &&
        (has(e, 'bleeding_uncontrolled') ||
          /(?:^| )(?:(?:1[0-9]|[2-9]\d|\d{3}) (?:minutes|mins|min)|half an hour|an hour|hours?)(?= |$)/.test(
            e.text,
          ));
      return (
        longNosebleed ||
        (heavy && (!periodOnly || shocked)) ||
        // After a birth, clots or heavy bleeding are a postpartum haemorrhage until shown otherwise.
        (has(e, 'postpartum') &&
          has(e, 'bleeding') &&
          (heavy || shocked || /(?:^| )clots?(?= |$)/.test(e.text))) ||
        // A pad soaked in an hour after a birth or in pregnancy (NHS postpartum haemorrhage).
        (has(e, 'pads_soaked') && (has(e, 'postpartum') || pregnant(e) || shocked)) ||
        together(e, ['pulsing', ['bleeding', 'wound']]) ||
        together(e, ['wound', 'bleeding_uncontrolled']) ||
        has(e, 'vomit_blood') ||
        (has(e, 'stool_black') && (!has(e, 'iron_tablets') || shocked)) ||
        (has(e, 'stool_blood') && (heavy || shocked)) ||
        (has(e, 'cough_blood') && (heavy || has(e, 'breathless')))
      );
    },
  },
  {
    code: 'suicidal_thoughts',
    label: 'Thoughts of suicide or self-harm',
    priority: 'emergency',
    when: (e) =>
      has(e, 'suicidal', 'suicide_means_strong') ||
      (has(e, 'suicide_means_weak') && has(e, 'hopeless', 'suicide_intent')) ||
      (has(e, 'suicide_intent') && has(e, 'hopeless', 'suicide_means_weak')),
  },
  { code: 'seizure', label: 'Seizure or fits', priority: 'emergency', when: (e) => has(e, 'seizure') },
  {
    code: 'unconscious',
    label: 'Collapse, fainting or unresponsiveness',
    priority: 'emergency',
    when: (e) => has(e, 'unconscious'),
  },
  {
    code: 'acute_confusion',
    label: 'Sudden confusion or drowsiness',
    priority: 'emergency',
    when: (e) =>
      (has(e, 'confusion') && (!ever(e, 'dementia') || has(e, 'cue_sudden', 't_now'))) ||
      (has(e, 'very_drowsy') && e.age >= 5),
  },
  {
    code: 'sepsis_signs',
    label: 'Infection with confusion, mottled skin, fast breathing or no urine (possible sepsis)',
    priority: 'emergency',
    when: (e) =>
      ((feverish(e) || has(e, 'infection', 'rigors')) &&
        (has(e, 'sepsis_sign', 'confusion', 'very_drowsy', 'unconscious', 'speech_muddled') ||
          (e.input.vitals?.systolicBp ?? 120) < 100)) ||
      (feverish(e) && has(e, 'chemo')),
  },
  {
    code: 'heat_stroke',
    label: 'Heatstroke (hot, confused or drowsy after heat)',
    priority: 'emergency',
    when: (e) =>
      has(e, 'heatstroke_word') ||
      (has(e, 'heat_exposure') && (drowsyOrConfused(e) || has(e, 'no_sweat') || feverish(e))),
  },
  {
    code: 'infant_fever',
    label: 'Fever in a baby under 3 months',
    priority: 'emergency',
    when: (e) => e.age < 0.25 && feverish(e),
  },
  {
    code: 'child_danger_signs',
    label: 'Danger signs in a baby or young child (floppy, hard to wake, grunting, dehydrated, not feeding)',
    priority: 'emergency',
    when: (e) =>
      (e.age < 5 && has(e, ...DANGER_SIGNS_UNDER_5)) ||
      (e.age < 1 &&
        (has(e, 'dehydration_severe', 'bilious', 'drowsy', 'sepsis_sign', 'rash_nonblanch') ||
          (has(e, 'poor_feeding') &&
            (feverish(e) || has(e, 'nausea_vomit', 'breathless', 'dehydration'))))) ||
      (e.age < 5 && has(e, 'dehydration_severe') && has(e, 'drowsy', 'very_drowsy', 'floppy')) ||
      (e.age < 5 && has(e, 'bilious')),
  },
  {
    code: 'pregnancy_bleeding',
    label: 'Bleeding in pregnancy',
    priority: 'emergency',
    when: (e) =>
      pregnant(e) &&
      has(e, 'bleeding') &&
      !(
        has(e, 'bleeding_light') &&
        !together(e, ['bleeding', 'bleeding_heavy']) &&
        !has(e, 'abdominal_pain', 'one_sided_pain', 'severe_cue')
      ),
  },
  {
    code: 'ectopic_pregnancy_signs',
    label: 'Early pregnancy with one-sided or shoulder-tip pain, or fainting (possible ectopic)',
    priority: 'emergency',
    when: (e) =>
      earlyPregnancy(e) &&
      (has(e, 'one_sided_pain', 'shoulder_tip') ||
        (has(e, 'abdominal_pain') && has(e, 'dizzy_faint', 'unconscious', 'bleeding', 'severe_cue'))),
  },
  {
    code: 'pregnancy_abdominal_pain',
    label: 'Severe abdominal pain in pregnancy',
    priority: 'emergency',
    when: (e) => pregnant(e) && (has(e, 'severe_abdo') || together(e, ['abdominal_pain', 'severe_cue'])),
  },
  {
    code: 'pre_eclampsia_signs',
    label: 'Headache with visual disturbance or swelling in pregnancy',
    priority: 'emergency',
    when: (e) =>
      pregnant(e) && has(e, 'headache') && has(e, 'blurred_vision', 'vision_loss', 'pre_eclampsia_sign'),
  },
  {
    code: 'waters_breaking',
    label: 'Waters breaking in pregnancy',
    priority: 'emergency',
    when: (e) => pregnant(e) && has(e, 'waters') && (e.facts.pregnancyWeeks ?? 0) < 37,
  },
  {
    code: 'reduced_fetal_movements',
    label: 'Reduced fetal movements',
    priority: 'emergency',
    when: (e) =>
      has(e, 'fetal_reduced') &&
      (pregnant(e) || /(?:^| )\d{2} (?:weeks|wks)(?= |$)/.test(e.text) || has(e, 'baby_word')),
  },
  {
    code: 'meningitis_signs',
    label: 'Fever with stiff neck or a rash that does not fade',
    priority: 'emergency',
    when: (e) =>
      has(e, 'rash_nonblanch') ||
      (feverish(e) && has(e, 'neck_stiff')) ||
      (feverish(e) && has(e, 'headache') && has(e, 'photophobia')) ||
      // A stiff neck with light hurting the eyes: meningitis or a bleed, fever or not.
      (has(e, 'neck_stiff') && has(e, 'photophobia')),
  },
  {
    code: 'head_injury_red_flags',
    label: 'Head injury with vomiting, confusion or drowsiness',
    priority: 'emergency',
    when: (e) =>
      has(e, 'head_injury') &&
      (has(e, 'nausea_vomit', 'amnesia', 'seizure') ||
        drowsyOrConfused(e) ||
        /(?:^| )(?:blood|fluid) (?:from|out of|coming from) (?:\S+ )?(?:ear|ears|nose)(?= |$)/.test(e.text) ||
        (has(e, 'anticoagulant') && has(e, 'headache'))),
  },
  {
    code: 'spinal_injury',
    label: 'Injury with neck or back pain and weakness, numbness or tingling',
    priority: 'emergency',
    when: (e) =>
      has(e, 'trauma') &&
      ((has(e, 'neck_back_injury') && has(e, 'cannot_move_legs', 'limb_weak', 'both_legs_arms')) ||
        together(e, ['cannot_move_legs', 'trauma'], 2)),
  },
  {
    code: 'drowning_or_penetrating_injury',
    label: 'Drowning or near-drowning, or a stab or gunshot wound',
    priority: 'emergency',
    when: (e) => has(e, 'drowning', 'penetrating'),
  },
  {
    code: 'named_emergency',
    label:
      'An emergency diagnosis named as happening now (ectopic, torsion, cauda equina, meningitis, dissection)',
    priority: 'emergency',
    when: (e) => has(e, 'named_emergency'),
  },
  {
    code: 'open_fracture',
    label: 'Bone through the skin',
    priority: 'emergency',
    when: (e) => has(e, 'bone_out'),
  },
  {
    code: 'testicular_torsion',
    label: 'Sudden severe testicular pain',
    priority: 'emergency',
    when: (e) =>
      e.input.sex !== 'female' &&
      has(e, 'testicle_pain') &&
      (has(e, 'cue_sudden', 'severe_cue', 'cue_worst', 'nausea_vomit', 'pale_grey', 'onset_abrupt') ||
        /(?:^| )(?:twist\w*|torsion)(?= |$)/.test(e.text) ||
        // A swollen testicle after a kick, or swelling that keeps getting worse: A&E.
        (has(e, 'testicle_swollen') && has(e, 'trauma', 'worsening')) ||
        (has(e, 'testicle_swollen') && /(?:^| )kicked(?= |$)/.test(e.text))),
  },
  {
    code: 'cauda_equina',
    label: 'Numbness around the bottom or loss of bladder or bowel control with back pain',
    priority: 'emergency',
    when: (e) =>
      has(e, 'saddle_numb') ||
      (has(e, 'incontinence') && !has(e, 'incontinence_stress') && has(e, 'back_pain', 'both_legs_arms')),
  },
  {
    code: 'aortic_emergency',
    label: 'Tearing pain through to the back, or pain with a known aneurysm',
    priority: 'emergency',
    when: (e) =>
      together(e, ['aortic_tear', ['pain', 'chest_pain', 'back_pain', 'abdominal_pain']]) ||
      (ever(e, 'aneurysm') &&
        has(e, 'pain', 'back_pain', 'abdominal_pain', 'dizzy_faint', 'unconscious', 'pale_grey')) ||
      (has(e, 'through_to_back') && has(e, 'cue_sudden', 'severe_cue', 'cue_worst')),
  },
  {
    code: 'poisoning_overdose',
    label: 'Poisoning or overdose',
    priority: 'emergency',
    when: (e) =>
      together(e, ['poison', 'ingest']) ||
      (has(e, 'poison') &&
        /(?:^| )(?:poisoning|poisoned)(?= |$)/.test(e.text) &&
        !has(e, 'food_poisoning')) ||
      together(e, ['poison_weak', 'ingest_strong']) ||
      // "Took all my tablets this morning as usual" is the daily dose.
      (together(e, ['overdose_bulk', ['ingest', 'drug']]) && !ever(e, 'usual_pattern')) ||
      (/(?:^| )(?:overdose|overdosed)(?= |$)/.test(e.text) && has(e, 'overdose_bulk')) ||
      ((e.facts.tabletCount ?? 0) >= 8 && has(e, 'ingest')) ||
      // A child who got into medicines or chemicals ("my child", no age given, counts): every ingestion.
      ((e.age < 12 || (has(e, 'child_word') && e.facts.childAgeYears === undefined)) &&
        together(e, [
          ['ingest_strong', 'ingest'],
          ['drug', 'poison', 'poison_weak'],
        ]) &&
        /(?:^| )(?:swallowed|ate|eaten|drank|drunk|found|got into|kha li|kha liya|kha lee|khaa li|khali|pee li|pi li|ate some|eaten some|licked|chewed)(?= |$)/.test(
          e.text,
        )),
  },
  {
    code: 'snakebite',
    label: 'Snakebite (always hospital now)',
    priority: 'emergency',
    when: (e) =>
      has(e, 'snakebite', 'snake_sap') ||
      together(e, ['snake', 'bite'], 2) ||
      // An unseen bite is a snake until shown otherwise once the venom shows in the nerves.
      (has(e, 'bite') && has(e, 'neurotoxic')),
  },
  {
    code: 'scorpion_sting_child',
    label: 'Scorpion sting in a child',
    priority: 'emergency',
    when: (e) => has(e, 'scorpion') && e.age < 12,
  },
  {
    code: 'severe_burns',
    label: 'Severe, electrical or chemical burns, or a burn on a young child',
    priority: 'emergency',
    when: (e) =>
      has(e, 'electrical', 'chemical_burn') ||
      together(e, ['burn', 'burn_severe'], 2) ||
      // Blistering burns of the hands, feet, face, limbs or genitals go to A&E (NHS burns and scalds).
      (together(e, ['burn', 'blister'], 2) && has(e, 'burn_site') && !has(e, 'small')) ||
      (has(e, 'burn') && e.age < 5 && !has(e, 'small')),
  },
  {
    code: 'diabetic_emergency',
    label: 'Very high or very low blood sugar with symptoms, or ketones (possible DKA)',
    priority: 'emergency',
    when: (e) =>
      (glucoseHigh(e) &&
        (has(e, 'nausea_vomit', 'abdominal_pain', 'kussmaul', 'breathless', 'dehydration') ||
          drowsyOrConfused(e))) ||
      // New type 1 diabetes told without the word: thirst and weeing, then vomiting or drowsiness.
      (has(e, 'thirst') &&
        has(e, 'weeing_lots') &&
        (has(e, 'nausea_vomit', 'kussmaul', 'abdominal_pain', 'fruity_breath') || drowsyOrConfused(e))) ||
      (e.facts.ketones ?? 0) >= 3 ||
      has(e, 'ketones_high') ||
      (has(e, 'diabetic') && has(e, 'kussmaul', 'fruity_breath') && !has(e, 'admin')) ||
      // DKA told by its signs (NHS): sick or tummy pain with fast breathing or drowsiness, in a
      // diabetic or after missed insulin, needs A&E without a meter reading.
      (has(e, 'diabetic', 'insulin_missed') &&
        has(e, 'nausea_vomit', 'abdominal_pain') &&
        (has(e, 'kussmaul', 'breathless') || drowsyOrConfused(e))) ||
      (has(e, 'fruity_breath') && has(e, 'kussmaul', 'nausea_vomit', 'drowsy', 'very_drowsy', 'thirst')) ||
      ((glucoseVeryLow(e) || has(e, 'sugar_low_words')) && drowsyOrConfused(e)),
  },
  {
    code: 'pulmonary_embolism_signs',
    label: 'Sudden breathlessness with a swollen calf or after a long journey',
    priority: 'emergency',
    when: (e) =>
      has(e, 'breathless', 'severe_breath') &&
      has(e, 'calf_swelling') &&
      has(e, 'cue_sudden', 'chest_pain', 'long_travel'),
  },
  // ── Vitals ──
  {
    code: 'hypotension',
    label: 'Low blood pressure (systolic < 90)',
    priority: 'emergency',
    when: (e) => (e.input.vitals?.systolicBp ?? 120) < 90,
  },
  {
    code: 'extreme_heart_rate',
    label: 'Heart rate above 130 or below 40',
    priority: 'emergency',
    when: (e) => (e.input.vitals?.heartRate ?? 80) > 130 || (e.input.vitals?.heartRate ?? 80) < 40,
  },
  {
    code: 'hypoglycaemia',
    label: 'Blood sugar below 54 mg/dL',
    priority: 'emergency',
    when: (e) => (e.input.vitals?.bloodGlucoseMgDl ?? 100) < 54,
  },
  {
    code: 'low_oxygen',
    label: 'Oxygen saturation 90–93%',
    priority: 'urgent',
    when: (e) => (e.input.vitals?.spo2 ?? 100) < 94 && (e.input.vitals?.spo2 ?? 100) >= 90,
  },
  {
    code: 'very_high_fever',
    label: 'Temperature 40 °C or higher',
    priority: 'urgent',
    when: (e) => Math.max(e.input.vitals?.temperatureC ?? 37, e.facts.temperatureC ?? 37) >= 40,
  },
  {
    code: 'hyperglycaemia',
    label: 'Blood sugar above 400 mg/dL',
    priority: 'urgent',
    when: (e) =>
      glucoseHigh(e) || (has(e, 'sugar_high_words') && has(e, 'nausea_vomit', 'thirst', 'weeing_lots')),
  },
  {
    code: 'low_blood_sugar',
    label: 'Low blood sugar',
    priority: 'urgent',
    when: (e) => glucoseVeryLow(e) || has(e, 'sugar_low_words'),
  },
  // ── Same-day problems ──
  { code: 'chest_pain', label: 'Chest pain', priority: 'urgent', when: (e) => has(e, 'chest_pain') },
  {
    code: 'breathlessness',
    label: 'Breathlessness',
    priority: 'urgent',
    when: (e) =>
      // Breathless on the stairs "for years, no change" is the long-standing condition, not a new one.
      (has(e, 'breathless') && !has(e, 'exertion_only') && !(ever(e, 'habitual') && has(e, 'no_change'))) ||
      (has(e, 'gasping') && !has(e, 'sleep_context')),
  },
  {
    code: 'young_infant_fever',
    label: 'Fever in a baby 3–6 months old',
    priority: 'urgent',
    when: (e) => e.age >= 0.25 && e.age < 0.5 && feverish(e),
  },
  {
    code: 'prolonged_fever',
    label: 'Fever for more than 3 days',
    priority: 'urgent',
    when: (e) =>
      !has(e, 'resolved') &&
      feverish(e) &&
      ((e.input.durationHours ?? 0) > 72 ||
        /(?:^| )(?:(?:[4-9]|\d{2,}) (?:days|din|dino|dinon)|a week|weeks|hafte|hafta|ek hafte)(?= |$)/.test(
          e.text,
        )),
  },
  {
    code: 'fever_with_body_aches',
    label:
      'Fever for 3 days or more with aches or vomiting (dengue, malaria or typhoid to be ruled out today)',
    priority: 'urgent',
    when: (e) =>
      !has(e, 'resolved') &&
      feverish(e) &&
      has(e, 'body_ache', 'nausea_vomit', 'abdominal_pain') &&
      ((e.input.durationHours ?? 0) >= 72 ||
        /(?:^| )(?:(?:[3-9]|\d{2,}) (?:days|din|dino|dinon)|a week|weeks|hafte|hafta)(?= |$)/.test(e.text)),
  },
  {
    code: 'fever_elderly',
    label: 'Fever at 65 or older',
    priority: 'urgent',
    when: (e) => e.age >= 65 && feverish(e),
  },
  {
    code: 'child_fever_amber',
    label:
      'Fever in a young child with an amber sign (dehydration, poor feeding, urine infection, breathing)',
    priority: 'urgent',
    when: (e) =>
      e.age < 5 &&
      feverish(e) &&
      has(e, 'dehydration', 'poor_feeding', 'rigors', 'breathless', 'uti', 'ear_pain', 'drowsy'),
  },
  {
    code: 'persistent_vomiting',
    label: 'Persistent vomiting',
    priority: 'urgent',
    when: (e) => has(e, 'vomit_everything'),
  },
  {
    code: 'dehydration',
    label: 'Signs of dehydration',
    priority: 'urgent',
    when: (e) =>
      has(e, 'dehydration', 'dehydration_severe') ||
      (has(e, 'orthostatic') && has(e, 'diarrhoea', 'nausea_vomit')),
  },
  {
    code: 'blood_in_urine_or_stool',
    label: 'Blood in urine or stool, or coughing up blood',
    priority: 'urgent',
    when: (e) => has(e, 'stool_blood', 'urine_blood', 'cough_blood', 'stool_black'),
  },
  {
    code: 'severe_pain',
    label: 'Severe pain',
    priority: 'urgent',
    when: (e) => together(e, [['severe_cue', 'cue_worst'], 'pain']) && !ever(e, 'usual_pattern', 'habitual'),
  },
  {
    code: 'pregnancy_spotting',
    label: 'Light bleeding in pregnancy',
    priority: 'urgent',
    when: (e) => pregnant(e) && has(e, 'bleeding', 'pregnancy_stains'),
  },
  {
    code: 'pregnancy_concern',
    label: 'Symptoms during pregnancy',
    priority: 'urgent',
    when: (e) =>
      pregnant(e) &&
      // Morning sickness and a mild headache are everyday pregnancy questions, not same-day ones.
      // Mild cramps alone ("is it normal to have mild cramps at 10 weeks") are an everyday question.
      ((has(e, 'abdominal_pain') && !onlyMildPain(e)) ||
        has(e, 'one_sided_pain', 'uti', 'dizzy_faint', 'vomit_everything', 'dehydration') ||
        together(e, ['headache', ['severe_cue', 'cue_worst', 'cue_sudden']]) ||
        feverish(e)),
  },
  {
    code: 'severe_abdominal_pain',
    label: 'Severe abdominal pain',
    priority: 'urgent',
    when: (e) =>
      (has(e, 'severe_abdo') || together(e, ['abdominal_pain', ['severe_cue', 'cue_worst']])) &&
      !ever(e, 'habitual', 'usual_pattern'),
  },
  {
    code: 'possible_appendicitis_or_colic',
    label: 'Pain low on the right, or colicky pain from the back to the groin',
    priority: 'urgent',
    when: (e) => has(e, 'rlq_pain', 'renal_colic'),
  },
  {
    code: 'urine_infection_complicated',
    label: 'Urine infection with fever or loin pain, in pregnancy or in a young child',
    priority: 'urgent',
    when: (e) => has(e, 'uti') && (feverish(e) || has(e, 'loin_pain', 'rigors') || e.age < 3 || pregnant(e)),
  },
  {
    code: 'throat_or_dental_swelling',
    label: 'Swelling of the throat, jaw or face from infection, or trouble swallowing or opening the mouth',
    priority: 'urgent',
    when: (e) => has(e, 'throat_severe', 'dental_swelling'),
  },
  {
    code: 'skin_infection_or_shingles_eye',
    label: 'Spreading skin infection, mastitis with fever, or shingles near the eye',
    priority: 'urgent',
    when: (e) =>
      has(e, 'cellulitis', 'shingles_eye') ||
      (has(e, 'mastitis') && (feverish(e) || has(e, 'rigors', 'infection'))),
  },
  {
    code: 'eye_problem',
    label: 'Eye injury, or a painful red eye with light sensitivity or blurred vision',
    priority: 'urgent',
    when: (e) =>
      has(e, 'eye_injury') || (has(e, 'eye_red_painful') && has(e, 'photophobia', 'blurred_vision')),
  },
  {
    code: 'child_earache_fever',
    label: 'Earache with fever in a child',
    priority: 'urgent',
    when: (e) => e.age < 16 && has(e, 'ear_pain') && feverish(e),
  },
  {
    code: 'animal_bite',
    label: 'Animal bite or scratch (rabies and tetanus care today)',
    priority: 'urgent',
    when: (e) => (together(e, ['animal', 'bite'], 2) && !has(e, 'vaccine_done')) || has(e, 'scorpion'),
  },
  {
    code: 'possible_fracture_or_deep_wound',
    label: 'Possible broken bone, cannot bear weight, or a deep wound',
    priority: 'urgent',
    when: (e) =>
      (has(e, 'cannot_bear_weight', 'deep_wound', 'fracture') ||
        together(e, ['trauma', 'limb_swollen'], 2)) &&
      // "Broke my wrist last year, all healed".
      !has(e, 'resolved'),
  },
  {
    code: 'chest_infection_at_risk',
    label: 'Chest infection at 65 or older, or pneumonia',
    priority: 'urgent',
    when: (e) =>
      (e.age >= 65 && has(e, 'chest_infection')) ||
      (/(?:^| )(?:pneumonia|nimonia|nimoniya)(?= |$)/.test(e.text) && has(e, 'chest_infection')),
  },
  {
    code: 'jaundice_or_dengue_risk',
    label: 'Jaundice, or fever with dengue warning context',
    priority: 'urgent',
    when: (e) => has(e, 'jaundice') || (has(e, 'dengue') && (feverish(e) || has(e, 'bleeding'))),
  },
  {
    code: 'croup_or_asthma',
    label: 'Croup, or asthma getting worse',
    priority: 'urgent',
    when: (e) =>
      (has(e, 'croup') && e.age < 16) ||
      has(e, 'asthma_worse', 'inhaler_failing') ||
      (has(e, 'dosing_often') && has(e, 'asthma_context')),
  },
  {
    code: 'palpitations',
    label: 'New palpitations',
    priority: 'urgent',
    when: (e) => has(e, 'palpitations') && !ever(e, 'habitual'),
  },
  {
    code: 'possible_dvt',
    label: 'Swollen, painful calf',
    priority: 'urgent',
    when: (e) => has(e, 'calf_swelling'),
  },
  {
    code: 'mental_health_crisis',
    label: 'Hopelessness or means of self-harm',
    priority: 'urgent',
    when: (e) => has(e, 'hopeless', 'suicide_means_weak'),
  },
  {
    code: 'testicular_pain',
    label: 'Testicular pain',
    priority: 'urgent',
    when: (e) => e.input.sex !== 'female' && has(e, 'testicle_pain'),
  },
  {
    code: 'head_injury_on_anticoagulant',
    label: 'Head injury on blood thinners, or in a baby',
    priority: 'urgent',
    when: (e) => has(e, 'head_injury') && (has(e, 'anticoagulant') || e.age < 1),
  },
  {
    code: 'medication_error',
    label: 'Extra dose of a medicine',
    priority: 'urgent',
    when: (e) => has(e, 'extra_dose') || ((e.facts.tabletCount ?? 0) >= 5 && has(e, 'ingest')),
  },
  {
    code: 'burn_blister',
    label: 'Blistering burn',
    priority: 'urgent',
    when: (e) => together(e, ['burn', 'blister']) && !has(e, 'small'),
  },
  {
    code: 'infant_unwell',
    label: 'A baby under 3 months who is unwell',
    priority: 'urgent',
    when: (e) => e.age < 0.25 && has(e, 'poor_feeding', 'nausea_vomit', 'drowsy', 'breathless', 'cough'),
  },
];
