import { ever, feverish, has, onlyMildPain, type Evidence } from './evidence.ts';
import type { Concept } from './lexicon.ts';

/**
 * The safety net (issue #14, item 3): words that signal severity — sudden, worst or severe, can't,
 * blue or grey, blood, unconscious, drowsy or confused, a swelling face, pregnant with pain, an
 * unwell baby — are never answered "book an appointment" when no red-flag rule explains them. The result then carries the cue codes (never
 * the text) so the host can log the case, without PHI, for clinical review of the lexicon.
 */
export const SEVERITY_CUES = [
  'sudden',
  'worst',
  'cannot',
  'blue_grey',
  'blood',
  'unconscious',
  'severe',
  'drowsy_confused',
  'pregnant_pain',
  'baby',
] as const;
export type SeverityCue = (typeof SEVERITY_CUES)[number];

/** What makes a baby's message a symptom report rather than a question about jabs or feeds. */
// prettier-ignore
const BABY_SYMPTOMS: Concept[] = [
  'nausea_vomit', 'drowsy', 'very_drowsy', 'floppy', 'poor_feeding', 'cannot_drink', 'cry_abnormal',
  'breathless', 'severe_breath', 'wheeze', 'cough', 'dehydration', 'dehydration_severe', 'pain', 'bleeding',
  'blue', 'pale_grey', 'seizure', 'unconscious', 'jaundice', 'vomit_everything', 'bilious', 'rash_nonblanch',
  'hives', 'swelling_face', 'head_injury', 'burn', 'choking', 'grunting', 'recession',
];

/** What "sudden" must be about to count. */
// prettier-ignore
const SUDDEN_OF: Concept[] = [
  'pain', 'headache', 'chest_pain', 'breathless', 'limb_weak', 'limb_cannot', 'vision_loss', 'blurred_vision',
  'double_vision', 'dizzy_faint', 'unconscious', 'confusion', 'speech_muddled', 'cannot_speak', 'bleeding',
  'swelling_face', 'swelling_airway', 'nausea_vomit', 'palpitations', 'seizure', 'abdominal_pain', 'back_pain',
  'tingling_any', 'numb_any',
];

export function severityCues(e: Evidence): SeverityCue[] {
  const cues: SeverityCue[] = [];
  const habitual = ever(e, 'usual_pattern', 'habitual');
  // "Sudden" about a symptom ("sudden sharp pain"), not about an urge or a craving.
  if (has(e, 'cue_sudden') && has(e, ...SUDDEN_OF)) cues.push('sudden');
  // "Worst on day one, every month": a habitual worst is not a new one.
  if (has(e, 'cue_worst') && !habitual) cues.push('worst');
  if (has(e, 'cue_cannot') && !habitual && !has(e, 'resolved')) cues.push('cannot');
  if (has(e, 'blue', 'pale_grey')) cues.push('blue_grey');
  // "A tiny bit of blood, fine now": bleeding that has settled by itself.
  if (
    has(e, 'bleeding', 'vomit_blood', 'stool_blood', 'stool_black', 'urine_blood', 'cough_blood') &&
    !has(e, 'resolved') &&
    // "A bit of blood on the paper sometimes, for months": a GP question (NHS bleeding from the bottom).
    !ever(e, 'habitual')
  )
    cues.push('blood');
  if (has(e, 'unconscious')) cues.push('unconscious');
  // "Severe", "terrible", "bahut tez": a new severe symptom, not a habitual one.
  if (
    has(e, 'severe_cue') &&
    has(e, 'pain', 'headache', 'breathless', 'nausea_vomit', 'fever', 'bleeding') &&
    !habitual
  )
    cues.push('severe');
  // Hard to wake or newly confused; not "sleepy all the time", not dementia.
  if (has(e, 'very_drowsy', 'confusion') && !ever(e, 'dementia')) cues.push('drowsy_confused');
  const pregnant =
    e.input.sex !== 'male' && (e.input.pregnant === true || has(e, 'pregnant', 'early_pregnancy'));
  if (pregnant && (has(e, 'one_sided_pain', 'bleeding') || (has(e, 'abdominal_pain') && !onlyMildPain(e))))
    cues.push('pregnant_pain');
  // A fever counts as the thermometer says (feverish), so "37.9 after her jabs" is no cue.
  if (e.age < 1 && (feverish(e) || has(e, ...BABY_SYMPTOMS))) cues.push('baby');
  return cues;
}
