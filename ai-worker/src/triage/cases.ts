import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { gather } from './evidence.ts';
import { PrioritySchema, TriageInputSchema, type Priority } from './schema.ts';
import { createCaseIndex, digestOf, featuresOf, type CaseDigest, type CaseIndex } from './similar.ts';

/**
 * The labelled descriptions the similar-cases layer compares with: the evaluation splits that
 * tuning has already spent (ai-worker/eval/FRESH.md says which). A split frozen as a holdout joins
 * only after it has been scored, or it would measure nothing.
 */
export const CASE_SPLITS = ['dev', 'holdout', 'fresh'] as const;

export const CASES_DIR = fileURLToPath(new URL('../../eval/triage/', import.meta.url));
/**
 * The cases already read (normalised text and concepts): reading 765 descriptions takes seconds,
 * which every start would pay. `npm run -w ai-worker digest-cases` writes it; cases.test.ts fails
 * when it no longer matches what the current reader makes of the splits.
 */
export const DIGEST_FILE = join(CASES_DIR, 'cases-digest.json');

const CaseLineSchema = TriageInputSchema.extend({ expected: PrioritySchema });

const DigestFileSchema = z.object({
  splits: z.array(z.string()),
  cases: z.array(
    z.object({
      split: z.string(),
      expected: PrioritySchema,
      text: z.string(),
      concepts: z.array(z.string()),
      age: z.number(),
      pregnant: z.boolean(),
    }),
  ),
});
export type DigestFile = z.infer<typeof DigestFileSchema>;

/** Reads `<set>-<split>.jsonl` for each split from dir: the slow path, for the digest. */
export function digestCases(dir: string = CASES_DIR, splits: readonly string[] = CASE_SPLITS): DigestFile {
  const cases = readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const split = splits.find((s) => f.endsWith(`-${s}.jsonl`));
      if (!split) return [];
      return readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l): CaseDigest & { split: string; expected: Priority } => {
          const c = CaseLineSchema.parse(JSON.parse(l));
          return { split, expected: c.expected, ...digestOf(gather(c)) };
        });
    });
  return { splits: [...splits], cases };
}

/** The index of the digest's cases; `without` leaves a split out (to score that split fairly). */
export function indexOf(digest: DigestFile, without?: string): CaseIndex {
  return createCaseIndex(
    digest.cases
      .filter((c) => c.split !== without)
      .map((c) => ({ features: featuresOf(c), expected: c.expected })),
  );
}

export function readDigest(file: string = DIGEST_FILE): DigestFile {
  return DigestFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The shipped cases, from the digest. */
export function loadCaseIndex(file: string = DIGEST_FILE): CaseIndex {
  return indexOf(readDigest(file));
}
