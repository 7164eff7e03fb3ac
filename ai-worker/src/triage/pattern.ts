/**
 * The lexicon's tiny pattern language. Terms stay data (readable by a clinician, and their words
 * feed the spelling corrector) instead of hand-written regular expressions, and every term is
 * matched on normalised text, where words are separated by single spaces and punctuation marks are
 * words of their own.
 *
 *   a|b|c     one word out of these; `x*` is any word starting with x; `_` joins words ("passed_out")
 *   [a|b]     an optional word (never first or last)
 *   ~N        up to N other words in between, never across punctuation or a negation word
 *   #n        a number
 *
 * A gap never swallows a negation ("face is not drooping" is not "face ~3 droop*"), so a negation
 * inside a match is always one the term spelt out on purpose ("not breathing").
 */

const WORD = String.raw`[^\s.,;:!?()"]+`;
/** Negations that scope over the words after them ("no chest pain", "bina dard"). */
export const FORWARD_NEGATION_WORDS = [
  'no',
  'not',
  'never',
  'without',
  'denies',
  'denied',
  'deny',
  'neither',
  'none',
  'nor',
  'bina',
] as const;
/** Hindi negation follows what it negates: "dard nahi hai", "kata nahi". */
export const BACKWARD_NEGATION_WORDS = ['nahi', 'na'] as const;
/** Words a gap may not cross: a term with a negation inside must say so literally. */
export const NEGATION_WORDS = [...FORWARD_NEGATION_WORDS, ...BACKWARD_NEGATION_WORDS, 'nahin'] as const;
const GAP_WORD = String.raw`(?!(?:${NEGATION_WORDS.join('|')})(?=\s|$))${WORD}`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function alternative(a: string): string {
  if (!a) throw new Error('empty alternative');
  // Each word of an alternative may be a stem: "throw*_up" is "throwing up", "threw up" is listed apart.
  return a
    .split('_')
    .map((w) => {
      if (w === '#n') return String.raw`\d+(?:\.\d+)?`;
      const stem = w.endsWith('*');
      const body = escape(stem ? w.slice(0, -1) : w);
      return stem ? `${body}[^\\s.,;:!?()"]*` : body;
    })
    .join(String.raw`\s+`);
}

function slot(s: string): { re: string; optional: boolean } {
  const gap = /^~(\d)$/.exec(s);
  if (gap) return { re: `(?:\\s+${GAP_WORD}){0,${gap[1]}}`, optional: false };
  const optional = s.startsWith('[') && s.endsWith(']');
  const body = optional ? s.slice(1, -1) : s;
  return { re: `(?:${body.split('|').map(alternative).join('|')})`, optional };
}

/** Regular-expression source for one term (no flags, no outer group). */
export function termSource(term: string): string {
  const parts = term.trim().split(/\s+/);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) throw new Error('empty term');
  if (/^(?:\[|~)/.test(first) || /^(?:\[|~)/.test(last) || (last.startsWith('[') && last.endsWith(']')))
    throw new Error(`term "${term}" must start and end with a required word`);
  let src = '';
  for (const [i, p] of parts.entries()) {
    const s = slot(p);
    if (p.startsWith('~')) src += s.re;
    else if (s.optional) src += `(?:\\s+${s.re})?`;
    else src += i === 0 ? s.re : `\\s+${s.re}`;
  }
  return `(?<!\\S)(?:${src})(?!\\S)`;
}

/** One global regular expression for a list of terms (alternatives tried left to right). */
export function compileTerms(terms: readonly string[]): RegExp {
  return new RegExp(terms.map(termSource).join('|'), 'g');
}

/** The literal words a term spells out (stems without their `*`), for the spelling vocabulary. */
export function termWords(term: string): string[] {
  const out: string[] = [];
  for (const p of term.trim().split(/\s+/)) {
    if (p.startsWith('~')) continue;
    const body = p.startsWith('[') ? p.slice(1, -1) : p;
    for (const a of body.split('|'))
      for (const w of a.split('_')) if (/^[a-z]+\*?$/.test(w)) out.push(w.replace(/\*$/, ''));
  }
  return out;
}

/** The same term with each literal word passed through `fn` (stems, numbers and gaps untouched). */
export function mapTermWords(term: string, fn: (word: string) => string): string {
  return term
    .trim()
    .split(/\s+/)
    .map((p) => {
      if (p.startsWith('~')) return p;
      const optional = p.startsWith('[');
      const body = optional ? p.slice(1, -1) : p;
      const mapped = body
        .split('|')
        .map((a) =>
          a
            .split('_')
            .map((w) => (/^[a-z]+$/.test(w) ? fn(w) : w))
            .join('_'),
        )
        .join('|');
      return optional ? `[${mapped}]` : mapped;
    })
    .join(' ');
}

/**
 * The words a match of this term must start with (its first slot), as literal words or stems. A
 * text that has none of them cannot match, which lets the matcher skip most concepts cheaply.
 */
export function termAnchors(term: string): Array<{ word: string; stem: boolean }> {
  const first = term.trim().split(/\s+/)[0] ?? '';
  return first.split('|').map((a) => {
    const w = a.split('_')[0] ?? '';
    return w.endsWith('*') ? { word: w.slice(0, -1), stem: true } : { word: w, stem: false };
  });
}
