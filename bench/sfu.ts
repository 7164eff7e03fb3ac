/**
 * SFU capacity bench: `npm run bench:sfu` prints one JSON document.
 *
 * Realistic 1:1 consultations on ONE mediasoup worker (the system under test), loopback only:
 * - each consultation = 2 peers; each peer sends Opus (~32 kb/s) + VP8 simulcast 150/500/1200 kb/s
 *   and receives the other's audio + one video layer => 4 producers, 4 consumers;
 * - RTP is real: one ffmpeg encodes testsrc/sine once; a separate "load generator" mediasoup
 *   worker fans it out (pipe consumers, all three simulcast layers) over SRTP-protected plain
 *   transports to every peer's send transport, and swallows what the SUT forwards (SRTP again),
 *   so the SUT does what it does for browsers: SRTP decrypt, route, SRTP encrypt, send;
 * - consultations are added in steps; at each step the SUT worker's CPU (getrusage of the worker
 *   process) is sampled until it saturates (>= 85 % of a core) or the time budget runs out.
 * Also measured: time from a join request to the first RTP packet at a consumer (server side: join,
 * transport, consume, connect, resume; a plain UDP socket stands in for the client).
 *
 * The load generator (its mediasoup worker, ffmpeg, this process relaying ffmpeg's packets) runs on
 * the same cores: its CPU is reported apart from the SUT's at every step.
 *
 * The JSON is always printed: whole, or partial (`partial: true`, with why) when the hard time
 * limit strikes or something fails; a failure to start the SFU says what failed (a port another
 * process holds is not a missing worker binary).
 *
 * Env: BENCH_SFU_BUDGET_S (default 110), BENCH_SFU_MAX_CONSULTATIONS (default 200),
 * BENCH_SFU_HARD_LIMIT_S (default 175), BENCH_SFU_PORT_BASE (default 0 = ports picked by the OS;
 * set it to run on fixed ports as a deployment does).
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import os from 'node:os';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSfu, SfuStartError, type PeerSession, type Sfu } from '@telehealth/sfu';
import { ROUTER_MEDIA_CODECS } from '@telehealth/sfu/media-params';
import {
  audioRtpParameters,
  hasFfmpeg,
  startFfmpegSource,
  videoRtpParameters,
  VIDEO_LAYERS,
  type FfmpegSource,
} from '@telehealth/sfu/testing/ffmpeg';

const BUDGET_MS = Number(process.env.BENCH_SFU_BUDGET_S ?? 110) * 1000;
const HARD_LIMIT_MS = Number(process.env.BENCH_SFU_HARD_LIMIT_S ?? 175) * 1000;
const PORT_BASE = Number(process.env.BENCH_SFU_PORT_BASE ?? 0);
const MAX_CONSULTATIONS = Number(process.env.BENCH_SFU_MAX_CONSULTATIONS ?? 200);
const SATURATION = 0.85;
const SAMPLE_ROOMS = 8;
const MEDIASOUP_GUIDANCE_CONSUMERS_PER_WORKER = 500;
const FPS = 30;
const t0 = Date.now();
const loadAtStart = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
const elapsed = () => Date.now() - t0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (...a: unknown[]) => console.error('[bench:sfu]', ...a);

type Source = { video: types.Producer; audio: types.Producer };

async function main() {
  if (!hasFfmpeg()) throw new Error('ffmpeg not found (apt-get install -y ffmpeg)');
  const workerBin = process.env.MEDIASOUP_WORKER_BIN;
  const sfu = await createSfu({
    workers: 1,
    rtcPortBase: PORT_BASE,
    logLevel: 'error',
    maxPeersPerRoom: 2,
    ...(workerBin ? { workerBin } : {}),
  });
  const gen = await mediasoup.createWorker({ logLevel: 'error', ...(workerBin ? { workerBin } : {}) });
  loadGenerator.worker = gen;
  const genRouter = await gen.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
  const ffmpegs: FfmpegSource[] = [];
  const cleanup = async () => {
    for (const f of ffmpegs) await f.stop();
    gen.close();
    await sfu.close();
  };
  try {
    // One live encode, fanned out by the generator worker.
    const ingest = await genRouter.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
    });
    const source: Source = {
      video: await ingest.produce({ kind: 'video', rtpParameters: videoRtpParameters(VIDEO_LAYERS) }),
      audio: await ingest.produce({ kind: 'audio', rtpParameters: audioRtpParameters() }),
    };
    ffmpegs.push(
      await startFfmpegSource({
        target: { ip: '127.0.0.1', port: ingest.tuple.localPort },
        layers: VIDEO_LAYERS,
        audio: true,
        fps: FPS,
        noise: true,
        gop: FPS / 2,
        maxSeconds: 180,
      }),
    );
    loadGenerator.ffmpegPids = ffmpegs.flatMap((f) => (f.pid ? [f.pid] : []));
    stopAll = cleanup;
    await waitUntil(
      async () => (await source.video.getStats()).length === VIDEO_LAYERS.length,
      'all simulcast layers from ffmpeg',
      15_000,
    );
    const sourceKbps = await measureSourceKbps(source);
    log('source kbps', sourceKbps);
    report.scenario = {
      consultation: '1:1, each peer sends opus + VP8 simulcast (3 layers), receives audio + top video layer',
      sourceKbpsPerPeer: sourceKbps,
      receivedKbpsPerPeer: sourceRates.audioKbps + sourceRates.topLayerKbps,
      transport: 'plain RTP with SRTP AEAD_AES_256_GCM both ways, loopback',
      producersPerConsultation: 4,
      consumersPerConsultation: CONSUMERS_PER_CONSULTATION,
      saturationThresholdCpu: SATURATION,
    };

    await pickBlackHolePort();
    // Join -> first RTP, before load.
    report.joinToFirstRtpMs.idle = await measureFirstRtp(sfu, genRouter, source, 'idle', 3);

    const steps = report.steps;
    let consultations = 0;
    let stepSize = 4;
    report.stoppedBecause = 'time budget or consultation cap';
    // Leave time for the loaded join->first-RTP probe and teardown.
    while (consultations < MAX_CONSULTATIONS && elapsed() < BUDGET_MS - 20_000) {
      const target = Math.min(MAX_CONSULTATIONS, consultations + stepSize);
      while (consultations < target && elapsed() < BUDGET_MS - 25_000) {
        const batch = Array.from({ length: Math.min(8, target - consultations) }, () => consultations++);
        await Promise.all(batch.map((n) => addConsultation(sfu, genRouter, source, n)));
      }
      log(`setup done at ${elapsed()} ms, node cpu ${Math.round(process.cpuUsage().user / 1000)} ms`);
      await sleep(3000); // consumers settle on their layers (keyframes every 0.5 s)
      const step = await measureStep(sfu, consultations);
      steps.push(step);
      log(`t=${elapsed()} ms`, JSON.stringify(step));
      if (step.cpu >= SATURATION) {
        report.saturated = true;
        report.stoppedBecause = 'SUT worker CPU saturated';
        break;
      }
      if (step.sutRecvMbps < 0.6 * step.expectedRecvMbps && steps.length >= 2) {
        report.stoppedBecause =
          'the load generator (same cores) could not keep up; capacity is extrapolated from the SUT CPU per carried consultation';
        break;
      }
      // Aim the next step at ~1/3 of the remaining headroom (at least 4 consultations).
      const perConsultation = step.cpu / consultations;
      const remaining = perConsultation > 0 ? (SATURATION - step.cpu) / perConsultation : stepSize * 2;
      stepSize = Math.max(4, Math.min(24, Math.round(remaining / 3)));
    }
    report.joinToFirstRtpMs.loaded = await measureFirstRtp(sfu, genRouter, source, 'loaded', 2);
    printReport({ partial: false });
  } finally {
    await cleanup();
  }
}

const CONSUMERS_PER_CONSULTATION = 4;

/** The mediasoup worker, ffmpeg and this process: what generates and sinks the load. */
const loadGenerator: { worker: types.Worker | null; ffmpegPids: number[] } = { worker: null, ffmpegPids: [] };

