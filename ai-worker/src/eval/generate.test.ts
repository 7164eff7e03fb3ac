import { describe, expect, it } from 'vitest';
import { generateEvalSet } from './generate.ts';
import { Scorer } from './score.ts';

describe('evaluation set generator', () => {
  it('is deterministic for a seed, has ≥200 notes in varied templates, and labels real substrings', () => {
    const a = generateEvalSet();
    expect(a).toEqual(generateEvalSet());
    expect(generateEvalSet({ seed: 7 })[0]!.text).not.toBe(a[0]!.text);
    expect(a.length).toBeGreaterThanOrEqual(200);
    expect(new Set(a.map((n) => n.template)).size).toBeGreaterThanOrEqual(12);
    for (const n of a) {
      for (const e of n.entities) {
        expect(e.end).toBeGreaterThan(e.start);
        expect(n.text.slice(e.start, e.end).trim()).toBe(n.text.slice(e.start, e.end));
      }
    }
    // Held-out templates never appear in dev.
    const dev = new Set(a.filter((n) => n.split === 'dev').map((n) => n.template));
    expect(a.filter((n) => n.split !== 'dev').some((n) => dev.has(n.template))).toBe(false);
  });

  it('scores leaks: a partly covered entity is a miss, a stray redaction lowers precision', () => {
    const s = new Scorer();
    const text = 'Ravi Kumar at 98765 43210';
    s.add(
      text,
      [
        { type: 'NAME', start: 0, end: 10 },
        { type: 'PHONE', start: 14, end: 25 },
      ],
      [
        { type: 'NAME', start: 0, end: 4 },
        { type: 'PHONE', start: 14, end: 25 },
        { type: 'DATE', start: 11, end: 13 },
      ],
    );
    const r = s.result();
    expect(r.perType.NAME.recall).toBe(0);
    expect(r.perType.PHONE.recall).toBe(1);
    expect(r.perType.DATE.precision).toBe(0);
  });
});
