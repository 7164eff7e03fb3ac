import { fold, isCommonWord, isDictionaryWord, memo } from './dictionary.ts';
import {
  AMBIGUOUS_EPONYMS,
  BRAND_SUFFIXES,
  DOSAGE_FORMS,
  DRUG_BRANDS_IN,
  DRUG_BRANDS_UK,
  DRUG_BRANDS_US,
  EPONYM_HEADS,
  EPONYMS,
  GENERICS,
  SCORE_NAMES,
} from './keeplist.ts';
import { GIVEN_NAMES, SURNAMES } from './lexicon.ts';
import { drugPhraseEnd } from './drug-likeness.ts';
import { CITIES } from './places.ts';

/**
 * Spans of clinical text that look like names but must survive: drug brands, eponyms, scores,
 * tests, operations, blood groups. Weak name and place guesses that overlap a kept span are
 * dropped in redact.ts; strong cues ("Dr Whipple", "Patient: Bell, Harry") still win.
 */

const foldAll = (xs: string[]): string[] => xs.map(fold);
const AMBIGUOUS = new Set(foldAll(AMBIGUOUS_EPONYMS));
const DRUGS = new Set(foldAll([...DRUG_BRANDS_IN, ...DRUG_BRANDS_UK, ...DRUG_BRANDS_US, ...GENERICS]));
const SCORES = new Set(foldAll(SCORE_NAMES));
/** Kept wherever they stand. */
const STRONG = new Set(
  [...foldAll(EPONYMS), ...DRUGS, ...SCORES].filter((w) => !AMBIGUOUS.has(w) && !GIVEN_NAMES.has(w)),
);
const HEADS = new Set(EPONYM_HEADS);
const FORMS = new Set(DOSAGE_FORMS);
const SUFFIXES = new Set(BRAND_SUFFIXES);
/** Heads after which even a possessive unknown word is an eponym ("X's disease"), not "Ravi's test". */
const DISEASE_HEADS = new Set(
  `disease syndrome sign palsy phenomenon triad law ulcer ulcers lymphoma sarcoma tumour tumor
  dystrophy anomaly deformity ataxia chorea encephalopathy neuralgia neuroma angina aneurysm hernia
  esophagus oesophagus thyroiditis encephalitis arteritis granulomatosis purpura contracture cyst
  nodes node fracture dementia malformation disorder dysplasia cardiomyopathy paralysis neuropathy
  myopathy tetralogy anemia anaemia reflex`.split(/\s+/),
);

/** Is this token a listed clinical word (kept unless a strong name cue says otherwise)? */
export const isKeepWord = memo(isKeepWordRaw);
function isKeepWordRaw(token: string): boolean {
  const f = fold(token);
  if (STRONG.has(f)) return true;
  const dash = f.indexOf('-');
  if (dash > 0) {
    const parts = f.split('-');
    if (STRONG.has(parts[0]!) && (parts.length === 1 || DRUGS.has(parts[0]!) || SCORES.has(parts[0]!)))
      return true;
    if (parts.every((p) => STRONG.has(p) || AMBIGUOUS.has(p)) && parts.some((p) => STRONG.has(p)))
      return true;
  }
  return false;
}

const isEponymish = (f: string): boolean => STRONG.has(f) || AMBIGUOUS.has(f);

// Words: letters (accents too), digits, inner hyphens and apostrophes ("Guillain-Barré", "CURB-65", "Crohn's").
const TOKEN_RE = /[A-Za-zÀ-ÖØ-öø-ÿ0-9][A-Za-zÀ-ÖØ-öø-ÿ0-9]*(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*['’]?/g;
const CAMEL_RE = /^(?:[A-Z][a-z]{1,3}|[a-z]{1,4})[A-Z][A-Za-z0-9]*$/;
const NAME_PREFIX_RE = /^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Ja|Ke|Ta|Sha|Ra|Ki|Ty|St|Fitz|Ka|Ma|Na|Jo)[A-Z]/;
const ROMAN = /^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$/;
const NUMBERISH = /^\d/;
const SCORE_VALUE =
  /^\s*(?:score|scale|index|of|was|is|=|:|-)?\s*(?:\d+(?:\s*[+/]\s*\d+)*(?:\s*=\s*\d+)?|E\d\s*V\d\s*M\d)(?:\s*(?:\/|out of)\s*\d+)?(?:\s+and\s+\d+)?/i;
const DOSE_AFTER = /^[\s-]?\d+(?:\.\d+)?(?:\s*(?:mg|mcg|µg|g|gm|ml|iu|units?|%|k))?(?![\d/]|-\d)/i;
const UNIT_DOSE_AFTER = /^\s?\d+(?:\.\d+)?\s*(?:mg|mcg|µg|gm|ml|iu|units?)\b/i;
const SCHEDULE_AFTER =
  /^(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|ml)?)?\s+(?:\d-\d-\d|\d\+\d\+\d|od|bd|bid|tds|tid|qid|hs|sos|prn|stat|once|twice|thrice)\b/i;
