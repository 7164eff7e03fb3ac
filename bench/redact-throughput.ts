// Redaction throughput as a user gets it: run in a fresh process by bench/ai.ts, so nothing is warm.
// From the first redact() call (word lists load, regexes compile, memo tables fill, the JIT has not
// tiered up) the notes are redacted in turn until VOLUME_MB have gone through; process CPU time is
// read after every megabyte. A warmed-up median over a few passes (what the bench printed before)
// hid the first megabytes, which run at about half the steady rate.
// Prints one JSON object; argv[2..] are JSONL files of {text} notes to add to the own seeded set.
import { readFileSync } from 'node:fs';
import { generateEvalSet } from '@telehealth/ai-worker/eval/generate';
import { redact } from '@telehealth/ai-worker';

const VOLUME_MB = Number(process.env.REDACT_BENCH_MB ?? 10);

const texts = [
  ...generateEvalSet({ seed: Number(process.env.SEED ?? 20240611) }).map((n) => n.text),
  ...process.argv.slice(2).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text),
  ),
];
const sizes = texts.map((t) => Buffer.byteLength(t));

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};
const rate = (bytes: number, secs: number): number => Math.round((bytes / 1e6 / secs) * 100) / 100;

const start = process.cpuUsage();
let lap = start;
let bytes = 0;
let nextMark = 1e6;
const perMb: number[] = [];
for (let i = 0; bytes < VOLUME_MB * 1e6; i = (i + 1) % texts.length) {
  redact(texts[i]!);
  bytes += sizes[i]!;
  if (bytes >= nextMark) {
    perMb.push(rate(1e6, cpuSeconds(lap)));
    lap = process.cpuUsage();
    nextMark += 1e6;
  }
}
const total = cpuSeconds(start);

console.log(
  JSON.stringify({
    notes: texts.length,
    avgNoteBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / texts.length),
    megabytes: Math.round(bytes / 1e4) / 100,
    mbPerSec: rate(bytes, total),
    firstMbPerSec: perMb[0],
    lastMbPerSec: perMb[perMb.length - 1],
    perMb,
  }),
);
