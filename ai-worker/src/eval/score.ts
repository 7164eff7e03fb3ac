import { PII_TYPES, type PiiType } from '../redact/types.ts';
import type { GoldEntity } from './generate.ts';

export interface TypeScore {
  gold: number;
  /** Gold entities whose every letter/digit ended up inside some redacted span (no leak). */
  recalled: number;
  /** Gold entities overlapped by a prediction of the same type. */
  typedRecalled: number;
  predicted: number;
  /** Predictions that overlap some gold entity (of any type). */
  correctPredicted: number;
}
export interface Scores {
  perType: Record<
    PiiType,
    TypeScore & { recall: number | null; typedRecall: number | null; precision: number | null }
  >;
  overall: { recall: number; precision: number; gold: number; predicted: number };
}

const empty = (): TypeScore => ({
  gold: 0,
  recalled: 0,
  typedRecalled: 0,
  predicted: 0,
  correctPredicted: 0,
});

export class Scorer {
  private readonly t = new Map<PiiType, TypeScore>(PII_TYPES.map((k) => [k, empty()]));

  add(
    text: string,
    gold: GoldEntity[],
    predicted: Array<{ type: PiiType; start: number; end: number }>,
  ): void {
    const covered = new Uint8Array(text.length);
    for (const p of predicted) covered.fill(1, p.start, p.end);
    for (const g of gold) {
      const s = this.t.get(g.type)!;
      s.gold++;
      let leak = false;
      for (let i = g.start; i < g.end; i++) if (!covered[i] && /[A-Za-z0-9]/.test(text[i]!)) leak = true;
      if (!leak) s.recalled++;
      if (predicted.some((p) => p.type === g.type && p.start < g.end && p.end > g.start)) s.typedRecalled++;
    }
    for (const p of predicted) {
      const s = this.t.get(p.type)!;
      s.predicted++;
      if (gold.some((g) => p.start < g.end && p.end > g.start)) s.correctPredicted++;
    }
  }

  result(): Scores {
    const ratio = (a: number, b: number): number | null =>
      b === 0 ? null : Math.round((a / b) * 10000) / 10000;
    const perType = {} as Scores['perType'];
    let g = 0;
    let r = 0;
    let p = 0;
    let c = 0;
    for (const [k, s] of this.t) {
      perType[k] = {
        ...s,
        recall: ratio(s.recalled, s.gold),
        typedRecall: ratio(s.typedRecalled, s.gold),
        precision: ratio(s.correctPredicted, s.predicted),
      };
      g += s.gold;
      r += s.recalled;
      p += s.predicted;
      c += s.correctPredicted;
    }
    return {
      perType,
      overall: { recall: ratio(r, g) ?? 0, precision: ratio(c, p) ?? 0, gold: g, predicted: p },
    };
  }
}
