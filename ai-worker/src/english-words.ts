import { createRequire } from 'node:module';

/**
 * The ~275k-word English list (an-array-of-english-words), shared by triage (spelling correction)
 * and redaction (is a capitalised token a word or a name?). Loaded on first use, once per process:
 * a few tens of ms and tens of MB that a worker doing both should not pay twice.
 */
let words: Set<string> | null = null;
export function englishWords(): ReadonlySet<string> {
  if (!words) {
    const require = createRequire(import.meta.url);
    words = new Set(require('an-array-of-english-words') as string[]);
  }
  return words;
}
