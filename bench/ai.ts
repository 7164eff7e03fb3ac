// npm run bench:ai — prints JSON: redaction throughput, recall/precision per entity type on the
// seeded evaluation set (dev / holdout / blind splits, see ai-worker/src/eval/generate.ts), and
// rules-mode triage latency. A benchmark, not a test: nothing here asserts on numbers.
import { generateEvalSet } from '@telehealth/ai-worker/eval/generate';
import { Scorer } from '@telehealth/ai-worker/eval/score';
import { redact, triage } from '@telehealth/ai-worker';

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

// Warm up (dictionary load, regex JIT), then time several passes over the whole set.
for (const n of notes.slice(0, 20)) redact(n.text);
const bytes = notes.reduce((a, n) => a + Buffer.byteLength(n.text), 0);
const passes = 5;
const t0 = performance.now();
for (let p = 0; p < passes; p++) for (const n of notes) redact(n.text);
const secs = (performance.now() - t0) / 1000;

const triageInputs = [
  { symptoms: 'chest pain spreading to my left arm with sweating', age: 58, sex: 'male' as const },
  { symptoms: 'fever for 5 days with body ache and headache', age: 34, sex: 'female' as const },
  { symptoms: 'itchy rash on both arms for a week, no fever', age: 22, sex: 'female' as const },
  { symptoms: 'my baby feels hot, fever 38.4, not feeding well', age: 0.15, sex: 'male' as const },
  { symptoms: 'I am 20 weeks pregnant and have some bleeding', age: 27, sex: 'female' as const },
];
for (const i of triageInputs) triage(i);
const lat: number[] = [];
for (let k = 0; k < 400; k++) {
  const i = triageInputs[k % triageInputs.length]!;
  const s = performance.now();
  triage(i);
  lat.push(performance.now() - s);
}
lat.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]! * 1000) / 1000;

console.log(
  JSON.stringify(
    {
      evaluationSet: {
        notes: notes.length,
        splits: {
          dev: notes.filter((n) => n.split === 'dev').length,
          holdout: notes.filter((n) => n.split === 'holdout').length,
          blind: notes.filter((n) => n.split === 'blind').length,
        },
        templates: [...new Set(notes.map((n) => n.template))],
        note: 'recall = gold entity fully covered by some redaction (no leaked letter/digit); precision = redaction overlaps some gold entity. Headline numbers: holdout and blind splits, without profile values.',
      },
      redaction: {
        throughput: {
          notesPerSec: Math.round((notes.length * passes) / secs),
          mbPerSec: Math.round(((bytes * passes) / 1e6 / secs) * 100) / 100,
          avgNoteBytes: Math.round(bytes / notes.length),
        },
        all: score(null, false),
        dev: score('dev', false),
        holdout: score('holdout', false),
        blind: score('blind', false),
        allWithPatientProfile: score(null, true),
      },
      triageRulesLatencyMs: { n: lat.length, p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
    },
    null,
    2,
  ),
);
