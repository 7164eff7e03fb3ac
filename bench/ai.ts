// npm run bench:ai — prints JSON: rules-mode triage and PII redaction scored on the independent
// evaluation sets in ai-worker/eval (triage/*-<split>.jsonl and redaction/<split>.jsonl,
// written from public guidance by people who never read the detectors; the holdouts were frozen
// before any tuning), redaction throughput, and rules-mode triage latency. The project's own seeded
// set (ai-worker/src/eval/generate.ts) is reported last, for regressions only: it was written by the
// detectors' author. A benchmark, not a test: nothing here asserts on numbers.
// Every split found is scored (dev, holdout, fresh, ... : see ai-worker/eval/FRESH.md for which were
// spent by tuning). SPLIT=dev (or a comma list) limits the run: tune on dev, never on a frozen split.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateEvalSet } from '@telehealth/ai-worker/eval/generate';
import { Scorer } from '@telehealth/ai-worker/eval/score';
import { redact, triage as triageRules } from '@telehealth/ai-worker';
import { CASE_SPLITS, indexOf, readDigest } from '@telehealth/ai-worker/triage/cases';
import { loadVignettes, scoreTriage, splitsIn } from './triage-eval.ts';
// @ts-expect-error plain ESM scorer shipped with the independent set (no types)
import { parseJsonl, scoreRedaction } from '../ai-worker/eval/redaction/score.mjs';

const evalDir = (p: string) => fileURLToPath(new URL(`../ai-worker/eval/${p}`, import.meta.url));
const wanted = process.env.SPLIT?.split(',').map((x) => x.trim());
const pick = (found: string[]) => found.filter((x) => !wanted || wanted.includes(x));
const triageSplits = pick(splitsIn(evalDir('triage')));
const redactionSplits = pick(splitsIn(evalDir('redaction')));

// What a patient gets in rules mode: the rules, then the similar-cases layer. A split the shipped
// cases include is scored against the others only (leave that split out), or it would find itself.
const digest = readDigest();
const independentTriage = Object.fromEntries(
  triageSplits.map((split) => {
    const shipped = (CASE_SPLITS as readonly string[]).includes(split);
    const cases = indexOf(digest, shipped ? split : undefined);
    const items = loadVignettes(evalDir('triage'), split);
    return [
      split,
      {
        similarCases: shipped
          ? `the other spent splits (${cases.size} cases)`
          : `all shipped (${cases.size} cases)`,
        rulesAndSimilarCases: scoreTriage(items, (v) => triageRules(v, { cases }).priority),
        rulesOnly: scoreTriage(items, (v) => triageRules(v).priority),
      },
    ];
  }),
);

interface RedactionNote {
  text: string;
}
const independentRedaction = Object.fromEntries(
  redactionSplits.map((split) => {
    const notes = parseJsonl(readFileSync(evalDir(`redaction/${split}.jsonl`), 'utf8')) as RedactionNote[];
    const r = scoreRedaction(notes, (text: string) => redact(text).entities);
    return [
      split,
      {
        notes: notes.length,
        coreRecall: r.coreRecall,
        precision: r.precision,
        keepRate: r.keepRate,
        perType: r.perType,
        misses: r.misses,
        keepMisses: r.keepMisses,
      },
    ];
  }),
);

const notes = generateEvalSet({ seed: Number(process.env.SEED ?? 20240611) });

function score(split: string | null, withProfile: boolean) {
  const s = new Scorer();
  for (const n of notes) {
    if (split && n.split !== split) continue;
    s.add(n.text, n.entities, redact(n.text, withProfile ? { knownPii: n.knownPii } : {}).entities);
  }
  const r = s.result();
  const perType = Object.fromEntries(
    Object.entries(r.perType)
      .filter(([, v]) => v.gold > 0 || v.predicted > 0)
      .map(([k, v]) => [
        k,
        {
          gold: v.gold,
          predicted: v.predicted,
          recall: v.recall,
          typedRecall: v.typedRecall,
          precision: v.precision,
        },
      ]),
  );
  return { notes: notes.filter((n) => !split || n.split === split).length, overall: r.overall, perType };
}

// Throughput on one core as a user gets it: a fresh process (bench/redact-throughput.ts) redacts the
// own set and the independent holdout in turn from a cold start until 10 MB have gone through; CPU
// time, so a loaded machine reads only somewhat lower.
function coldThroughput(): unknown {
  const script = fileURLToPath(new URL('./redact-throughput.ts', import.meta.url));
  const r = spawnSync(process.execPath, [...process.execArgv, script, evalDir('redaction/holdout.jsonl')], {
    encoding: 'utf8',
    env: process.env,
  });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout) as unknown;
}
const redactionThroughput = {
  note: 'process CPU time from the first redact() call of a fresh process over the first 10 MB (word lists, regex compilation and JIT warm-up included); perMb lists each megabyte',
  first10MbColdProcess: coldThroughput(),
};

const triageInputs = [
  { symptoms: 'chest pain spreading to my left arm with sweating', age: 58, sex: 'male' as const },
  { symptoms: 'fever for 5 days with body ache and headache', age: 34, sex: 'female' as const },
  { symptoms: 'itchy rash on both arms for a week, no fever', age: 22, sex: 'female' as const },
  { symptoms: 'my baby feels hot, fever 38.4, not feeding well', age: 0.15, sex: 'male' as const },
  { symptoms: 'I am 20 weeks pregnant and have some bleeding', age: 27, sex: 'female' as const },
];
const shippedCases = indexOf(digest);
for (const i of triageInputs) triageRules(i, { cases: shippedCases });
const lat: number[] = [];
for (let k = 0; k < 400; k++) {
  const i = triageInputs[k % triageInputs.length]!;
  const s = performance.now();
  triageRules(i, { cases: shippedCases });
  lat.push(performance.now() - s);
}
lat.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]! * 1000) / 1000;

console.log(
  JSON.stringify(
    {
      independent: {
        note: 'Headline figures: the newest frozen split (see ai-worker/eval/FRESH.md; dev and holdout were tuned against, fresh was scored before and after one round). Triage: sensitivity = emergencies answered emergency; misses list ids and kinds only. Redaction: a gold span counts as found when one predicted span covers at least 90% of it; keepRate = clinical terms (drug brands, eponyms, scores, tests, operations, blood groups) left untouched.',
        triage: independentTriage,
        redaction: independentRedaction,
      },
      ownSet: {
        notes: notes.length,
        splits: {
          dev: notes.filter((n) => n.split === 'dev').length,
          holdout: notes.filter((n) => n.split === 'holdout').length,
          blind: notes.filter((n) => n.split === 'blind').length,
        },
        templates: [...new Set(notes.map((n) => n.template))],
        note: "The detectors' author's own seeded set, kept to catch regressions. recall = gold entity fully covered by some redaction (no leaked letter/digit); precision = redaction overlaps some gold entity.",
        all: score(null, false),
        dev: score('dev', false),
        holdout: score('holdout', false),
        blind: score('blind', false),
        allWithPatientProfile: score(null, true),
      },
      redactionThroughput,
      triageRulesLatencyMs: { n: lat.length, p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
    },
    null,
    2,
  ),
);