/** What the run found so far; printed once, whole or partial. */
const report = {
  bench: 'sfu',
  mediasoup: mediasoup.version,
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg1mBefore: loadAtStart },
  scenario: null as unknown,
  steps: [] as Step[],
  saturated: false,
  stoppedBecause: 'not started',
  joinToFirstRtpMs: { idle: null as unknown, loaded: null as unknown },
};

/** Capacity from the steps measured so far (a partial run extrapolates from fewer points). */
function summarize() {
  const steps = report.steps;
  const last = steps.at(-1);
  if (!last) return {};
  const slope = regressionSlope(steps.map((s) => [s.effectiveConsultations, s.cpu]));
  const cpuPerConsultation = slope > 0 ? slope : last.cpu / last.effectiveConsultations;
  const consumersAtSaturation =
    report.saturated && last
      ? last.consumers
      : Math.round((SATURATION / cpuPerConsultation) * CONSUMERS_PER_CONSULTATION);
  return {
    consumersPerWorkerAtSaturation: consumersAtSaturation,
    consumersPerWorkerAtSaturationIsExtrapolated: !report.saturated,
    cpuPerConsultationPctOfCore: round(cpuPerConsultation * 100, 3),
    mediasoupGuidanceConsumersPerWorker: MEDIASOUP_GUIDANCE_CONSUMERS_PER_WORKER,
    ratioToGuidance: round(consumersAtSaturation / MEDIASOUP_GUIDANCE_CONSUMERS_PER_WORKER, 2),
    // At the last step: the SUT's share of the machine next to the load generator's.
    lastStepCpu: { sut: last.cpu, loadGenerator: last.loadGenerator },
  };
}

