import { fold, isCommonWord, isDictionaryWord, isFrequentWord, memo } from './dictionary.ts';
import { isKeepWord } from './keep.ts';
import {
  CHAT_COMMON,
  COMMON_LOWER,
  CREDENTIALS,
  ENGLISH_KIN,
  GIVEN_NAMES,
  HONORIFICS,
  KINSHIP,
  NON_NAME_WORDS,
  SURNAMES,
} from './lexicon.ts';
import { allMatches, matchesAt, PRIORITY, push, type Scan } from './scan.ts';

/** Which words can be part of a name, and reading a run of name words from a cue. */
// Latin letters with the accents names carry (Siobhán, González, Müller, José).
const CAP = String.raw`(?:[A-Z]['’])?[A-ZÀ-ÖØ-Þ][a-zA-ZÀ-ÖØ-öø-ÿ]*[a-zß-öø-ÿ][a-zA-ZÀ-ÖØ-öø-ÿ]*(?:-[A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]+)?`;
export const CAP_WORD_RE = new RegExp(`^${CAP}$`);
export const UPPER_WORD_RE = /^(?:[A-Z]['’])?[A-ZÀ-ÖØ-Þ]{2,}(?:['’-][A-ZÀ-ÖØ-Þ]+)?$/;
export const INITIAL_RE = /^[A-Z]\.?$/;
export const LOWER_WORD_RE = /^[a-zß-öø-ÿ]{3,}(?:['’-][a-zß-öø-ÿ]+)?$/;
const NAME_TOKEN_RE = /^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*/;
const CRED_SET = new Set(CREDENTIALS.map((c) => c.toLowerCase()));
const HONORIFIC_SET = new Set(HONORIFICS.map((h) => h.toLowerCase()));

export const isStop = memo((w: string): boolean => {
  const lw = w.toLowerCase().replace(/[.’']$/, '');
  return NON_NAME_WORDS.has(lw) || CRED_SET.has(lw) || HONORIFIC_SET.has(lw);
});
/**
 * A lower-case chat word that could be a name: not everyday English (SUBTLEX), not Hinglish or chat
 * shorthand, not a kinship word, not a listed clinical word; gazetteer names always could.
 */
export const couldBeLowerName = (tok: string): boolean => {
  const f = fold(tok);
  if (GIVEN_NAMES.has(f) || SURNAMES.has(f)) return true;
  return (
    f.length >= 3 &&
    !COMMON_LOWER.has(f) &&
    !CHAT_COMMON.has(f) &&
    !KINSHIP.has(f) &&
    !ENGLISH_KIN.has(f) &&
    !isCommonWord(f) &&
    !NON_NAME_WORDS.has(f) &&
    !isKeepWord(tok) &&
    !(isDictionaryWord(tok) && isCommonWord(f.replace(/(?:s|es|ed|ing)$/, '')))
  );
};
/**
 * After a strong chat cue ("<x> here", "<x> bhaiya", "thank u <x> mam", a sign-off) an everyday word
 * can still be a name ("sunny", "rose"); only the most frequent words, function words and chat words
 * are ruled out.
 */
export const couldBeNameAfterStrongCue = (tok: string): boolean => {
  const f = fold(tok);
  if (couldBeLowerName(tok)) return true;
  return (
    f.length >= 3 &&
    !COMMON_LOWER.has(f) &&
    !CHAT_COMMON.has(f) &&
    !KINSHIP.has(f) &&
    !ENGLISH_KIN.has(f) &&
    !NON_NAME_WORDS.has(f) &&
    !isKeepWord(tok) &&
    !isFrequentWord(f)
  );
};
/** Surname-like words that double as note vocabulary ("Dr Ward", "Ms MAUREEN WARD"). */
/**
 * Titles that are also common South Asian surnames after a given name ("Harpreet Sheikh", "bunty
 * sheikh", "Priyanka Kumari": Kumari is "Miss" before a name and a family name after one).
 */
export const TITLE_SURNAMES = new Set(['sheikh', 'shaikh', 'begum', 'kumari']);
export const SURNAME_STOPS = new Set([
  ...TITLE_SURNAMES,
  'west',
  'north',
  'south',
  'ward',
  'street',
  'may',
  'june',
  'april',
  'august',
  'grace',
  'bell',
  'hall',
  'lane',
]);
/** After "Dr"/"Mr", these are not a name ("Dr on call", "Dr sahab"). */
const NOT_AFTER_HONORIFIC = new Set(
  `on of the a an to and or in at for is was has had said says call duty please pls sahab saab sir madam ji
  name patient appointment consultation report prescription told advised ne ko ka ki se bhi ji`.split(/\s+/),
);

export interface RunOpts {
  /** "SURNAME, GIVEN" as forms print it. */
  inverted?: boolean;
  upper?: boolean;
  lower?: boolean;
  /** Lower-case tokens only when they could be a name by couldBeLowerName (chat cues). */
  lowerStrict?: boolean;
  /** Right after an honorific: the first token may be a surname that is also a word ("Dr Ward"). */
  honorific?: boolean;
  crossNewline?: boolean;
  maxTokens?: number;
}

/**
 * Reads a run of name-like tokens starting at `pos` (after optional spaces). Returns the span of the
 * run or null. Initials may appear anywhere but the run must contain a real word.
 */
export function readNameRun(text: string, pos: number, opts: RunOpts = {}): [number, number] | null {
  const max = opts.maxTokens ?? 4;
  let i = pos;
  const ws = opts.crossNewline ? /[ \t\r\n]/ : /[ \t]/;
  while (i < text.length && ws.test(text[i]!)) i++;
  let start = -1;
  let end = -1;
  let words = 0;
  let lowers = 0;
  for (let n = 0; n < max; n++) {
    const m = NAME_TOKEN_RE.exec(text.slice(i, i + 40));
    if (!m) break;
    let tok = m[0];
    // Trailing period belongs to the token only for initials (sentence end otherwise).
    while (tok.length > 2 && /[.'’-]$/.test(tok)) tok = tok.slice(0, -1);
    if (tok.endsWith("'s") || tok.endsWith('’s')) tok = tok.slice(0, -2);
    const lw = tok.toLowerCase();
    // Inside a run, or right after an honorific, a surname that is also a note word still counts.
    const stop = isStop(tok) && !((n > 0 || opts.honorific) && SURNAME_STOPS.has(lw));
    let ok = false;
    if (opts.honorific && n === 0 && NOT_AFTER_HONORIFIC.has(lw)) ok = false;
    // Clinical words end a run unless a real honorific stands before them ("Dr Whipple" is a person).
    else if (!opts.honorific && !opts.inverted && isKeepWord(tok)) ok = false;
    else if (INITIAL_RE.test(tok) && n < max - 1) ok = true;
    else if (CAP_WORD_RE.test(tok) && !stop) ok = true;
    else if (opts.upper && UPPER_WORD_RE.test(tok) && !stop) ok = true;
    else if (opts.lower && LOWER_WORD_RE.test(tok) && !COMMON_LOWER.has(tok) && !stop && lowers < 2) {
      ok = true;
      lowers++;
    } else if (
      opts.lowerStrict &&
      LOWER_WORD_RE.test(tok) &&
      !stop &&
      lowers < 2 &&
      (couldBeLowerName(tok) || (n > 0 && TITLE_SURNAMES.has(lw)))
    ) {
      ok = true;
      lowers++;
    }
    if (!ok) break;
    if (start < 0) start = i;
    i += tok.length;
    if (!INITIAL_RE.test(tok)) {
      words++;
      end = i;
    } else if (words > 0) end = i; // "Sharma A." style
    // Single space (or ". " after an initial) between tokens; no crossing lines inside a name.
    const gap = (opts.inverted && words === 1 && n === 0 ? /^,? {1,2}/ : /^ {1,2}/).exec(
      text.slice(i, i + 3),
    );
    if (!gap) break;
    i += gap[0].length;
  }
  if (words === 0 || start < 0) return null;
  // Eponym guard: "Parkinson's disease", "Bell palsy".
  const after = text.slice(end, end + 24);
  if (
    /^['’]?s?\s+(?:disease|syndrome|sign|palsy|test|scale|score|criteria|phenomenon|reflex|maneuver|manoeuvre|classification|fracture)\b/i.test(
      after,
    )
  )
    return null;
  return [start, end];
}

export function nameFromCue(
  scan: Scan,
  re: RegExp,
  opts: RunOpts,
  allow?: (m: RegExpExecArray) => boolean,
  priority: number = PRIORITY.name,
  first?: Set<string>,
): void {
  const { text, out } = scan;
  for (const m of first ? matchesAt(scan, re, first) : allMatches(re, text)) {
    if (allow && !allow(m)) continue;
    const run = readNameRun(text, m.index + m[0].length, opts);
    if (run) push(out, 'NAME', run[0], run[1], priority);
  }
}
