import { agesAfterNames } from './age-after-name.ts';
import { detectAll, detectKnown, KEEP_YIELDS_BELOW, propagateNames, type Sink } from './detectors.ts';
import { keepMemo, keepsNear, tokenize } from './keep.ts';
import { detectQuestionnaireAnswers } from './questionnaire.ts';
import type { Candidate, PiiType, RedactedEntity, RedactionResult, RedactOptions } from './types.ts';

interface Span {
  type: PiiType;
  start: number;
  end: number;
}

/**
 * Greedy overlap resolution: strongest candidate first; a weaker one keeps only the parts no
 * stronger one covers (so an address that swallowed a phone number still redacts the rest).
 */
const EDGE = ' \t\n\r\f\v,;:()-';

/** /[A-Za-z0-9]/ or a Devanagari letter on text[s, e) without slicing it out. */
function hasAlnum(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) return true; // | 32: A-Z onto a-z
    if (c >= 0x0905 && c <= 0x0939) return true; // Devanagari vowels and consonants
  }
  return false;
}

/** Given names written abbreviated with a full stop ("Mohd. Arif Khan", "Wm. Hart"): one name with what follows. */
const ABBREVIATED_GIVEN = new Set(['mohd', 'md', 'muhd', 'wm', 'chas', 'jas', 'thos', 'geo', 'saml']);

function resolve(text: string, cands: Candidate[]): Span[] {
  const sorted = [...cands].sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken: Span[] = [];
  for (const c of sorted) {
    let pieces: Array<[number, number]> = [[c.start, c.end]];
    for (const t of taken) {
      if (t.end <= c.start || t.start >= c.end) continue;
      const next: Array<[number, number]> = [];
      for (const [s, e] of pieces) {
        if (t.end <= s || t.start >= e) next.push([s, e]);
        else {
          if (t.start > s) next.push([s, t.start]);
          if (t.end < e) next.push([t.end, e]);
        }
      }
      pieces = next;
      if (pieces.length === 0) break;
    }
    for (let [s, e] of pieces) {
      while (
        s < e &&
        (EDGE.includes(text[s]!) || text[s] === '.') &&
        !(c.type === 'PHONE' && text[s] === '(')
      )
        s++;
      while (e > s && EDGE.includes(text[e - 1]!)) e--;
      if (e - s >= 2 || (e - s === 1 && c.type !== 'NAME' && /\w/.test(text[s]!))) {
        if (hasAlnum(text, s, e)) taken.push({ type: c.type, start: s, end: e });
      }
    }
  }
  taken.sort((a, b) => a.start - b.start);
  // "Ravi" + "Kumar" found separately read better as one name; same for address fragments.
  const merged: Span[] = [];
  for (const s of taken) {
    const last = merged[merged.length - 1];
    if (last && last.type === s.type && (s.type === 'NAME' || s.type === 'ADDRESS')) {
      const gap = text.slice(last.end, s.start);
      if (
        (s.type === 'NAME' && /^ ?$/.test(gap)) ||
        (s.type === 'NAME' &&
          gap === '. ' &&
          ABBREVIATED_GIVEN.has(text.slice(last.start, last.end).toLowerCase())) ||
        (s.type === 'ADDRESS' && /^[ ,]{0,3}$/.test(gap))
      ) {
        last.end = s.end;
        continue;
      }
    }
    merged.push({ ...s });
  }
  return merged;
}

/** Where the weak guesses are (the only places the keep-list needs to look). */
function weakRanges(items: Candidate[]): Array<[number, number]> {
  const r: Array<[number, number]> = [];
  for (const c of items) if (c.priority <= KEEP_YIELDS_BELOW) r.push([c.start, c.end]);
  return r;
}