const DRUG_VERB_BEFORE =
  /(?:\b(?:take|taking|took|taken|give|giving|gave|given|start|started|starting|stop|stopped|continue|continued|cont|prescribed|using|use|used|switched to|switch to|refill of|refill for|dose of|course of|instead of|apply|applied|tried|try|popped|overdose of|allergic to|reaction to|tab|tablet|cap|capsule|syp|syrup|inj|injection)\.?\s+)$/i;
const DRUG_CONTEXT_AFTER =
  /^(?:\s+(?:or|and|with|instead|diya|di|de|dena|lena|liya|le|khaya|khai|chal|ok|okay|safe|not available|tablet|tablets|syrup)\b|\s+\d+(?:\.\d+)?\s*(?:mg|mcg|ml)?\s+(?:diya|di|de|li|liya|ok|or|instead|not)\b)/i;

const DRUG_VERB_WORDS = new Set(
  'take taking took taken give giving gave given start started starting stop stopped continue continued cont prescribed using use used apply applied tried try popped tab tablet cap capsule syp syrup inj injection'.split(
    ' ',
  ),
);
const DRUG_AFTER_WORDS = new Set(
  'or and with instead diya di de dena lena liya le khaya khai chal ok okay safe not tablet tablets syrup'.split(
    ' ',
  ),
);

/** A word of the note with its folded form; computed once per redact() and shared by the detectors. */
export interface Tok {
  s: number;
  e: number;
  raw: string;
  f: string;
}

/** Words between an eponym and its head noun: "Glasgow Coma Scale", "Bristol stool chart". */
const MODIFIERS = new Set(
  `coma stool form chart triage knee hip shoulder ankle postnatal depression outcome activity severity bowel
  sedation agitation cognitive syncope pulmonary embolism frailty pain mental state examination exam clinical
  modified revised pressure ulcer risk bleeding screening`.split(/\s+/),
);

function spaceOrDash(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '-' && c !== '\t' && c !== '\n') return false;
  }
  return true;
}

export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let raw = m[0];
    // "Barrett's" keeps the possessive in the span; a lone trailing quote does not belong.
    if (raw.endsWith("'") || raw.endsWith('’')) raw = raw.slice(0, -1);
    out.push({ s: m.index, e: m.index + raw.length, raw, f: fold(raw) });
  }
  return out;
}

const BLOOD_GROUP_RE =
  /(?<![\w+-])(?:AB|A|B|O)[12]?(?:[12]?B)?\s?(?:\(?(?:Rh|RhD)\)?\s?)?(?:\+\s?ve|-\s?ve|\+(?!\w)|-(?![\w-])|(?:pos(?:itive)?|neg(?:ative)?)\b|\s?\(\s?[+-]\s?\))/g;

/** Sorted, merged spans of text to keep. */
export function detectKeeps(text: string, toks: Tok[] = tokenize(text)): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    const end = keepFrom(text, toks, i);
    if (end > toks[i]!.s) spans.push([toks[i]!.s, end]);
  }
  return withBloodGroups(text, spans);
}

/**
 * Kept spans that could touch the given character ranges (the weak guesses): only the tokens in and
 * just before each range are examined, since a kept phrase starts at most a few words before the
 * word it protects. Same answer as detectKeeps for those ranges, at a fraction of the cost.
 */
/**
 * What keepsNear has already worked out for one text: redact() asks twice (before and after name
 * propagation) about mostly the same tokens, so each token's answer and the blood-group scan are
 * computed once. Create one per text with `keepMemo(toks)`.
 */
