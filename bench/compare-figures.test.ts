import { describe, expect, it } from 'vitest';
import {
  betterDirection,
  compareFigures,
  flattenFigures,
  isWorse,
  lastJsonDocument,
  median,
  type NumericFigure,
} from './compare-figures.ts';

describe('compare figures', () => {
  it('lastJsonDocument() finds the report after server log lines', () => {
    const stdout = ['{"level":"info","msg":"listening"}', '{', '  "a": { "b": 1 }', '}', ''].join('\n');
    expect(lastJsonDocument(stdout)).toEqual({ a: { b: 1 } });
  });

  it('lastJsonDocument() reads a one-line document and refuses no document', () => {
    expect(lastJsonDocument('{"x":2}\n')).toEqual({ x: 2 });
    expect(() => lastJsonDocument('done\n')).toThrow('no JSON document');
  });

  it('flattenFigures() names leaves by dotted path, array items by index', () => {
    expect(flattenFigures({ storm: { latencyMs: { p50: 3 }, roundWallMs: [10, 12] }, ok: true })).toEqual({
      'storm.latencyMs.p50': 3,
      'storm.roundWallMs.0': 10,
      'storm.roundWallMs.1': 12,
      ok: true,
    });
  });

  it('median() of odd and even counts, ignoring non-finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('betterDirection() reads the measure from the path', () => {
    expect(betterDirection('results.ours.chat.serverCpuMicrosPerDelivered')).toBe('lower');
    expect(betterDirection('ratios.vsSocketIoSameWorkload.chatCpuPerDelivered')).toBe('lower');
    expect(betterDirection('ratios.vsSocketIoSameWorkload.chatThroughput')).toBe('higher');
    expect(betterDirection('results.ours.chat.deliveredPerSec')).toBe('higher');
    expect(betterDirection('storm.attemptsPerSecond')).toBe('higher');
    expect(betterDirection('mixed.latencyMs.book.p99')).toBe('lower');
    expect(betterDirection('mixed.latencyMs.book.max')).toBe('lower');
    expect(betterDirection('storm.roundWallMs.0')).toBe('lower');
    expect(betterDirection('mixed.latencyMs.book.n')).toBeNull();
    expect(betterDirection('results.ours.chat.rooms')).toBeNull();
    expect(betterDirection('results.ours.chat.serverCpuPercent')).toBeNull();
    expect(betterDirection('machine.loadavg1m')).toBeNull();
    expect(betterDirection('walletContention.statuses.201')).toBeNull();
  });

  it('compareFigures() sets medians side by side with the after/before ratio', () => {
    const out = compareFigures(
      [
        { 'x.p50Ms': 10, ok: true },
        { 'x.p50Ms': 30, ok: true },
        { 'x.p50Ms': 20, ok: true },
      ],
      [
        { 'x.p50Ms': 22, ok: true },
        { 'x.p50Ms': 21, ok: false },
        { 'x.p50Ms': 23, ok: true },
      ],
    );
    expect(out['x.p50Ms']).toEqual({
      kind: 'number',
      before: 20,
      after: 22,
      ratio: 1.1,
      better: 'lower',
      beforeRuns: [10, 30, 20],
      afterRuns: [22, 21, 23],
    });
    expect(out.ok).toEqual({ kind: 'other', before: [true], after: [true, false], same: false });
  });

  it('compareFigures() gives no ratio when a side lacks the figure or it was 0', () => {
    const out = compareFigures([{ a: 0, b: 1 }], [{ a: 5 }]);
    expect(out.a).toMatchObject({ before: 0, after: 5, ratio: null });
    expect(out.b).toMatchObject({ before: 1, after: null, ratio: null, afterRuns: [] });
  });

  it('isWorse() applies the tolerance in the better direction only', () => {
    const f = (ratio: number, better: NumericFigure['better']): NumericFigure => ({
      kind: 'number',
      before: 1,
      after: ratio,
      ratio,
      better,
      beforeRuns: [1],
      afterRuns: [ratio],
    });
    expect(isWorse(f(1.04, 'lower'), 0.05)).toBe(false);
    expect(isWorse(f(1.06, 'lower'), 0.05)).toBe(true);
    expect(isWorse(f(0.94, 'higher'), 0.05)).toBe(true);
    expect(isWorse(f(1.2, 'higher'), 0.05)).toBe(false);
    expect(isWorse(f(2, null), 0.05)).toBeNull();
  });
});
