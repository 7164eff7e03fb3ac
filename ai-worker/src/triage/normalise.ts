import { englishWords } from '../english-words.ts';
import {
  DEVANAGARI_WORDS,
  EXTRA_VOCAB,
  HINGLISH,
  HINGLISH_MARKERS,
  LEXICON,
  SPELLING_FIXES,
} from './lexicon.ts';
import { termWords } from './pattern.ts';

/**
 * Normalisation: one spelling for one thing, so the lexicon can list each concept once.
 * Lower case; punctuation as separate words; "can't", "cant", "couldn't", "not able to" → `cannot`;
 * "won't" → `wont`; "doesn't" → `does not`; Devanagari → Hinglish romanisation; Hinglish spelling
 * variants → one canonical spelling; misspellings → the nearest lexicon word (bounded edit distance,
 * only for words no English dictionary knows). The output is words separated by single spaces.
 */

// ── Devanagari ──
// prettier-ignore
const CONSONANTS: Readonly<Record<string, string>> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n', ट: 't', ठ: 'th', ड: 'd',
  ढ: 'dh', ण: 'n', त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n', प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y',
  र: 'r', ल: 'l', व: 'v', श: 'sh', ष: 'sh', स: 's', ह: 'h',
};
/** Letters with a nukta (written precomposed or as letter + U+093C). */
const NUKTA_FORMS: Readonly<Record<string, string>> = {
  क: 'q',
  ख: 'kh',
  ग: 'gh',
  ज: 'z',
  ड: 'd',
  ढ: 'dh',
  फ: 'f',
  य: 'y',
};
// prettier-ignore
const VOWELS: Readonly<Record<string, string>> = {
  अ: 'a', आ: 'aa', इ: 'i', ई: 'ee', उ: 'u', ऊ: 'oo', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o', ऍ: 'e',
};
// prettier-ignore
const MATRAS: Readonly<Record<string, string>> = {
  'ा': 'aa', 'ि': 'i', 'ी': 'ee', 'ु': 'u', 'ू': 'oo', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e',
};
const VIRAMA = '्';
const NUKTA = '़';
const NASALS = new Set(['ं', 'ँ']);

interface Syllable {
  cons: string;
  /** null: the inherent vowel; '': none (virama). */
  vowel: string | null;
  nasal: boolean;
  dropped?: boolean;
}

/** Letter-by-letter romanisation with Hindi schwa deletion (VC_CV and word-final). */
export function transliterate(word: string): string {
  const w = word.normalize('NFD');
  const syl: Syllable[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    if (CONSONANTS[ch] !== undefined) {
      const nukta = w[i + 1] === NUKTA;
      if (nukta) i++;
      syl.push({
        cons: nukta ? (NUKTA_FORMS[ch] ?? CONSONANTS[ch]!) : CONSONANTS[ch]!,
        vowel: null,
        nasal: false,
      });
    } else if (VOWELS[ch] !== undefined) {
      syl.push({ cons: '', vowel: VOWELS[ch]!, nasal: false });
    } else if (MATRAS[ch] !== undefined && syl.length) {
      syl[syl.length - 1]!.vowel = MATRAS[ch]!;
    } else if (ch === VIRAMA && syl.length) {
      syl[syl.length - 1]!.vowel = '';
    } else if (NASALS.has(ch) && syl.length) {
      syl[syl.length - 1]!.nasal = true;
    } else if (/[a-z0-9]/i.test(ch)) {
      syl.push({ cons: ch.toLowerCase(), vowel: '', nasal: false });
    }
  }
  const voiced = (s: Syllable | undefined) => !!s && !s.dropped && s.vowel !== '';
  for (let i = 0; i < syl.length; i++) {
    const s = syl[i]!;
    if (s.vowel !== null || !s.cons || s.nasal) continue;
    if (i === syl.length - 1) {
      s.dropped = i > 0;
      continue;
    }
    // Schwa deletion (VC_CV): a voiced syllable before, and a consonant that keeps its vowel after.
    const next = syl[i + 1]!;
    const nextKeepsVowel =
      next.cons !== '' && next.vowel !== '' && !(next.vowel === null && i + 1 === syl.length - 1);
    if (i > 0 && voiced(syl[i - 1]) && nextKeepsVowel) s.dropped = true;
  }
  return syl
    .map((s) => s.cons + (s.vowel === null ? (s.dropped ? '' : 'a') : s.vowel) + (s.nasal ? 'n' : ''))
    .join('');
}

