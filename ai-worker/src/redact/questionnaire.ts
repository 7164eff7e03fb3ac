import { PRIORITY } from './scan.ts';
import { isKeepWord } from './keep.ts';
import type { Candidate, PiiType } from './types.ts';

/**
 * Question-and-answer forms ("Q: Your name / A: hamish", "Q: Where are you right now? / A: near
 * leeds"): the answer carries what the question asked for, in whatever case the patient typed it,
 * so the question is the cue and no dictionary test is needed on the answer.
 */
const QA_RE = /(?:^|\n)[ \t]*Q[:.)][ \t]*([^\n]{1,80})\n[ \t]*A[:.)][ \t]*([^\n]{1,80})/gi;
const NAME_QUESTION_RE = /\b(?:your|patient'?s?|child'?s?|full|first|last|sur)\s*name\b|^name\b/i;
const PLACE_QUESTION_RE =
  /\bwhere\b.*\b(?:are you|do you live|you live|you based|staying)\b|\b(?:city|town|location|village|district)\b/i;
/** What a place answer may start with before the town itself. */
const PLACE_LEAD_RE =
  /^(?:(?:at|from)\s+(?:home|work)\s+(?:in|near|at)\s+|(?:currently|right now|now)\s+)?(?:(?:in|near|at|around|outside|from)\s+)?/i;
/** A short answer made of words only: a name or a town, not a sentence. */
const WORDS_ONLY_RE = /^[\p{L}][\p{L}'’.-]*(?:[ \t]+[\p{L}][\p{L}'’.-]*){0,3}$/u;
const NOT_A_PLACE = new Set([
  'home',
  'work',
  'office',
  'hospital',
  'school',
  'college',
  'here',
  'there',
  'outside',
]);

function answerSpan(text: string, start: number, answer: string): [number, number] | null {
  const trimmed = answer.replace(/[\s.,;!?]+$/, '');
  if (!WORDS_ONLY_RE.test(trimmed)) return null;
  return [start, start + trimmed.length];
}

export function detectQuestionnaireAnswers(text: string): Candidate[] {
  if (!text.includes('Q') || !text.includes('A')) return [];
  const found: Candidate[] = [];
  const add = (type: PiiType, span: [number, number] | null, priority: number) => {
    if (span) found.push({ type, start: span[0], end: span[1], priority });
  };
  QA_RE.lastIndex = 0;
  for (let m = QA_RE.exec(text); m !== null; m = QA_RE.exec(text)) {
    const question = m[1]!;
    const answer = m[2]!;
    const answerStart = m.index + m[0].length - answer.length;
    if (NAME_QUESTION_RE.test(question)) {
      const words = answer.trim().split(/\s+/);
      if (!words.some((w) => isKeepWord(w)))
        add('NAME', answerSpan(text, answerStart, answer), PRIORITY.strongName);
    } else if (PLACE_QUESTION_RE.test(question)) {
      const lead = PLACE_LEAD_RE.exec(answer)![0];
      const place = answer.slice(lead.length);
      if (!NOT_A_PLACE.has(place.trim().toLowerCase()))
        add('ADDRESS', answerSpan(text, answerStart + lead.length, place), PRIORITY.place);
    }
  }
  return found;
}
