import { fold, isCommonWord, isDictionaryWord } from './dictionary.ts';
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
import { GIVEN_NAMES } from './lexicon.ts';

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
export function isKeepWord(token: string): boolean {
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
const UPPER_START = /^[A-ZÀ-ÖØ-Þ]/;
const HAS_LETTER = /[A-Za-zÀ-ÖØ-öø-ÿ]/;
const ROMAN = /^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$/;
const NUMBERISH = /^\d/;
const SCORE_VALUE = /^\s*(?:score|scale|index|of|was|is|=|:|-)?\s*(?:\d+(?:\s*[+/]\s*\d+)*(?:\s*=\s*\d+)?|E\d\s*V\d\s*M\d)(?:\s*(?:\/|out of)\s*\d+)?(?:\s+and\s+\d+)?/i;
const DOSE_AFTER = /^[\s-]?\d+(?:\.\d+)?(?:\s*(?:mg|mcg|µg|g|gm|ml|iu|units?|%|k))?(?![\d/])/i;
const UNIT_DOSE_AFTER = /^\s?\d+(?:\.\d+)?\s*(?:mg|mcg|µg|gm|ml|iu|units?)\b/i;
const SCHEDULE_AFTER = /^(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|ml)?)?\s+(?:\d-\d-\d|\d\+\d\+\d|od|bd|bid|tds|tid|qid|hs|sos|prn|stat|once|twice|thrice)\b/i;
const DRUG_VERB_BEFORE =
  /(?:\b(?:take|taking|took|taken|give|giving|gave|given|start|started|starting|stop|stopped|continue|continued|cont|prescribed|using|use|used|switched to|switch to|refill of|refill for|dose of|course of|instead of|apply|applied|tried|try|popped|overdose of|allergic to|reaction to|tab|tablet|cap|capsule|syp|syrup|inj|injection)\.?\s+)$/i;
const DRUG_CONTEXT_AFTER =
  /^(?:\s+(?:or|and|with|instead|diya|di|de|dena|lena|liya|le|khaya|khai|chal|ok|okay|safe|not available|tablet|tablets|syrup)\b|\s+\d+(?:\.\d+)?\s*(?:mg|mcg|ml)?\s+(?:diya|di|de|li|liya|ok|or|instead|not)\b)/i;

interface Tok {
  s: number;
  e: number;
  raw: string;
  f: string;
}

function tokens(text: string): Tok[] {
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
export function detectKeeps(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const toks = tokens(text);
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (!HAS_LETTER.test(t.raw)) continue;
    const cap = UPPER_START.test(t.raw);
    const listed = isKeepWord(t.raw);
    const possessive = /['’]s?$/.test(t.raw);
    let end = -1;

    // Eponym or any capitalised word followed by a head noun: "Hirschsprung's disease", "Schirmer
    // test", "Glasgow Coma Scale", "Guillain Barre syndrome", "Hunt and Hess scale".
    if (cap || listed) {
      let j = i + 1;
      let k = 0;
      while (j < n && k < 3) {
        const u = toks[j]!;
        if (text.slice(toks[j - 1]!.e, u.s).trim() !== '' && !/^[\s-]*$/.test(text.slice(toks[j - 1]!.e, u.s)))
          break;
        if (HEADS.has(u.f)) break;
        if (!(isEponymish(u.f) || u.f === 'and' || /^(?:coma|stool|form|chart|triage|knee|hip|shoulder|ankle|postnatal|depression|outcome|activity|severity|bowel|sedation|agitation|cognitive|syncope|pulmonary|embolism|frailty|pain|mental|state|examination|exam|clinical|modified|revised|pressure|ulcer|risk|bleeding|coma|screening|triage)$/.test(u.f)))
          break;
        j++;
        k++;
      }
      if (j < n && HEADS.has(toks[j]!.f) && /^[\s-]*$/.test(text.slice(toks[j - 1]!.e, toks[j]!.s))) {
        const head = toks[j]!;
        const eponymWord = isEponymish(t.f) || listed;
        const ok =
          eponymWord ||
          (!GIVEN_NAMES.has(t.f) && (!possessive || DISEASE_HEADS.has(head.f)) && !isCommonWord(t.f));
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
      const e = v && /\d/.test(v[0]) ? t.e + v[0].length : t.e;
      end = Math.max(end, e);
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
    } else if (end < 0 && HAS_LETTER.test(t.raw) && !NUMBERISH.test(t.raw) && !GIVEN_NAMES.has(t.f)) {
      // Unknown brands by their frame: a dose with a unit, a dosing schedule, a dosage form or a
      // drug verb around a word no dictionary knows ("Azithral 500 mg", "tab Okacet", "Meftal 1-0-1").
      const after = text.slice(t.e, t.e + 40);
      const before = text.slice(Math.max(0, t.s - 24), t.s);
      const unknown = cap ? !isDictionaryWord(t.raw) : !isCommonWord(t.f) && !isDictionaryWord(t.raw);
      if (unknown && t.raw.length >= 3) {
        const prevForm = i > 0 && FORMS.has(toks[i - 1]!.f) && /^\.?\s+$/.test(text.slice(toks[i - 1]!.e, t.s));
        const nextForm = toks[i + 1] && FORMS.has(toks[i + 1]!.f) && /^\s+$/.test(text.slice(t.e, toks[i + 1]!.s));
        if (
          UNIT_DOSE_AFTER.test(after) ||
          SCHEDULE_AFTER.test(after) ||
          prevForm ||
          nextForm ||
          (cap && (DRUG_VERB_BEFORE.test(before) || DRUG_CONTEXT_AFTER.test(after)))
        ) {
          let e = t.e;
          const nx = toks[i + 1];
          if (nx && /^[\s-]?$/.test(text.slice(t.e, nx.s)) && (ROMAN.test(nx.raw) || SUFFIXES.has(nx.f))) e = nx.e;
          const d = DOSE_AFTER.exec(text.slice(e, e + 16));
          if (d) e += d[0].length;
          end = e;
        }
      }
    }
    if (end > t.s) spans.push([t.s, end]);
  }
  BLOOD_GROUP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLOOD_GROUP_RE.exec(text)) !== null) spans.push([m.index, m.index + m[0].trimEnd().length]);
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