let printed = false;
function printReport(extra: {
  partial: boolean;
  stoppedBecause?: string;
  error?: { kind: string; message: string };
}) {
  if (printed) return;
  printed = true;
  console.log(
    JSON.stringify(
      {
        ...report,
        ...summarize(),
        ...extra,
        durationS: round(elapsed() / 1000, 1),
        notes: [
          'cpu = SUT worker process user+system time / wall time (1.0 = one core); loadGenerator the same for the generator worker, ffmpeg and this process (which relays ffmpeg and collects stats), measured over the same window.',
          'The load generator shares the cores with the SUT; when it cannot keep up (deliveredRatio < 1) the SUT carries fewer packets, so CPU is divided by effectiveConsultations (consultations x carried/expected bytes) and capacity = 85 % of a core / CPU per carried consultation (linear fit).',
          'joinToFirstRtp video waits for a keyframe (ffmpeg ignores PLI; GOP 0.5 s), audio does not; a browser answers the PLI at once.',
          'partial: true = the run stopped early (time limit or failure); the steps so far are real measurements.',
        ],
      },
      null,
      2,
    ),
  );
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU ms (user + system) of a process from /proc (ffmpeg is not ours to ask). */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU ms so far of each part of the load generator. */
async function loadGeneratorCpuMs() {
  const u = await loadGenerator.worker?.getResourceUsage();
  const own = process.cpuUsage();
  return {
    generatorWorker: u ? u.ru_utime + u.ru_stime : 0,
    ffmpeg: loadGenerator.ffmpegPids.reduce((a, pid) => a + procCpuMs(pid), 0),
    benchProcess: (own.user + own.system) / 1000,
  };
}

type Step = {
  consultations: number;
  consumers: number;
  producers: number;
  cpu: number;
  sutRecvMbps: number;
  expectedRecvMbps: number;
  sutSendMbps: number;
  expectedSendMbps: number;
  deliveredRatio: number;
  effectiveConsultations: number;
  cpuPerEffectiveConsultationPct: number;
  /** Cores used by the load generator over the same window, by part (not the SUT's work). */
  loadGenerator: { generatorWorker: number; ffmpeg: number; benchProcess: number; total: number };
};

const sourceRates = { audioKbps: 0, topLayerKbps: 0, totalKbps: 0, layersKbps: [] as number[] };

/** Actual bitrates of what ffmpeg sends (the encoder undershoots its targets on testsrc). */
async function measureSourceKbps(source: Source) {
  const snap = async () => {
    const v = await source.video.getStats();
    const a = await source.audio.getStats();
    return {
      layers: VIDEO_LAYERS.map((l) => v.find((s) => s.ssrc === l.ssrc)?.byteCount ?? 0),
      audio: a[0]?.byteCount ?? 0,
    };
  };
  const s0 = await snap();
  await sleep(3000);
  const s1 = await snap();
  const kbps = (b: number) => Math.round((b * 8) / 3 / 1000);
  sourceRates.layersKbps = s1.layers.map((b, i) => kbps(b - s0.layers[i]!));
  sourceRates.topLayerKbps = sourceRates.layersKbps.at(-1)!;
  sourceRates.audioKbps = kbps(s1.audio - s0.audio);
  sourceRates.totalKbps = sourceRates.layersKbps.reduce((a, b) => a + b, 0) + sourceRates.audioKbps;
  return { ...sourceRates };
}

/**
 * The sinks are not browsers: they send no transport-cc/REMB feedback, so bandwidth estimation
 * would hold consumers on a low layer. Without BWE feedback mediasoup forwards the preferred (top)
 * layer, which is what a well-connected 1:1 viewer receives.
 */
function withoutBwe(caps: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: caps.codecs?.map((c) => ({
      ...c,
      rtcpFeedback: (c.rtcpFeedback ?? []).filter((f) => f.type !== 'transport-cc' && f.type !== 'goog-remb'),
    })),
    headerExtensions: caps.headerExtensions?.filter(
      (h) => !h.uri.includes('transport-wide-cc') && !h.uri.includes('abs-send-time'),
    ),
  };
}