export interface KeepMemo {
  /** keepFrom's answer per token, plus 2 (0 = not computed yet; keepFrom returns -1 or an offset). */
  ends: Int32Array;
  blood: Array<[number, number]> | null;
}
export const keepMemo = (toks: Tok[]): KeepMemo => ({ ends: new Int32Array(toks.length), blood: null });

export function keepsNear(
  text: string,
  toks: Tok[],
  ranges: Array<[number, number]>,
  memo: KeepMemo = keepMemo(toks),
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const seen = new Uint8Array(toks.length);
  const ends = memo.ends;
  for (const [rs, re] of ranges) {
    // First token ending after rs.
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid]!.e <= rs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 5); i < toks.length && toks[i]!.s < re; i++) {
      if (seen[i]) continue;
      seen[i] = 1;
      if (ends[i] === 0) ends[i] = keepFrom(text, toks, i) + 2;
      const end = ends[i]! - 2;
      if (end > toks[i]!.s) spans.push([toks[i]!.s, end]);
    }
  }
  memo.blood ??= bloodGroups(text);
  // Copies: the merge below extends spans in place.
  for (const b of memo.blood) spans.push([b[0], b[1]]);
  return mergeSpans(spans);
}

/**
 * A known given name just before makes a word a surname ("Chidi Okafor 07700 …", "Nikhil Desai and
 * …"), whatever frame follows it: no unknown-brand frame applies then.
 */
function afterGivenName(text: string, toks: Tok[], i: number): boolean {
  const pv = toks[i - 1];
  return !!pv && GIVEN_NAMES.has(pv.f) && spaceOrDash(text, pv.e, toks[i]!.s);
}

