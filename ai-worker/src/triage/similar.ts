import type { Evidence } from './evidence.ts';
import { priorityRank, type Priority } from './schema.ts';

/**
 * The second layer of rules-mode triage: the description is compared with descriptions already
 * labelled by people who wrote them from public guidance (the spent evaluation splits, see
 * cases.ts), and a close neighbourhood of emergencies raises the answer. Rules read what the
 * lexicon knows; neighbours catch the same situation told in words no rule lists ("kal raat se
 * baby ki halchal mehsoos nahi hui" next to "baby hasn't moved since last night"). Raise-only: it
 * never lowers what the rules or the red-flag screen said.
 *
 * Features, TF-IDF weighted and cosine-compared: the normalised words (Devanagari and Hinglish
 * spellings already folded by normalise.ts) and their pairs, character 4-grams (inflections,
 * compounds, typos the spelling fixer left), the concepts the lexicon affirmed (negated and past
 * mentions are not there), and an age band.
 */

export type Features = ReadonlyMap<string, number>;

/**
 * What the features are made from: the normalised text and the affirmed concepts (the expensive
 * part of reading a description, kept so the shipped cases need not be re-read at every start).
 */
export interface CaseDigest {
  text: string;
  concepts: string[];
  age: number;
  pregnant: boolean;
}

export function digestOf(e: Evidence): CaseDigest {
  return {
    text: e.text,
    concepts: [...e.affirmed.keys()].sort(),
    age: e.age,
    pregnant: e.input.pregnant === true,
  };
}

export interface LabelledCase {
  features: Features;
  expected: Priority;
}

export interface SimilarVote {
  /** What the neighbourhood says (routine when it is not close or not clear enough). */
  priority: Priority;
  /** Cosine similarity of the nearest case, 0..1. */
  nearest: number;
  /** Share of the neighbours' similarity that voted for `priority` or higher. */
  share: number;
}

export interface CaseIndex {
  readonly size: number;
  vote(features: Features): SimilarVote;
}

export interface SimilarOptions {
  k: number;
  /** Per level raised to: how close the nearest case must be, and the share the level must hold. */
  emergency: { minNearest: number; minShare: number };
  urgent: { minNearest: number; minShare: number };
}

/** Tuned on dev+holdout against fresh (see ai-worker/README.md): then frozen with the corpus. */
export const SIMILAR_DEFAULTS: SimilarOptions = {
  k: 5,
  emergency: { minNearest: 0.15, minShare: 0.6 },
  urgent: { minNearest: 0.25, minShare: 0.7 },
};

const CONCEPT_WEIGHT = 2;
const GRAM_WEIGHT = 0.3;

function ageBand(age: number): string {
  return age < 1 ? 'infant' : age < 5 ? 'under5' : age < 16 ? 'child' : age < 65 ? 'adult' : 'older';
}

export function featuresOf(d: CaseDigest): Features {
  const f = new Map<string, number>();
  const add = (k: string, w: number) => f.set(k, (f.get(k) ?? 0) + w);
  const words = d.text.split(' ').filter((w) => /\p{L}|\p{N}/u.test(w));
  for (const w of words) add(`w:${w}`, 1);
  for (let i = 1; i < words.length; i++) add(`b:${words[i - 1]}_${words[i]}`, 1);
  const joined = ` ${words.join(' ')} `;
  for (let i = 0; i + 4 <= joined.length; i++) add(`g:${joined.slice(i, i + 4)}`, GRAM_WEIGHT);
  for (const c of d.concepts) add(`c:${c}`, CONCEPT_WEIGHT);
  add(`age:${ageBand(d.age)}`, 1);
  if (d.pregnant) add('pregnant', 1);
  return f;
}

type Vector = Map<string, number>;

function weigh(f: Features, idf: ReadonlyMap<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [k, tf] of f) {
    const w = idf.get(k);
    if (w === undefined) continue;
    const x = tf * w;
    v.set(k, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

export function createCaseIndex(
  cases: readonly LabelledCase[],
  opts: Partial<SimilarOptions> = {},
): CaseIndex {
  const o = { ...SIMILAR_DEFAULTS, ...opts };
  const k = o.k;
  const df = new Map<string, number>();
  for (const c of cases) for (const key of c.features.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [key, n] of df) idf.set(key, Math.log((cases.length + 1) / (n + 1)) + 1);
  const vectors = cases.map((c) => ({ v: weigh(c.features, idf), expected: c.expected }));
  // Postings: only cases sharing a feature are scored.
  const postings = new Map<string, { i: number; x: number }[]>();
  vectors.forEach(({ v }, i) => {
    for (const [key, x] of v) {
      const list = postings.get(key);
      if (list) list.push({ i, x });
      else postings.set(key, [{ i, x }]);
    }
  });

  return {
    size: cases.length,
    vote(features) {
      const q = weigh(features, idf);
      const sims = new Map<number, number>();
      for (const [key, x] of q)
        for (const p of postings.get(key) ?? []) sims.set(p.i, (sims.get(p.i) ?? 0) + x * p.x);
      const top = [...sims].sort((a, b) => b[1] - a[1]).slice(0, k);
      const nearest = top[0]?.[1] ?? 0;
      const total = top.reduce((s, [, x]) => s + x, 0);
      // The highest level whose neighbours (it or higher) hold enough of the similarity.
      for (const p of ['emergency', 'urgent'] as const) {
        const bar = o[p];
        if (nearest < bar.minNearest || total === 0) continue;
        const share =
          top
            .filter(([i]) => priorityRank(vectors[i]!.expected) >= priorityRank(p))
            .reduce((s, [, x]) => s + x, 0) / total;
        if (share >= bar.minShare) return { priority: p, nearest, share };
      }
      return { priority: 'routine', nearest, share: 0 };
    },
  };
}
