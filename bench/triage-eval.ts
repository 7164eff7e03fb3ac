// Scores rules-mode triage on the independent vignette sets in ai-worker/eval/triage (written from
// public guidance by writers who never read the rules). Pure: the caller passes the triage function.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { priorityRank as rank, type Priority } from '@telehealth/ai-worker/triage/schema';

export interface Vignette {
  id: string;
  symptoms: string;
  age: number;
  sex: 'female' | 'male' | 'other' | 'unknown';
  pregnant?: boolean;
  expected: Priority;
  kind: string;
}

/** Every vignette of one split (`dev` or `holdout`) across the set's files (`en-`, `in-`, …). */
export function loadVignettes(dir: string, split: string): Vignette[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(`-${split}.jsonl`))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Vignette),
    );
}

/** The splits present in an evaluation folder: `<set>-<split>.jsonl` or `<split>.jsonl`, sorted. */
export function splitsIn(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, '').replace(/^.*-/, ''));
  return [...new Set(names)].sort();
}

export function scoreTriage(items: Vignette[], answer: (v: Vignette) => Priority) {
  const by = (p: Priority) => items.filter((v) => v.expected === p);
  const got = new Map(items.map((v) => [v.id, answer(v)]));
  const emergencies = by('emergency');
  const urgents = by('urgent');
  const routines = by('routine');
  const under = items.filter((v) => rank(got.get(v.id)!) < rank(v.expected));
  const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
  return {
    items: items.length,
    emergency: {
      n: emergencies.length,
      sensitivity: ratio(emergencies.filter((v) => got.get(v.id) === 'emergency').length, emergencies.length),
      answeredRoutine: emergencies.filter((v) => got.get(v.id) === 'routine').length,
    },
    urgent: {
      n: urgents.length,
      atLeastUrgent: ratio(urgents.filter((v) => rank(got.get(v.id)!) >= 1).length, urgents.length),
    },
    routine: {
      n: routines.length,
      overTriage: ratio(routines.filter((v) => got.get(v.id) !== 'routine').length, routines.length),
    },
    underTriage: { n: under.length, rate: ratio(under.length, items.length) },
    // Ids and kinds only: the texts stay in the set.
    misses: under.map((v) => ({ id: v.id, kind: v.kind, expected: v.expected, got: got.get(v.id) })),
    overTriaged: routines
      .filter((v) => got.get(v.id) !== 'routine')
      .map((v) => ({ id: v.id, kind: v.kind, got: got.get(v.id) })),
  };
}