// ── Hinglish ──
/** A phonetic key under which Hinglish spelling variants coincide. */
export function hinglishKey(word: string): string {
  let k = word.toLowerCase().replace(/ph/g, 'f').replace(/w/g, 'v').replace(/z/g, 'j').replace(/q/g, 'k');
  k = k.slice(0, 1) + k.slice(1).replace(/h/g, '');
  k = k.replace(/ee|ii/g, 'i').replace(/oo|uu/g, 'u').replace(/aa/g, 'a').replace(/y$/, 'i');
  k = k.replace(/(.)\1+/g, '$1').replace(/n(?=[bcdfgjklmpqstvz])/g, '');
  return k;
}

const HINGLISH_BY_KEY = new Map<string, string>();
/** Listed variant → its group's canonical spelling (the key map covers unlisted variants). */
const HINGLISH_VARIANTS = new Map<string, string>();
const HINGLISH_WORDS = new Set<string>();
for (const [canonical, ...variants] of HINGLISH) {
  for (const v of [canonical!, ...variants]) {
    HINGLISH_WORDS.add(v);
    const key = hinglishKey(v);
    if (!HINGLISH_BY_KEY.has(key)) HINGLISH_BY_KEY.set(key, canonical!);
    if (!HINGLISH_VARIANTS.has(v)) HINGLISH_VARIANTS.set(v, canonical!);
  }
}

/** The canonical Hinglish spelling of a word, if it is one (listed, or sharing a listed key). */
export function hinglishCanonical(word: string): string | undefined {
  return (
    HINGLISH_VARIANTS.get(word) ?? (word.length >= 3 ? HINGLISH_BY_KEY.get(hinglishKey(word)) : undefined)
  );
}

/**
 * The spelling a lexicon word takes after normalisation: a listed Hinglish variant becomes its
 * canonical form (so the lexicon may list "jakdan" and still match), English words stay.
 */
export function lexiconSpelling(word: string): string {
  const listed = HINGLISH_VARIANTS.get(word);
  return listed !== undefined && listed !== word && !isEnglish(word) ? listed : word;
}
/** English words that look like a Hinglish variant but are far more often English. */
const NEVER_REMAP = new Set([
  'hot',
  'man',
  'main',
  'me',
  'bad',
  'per',
  'bat',
  'tang',
  'fool',
  'pith',
  'dora',
  'chat',
  'sap',
]);
const MARKERS = new Set(HINGLISH_MARKERS);

// ── English dictionary (loaded only when a word might need correcting) ──
const isEnglish = (word: string): boolean => englishWords().has(word);

// ── Spelling correction ──
const VOCAB = new Set<string>();
/** Every word the lexicon spells out, whatever its length: never re-spelt by a phonetic key. */
const LEXICON_WORDS = new Set<string>();
for (const terms of Object.values(LEXICON))
  for (const t of terms)
    for (const w of termWords(t)) {
      if ((HINGLISH_VARIANTS.get(w) ?? w) === w) LEXICON_WORDS.add(w);
      if (w.length >= 4) VOCAB.add(w);
    }
for (const w of EXTRA_VOCAB) VOCAB.add(w);
// Inflections of the lexicon's stems ("bruise*" → bruises, bruised) and the canonical Hinglish words.
for (const terms of Object.values(LEXICON))
  for (const t of terms)
    for (const stem of t.match(/[a-z]{4,}(?=\*)/g) ?? [])
      for (const suffix of ['s', 'es', 'ed', 'ing', 'ness', 'y']) VOCAB.add(stem + suffix);
for (const [canonical] of HINGLISH) if (canonical!.length >= 4) VOCAB.add(canonical!);
// Function words are never what a misspelt symptom meant ("doens" is not "does").
for (const w of [
  'does',
  'have',
  'were',
  'that',
  'this',
  'with',
  'from',
  'they',
  'them',
  'your',
  'been',
  'will',
  'what',
  'when',
  'then',
  'than',
  'into',
  'also',
  'just',
  'like',
  'some',
  'more',
  'much',
  'very',
  'only',
  'over',
  'each',
  'ever',
  'once',
  'gone',
  'went',
  'make',
  'done',
  'said',
])
  VOCAB.delete(w);
/** Lexicon words by phonetic key: a romanised Devanagari word finds the lexicon's spelling ("khudkushee"). */
const VOCAB_BY_KEY = new Map<string, string>();
for (const w of VOCAB) if (!VOCAB_BY_KEY.has(hinglishKey(w))) VOCAB_BY_KEY.set(hinglishKey(w), w);
const VOCAB_BY_FIRST = new Map<string, string[]>();
for (const w of VOCAB) {
  const list = VOCAB_BY_FIRST.get(w[0]!) ?? [];
  list.push(w);
  VOCAB_BY_FIRST.set(w[0]!, list);
}

