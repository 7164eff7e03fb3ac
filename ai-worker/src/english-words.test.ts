import { describe, expect, it } from 'vitest';
import { englishWords, sortedWordList } from './english-words.ts';

describe('englishWords', () => {
  it('knows everyday words and not names', () => {
    const dict = englishWords();
    expect(dict.has('headache')).toBe(true);
    expect(dict.has('aardvark')).toBe(true);
    expect(dict.has('zyzzyva')).toBe(true);
    expect(dict.has('priyanka')).toBe(false);
    expect(dict.has('')).toBe(false);
  });

  it('sortedWordList answers the same for a list that comes unsorted', () => {
    const list = sortedWordList(['pear', 'apple', 'fig', 'banana']);
    for (const w of ['pear', 'apple', 'fig', 'banana']) expect(list.has(w)).toBe(true);
    for (const w of ['grape', 'a', 'zz', 'figs']) expect(list.has(w)).toBe(false);
  });
});
