import { LEXICON, type Concept } from './lexicon.ts';
import { lexiconSpelling } from './normalise.ts';
import {
  BACKWARD_NEGATION_WORDS,
  compileTerms,
  FORWARD_NEGATION_WORDS,
  mapTermWords,
  termAnchors,
} from './pattern.ts';

/**
 * Where each concept was mentioned, and whether that mention counts: not negated ("no chest pain",
 * "seene me dard nahi"), not in the past ("had a stroke 5 years ago", "in 2015", "no fits for 3
 * years", "diabetic since 10 years") and not hypothetical (family history, risk questions).
 * Input is normalised text (normalise.ts). Sentences end at . ! ? ; and a newline; clauses also
 * end at commas, colons, dashes and "but / however / although / lekin / magar / now".
 */

export interface Token {
  text: string;
  start: number;
  end: number;
  sentence: number;
  clause: number;
}

export interface Hit {
  concept: Concept;
  start: number;
  end: number;
  tokenStart: number;
  /** Inclusive. */
  tokenEnd: number;
  sentence: number;
  clause: number;
  negated: boolean;
  past: boolean;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  hits: Hit[];
  /** Tokens inside a negation's scope (for the specialty, which reads only what is affirmed). */
  negatedTokens: Set<number>;
}

const SENTENCE_END = new Set(['.', '!', '?', ';']);
const CLAUSE_END = new Set([',', ':', '(', ')', '-', '"']);
const CLAUSE_START = new Set([
  'but',
  'however',
  'although',
  'though',
  'except',
  'lekin',
  'magar',
  'whereas',
  'now',
  'ab',
]);
/** A negation's scope stops at these (NegEx-style terminators). */
const SCOPE_END = new Set([
  ...CLAUSE_START,
  'still',
  'yet',
  'which',
  'who',
  'apart',
  'then',
  'since',
  'after',
  'when',
  // Unpunctuated messages start a new clause with a new subject: "no fever his face is drooping".
  'he',
  'she',
  'his',
  'her',
  'i',
  'my',
  'it',
  'they',
  'we',
  'mera',
  'meri',
  'uska',
  'uski',
  'unka',
  'unki',
]);
const FORWARD_NEGATION = new Set<string>(FORWARD_NEGATION_WORDS);
const BACKWARD_NEGATION = new Set<string>(BACKWARD_NEGATION_WORDS);
/** "not sure", "no idea", "not feeling well": a negation word that negates nothing clinical. */
const PSEUDO_NEGATION = new Set([
  'sure',
  'idea',
  'only',
  'matter',
  'feeling',
  'well',
  'good',
  'right',
  'normal',
  'better',
  'improving',
  'getting',
  'going',
  'helping',
  'working',
  'much',
  'one',
  'doubt',
  'longer',
  'more',
  'relief',
]);
const NEGATION_IN_TERM = /(?:^| )(?:no|not|nahi|na|never|without)(?= |$)/;
const NEGATED_THING =
  /^(?:problem|problems|issue|issues|difficulty|difficulties|trouble|infection|infections|complaint|complaints|test|tests|smell|burning|pain|history)$/;
/**
 * "dard nahi hai", "khoon nahi aaya", "kata nahi, bas darr gaya": a Hindi negation negates what came
 * before it, unless a main verb follows: then it negates the verb, and "pair nahi hil rahe" (the legs
 * do not move) or "doodh nahi pee rahi" is a symptom, not a denial of the legs or the milk.
 */
// prettier-ignore
const MAIN_VERB = /^(?:hil|hila|hilta|hilti|hilte|uth|utha|uthta|uthti|uthte|uthaa|pee|pi|piya|peeta|peeti|pita|piti|kha|khaa|khata|khati|khaya|de|deta|deti|dete|le|leta|leti|lete|kar|karta|karti|karte|bol|bolta|bolti|bolte|chal|chalta|chalti|chalte|ruk|rukta|rukti|ruka|band|khul|khulta|khulti|dikh|dikhta|dikhti|dikhai|sun|sunta|sunti|samajh|pehchan|jaag|jag|so|sota|soti|nigal|sambhal|pakad|baith|khada|khade|pa|paa|sak|sakta|sakti|sakte|ho_pa)$/;
/** The clause starting at `from` is the rest of a list: it has "or"/"nor" before the window ends. */
function continuesList(tokens: readonly Token[], from: number, until: number, clause: number): boolean {
  for (let k = from; k < tokens.length && k <= until && tokens[k]!.clause === clause; k++)
    if (tokens[k]!.text === 'or' || tokens[k]!.text === 'nor') return true;
  return false;
}
function negatesBackward(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return !next || next.clause !== tokens[i]!.clause || !MAIN_VERB.test(next.text);
}
const FORWARD_WINDOW = 6;
const BACKWARD_WINDOW = 3;

