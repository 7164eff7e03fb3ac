/**
 * Test/bench media sources: ffmpeg's lavfi `testsrc` (video) and `sine` (audio) encoded live and
 * sent as RTP. Simulcast needs three SSRCs on ONE UDP tuple (comedia latches onto the first
 * source address), so ffmpeg's outputs go to a local relay that forwards from a single socket.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { RtpParameters } from '../types.ts';

export const hasFfmpeg = (): boolean => spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

export const VP8_PT = 101;
export const OPUS_PT = 100;
export const H264_PT = 102;

export function h264RtpParameters(ssrc: number): RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/H264',
        payloadType: H264_PT,
        clockRate: 90000,
        parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
      },
    ],
    encodings: [{ ssrc }],
  };
}

export type SimulcastLayer = { width: number; height: number; kbps: number; ssrc: number };

export const VIDEO_LAYERS: SimulcastLayer[] = [
  { width: 320, height: 180, kbps: 150, ssrc: 11110000 },
  { width: 640, height: 360, kbps: 500, ssrc: 11110001 },
  { width: 1280, height: 720, kbps: 1200, ssrc: 11110002 },
];

export const AUDIO_SSRC = 22220000;

/** RTP parameters of what `startFfmpegSource` sends, for peer.produce on a plain transport. */
export function videoRtpParameters(layers: SimulcastLayer[]): RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PT,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
      },
    ],
    encodings: layers.map((l) => ({ ssrc: l.ssrc })),
  };
}

export function audioRtpParameters(ssrc = AUDIO_SSRC): RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc }],
  };
}

export type FfmpegSource = {
  stop(): Promise<void>;
  relayedPackets(): number;
  /** The encoder's process (its CPU is load generation, not SFU work: bench:sfu reports it apart). */
  pid: number | undefined;
};

/**
 * Starts ffmpeg sending `layers` (VP8 simulcast, lowest first) and optionally Opus to one target
 * (a comedia PlainTransport). fps kept low by default: tests need packets, not pretty video, and the
 * machine is shared.
 */
export async function startFfmpegSource(opts: {
  target: { ip: string; port: number };
  layers: SimulcastLayer[];
  audio?: boolean;
  fps?: number;
  audioSsrc?: number;
  /** Hard limit: ffmpeg stops by itself even if this process dies without cleaning up. */
  maxSeconds?: number;
  /** Add noise so the encoder needs its full bitrate (testsrc alone compresses far below it). */
  noise?: boolean;
  /** Video codec (default VP8). H264 is Constrained Baseline 3.1 (profile-level-id 42e01f). */
  codec?: 'vp8' | 'h264';
  /** Keyframe interval in frames (default: one per second). ffmpeg ignores PLI, so a new viewer waits for the next one. */
  gop?: number;
}): Promise<FfmpegSource> {
  const relay = dgram.createSocket('udp4');
  const out = dgram.createSocket('udp4');
  await new Promise<void>((r) => relay.bind(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => out.bind(0, '127.0.0.1', () => r()));
  let relayed = 0;
  relay.on('message', (msg) => {
    relayed++;
    out.send(msg, opts.target.port, opts.target.ip);
  });
  const relayPort = relay.address().port;
  const fps = opts.fps ?? 15;
  const t = String(opts.maxSeconds ?? 120);
  const top = opts.layers.at(-1)!;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-t',
    t,
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${top.width}x${top.height}:rate=${fps}`,
  ];
  if (opts.audio) args.push('-t', t, '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000');
  const n = opts.layers.length;
  const filter =
    `[0:v]${opts.noise ? 'noise=alls=12:allf=t,' : ''}split=${n}${opts.layers.map((_, i) => `[s${i}]`).join('')};` +
    opts.layers.map((l, i) => `[s${i}]scale=${l.width}:${l.height}[v${i}]`).join(';');
  args.push('-filter_complex', filter);
  const encoder =
    opts.codec === 'h264'
      ? [
          '-c:v',
          'libx264',
          '-profile:v',
          'baseline',
          '-level',
          '3.1',
          '-preset',
          'ultrafast',
          '-tune',
          'zerolatency',
          '-pix_fmt',
          'yuv420p',
        ]
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'];
  opts.layers.forEach((l, i) => {
    args.push(
      '-map',
      `[v${i}]`,
      ...encoder,
      '-threads',
      '1',
      '-b:v',
      `${l.kbps}k`,
      '-minrate',
      `${l.kbps}k`,
      '-maxrate',
      `${l.kbps}k`,
      '-bufsize',
      `${l.kbps}k`,
      '-g',
      String(opts.gop ?? fps),
      '-an',
      '-f',
      'rtp',
      '-ssrc',
      String(l.ssrc),
      '-payload_type',
      String(opts.codec === 'h264' ? H264_PT : VP8_PT),
      `rtp://127.0.0.1:${relayPort}?rtcpport=${relayPort}&pkt_size=1200`,
    );
  });
  if (opts.audio) {
    args.push(
      '-map',
      '1:a',
      '-c:a',
      'libopus',
      '-b:a',
      '32k',
      '-ac',
      '2',
      '-ar',
      '48000',
      '-vn',
      '-f',
      'rtp',
      '-ssrc',
      String(opts.audioSsrc ?? AUDIO_SSRC),
      '-payload_type',
      String(OPUS_PT),
      `rtp://127.0.0.1:${relayPort}?rtcpport=${relayPort}&pkt_size=1200`,
    );
  }
  const child: ChildProcess = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
  child.on('exit', (code, signal) => {
    if (code && !signal) console.error(`ffmpeg exited ${code}: ${stderr}`);
  });
  return {
    relayedPackets: () => relayed,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      relay.close();
      out.close();
    },
  };
}