const SPACE_RE = /\s/;
function keyOf(type: PiiType, value: string): string {
  let v = value.toLowerCase();
  // Most values are one word: skip the whitespace rewrite when there is none.
  if (SPACE_RE.test(v)) v = v.replace(/\s+/g, ' ').trim();
  if (type === 'PHONE') return v.replace(/\D/g, '').slice(-10);
  if (type === 'ID') return v.replace(/[\s/-]/g, '');
  if (type === 'NAME') return v.replace(/['’]s$/, '').replace(/\./g, '');
  return v;
}

interface Numbering {
  counters: Map<PiiType, number>;
  numberOf: Map<string, number>;
  fullNames: Array<{ tokens: string[]; n: number }>;
}

/** The numbering key of each span ("NAME:ravi kumar"), computed once per span. */
const keyOfSpan = (text: string, s: Span): string => `${s.type}:${keyOf(s.type, text.slice(s.start, s.end))}`;
const isFullName = (s: Span, key: string): boolean => s.type === 'NAME' && key.includes(' ');

// Module-level rather than closures in redact(): a closure per call costs more than the work here.
function assign(c: Numbering, s: Span, key: string): number {
  const hit = c.numberOf.get(key);
  if (hit !== undefined) return hit;
  if (s.type === 'NAME') {
    const toks = key.slice(5).split(' ');
    for (const f of c.fullNames) {
      if (
        toks.every((t) => f.tokens.includes(t)) ||
        (toks.length > 1 && f.tokens.every((t) => toks.includes(t)))
      ) {
        c.numberOf.set(key, f.n);
        return f.n;
      }
    }
  }
  const n = (c.counters.get(s.type) ?? 0) + 1;
  c.counters.set(s.type, n);
  c.numberOf.set(key, n);
  if (s.type === 'NAME') c.fullNames.push({ tokens: key.slice(5).split(' '), n });
  return n;
}

/**
 * Replaces PII with consistent typed placeholders: the same value (and, for names, a first name or
 * surname of an already-seen full name) always gets the same `[TYPE_n]` within one call.
 */
/** Drops guesses (weak names, towns) that touch kept clinical text: "Gaviscon Advance", "Braden score". */
function yieldToKeeps(items: Candidate[], keeps: Array<[number, number]>): Candidate[] {
  if (keeps.length === 0) return items;
  return items.filter((c) => {
    if (c.priority > KEEP_YIELDS_BELOW) return true;
    // Keeps are sorted and disjoint: binary search for the first keep ending after c.start.
    let lo = 0;
    let hi = keeps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keeps[mid]![1] <= c.start) lo = mid + 1;
      else hi = mid;
    }
    return !(lo < keeps.length && keeps[lo]![0] < c.end);
  });
}

export function redact(text: string, opts: RedactOptions = {}): RedactionResult {
  const sink: Sink = { text, items: [] };
  const toks = tokenize(text);
  detectAll(text, sink, toks);
  for (const c of detectQuestionnaireAnswers(text)) sink.items.push(c);
  if (opts.knownPii || opts.extraNames?.length)
    detectKnown(text, opts.knownPii ?? {}, opts.extraNames ?? [], sink);
  const detected = sink.items.length;
  const memo = keepMemo(toks);
  let keeps = keepsNear(text, toks, weakRanges(sink.items), memo);
  const first = resolve(text, yieldToKeeps(sink.items, keeps));
  const names = first.filter((s) => s.type === 'NAME').map((s): [number, number] => [s.start, s.end]);
  if (names.length) {
    propagateNames(text, names, sink);
    agesAfterNames(text, names, sink);
  }
  if (sink.items.length > detected) keeps = keepsNear(text, toks, weakRanges(sink.items), memo);
  const spans = names.length ? resolve(text, yieldToKeeps(sink.items, keeps)) : first;

  // Number placeholders by first appearance; single-token names join the full name they belong to.
  const ctx: Numbering = { counters: new Map(), numberOf: new Map(), fullNames: [] };
  // Full names first so "Kumar … Ravi Kumar" still shares one number.
  const keys = spans.map((s) => keyOfSpan(text, s));
  for (let i = 0; i < spans.length; i++)
    if (isFullName(spans[i]!, keys[i]!)) assign(ctx, spans[i]!, keys[i]!);
  const renumber = new Map<number, number>();
  const entities: RedactedEntity[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    let n = assign(ctx, s, keys[i]!);
    if (s.type === 'NAME') {
      // Keep numbering in order of appearance even though full names were seeded first.
      if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
      n = renumber.get(n)!;
    }
    entities.push({ type: s.type, start: s.start, end: s.end, placeholder: `[${s.type}_${n}]` });
  }
  let out = '';
  let pos = 0;
  for (const e of entities) {
    out += text.slice(pos, e.start) + e.placeholder;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, entities };
}