/** Optimal-string-alignment distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}

const corrections = new Map<string, string>();
/**
 * Between equally near candidates: a stem the word continues ("bangd" → bang), then one with the
 * letter the writer most likely dropped (omission is the commonest typo: "throt" → throat), then one
 * sharing the first two letters ("buhar" → bukhar, not bhar).
 */
function tieScore(word: string, v: string): number {
  return (word.startsWith(v) ? 4 : 0) + (v.length > word.length ? 2 : 0) + (v[1] === word[1] ? 1 : 0);
}

/** The lexicon word a misspelt word most likely meant, or the word itself. */
export function correctSpelling(word: string): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word) || VOCAB.has(word) || HINGLISH_WORDS.has(word)) return word;
  const cached = corrections.get(word);
  if (cached !== undefined) return cached;
  let best = word;
  const max = word.length >= 8 ? 2 : 1;
  let bestD = max + 1;
  for (const v of VOCAB_BY_FIRST.get(word[0]!) ?? []) {
    const d = editDistance(word, v, max);
    if (d < bestD || (d === bestD && d <= max && tieScore(word, v) > tieScore(word, best))) {
      bestD = d;
      best = v;
    }
  }
  // Only a word no dictionary knows is corrected: "fist" must not become "fits".
  if (best !== word && isEnglish(word)) best = word;
  if (corrections.size > 5000) corrections.clear();
  corrections.set(word, best);
  return best;
}

// ── Contractions and phrases ──
// prettier-ignore
const CONTRACTIONS: Readonly<Record<string, string>> = {
  "can't": 'cannot', cant: 'cannot', "couldn't": 'cannot', couldnt: 'cannot', coudnt: 'cannot', cudnt: 'cannot',
  "won't": 'wont', "wouldn't": 'wont', wouldnt: 'wont', "don't": 'do not', dont: 'do not', "doesn't": 'does not',
  doesnt: 'does not', dosnt: 'does not', dosent: 'does not', "didn't": 'did not', didnt: 'did not', "isn't": 'is not',
  isnt: 'is not', "wasn't": 'was not', wasnt: 'was not', "aren't": 'are not', arent: 'are not', "weren't": 'were not',
  werent: 'were not', "hasn't": 'has not', hasnt: 'has not', "haven't": 'have not', havent: 'have not',
  "hadn't": 'had not', hadnt: 'had not', "shouldn't": 'should not', shouldnt: 'should not', "ain't": 'is not',
  "i'm": 'i am', im: 'i am', "i've": 'i have', ive: 'i have', "i'd": 'i would', "i'll": 'i will', "he's": 'he is',
  hes: 'he is', "she's": 'she is', shes: 'she is', "it's": 'it is', "that's": 'that is', thats: 'that is',
  "there's": 'there is', theres: 'there is', "what's": 'what is', whats: 'what is', "they're": 'they are',
  theyre: 'they are', "we're": 'we are', "you're": 'you are', youre: 'you are', "they've": 'they have',
  theyve: 'they have', "we've": 'we have', "you've": 'you have', "let's": 'let us', gonna: 'going to',
  gotta: 'got to', u: 'you', ur: 'your', pls: 'please', plz: 'please', bcoz: 'because', coz: 'because',
  cuz: 'because', bcz: 'because', abt: 'about', wid: 'with', n: 'and',
};

/** Applied to the space-joined words (each with a leading and trailing space). */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    / (?:is |are |am |was |were )?(?:not able|unable|not being able|not been able|never able|not in a position) to /g,
    ' cannot ',
  ],
  [/ (?:not able|unable) /g, ' cannot '],
  [/ (?:can not|could not) /g, ' cannot '],
  [/ (?:will not|would not) /g, ' wont '],
  [/ blood pressure /g, ' bp '],
  [/ blood (?:sugar|sugars|glucose) /g, ' sugar '],
  [
    / (?:blood (?:tests?|work|reports?|results?|count|counts|investigations?)|bloodwork|khoon ki (?:jaanch|janch|jach|jaach)|blood ki (?:jaanch|janch)) /g,
    ' bloodtest ',
  ],
  [/ blood (?:group|type) /g, ' bloodgroup '],
  [/ blood thinners? /g, ' bloodthinner '],
  [/ (?:blood donation|(?:donate|donating|give|giving|gave) blood) /g, ' blooddonation '],
  [/ (?:sight|fear|scared|afraid|phobia|thought) of blood /g, ' bloodfear '],
  [/ (?:heat ?stroke|sun ?stroke) /g, ' heatstroke '],
  [/ hay ?fever /g, ' hayfever '],
  // Gums that bleed on brushing are a dentist's matter.
  [
    / (?:masoodon|masoode|masudon|masude|masoodo|gums?) (?:se |me |mein |are |is )?(?:khoon|blood|bleeding|bleed) /g,
    ' gumbleed ',
  ],
  [/ loose (?:motions?|stools?) /g, ' diarrhoea '],
  [/ (?:giddiness|giddy) /g, ' dizzy '],
];

