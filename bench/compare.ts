/**
 * Before/after benchmark: runs one bench script in two checkouts alternately, before then after in
 * each round (A B A B …), on this machine in one run, and prints one JSON document with every figure
 * side by side (medians over rounds) and the after/before ratio. Alternating spreads the load of
 * whatever else runs on the shared machine over both sides alike; medians drop the odd slow round.
 *
 *   npx tsx bench/compare.ts <signaling|booking|payments|…|path/to/bench.ts> --before <checkout>
 *       [--after <checkout, default: this one>] [--rounds 3] [--timeout 600] [--tolerance 0.05]
 *       [--out file.json] [-- <arguments for the bench script>]
 *
 * The "before" checkout is a worktree of the base commit with its own install, e.g.
 *   git worktree add ../base <commit> && (cd ../base && npm ci --no-audit --no-fund)
 * and for issue #17: `bench/compare.ts signaling --before ../base -- --servers=ours,socketio-full
 * --only=chat,queue --repeat 1` (the CPU ratio is ours / Socket.IO doing the same work), then
 * `booking` and `payments` without bench arguments.
 *
 * Each side runs its own copy of the script with its own node_modules (`<checkout>/node_modules/.bin/tsx`,
 * cwd = the checkout), so each measures its own code. A failed or timed-out run is listed under
 * `failedRuns` and the comparison goes on with the runs that worked. Progress goes to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  compareFigures,
  flattenFigures,
  isWorse,
  lastJsonDocument,
  type Figures,
} from './compare-figures.ts';

/** The figures issue #17 asks about, per script: printed first, under `headline`. */
const HEADLINES: Record<string, string[]> = {
  'bench/signaling.ts': [
    'ratios.vsSocketIoSameWorkload.chatCpuPerDelivered',
    'results.ours.chat.serverCpuMicrosPerDelivered',
    'results.ours.chat.p99Ms',
    'results.ours.queue.p99Ms',
  ],
  'bench/booking.ts': [
    'storm.attemptsPerSecond',
    'mixed.attemptsPerSecond',
    'mixed.latencyMs.book.p50',
    'slotSearch.perDoctor30Days.latencyMs.p50',
    'slotSearch.doctorSearchNextSlot.latencyMs.p50',
  ],
  'bench/payments.ts': [
    'webhooks.deliveriesPerSecond',
    'webhooks.latencyMs.p50',
    'walletContention.spendsPerSecond',
    'walletContention.latencyMs.p50',
  ],
};

const Sides = ['before', 'after'] as const;
type Side = (typeof Sides)[number];

type RunResult =
  | { ok: true; figures: Figures; seconds: number }
  | { ok: false; reason: string; seconds: number; stderrTail: string };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    before: { type: 'string' },
    after: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '600' },
    tolerance: { type: 'string', default: '0.05' },
    out: { type: 'string' },
  },
});
const [scriptArg, ...benchArgs] = positionals;
const thisCheckout = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!scriptArg || !values.before) {
  console.error(
    'usage: tsx bench/compare.ts <script> --before <checkout> [--after <checkout>] [-- bench args]',
  );
  process.exit(2);
}
const script = /[/.]/.test(scriptArg) ? scriptArg : `bench/${scriptArg}.ts`;
const dirs: Record<Side, string> = {
  before: resolve(values.before),
  after: resolve(values.after ?? thisCheckout),
};
const rounds = Number(values.rounds);
const timeoutMs = Number(values.timeout) * 1000;
const tolerance = Number(values.tolerance);
if (isAbsolute(script))
  throw new Error('give the script relative to the checkout root: it runs in each checkout');
for (const side of Sides) {
  if (!existsSync(join(dirs[side], script))) throw new Error(`${dirs[side]} has no ${script}`);
  if (!existsSync(tsxOf(dirs[side])))
    throw new Error(`${dirs[side]} has no node_modules (npm ci there first)`);
}

function tsxOf(dir: string) {
  return join(dir, 'node_modules', '.bin', 'tsx');
}

