import { describe, expect, it } from 'vitest';
import { LEXICON } from './lexicon.ts';
import { compileTerms, mapTermWords, termAnchors, termSource, termWords } from './pattern.ts';

const matches = (term: string, text: string) => [...text.matchAll(compileTerms([term]))].map((m) => m[0]);

describe('lexicon pattern language', () => {
  it('matches whole words, alternatives and stems, also inside a phrase', () => {
    expect(matches('chest ~3 pain*|tight*', 'my chest is tight')).toEqual(['chest is tight']);
    expect(matches('chest ~3 pain*', 'chesty cough, painful')).toEqual([]);
    expect(matches('throw*_up', 'he keeps throwing up')).toEqual(['throwing up']);
    expect(matches('passed_out|blacked_out', 'she passed out')).toEqual(['passed out']);
    expect(matches('#n weeks ~2 pregnant', '34 weeks pregnant')).toEqual(['34 weeks pregnant']);
  });

  it('a gap never crosses punctuation or a negation', () => {
    expect(matches('face ~4 droop*', 'his face is drooping')).toEqual(['face is drooping']);
    expect(matches('face ~4 droop*', 'his face is not drooping')).toEqual([]);
    expect(matches('face ~4 droop*', 'face , drooping')).toEqual([]);
    expect(matches('face ~1 droop*', 'face is very drooping')).toEqual([]);
    // A negation spelt out by the term itself is part of the match.
    expect(matches('not ~2 waking', 'he is not waking up')).toEqual(['not waking']);
  });

  it('optional words', () => {
    expect(matches('pain [in] chest', 'pain chest')).toEqual(['pain chest']);
    expect(matches('pain [in] chest', 'pain in chest')).toEqual(['pain in chest']);
    expect(() => termSource('[in] chest')).toThrow(/required word/);
    expect(() => termSource('chest ~2')).toThrow(/required word/);
  });

  it('every lexicon term compiles', () => {
    for (const [concept, terms] of Object.entries(LEXICON))
      expect(() => compileTerms(terms), concept).not.toThrow();
  });

  it('lists the words a term spells out, its anchors, and maps its words', () => {
    expect(termWords('chest|seene ~3 pain*|dard_hai')).toEqual(['chest', 'seene', 'pain', 'dard', 'hai']);
    expect(termAnchors('droop*|face ~2 x')).toEqual([
      { word: 'droop', stem: true },
      { word: 'face', stem: false },
    ]);
    expect(mapTermWords('sans|seene ~2 dard*', (w) => (w === 'sans' ? 'saans' : w))).toBe(
      'saans|seene ~2 dard*',
    );
  });
});