const UNIT_AFTER_NUMBER =
  /(\d)(days?|hrs?|hours?|mins?|minutes?|weeks?|wks?|wk|months?|mths?|mos?|yrs?|years?|yo|y|c|f|mg|mmol|tabs?|tablets?|pills?|am|pm|d|h|w|m|kg|ml|x)(?![a-z])/g;

const DEVANAGARI = /[\u0900-\u097F]/;
const DEVANAGARI_DIGITS = /[०-९]/g;

/** Text → normalised words (see the module comment). Pure and deterministic. */
export function normalise(raw: string): string {
  const t = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(DEVANAGARI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0966))
    .replace(/[।॥]/g, ' . ')
    .replace(/\r?\n+/g, ' . ')
    .replace(/&/g, ' and ')
    .replace(/°\s*([cf])?/g, (_m, u: string | undefined) => ` deg ${u ?? ''} `)
    .replace(UNIT_AFTER_NUMBER, '$1 $2')
    .replace(/([a-z\u0900-\u097F])[-–—_]+(?=[a-z\u0900-\u097F])/g, '$1 ')
    .replace(/(\d)\s*[-–]\s*(\d)/g, '$1 - $2')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' . ')
    .replace(/([,;:!?()"[\]{}*…=])/g, ' $1 ')
    .replace(/[-–—]/g, ' - ');
  const words = t.split(/\s+/).filter(Boolean);
  const hasDevanagari = DEVANAGARI.test(raw);
  // Hinglish: two function words ("hai", "raha"), or Hindi words no English dictionary knows ("dard").
  let markers = 0;
  for (const w of words) if (MARKERS.has(w) || (HINGLISH_WORDS.has(w) && !isEnglish(w))) markers++;
  const hinglishMode = hasDevanagari || markers >= 2;

  const out: string[] = [];
  for (let w of words) {
    if (DEVANAGARI.test(w)) {
      const plain = w.replace(/[^\u0900-\u097F]/g, '');
      const known = DEVANAGARI_WORDS[plain];
      if (known) {
        out.push(known);
        continue;
      }
      w = transliterate(plain);
      out.push(hinglishCanonical(w) ?? (w.length >= 4 ? VOCAB_BY_KEY.get(hinglishKey(w)) : undefined) ?? w);
      continue;
    }
    w = w.replace(/^'+|'+$/g, '');
    if (!w) continue;
    const c = CONTRACTIONS[w];
    if (c) {
      out.push(c);
      continue;
    }
    // Possessives: "dad's" → "dad"; any other apostrophe is dropped.
    w = w.replace(/'s$/, '').replace(/'/g, '');
    const fix = SPELLING_FIXES[w];
    if (fix) {
      out.push(fix);
      continue;
    }
    if (/^[a-z]+$/.test(w) && !NEVER_REMAP.has(w)) {
      const listed = HINGLISH_VARIANTS.get(w);
      if (listed !== undefined) {
        // A listed spelling; English look-alikes ("sine", "hath") are only Hindi inside Hinglish text.
        out.push(listed === w || hinglishMode || !isEnglish(w) ? listed : w);
        continue;
      }
      // An unlisted spelling sharing a key with a Hinglish word ("dardh", "bukhaar"); never an English
      // or lexicon word ("side" is not "seedhe"; "chahti" is listed, so it is not "chhati").
      if (w.length >= 3 && !LEXICON_WORDS.has(w) && !isEnglish(w)) {
        const keyed = HINGLISH_BY_KEY.get(hinglishKey(w));
        if (keyed) {
          out.push(keyed);
          continue;
        }
      }
    }
    const corrected = correctSpelling(w);
    out.push(SPELLING_FIXES[corrected] ?? corrected);
  }
  let s = ` ${out.join(' ')} `;
  for (const [re, rep] of PHRASES) s = s.replace(re, rep);
  return s.replace(/\s+/g, ' ').trim();
}