/** Per peer: a generator "feeder" transport -> SUT send transport; SUT recv transport -> generator sink. */
async function addConsultation(sfu: Sfu, genRouter: types.Router, source: Source, n: number) {
  const room = await sfu.getOrCreateRoom(`bench-${n}`);
  const peers: PeerSession[] = [];
  for (const [id, role] of [
    ['d', 'doctor'],
    ['p', 'patient'],
  ] as const) {
    const joined = await room.join(`${id}${n}`, {
      role,
      displayName: role,
      rtpCapabilities: withoutBwe(room.rtpCapabilities),
    });
    if (!joined.ok) throw new Error(joined.message);
    const peer = joined.value.peer;
    peers.push(peer);
    const send = must(await peer.createPlainTransport({ direction: 'send', srtp: true }));
    const feeder = await genRouter.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: 'AEAD_AES_256_GCM',
    });
    await feeder.connect({ ip: send.ip, port: send.port, srtpParameters: send.srtpParameters! });
    must(await peer.connectPlainTransport(send.id, { srtpParameters: feeder.srtpParameters! }));
    for (const [producer, source_, kind] of [
      [source.audio, 'mic', 'audio'],
      [source.video, 'camera', 'video'],
    ] as const) {
      const c = await feeder.consume({
        producerId: producer.id,
        rtpCapabilities: genRouter.rtpCapabilities,
        pipe: true,
      });
      const rtpParameters = {
        ...c.rtpParameters,
        encodings: c.rtpParameters.encodings?.map(({ ssrc, rid, scalabilityMode }) => ({
          ssrc,
          rid,
          scalabilityMode,
        })),
      };
      must(await peer.produce(send.id, { kind, source: source_, rtpParameters }));
    }
  }
  // Each side receives the other's audio + video. The SUT encrypts and sends it exactly as for a
  // browser, to a loopback port nobody listens on: the kernel drops it, so no generator CPU is
  // spent decrypting it (on a 2-core machine the generator, not the SUT, would saturate first).
  for (const [me, other] of [
    [peers[0]!, peers[1]!],
    [peers[1]!, peers[0]!],
  ] as const) {
    const recv = must(await me.createPlainTransport({ direction: 'recv', srtp: true }));
    must(
      await me.connectPlainTransport(recv.id, {
        ip: '127.0.0.1',
        port: blackHolePort,
        srtpParameters: randomSrtpKeys(),
      }),
    );
    const stats = must(await other.getStats());
    for (const p of stats.producers) {
      const c = must(await me.consume(recv.id, p.id));
      must(await me.resumeConsumer(c.consumerId));
    }
  }
}