/** End of the kept phrase that starts at token i, or -1. */
function keepFrom(text: string, toks: Tok[], i: number): number {
  const n = toks.length;
  {
    const t = toks[i]!;
    const c = t.raw.charCodeAt(0);
    if (c >= 48 && c <= 57) return -1; // starts with a digit
    const cap = (c >= 65 && c <= 90) || (c >= 192 && c <= 222);
    const listed = isKeepWord(t.raw);
    // Most words are neither capitalised nor listed nor long enough to be an unknown brand.
    if (!cap && !listed && t.raw.length < 3) return -1;
    const possessive = t.raw.endsWith("'s") || t.raw.endsWith('’s') || t.raw.endsWith("'");
    let end = -1;

    // Eponym or any capitalised word followed by a head noun: "Hirschsprung's disease", "Schirmer
    // test", "Glasgow Coma Scale", "Guillain Barre syndrome", "Hunt and Hess scale".
    if (cap || listed) {
      let j = i + 1;
      let k = 0;
      while (j < n && k < 3) {
        const u = toks[j]!;
        if (!spaceOrDash(text, toks[j - 1]!.e, u.s)) break;
        if (HEADS.has(u.f)) break;
        if (!(isEponymish(u.f) || u.f === 'and' || MODIFIERS.has(u.f))) break;
        j++;
        k++;
      }
      if (j < n && HEADS.has(toks[j]!.f) && spaceOrDash(text, toks[j - 1]!.e, toks[j]!.s)) {
        const head = toks[j]!;
        const eponymWord = isEponymish(t.f) || listed;
        const ok = eponymWord || (!GIVEN_NAMES.has(t.f) && (!possessive || DISEASE_HEADS.has(head.f)));
        if (ok) {
          end = head.e;
          // "Billroth II gastrectomy" handled below; "Centor score 4", "Braden score 18" take the value.
          const v = SCORE_VALUE.exec(text.slice(end, end + 24));
          if (v && /\d/.test(v[0]) && /^(?:score|scale|index|criteria)$/.test(head.f)) end += v[0].length;
        }
      }
    }
    // A listed score name with its value: "APGAR 8", "Gleason 4+3=7", "GCS E4V3M5", "CURB-65 score 3".
    if (SCORES.has(t.f) || (t.f.includes('-') && SCORES.has(t.f.split('-')[0]!))) {
      const v = SCORE_VALUE.exec(text.slice(t.e, t.e + 30));
      // A score name that is also a surname ("Rutherford", "Wells") is kept only with its value.
      const e = v && /\d/.test(v[0]) ? t.e + v[0].length : STRONG.has(t.f) ? t.e : -1;
      end = Math.max(end, e);
    }
    // Clinical shorthand in camel case ("IgM", "HbA1c", "SpO2", "EuroSCORE", "eGFR") is not a name;
    // names with an inner capital carry a known prefix (McLeod, DeSouza, LaToya, JaMarcus).
    if (end < 0 && CAMEL_RE.test(t.raw) && !NAME_PREFIX_RE.test(t.raw)) end = t.e;
    // A brand that is also a given name ("Allegra", "Yasmin") is a drug when a dose follows.
    if (!listed && DRUGS.has(t.f)) {
      const d = DOSE_AFTER.exec(text.slice(t.e, t.e + 16));
      if (d && /\d/.test(d[0])) end = Math.max(end, t.e + d[0].length);
    }
    if (listed) {
      let e = t.e;
      // "Billroth II", "Nurofen Plus", "Liv 52", "Pan 40", "Zerodol-SP", "Thyronorm 50 mcg".
      const nx = toks[i + 1];
      if (nx && /^[\s-]?$/.test(text.slice(t.e, nx.s))) {
        if (ROMAN.test(nx.raw) || SUFFIXES.has(nx.f)) e = nx.e;
      }
      const d = DOSE_AFTER.exec(text.slice(e, e + 16));
      if (d) e += d[0].length;
      end = Math.max(end, e);
    } else if (
      end < 0 &&
      t.raw.length >= 3 &&
      !NUMBERISH.test(t.raw) &&
      !GIVEN_NAMES.has(t.f) &&
      !SURNAMES.has(t.f) &&
      !afterGivenName(text, toks, i) &&
      !CITIES.has(t.f)
    ) {
      // Unknown brands by their frame: a dose with a unit, a dosing schedule, a dosage form or a
      // drug verb around a word no dictionary knows ("Azithral 500 mg", "tab Okacet", "Meftal 1-0-1").
      // Cheap token checks first: most words have no such frame.
      const pv = toks[i - 1];
      const nx = toks[i + 1];
      const prevForm = !!pv && FORMS.has(pv.f) && /^\.?\s+$/.test(text.slice(pv.e, t.s));
      const nextForm = !!nx && FORMS.has(nx.f) && /^\s+$/.test(text.slice(t.e, nx.s));
      const c0 = text.charCodeAt(t.e);
      const c1 = text.charCodeAt(t.e + 1);
      const digitNext = (c0 >= 48 && c0 <= 57) || ((c0 === 32 || c0 === 45) && c1 >= 48 && c1 <= 57);
      const framed =
        prevForm ||
        nextForm ||
        digitNext ||
        (cap && !!pv && (DRUG_VERB_WORDS.has(pv.f) || pv.f === 'to' || pv.f === 'of' || pv.f === 'for')) ||
        (cap && !!nx && DRUG_AFTER_WORDS.has(nx.f));
      if (framed && (cap ? !isDictionaryWord(t.raw) : !isCommonWord(t.f) && !isDictionaryWord(t.raw))) {
        const after = text.slice(t.e, t.e + 40);
        const before = text.slice(Math.max(0, t.s - 24), t.s);
        if (
          UNIT_DOSE_AFTER.test(after) ||
          SCHEDULE_AFTER.test(after) ||
          prevForm ||
          nextForm ||
          (cap && (DRUG_VERB_BEFORE.test(before) || DRUG_CONTEXT_AFTER.test(after)))
        ) {
          let e = t.e;
          if (nx && /^[\s-]?$/.test(text.slice(t.e, nx.s)) && (ROMAN.test(nx.raw) || SUFFIXES.has(nx.f)))
            e = nx.e;
          const d = DOSE_AFTER.exec(text.slice(e, e + 16));
          if (d) e += d[0].length;
          end = e;
        }
      }
      // No listed frame: ask the drug-likeness model (stems, strengths, medicines lines, effects).
      if (end < 0 && cap && !isDictionaryWord(t.raw)) end = drugPhraseEnd(text, toks, i);
    }
    return end;
  }
}

function bloodGroups(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  BLOOD_GROUP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLOOD_GROUP_RE.exec(text)) !== null) out.push([m.index, m.index + m[0].trimEnd().length]);
  return out;
}

function withBloodGroups(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  for (const b of bloodGroups(text)) spans.push(b);
  return mergeSpans(spans);
}

/** Sorted and merged (overlapping spans joined); merges into the given arrays. */
function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [spans[0]!];
  for (let i = 1; i < spans.length; i++) {
    const last = merged[merged.length - 1]!;
    const s = spans[i]!;
    if (s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}
