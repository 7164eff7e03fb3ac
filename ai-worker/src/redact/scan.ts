import { type Tok } from './keep.ts';
import { type Candidate, type PiiType } from './types.ts';

/**
 * What every detector shares: candidate priorities, the sink, and the Scan made once per redact()
 * call (the text, its tokens, a gate of cheap facts about it, and the cue-match cache).
 */
export const PRIORITY = {
  known: 100,
  email: 90,
  url: 88,
  ip: 86,
  labelledId: 80,
  structuredId: 76,
  labelledPhone: 74,
  phone: 70,
  date: 62,
  age: 62,
  labelledAddress: 56,
  address: 52,
  /** Honorific, form label or "my name is": beats the keep-list ("Dr Whipple", "Patient: BELL, Harry"). */
  strongName: 44,
  place: 42,
  name: 40,
  propagatedName: 36,
} as const;

/** Candidates at or below this priority give way to kept clinical text (keep.ts). */
export const KEEP_YIELDS_BELOW = PRIORITY.place;

/** Where detectors put candidates; carries the text so `push` can trim spans. */
export interface Sink {
  text: string;
  items: Candidate[];
}

const TRIM_CHARS = ' \t\n\r\f\v,;:()[]{}"\'“”‘’-';
export const push = (out: Sink, type: PiiType, start: number, end: number, priority: number): void => {
  // Trim surrounding whitespace/punctuation the patterns may have taken along (a leading "." too).
  const t = out.text;
  while (
    start < end &&
    (TRIM_CHARS.includes(t[start]!) || t[start] === '.') &&
    !(type === 'PHONE' && t[start] === '(')
  )
    start++;
  while (end > start && TRIM_CHARS.includes(t[end - 1]!)) end--;
  if (end > start) out.items.push({ type, start, end, priority });
};

export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * Which words and how many digits a text has, computed once per call: most detectors need a cue
 * word or digits, and skipping a regex is the cheapest way to run it (short chat messages pay the
 * fixed cost of ~60 regexes otherwise).
 */
interface Gate {
  words: Set<string>;
  digits: number;
  /** Longest digit run, single separators (space . - / ( ) +) allowed: "98765 43210" is 10. */
  run: number;
  /** Longest run of capitals A-Z: PAN and IFSC codes need 5 and 4 in a row, most notes have none. */
  caps: number;
}
function makeGate(text: string, toks: Tok[]): Gate {
  const words = new Set<string>();
  for (const t of toks) {
    words.add(t.f);
    // "i'm", "e-mail", "r/o" also count by their parts.
    if (t.f.includes('-') || t.f.includes("'") || t.f.includes('’'))
      for (const p of t.f.split(/['’-]/)) words.add(p);
  }
  let digits = 0;
  let run = 0;
  let cur = 0;
  let gap = 0;
  let caps = 0;
  let capCur = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (++capCur > caps) caps = capCur;
    } else capCur = 0;
    if (c >= 48 && c <= 57) {
      digits++;
      cur++;
      gap = 0;
      if (cur > run) run = cur;
    } else if (
      cur > 0 &&
      gap === 0 &&
      (c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43)
    )
      gap = 1;
    else {
      cur = 0;
      gap = 0;
    }
  }
  return { words, digits, run, caps };
}
/**
 * Everything one detectAll call reads about its text, made per call (createScan) and passed to every
 * detector: nothing about one note outlives its call or leaks into the next.
 */
export interface Scan {
  text: string;
  toks: Tok[];
  gate: Gate;
  out: Sink;
  /** matchesAt answers for this text; callers only read them. */
  atCache: Map<RegExp, { first: Set<string>; out: RegExpExecArray[] }>;
}
export function createScan(text: string, out: Sink, toks: Tok[]): Scan {
  return { text, toks, gate: makeGate(text, toks), out, atCache: new Map() };
}
export const hasAny = (scan: Scan, list: Iterable<string>): boolean => {
  for (const w of list) if (scan.gate.words.has(w)) return true;
  return false;
};
export const gateWords = (s: string): string[] => s.trim().split(/\s+/);

const stickyOf = new Map<RegExp, RegExp>();
/** The sticky twin of a global regex (made once): matches anchored where a walk puts lastIndex. */
function sticky(re: RegExp): RegExp {
  let y = stickyOf.get(re);
  if (!y) {
    y = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    stickyOf.set(re, y);
  }
  return y;
}
/**
 * Matches of `re` that start at a token whose folded form is in `first`: the cue regexes are long
 * alternations, and trying them only where their first word stands is far cheaper than a scan.
 */
export function matchesAt(scan: Scan, re: RegExp, first: Set<string>): RegExpExecArray[] {
  // Some cues are read twice with different filters (strong and weak honorifics, "my name is"):
  // the matches are the same, so the token walk runs once per text.
  const { text, atCache } = scan;
  const hit = atCache.get(re);
  if (hit && hit.first === first) return hit.out;
  const y = sticky(re);
  const out: RegExpExecArray[] = [];
  let lastEnd = -1;
  for (const t of scan.toks) {
    if (t.s < lastEnd || !first.has(t.f)) continue;
    y.lastIndex = t.s;
    const m = y.exec(text);
    if (m) {
      out.push(m);
      lastEnd = t.s + m[0].length;
    }
  }
  atCache.set(re, { first, out });
  return out;
}
export const firstWords = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/**
 * Matches of `re` that reach an anchor (a keyword token or a "#"), tried from up to `back` tokens
 * before it: "<label words> number: value" without trying every word of the note as a label start.
 */
export function matchesNear(scan: Scan, re: RegExp, anchors: number[], back: number): RegExpExecArray[] {
  const { text, toks } = scan;
  const y = sticky(re);
  const out: RegExpExecArray[] = [];
  let lastEnd = -1;
  let j = 0;
  for (const pos of anchors) {
    if (pos < lastEnd) continue;
    while (j < toks.length && toks[j]!.s < pos) j++;
    for (let k = Math.max(0, j - back); k <= j; k++) {
      const st = k < j ? toks[k]!.s : pos;
      if (st < lastEnd) continue;
      y.lastIndex = st;
      const m = y.exec(text);
      if (m && m.index + m[0].length > pos) {
        out.push(m);
        lastEnd = m.index + m[0].length;
        break;
      }
    }
  }
  return out;
}

export const WS_RE = /\s/;
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const digitsOf = (s: string): string => s.replace(/\D/g, '');