let blackHolePort = 0;
async function pickBlackHolePort() {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  blackHolePort = s.address().port;
  s.close();
}

function randomSrtpKeys(): types.SrtpParameters {
  return { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: randomBytes(44).toString('base64') };
}

async function measureStep(sfu: Sfu, consultations: number): Promise<Step> {
  const usage = async () => (await sfu.workerUsage())[0]!.cpuMs;
  /** SUT bytes in (from the generator) and out (forwarded), over all bench peers. */
  const sent = async () => {
    // A sample of rooms, scaled up: stats requests queue behind RTP in a busy worker.
    const all = (await sfu.rooms()).filter((r) => r.id.startsWith('bench-'));
    const every = Math.max(1, Math.floor(all.length / SAMPLE_ROOMS));
    const rooms = all.filter((_, i) => i % every === 0).slice(0, SAMPLE_ROOMS);
    const scale = all.length / Math.max(1, rooms.length);
    const perPeer = await Promise.all(
      rooms.flatMap((room) => room.peerIds().map((id) => room.getPeer(id)?.getStats())),
    );
    let out = 0;
    let inb = 0;
    for (const s of perPeer)
      if (s?.ok)
        for (const t of s.value.transports) {
          if (t.direction === 'recv') out += t.bytesSent;
          else inb += t.bytesReceived;
        }
    return { out: out * scale, in: inb * scale };
  };
  // CPU and bytes each over their own exact window (collecting stats takes time under load).
  const b0 = await sent();
  const tb0 = Date.now();
  const g0 = await loadGeneratorCpuMs();
  const c0 = await usage();
  const tc0 = Date.now();
  await sleep(3000);
  const c1 = await usage();
  const tc1 = Date.now();
  const g1 = await loadGeneratorCpuMs();
  const cores = (a: number, b: number) => round((b - a) / (tc1 - tc0), 3);
  const loadGen = {
    generatorWorker: cores(g0.generatorWorker, g1.generatorWorker),
    ffmpeg: cores(g0.ffmpeg, g1.ffmpeg),
    benchProcess: cores(g0.benchProcess, g1.benchProcess),
  };
  const b1 = await sent();
  const wall = Date.now() - tb0;
  const w = sfu.workers()[0]!;
  const mbps = (bytes: number) => (bytes * 8) / (wall / 1000) / 1e6;
  const sutSendMbps = mbps(b1.out - b0.out);
  const sutRecvMbps = mbps(b1.in - b0.in);
  // Each peer receives the source's audio + its top video layer, and sends all of the source.
  const expectedSendMbps = (consultations * 2 * (sourceRates.audioKbps + sourceRates.topLayerKbps)) / 1000;
  const expectedRecvMbps = (consultations * 2 * sourceRates.totalKbps) / 1000;
  // If the generator (same cores) could not keep up, the SUT did proportionally less work:
  // the consultations it actually carried are what its CPU paid for.
  const effectiveConsultations =
    consultations * ((sutSendMbps + sutRecvMbps) / (expectedSendMbps + expectedRecvMbps));
  return {
    consultations,
    consumers: w.consumers,
    producers: w.producers,
    cpu: round((c1 - c0) / (tc1 - tc0), 3),
    sutRecvMbps: round(sutRecvMbps, 1),
    expectedRecvMbps: round(expectedRecvMbps, 1),
    sutSendMbps: round(sutSendMbps, 1),
    expectedSendMbps: round(expectedSendMbps, 1),
    deliveredRatio: round(sutSendMbps / expectedSendMbps, 2),
    effectiveConsultations: round(effectiveConsultations, 1),
    cpuPerEffectiveConsultationPct: round((((c1 - c0) / (tc1 - tc0)) * 100) / effectiveConsultations, 3),
    loadGenerator: {
      ...loadGen,
      total: round(loadGen.generatorWorker + loadGen.ffmpeg + loadGen.benchProcess, 3),
    },
  };
}