interface Compiled {
  concept: Concept;
  re: RegExp;
  /** First words of its terms: a text with none of them is skipped without running the regex. */
  literals: Set<string>;
  stems: string[];
  anyNumber: boolean;
}
// The lexicon may list Hinglish variants; they are matched in the spelling normalise.ts gives them.
const COMPILED: readonly Compiled[] = (Object.keys(LEXICON) as Concept[]).map((concept) => {
  const terms = LEXICON[concept].map((t) => mapTermWords(t, lexiconSpelling));
  const anchors = terms.flatMap(termAnchors);
  return {
    concept,
    re: compileTerms(terms),
    literals: new Set(anchors.filter((a) => !a.stem).map((a) => a.word)),
    stems: anchors.filter((a) => a.stem).map((a) => a.word),
    anyNumber: anchors.some((a) => a.word === '#n'),
  };
});

function mayMatch(c: Compiled, words: Set<string>, wordList: readonly string[]): boolean {
  if (c.anyNumber) return true;
  for (const w of c.literals) if (words.has(w)) return true;
  for (const s of c.stems) for (const w of wordList) if (w.startsWith(s)) return true;
  return false;
}

const THIS_YEAR = new Date().getUTCFullYear();
/** "in 2015", "2019 mein", "since 2008": a calendar year before this one dates the clause. */
const PAST_YEAR =
  /(?:^| )(?:in|since|from|year|back in|during) (19[5-9]\d|20\d\d)(?= |$)|(?:^| )(19[5-9]\d|20\d\d) (?:me|mein|main)(?= |$)/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let pos = 0;
  for (const w of text.split(' ')) {
    const start = pos;
    pos += w.length + 1;
    if (!w) continue;
    if (CLAUSE_START.has(w) && tokens.length) clause++;
    tokens.push({ text: w, start, end: start + w.length, sentence, clause });
    if (SENTENCE_END.has(w)) {
      sentence++;
      clause++;
    } else if (CLAUSE_END.has(w)) clause++;
  }
  return tokens;
}

