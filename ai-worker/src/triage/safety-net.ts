import { has, type Evidence } from './evidence.ts';
import type { Concept } from './lexicon.ts';

/**
 * The safety net (issue #14, item 3): words that signal severity — sudden, worst, can't, blue or
 * grey, blood, unconscious, pregnant with pain, an unwell baby — are never answered "book an
 * appointment" when no red-flag rule explains them. The result then carries the cue codes (never
 * the text) so the host can log the case, without PHI, for clinical review of the lexicon.
 */
export const SEVERITY_CUES = [
  'sudden',
  'worst',
  'cannot',
  'blue_grey',
  'blood',
  'unconscious',
  'pregnant_pain',
  'baby',
] as const;
export type SeverityCue = (typeof SEVERITY_CUES)[number];

/** What makes a baby's message a symptom report rather than a question about jabs or feeds. */
// prettier-ignore
const BABY_SYMPTOMS: Concept[] = [
  'fever', 'nausea_vomit', 'drowsy', 'very_drowsy', 'floppy', 'poor_feeding', 'cannot_drink', 'cry_abnormal',
  'breathless', 'severe_breath', 'wheeze', 'cough', 'dehydration', 'dehydration_severe', 'pain', 'bleeding',
  'blue', 'pale_grey', 'seizure', 'unconscious', 'jaundice', 'vomit_everything', 'bilious', 'rash_nonblanch',
  'hives', 'swelling_face', 'head_injury', 'burn', 'choking', 'grunting', 'recession',
];

export function severityCues(e: Evidence): SeverityCue[] {
  const cues: SeverityCue[] = [];
  if (has(e, 'cue_sudden')) cues.push('sudden');
  // "Worst on day one, every month": a habitual worst is not a new one.
  if (has(e, 'cue_worst') && !has(e, 'usual_pattern')) cues.push('worst');
  if (has(e, 'cue_cannot')) cues.push('cannot');
  if (has(e, 'blue', 'pale_grey')) cues.push('blue_grey');
  if (has(e, 'bleeding', 'vomit_blood', 'stool_blood', 'stool_black', 'urine_blood', 'cough_blood'))
    cues.push('blood');
  if (has(e, 'unconscious')) cues.push('unconscious');
  const pregnant =
    e.input.sex !== 'male' && (e.input.pregnant === true || has(e, 'pregnant', 'early_pregnancy'));
  if (pregnant && has(e, 'abdominal_pain', 'one_sided_pain', 'bleeding')) cues.push('pregnant_pain');
  if (e.age < 1 && has(e, ...BABY_SYMPTOMS)) cues.push('baby');
  return cues;
}