/** Join request -> first RTP packet at a consumer, for `samples` fresh viewers. */
async function measureFirstRtp(
  sfu: Sfu,
  genRouter: types.Router,
  source: Source,
  label: string,
  samples: number,
) {
  const audio: number[] = [];
  const video: number[] = [];
  for (let i = 0; i < samples; i++) {
    const roomId = `probe-${label}-${i}`;
    const room = await sfu.getOrCreateRoom(roomId);
    // A sender peer fed by the generator (not timed).
    const sender = must(
      await room.join('s', { role: 'doctor', displayName: 's', rtpCapabilities: room.rtpCapabilities }),
    ).peer;
    const send = must(await sender.createPlainTransport({ direction: 'send' }));
    const feeder = await genRouter.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: false,
    });
    await feeder.connect({ ip: send.ip, port: send.port });
    const producerIds: Record<'audio' | 'video', string> = { audio: '', video: '' };
    for (const [producer, src, kind] of [
      [source.audio, 'mic', 'audio'],
      [source.video, 'camera', 'video'],
    ] as const) {
      const c = await feeder.consume({
        producerId: producer.id,
        rtpCapabilities: genRouter.rtpCapabilities,
        pipe: true,
      });
      const rtpParameters = {
        ...c.rtpParameters,
        encodings: c.rtpParameters.encodings?.map(({ ssrc, rid, scalabilityMode }) => ({
          ssrc,
          rid,
          scalabilityMode,
        })),
      };
      producerIds[kind] = must(
        await sender.produce(send.id, { kind, source: src, rtpParameters }),
      ).producerId;
    }
    await sleep(1200); // the sender is live before the viewer asks to join
    for (const kind of ['audio', 'video'] as const) {
      const sock = dgram.createSocket('udp4');
      await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
      const first = new Promise<number>((resolve) => sock.once('message', () => resolve(performance.now())));
      const start = performance.now();
      const joined = must(
        await room.join(`v-${kind}`, {
          role: 'patient',
          displayName: 'v',
          rtpCapabilities: withoutBwe(room.rtpCapabilities),
        }),
      );
      const viewer = joined.peer;
      const recv = must(await viewer.createPlainTransport({ direction: 'recv' }));
      must(await viewer.connectPlainTransport(recv.id, { ip: '127.0.0.1', port: sock.address().port }));
      const c = must(await viewer.consume(recv.id, producerIds[kind]));
      must(await viewer.resumeConsumer(c.consumerId));
      const at = await Promise.race([first, sleep(5000).then(() => NaN)]);
      (kind === 'audio' ? audio : video).push(round(at - start, 1));
      sock.close();
      viewer.leave();
    }
    room.close();
    feeder.close();
  }
  return { audio: summary(audio), video: summary(video) };
}

function summary(xs: number[]) {
  const ok = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    samples: xs.length,
    timeouts: xs.length - ok.length,
    p50: ok.length ? ok[Math.floor((ok.length - 1) / 2)] : null,
    max: ok.length ? ok.at(-1) : null,
    all: xs,
  };
}

function regressionSlope(points: [number, number][]): number {
  if (points.length < 2) return NaN;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? num / den : NaN;
}

function must<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

async function waitUntil(fn: () => Promise<boolean>, what: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await sleep(200);
  }
  throw new Error(`timed out: ${what}`);
}

function round(x: number, d: number) {
  return Math.round(x * 10 ** d) / 10 ** d;
}

let stopAll: (() => Promise<void>) | undefined;
const hardStop = setTimeout(() => {
  console.error(`[bench:sfu] hard time limit (${HARD_LIMIT_MS / 1000} s) reached`);
  printReport({ partial: true, stoppedBecause: `hard time limit (${HARD_LIMIT_MS / 1000} s)` });
  void Promise.race([stopAll?.(), sleep(3000)]).finally(() => process.exit(2));
}, HARD_LIMIT_MS);
hardStop.unref();

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    // Still a JSON document, saying what failed: a port another process holds is not a missing binary.
    printReport({
      partial: true,
      stoppedBecause: 'failed',
      error: {
        kind: err instanceof SfuStartError ? err.reason : 'other',
        message: (err as Error)?.message ?? String(err),
      },
    });
    process.exit(1);
  },
);