export function analyse(text: string): Analysis {
  const tokens = tokenize(text);
  const tokenAt = new Int32Array(text.length + 1).fill(-1);
  for (const [i, t] of tokens.entries()) for (let c = t.start; c < t.end; c++) tokenAt[c] = i;
  const tokenIndex = (charPos: number, dir: 1 | -1): number => {
    for (let c = charPos; c >= 0 && c < text.length; c += dir) if (tokenAt[c]! >= 0) return tokenAt[c]!;
    return dir === 1 ? tokens.length - 1 : 0;
  };

  const raw: Array<Omit<Hit, 'negated' | 'past'>> = [];
  const words = new Set(tokens.map((t) => t.text));
  const wordList = [...words];
  for (const c of COMPILED) {
    if (!mayMatch(c, words, wordList)) continue;
    const { concept, re } = c;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      const tokenStart = tokenIndex(start, 1);
      const tokenEnd = tokenIndex(end - 1, -1);
      const t = tokens[tokenStart]!;
      raw.push({ concept, start, end, tokenStart, tokenEnd, sentence: t.sentence, clause: t.clause });
    }
  }

  // A term that spells out a negation ("no urine", "not breathing") is a symptom, unless the next word
  // shows the negation was about something else: "no urine infection", "no breathing problem".
  for (let i = raw.length - 1; i >= 0; i--) {
    const h = raw[i]!;
    if (
      NEGATED_THING.test(tokens[h.tokenEnd + 1]?.text ?? '') &&
      NEGATION_IN_TERM.test(text.slice(h.start, h.end))
    )
      raw.splice(i, 1);
  }

  // A negation word spelt out by a term ("not breathing", "no wet nappies") negates nothing else.
  const insideHit = new Uint8Array(tokens.length);
  for (const h of raw)
    if (!h.concept.startsWith('t_')) for (let i = h.tokenStart; i <= h.tokenEnd; i++) insideHit[i] = 1;

  const negated = new Set<number>();
  for (const [i, t] of tokens.entries()) {
    if (insideHit[i]) continue;
    if (FORWARD_NEGATION.has(t.text)) {
      const next = tokens[i + 1];
      if (next && PSEUDO_NEGATION.has(next.text) && next.clause === t.clause) continue;
      let clause = t.clause;
      for (let j = i + 1; j < tokens.length && j <= i + FORWARD_WINDOW; j++) {
        const u = tokens[j]!;
        // A list runs on past its commas: "no fever, cough or breathlessness" denies all three.
        if (u.clause !== clause && u.text !== ',' && continuesList(tokens, j, i + FORWARD_WINDOW, u.clause))
          clause = u.clause;
        if (u.text === ',' && continuesList(tokens, j + 1, i + FORWARD_WINDOW, u.clause + 1)) continue;
        if (u.clause !== clause || SCOPE_END.has(u.text)) break;
        negated.add(j);
      }
    } else if (BACKWARD_NEGATION.has(t.text) && negatesBackward(tokens, i)) {
      for (let j = i - 1; j >= 0 && j >= i - BACKWARD_WINDOW; j--) {
        const u = tokens[j]!;
        if (u.clause !== t.clause) break;
        negated.add(j);
      }
    }
  }

  // Time: a clause is in the past when it carries a past marker and no marker of now; a clause
  // saying "still" inherits the past when the text dates an event and says nothing about now.
  const clauseCount = tokens.length ? tokens[tokens.length - 1]!.clause + 1 : 0;
  const pastClause = new Uint8Array(clauseCount);
  const nowClause = new Uint8Array(clauseCount);
  for (const h of raw) {
    if (h.concept === 't_past' && !negated.has(h.tokenStart)) pastClause[h.clause] = 1;
    if (h.concept === 't_now') nowClause[h.clause] = 1;
  }
  const clauseText = new Map<number, string>();
  for (const t of tokens) clauseText.set(t.clause, `${clauseText.get(t.clause) ?? ''} ${t.text}`);
  for (const [c, s] of clauseText) {
    const y = PAST_YEAR.exec(s);
    if (y && Number(y[1] ?? y[2]) < THIS_YEAR) pastClause[c] = 1;
  }
  // Family history and risk questions ("dad had a heart attack at 60, what is my risk") make every
  // clause of their sentence hypothetical, except a clause that says something is happening now.
  const hypoSentence = new Set<number>();
  const hypoClause = new Set<number>();
  for (const h of raw) {
    if (h.concept === 't_hypo' && !negated.has(h.tokenStart)) hypoSentence.add(h.sentence);
  }
  for (const t of tokens) if (hypoSentence.has(t.sentence)) hypoClause.add(t.clause);
  const anyPast = pastClause.some((v, c) => v === 1 && nowClause[c] === 0);
  const anyNow = nowClause.some((v) => v === 1);
  const isPast = new Uint8Array(clauseCount);
  for (let c = 0; c < clauseCount; c++) {
    if (nowClause[c]) continue;
    if (hypoClause.has(c)) isPast[c] = 1;
    if (pastClause[c]) isPast[c] = 1;
    else if (
      anyPast &&
      !anyNow &&
      /(?:^| )(?:still|residual|ever since|since then|left with|after that|since that)(?= |$)/.test(
        clauseText.get(c) ?? '',
      )
    )
      isPast[c] = 1;
  }

  // A conditional question covers the rest of its sentence from where it stands.
  const condFrom = new Map<number, number>();
  for (const h of raw)
    if (h.concept === 't_cond' && !negated.has(h.tokenStart) && !condFrom.has(h.sentence))
      condFrom.set(h.sentence, h.tokenStart);
  const hits: Hit[] = raw.map((h) => {
    let neg = false;
    for (let i = h.tokenStart; i <= h.tokenEnd; i++) if (negated.has(i)) neg = true;
    const conditional = h.tokenStart >= (condFrom.get(h.sentence) ?? Infinity);
    return { ...h, negated: neg, past: isPast[h.clause] === 1 || conditional };
  });
  return { text, tokens, hits, negatedTokens: negated };
}
