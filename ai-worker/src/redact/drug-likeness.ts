import type { Tok } from './keep.ts';

/**
 * Is an unknown capitalised word a medicine? A small model from morphology and context instead of a
 * list of brands: no list keeps up with new brands, but their frame does. Evidence, any one enough
 * (the keep only overrides weak name guesses; an honorific or a form label still names a person):
 *  - an INN stem ending (WHO's stems for international non-proprietary names): "-pram", "-olol", …;
 *  - a strength after it, with or without a unit, optionally after a release suffix: "X 110",
 *    "X 0.4", "X LA 12"; not an age ("X 45 yrs", "X 45M"), a date, a time, a ratio or the start
 *    of a phone number ("X 07700 900…": a leading zero or a second digit group);
 *  - a chemical noun after it: "X acid", "X sodium";
 *  - a medicines line: after "meds:", "Rx:", "medications:" on the same line;
 *  - what a medicine does or comes in, after it: "X makes me", "X lot", "X dose", "X side effects";
 *  - "on X" closing a clause: "i'm on X", "on X." (a person is not "on" anyone at a full stop).
 * Pure: reads the text and its tokens, returns where the kept phrase ends, or -1.
 */

const INN_STEM_RE =
  /(?:pram|olol|pril|sartan|statin|mab|nib|azole|cillin|mycin|oxacin|dronic|dronate|gliptin|gliflozin|parin|vir|prazole|tidine|dipine|cycline|triptan|setron|lukast|afil|azepam|azolam|caine|semide|thiazide|profen|fenac|oxetine|triptyline|azosin|glitazone|formin|olone|asone|terol|tropium|platin|rubicin|taxel|trexate|coxib|glutide|xaban|gatran|grel|peridol|apine|idone|oquine|amivir|ciclovir|cyclovir|tadine|nazole|conazole|micin|bactam|penem|cef[a-z]{3,}|sulfa[a-z]{3,}|dopa|amol)$/;

/** Release and strength suffixes that stand between a brand and its strength: "X LA 12", "X SR 30". */
const RELEASE = new Set(['la', 'sr', 'xr', 'er', 'cr', 'mr', 'xl', 'ds', 'od', 'cd', 'forte', 'plus']);

/** A strength: a number that is not an age, date, time, ratio, phone or count of things. */
const STRENGTH_AFTER =
  /^[\s-]?(?!0\d)\d{1,5}(?:\.\d+)?(?:\s*(?:mg|mcg|µg|g|gm|ml|iu|units?|%|k))?(?![\d/:.,-]\d|\d|\s\d|\s*(?:y|yr|yrs|years?|yo|y\/o|m|f|months?|mo|wks?|weeks?|days?|d|hrs?|hours?|am|pm|st|nd|rd|th|cm|kg|kgs|lbs?|bpm|mmhg|%ile)\b|\s*\/)/i;

const CHEMICAL_AFTER =
  /^\s+(?:acid|sodium|potassium|calcium|hydrochloride|hcl|sulphate|sulfate|phosphate|citrate|acetate|maleate|succinate|besylate|mesylate|tartrate)\b/i;

const EFFECT_AFTER =
  /^\s+(?:makes?\s+me|made\s+me|gives?\s+me|gave\s+me|upsets?|suits?\s+me|side[\s-]effects?|doses?|lot|batch|jab|shot|booster|refill|course|not\s+working|isn'?t\s+working|stopped\s+working|works|worked|helps|helped|tablets?|tabs?|caps?|injections?|syrup|pills?)\b/i;

/** Labels of a medicines line, read before the first ":" of the line ("Discharge meds: …"). */
const MEDS_LABEL_RE = /\b(?:meds|medications?|medicines?|drugs|rx|prescription|prescribed|tto|tta)\s*$/i;
const ON_WORDS = new Set(['on', 'pe', 'par']);
const CLAUSE_END_AFTER = /^\s*(?:$|[.,;!?)\n]|\s(?:and|for|since|now|daily|only|hai|hain|hoon|tha|thi)\b)/i;

/** Is token i in a medicines line ("meds: a, b, X")? Looks only at the line's label, once. */
function inMedsLine(text: string, pos: number): boolean {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const colon = text.indexOf(':', lineStart);
  if (colon < 0 || colon >= pos || colon - lineStart > 40) return false;
  return MEDS_LABEL_RE.test(text.slice(lineStart, colon));
}

export function isInnStem(lower: string): boolean {
  return lower.length >= 6 && INN_STEM_RE.test(lower);
}

/** End of the medicine phrase starting at token i (with its strength), or -1. */
export function drugPhraseEnd(text: string, toks: Tok[], i: number): number {
  const t = toks[i]!;
  const e = t.e;
  const nx = toks[i + 1];
  // "X LA 12", "X Plus": the suffix belongs to the brand.
  if (nx && RELEASE.has(nx.f) && nx.s - t.e === 1) {
    const s = STRENGTH_AFTER.exec(text.slice(nx.e, nx.e + 20));
    if (s || nx.f === 'plus' || nx.f === 'forte') return nx.e + (s ? s[0].length : 0);
  }
  if (isInnStem(t.f)) return e;
  const after = text.slice(e, e + 32);
  // Cheap character tests before each regex: most words have none of these frames.
  const c1 = after.charCodeAt(1);
  if (c1 >= 48 && c1 <= 57) {
    const strength = STRENGTH_AFTER.exec(after);
    if (strength) return e + strength[0].length;
  }
  if (after.charCodeAt(0) === 32) {
    const chem = CHEMICAL_AFTER.exec(after);
    if (chem) return e + chem[0].length;
    if (EFFECT_AFTER.test(after)) return e;
  }
  if (inMedsLine(text, t.s)) return e;
  const pv = toks[i - 1];
  if (pv && ON_WORDS.has(pv.f) && CLAUSE_END_AFTER.test(after)) return e;
  return -1;
}
