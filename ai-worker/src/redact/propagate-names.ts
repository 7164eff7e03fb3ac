import { isKeepWord } from './keep.ts';
import { COMMON_LOWER, EPONYMS } from './lexicon.ts';
import { isStop } from './name-words.ts';
import { PRIORITY, push, type Sink } from './scan.ts';

/** Every other mention of a detected name's tokens (surname alone, first name in lowercase chat…). */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
export function propagateNames(text: string, names: Array<[number, number]>, out: Sink): void {
  const tokens = new Set<string>();
  for (const [s, e] of names) {
    for (const t of text.slice(s, e).split(/[\s.]+/)) {
      const clean = t.replace(/['’]s$/, '');
      if (clean.length >= 3 && !isStop(clean) && !EPONYMS.has(clean.toLowerCase()) && !isKeepWord(clean))
        tokens.add(clean);
    }
  }
  if (tokens.size === 0) return;
  // indexOf per token rather than a regex per token or a scan of every word: most tokens occur once.
  const lower = text.toLowerCase();
  for (const t of tokens) {
    const lt = t.toLowerCase();
    // Common words that are also names ("Will", "Mark") only as written.
    const exact = COMMON_LOWER.has(lt);
    for (let at = lower.indexOf(lt); at !== -1; at = lower.indexOf(lt, at + 1)) {
      const before = at > 0 ? text[at - 1]! : '';
      const after = text[at + t.length] ?? '';
      if (before && (WORD_CHAR.test(before) || before === '@' || before === '.')) continue;
      if (after && (WORD_CHAR.test(after) || after === '@')) continue;
      if (exact && text.slice(at, at + t.length) !== t) continue;
      push(out, 'NAME', at, at + t.length, PRIORITY.propagatedName);
    }
  }
}
