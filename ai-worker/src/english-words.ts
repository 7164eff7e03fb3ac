import { createRequire } from 'node:module';

/** Membership in a word list; all the redactor and the spelling corrector ask of it. */
export interface WordList {
  has(word: string): boolean;
}

/**
 * The ~275k-word English list (an-array-of-english-words), shared by triage (spelling correction)
 * and redaction (is a capitalised token a word or a name?). Loaded on first use, once per process.
 * The package ships the words sorted, so lookups are a binary search over its array: building a Set
 * of them took longer than reading the list and held tens of MB more, on the first request.
 */
let words: WordList | null = null;
export function englishWords(): WordList {
  if (!words) {
    const require = createRequire(import.meta.url);
    words = sortedWordList(require('an-array-of-english-words') as string[]);
  }
  return words;
}

/** A WordList over `list`, sorted here if it is not already (a check of one pass). */
export function sortedWordList(list: readonly string[]): WordList {
  let sorted = list;
  for (let i = 1; i < list.length; i++)
    if (list[i - 1]! > list[i]!) {
      sorted = [...list].sort();
      break;
    }
  return {
    has(word: string): boolean {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const w = sorted[mid]!;
        if (w === word) return true;
        if (w < word) lo = mid + 1;
        else hi = mid;
      }
      return false;
    },
  };
}