const log = (msg: string) =>
  console.error(`[bench:compare] ${new Date().toISOString().slice(11, 19)} ${msg}`);

/** What the checkout holds: its commit, and whether uncommitted changes are measured too. */
async function describeCheckout(dir: string) {
  const git = (args: string[]) => capture('git', args, dir, 30_000);
  const head = await git(['rev-parse', 'HEAD']);
  const status = await git(['status', '--porcelain', '--untracked-files=no']);
  return {
    dir,
    commit: head.stdout.trim(),
    uncommittedChanges: status.stdout.split('\n').filter(Boolean).length,
  };
}

/**
 * Runs a command in its own process group, so a timeout also stops the servers a bench forked
 * (the signaling bench runs each server as a child process).
 */
function capture(cmd: string, args: string[], cwd: string, limitMs: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((done) => {
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const stopGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, limitMs);
    const onSignal = () => {
      stopGroup();
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.once('close', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), timedOut });
    });
  });
}

async function runOnce(dir: string): Promise<RunResult> {
  const t0 = performance.now();
  const r = await capture(tsxOf(dir), [script, ...benchArgs], dir, timeoutMs);
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const stderrTail = r.stderr.split('\n').slice(-15).join('\n');
  if (r.timedOut) return { ok: false, reason: `timed out after ${timeoutMs / 1000} s`, seconds, stderrTail };
  try {
    // A bench may exit non-zero after printing its report (booking does on a double booking): keep
    // the figures, the correctness flags in them show the failure.
    return { ok: true, figures: flattenFigures(lastJsonDocument(r.stdout)), seconds };
  } catch (err) {
    return { ok: false, reason: `exit ${r.code}: ${(err as Error).message}`, seconds, stderrTail };
  }
}

const started = new Date();
const checkouts = { before: await describeCheckout(dirs.before), after: await describeCheckout(dirs.after) };
const runs: Record<Side, Figures[]> = { before: [], after: [] };
const failedRuns: { round: number; side: Side; reason: string; stderrTail: string }[] = [];
const runLog: { round: number; side: Side; seconds: number; ok: boolean; loadavg1m: number }[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const side of Sides) {
    log(`round ${round}/${rounds} ${side}: ${script} in ${dirs[side]}`);
    const r = await runOnce(dirs[side]);
    runLog.push({
      round,
      side,
      seconds: r.seconds,
      ok: r.ok,
      loadavg1m: Math.round(loadavg()[0]! * 100) / 100,
    });
    if (r.ok) runs[side].push(r.figures);
    else {
      failedRuns.push({ round, side, reason: r.reason, stderrTail: r.stderrTail });
      log(`round ${round} ${side} failed: ${r.reason}`);
    }
  }
}

const figures = compareFigures(runs.before, runs.after);
const headline = Object.fromEntries(
  (HEADLINES[script] ?? []).flatMap((path) => {
    const f = figures[path];
    return f?.kind === 'number'
      ? [[path, { before: f.before, after: f.after, ratio: f.ratio, better: f.better }]]
      : [];
  }),
);
const worse = Object.entries(figures).flatMap(([path, f]) =>
  f.kind === 'number' && isWorse(f, tolerance) ? [{ path, ratio: f.ratio, better: f.better }] : [],
);
const report = {
  script,
  benchArgs,
  started: started.toISOString(),
  finished: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version },
  rounds,
  order: 'before then after in every round (A B A B …); figures are medians over the rounds that worked',
  checkouts,
  runsOk: { before: runs.before.length, after: runs.after.length },
  failedRuns,
  runLog,
  headline,
  /** Figures with a known better direction that moved the wrong way by more than the tolerance. */
  worseThanTolerance: { tolerance, figures: worse },
  figures,
};
const json = JSON.stringify(report, null, 2);
if (values.out) writeFileSync(values.out, json + '\n');
console.log(json);
if (runs.before.length === 0 || runs.after.length === 0) process.exitCode = 1;
