/**
 * The pure half of bench/compare.ts: read a bench script's JSON report, flatten it to figures
 * ("storm.latencyMs.p50" → 41.2) and set the runs of two checkouts side by side with medians and
 * the after/before ratio. No I/O, so it is unit-tested without running a bench.
 */

export type Leaf = number | string | boolean | null;
export type Figures = Record<string, Leaf>;

export const Directions = ['lower', 'higher'] as const;
export type Direction = (typeof Directions)[number];

export type NumericFigure = {
  kind: 'number';
  before: number | null;
  after: number | null;
  /** after / before of the medians; null when either side is missing or before is 0. */
  ratio: number | null;
  /** Which way is an improvement, when the name says so (latency, CPU, memory, throughput). */
  better: Direction | null;
  beforeRuns: number[];
  afterRuns: number[];
};

/** Flags, labels and counts that are not measurements: the distinct values each side reported. */
export type OtherFigure = { kind: 'other'; before: Leaf[]; after: Leaf[]; same: boolean };

export type Figure = NumericFigure | OtherFigure;

/**
 * The last top-level JSON object on stdout. The benches print one indented document, but the
 * servers they fork share stdout and may log lines before it.
 */
export function lastJsonDocument(stdout: string): unknown {
  const lines = stdout.split('\n');
  for (let start = lines.length - 1; start >= 0; start--) {
    if (lines[start]!.trimEnd() !== '{') continue;
    for (let end = start; end < lines.length; end++) {
      if (lines[end]!.trimEnd() !== '}') continue;
      try {
        return JSON.parse(lines.slice(start, end + 1).join('\n'));
      } catch {
        // A '}' inside the document: try the next one.
      }
    }
  }
  const whole = stdout.trim();
  if (whole.startsWith('{')) return JSON.parse(whole);
  throw new Error('no JSON document on stdout');
}

/** Leaves of a JSON value by dotted path; array items by index. */
export function flattenFigures(doc: unknown, prefix = '', out: Figures = {}): Figures {
  if (doc === null || typeof doc !== 'object') {
    if (prefix) out[prefix] = doc === undefined ? null : (doc as Leaf);
    return out;
  }
  const entries = Array.isArray(doc) ? doc.map((v, i) => [String(i), v] as const) : Object.entries(doc);
  for (const [k, v] of entries) flattenFigures(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export function median(xs: readonly number[]): number | null {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const HIGHER_IS_BETTER = [/Per(Sec|Second)$/, /Throughput$/i];
const LOWER_IS_BETTER = [
  /Ms$/, // camelCase unit suffix: "p99Ms", "latencyMs" (not "rooms")
  /^p\d+$|P\d+$/, // a percentile, or a ratio of one ("chatP99")
  /Micros/,
  /Cpu/i,
  /Bytes/,
  /Memory/i,
  /^rss/,
  /^(errors|unbalanced|cacheMismatches)$/,
];
/** Sections that describe the run, not its results. */
const CONTEXT = new Set(['machine', 'params', 'data']);

/**
 * Improvement direction from a figure's path: the segment nearest the end that names a measure
 * decides, so "latencyMs.book.p99" is better lower and "deliveredPerSec" higher. Counts ("n",
 * "attempts"), parameters and CPU percentages (at an open offered load more CPU may just mean more
 * work done) stay null: their ratio says nothing by itself.
 */
export function betterDirection(path: string): Direction | null {
  const segments = path.split('.');
  if (CONTEXT.has(segments[0]!)) return null;
  const last = segments.at(-1)!;
  if (/Percent$/.test(last) || last === 'n') return null;
  for (const segment of segments.toReversed()) {
    if (HIGHER_IS_BETTER.some((r) => r.test(segment))) return 'higher';
    if (LOWER_IS_BETTER.some((r) => r.test(segment))) return 'lower';
  }
  return null;
}

const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Every figure either side reported, in the order the "before" report lists them. */
export function compareFigures(beforeRuns: readonly Figures[], afterRuns: readonly Figures[]) {
  const paths = [...new Set([...beforeRuns, ...afterRuns].flatMap((f) => Object.keys(f)))];
  const out: Record<string, Figure> = {};
  for (const path of paths) {
    const b = beforeRuns.map((f) => f[path]).filter((v) => v !== undefined);
    const a = afterRuns.map((f) => f[path]).filter((v) => v !== undefined);
    const numeric = [...b, ...a].every((v) => typeof v === 'number');
    if (numeric) {
      const bm = median(b as number[]);
      const am = median(a as number[]);
      out[path] = {
        kind: 'number',
        before: bm,
        after: am,
        ratio: bm === null || am === null || bm === 0 ? null : roundTo(am / bm, 3),
        better: betterDirection(path),
        beforeRuns: b as number[],
        afterRuns: a as number[],
      };
    } else {
      const distinct = (xs: Leaf[]) =>
        [...new Set(xs.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as Leaf);
      const bd = distinct(b as Leaf[]);
      const ad = distinct(a as Leaf[]);
      out[path] = {
        kind: 'other',
        before: bd,
        after: ad,
        same: JSON.stringify([...bd].sort()) === JSON.stringify([...ad].sort()),
      };
    }
  }
  return out;
}

/**
 * Whether `after` is worse than `before` by more than `tolerance` (0.05 = 5 %) in the figure's
 * better direction; null when the figure has no direction or a side is missing.
 */
export function isWorse(f: NumericFigure, tolerance: number): boolean | null {
  if (f.better === null || f.ratio === null) return null;
  return f.better === 'lower' ? f.ratio > 1 + tolerance : f.ratio < 1 - tolerance;
}
