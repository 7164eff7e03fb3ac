import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import os from 'node:os';
import { z } from 'zod';

/** mediasoup worker log levels (what the C++ worker prints to stderr). */
export const SfuLogLevels = ['debug', 'warn', 'error', 'none'] as const;
export type SfuLogLevel = (typeof SfuLogLevels)[number];

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/**
 * TURN with the TURN REST API scheme (coturn's `use-auth-secret`): the server and coturn share
 * `secret`; each participant gets a username `<expiry unix seconds>:<userId>` and the credential
 * base64(HMAC-SHA1(secret, username)), so a browser never holds a password that outlives its call.
 */
export const TurnConfigSchema = z.object({
  urls: z.array(z.string().regex(/^turns?:/, 'TURN URL must start with turn: or turns:')).min(1),
  secret: z.string().min(16, 'must be at least 16 characters'),
  /** Lifetime of issued credentials; coturn refuses an allocation or refresh after it. */
  ttlS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(6 * 3600),
});
export type TurnConfig = z.infer<typeof TurnConfigSchema>;

/** `first-last`, e.g. 40000-40003: the UDP/TCP ports the deployment publishes for the SFU. */
const PortRangeSchema = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, 'must be first-last, e.g. 40000-40003')
  .transform((v, c) => {
    const [min, max] = v.split('-').map(Number) as [number, number];
    if (min < 1024 || max > 65535 || max < min) {
      c.addIssue({ code: 'custom', message: 'must be first-last within 1024-65535, first <= last' });
      return z.NEVER;
    }
    return { min, max };
  });

/**
 * SFU configuration. Everything has a development default, so `SfuConfigSchema.parse({})` works
 * on a laptop; production sets listen/announced addresses and TURN from the environment
 * (see `sfuConfigFromEnv`).
 */
export const SfuConfigSchema = z
  .object({
    /** mediasoup workers (one process each). Default: one per core. */
    workers: z.coerce
      .number()
      .int()
      .min(1)
      .max(128)
      .default(() => os.availableParallelism()),
    /** Address the WebRtcServer sockets bind to: 127.0.0.1 in dev, 0.0.0.0 in a container. */
    listenIp: z.string().min(1).default('127.0.0.1'),
    /** Public IP or hostname put into ICE candidates when it differs from listenIp (NAT, 0.0.0.0). */
    announcedAddress: z.string().min(1).optional(),
    /**
     * Worker i's WebRtcServer listens on rtcPortBase + i, UDP and TCP. 0 lets the OS pick a free port
     * per worker (tests; a port picked this way changes when a worker is replaced).
     */
    rtcPortBase: z.coerce.number().int().min(0).max(65000).default(40000),
    /**
     * Last port a worker may use (the end of the published range, SFU_RTC_PORTS): more workers than
     * the range holds is a configuration error, not a call that silently gets no media.
     */
    rtcPortMax: z.coerce.number().int().min(1).max(65535).optional(),
    /** TURN servers handed to clients as iceServers for networks that block UDP to the SFU. */
    turn: TurnConfigSchema.optional(),
    /** `relay` makes browsers use TURN only (to prove a TURN deployment); `all` tries the SFU directly first. */
    iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
    /** Path of the mediasoup-worker binary; falls back to MEDIASOUP_WORKER_BIN, then mediasoup's own. */
    workerBin: z.string().min(1).optional(),
    logLevel: z.enum(SfuLogLevels).default('error'),
    /** A consultation is 1:1, sometimes with an interpreter or a relative: keep rooms small. */
    maxPeersPerRoom: z.coerce.number().int().min(2).max(50).default(6),
    /**
     * Consumers on a worker beyond which a room's new peers are placed on a router on another worker
     * (piped with pipeToRouter). mediasoup's guidance is ~500 consumers per worker.
     */
    maxConsumersPerWorker: z.coerce.number().int().min(1).default(500),
    /** An empty room stays this long so a peer that lost its socket can rejoin the same room. */
    emptyRoomTimeoutMs: z.coerce.number().int().min(0).default(60_000),
    /**
     * mediasoup's ICE consent timeout: no STUN consent check from the client for this long =
     * ICE disconnected (then the SFU restarts ICE). The worker clamps it to 10..60 s.
     */
    iceConsentTimeoutS: z.coerce.number().int().min(10).max(60).default(30),
    /** A transport still ICE-disconnected after this long gets a server-side ICE restart. */
    iceDisconnectGraceMs: z.coerce.number().int().min(0).default(2_000),
    /** Restart requests closer together than this return the parameters of the previous restart. */
    iceRestartCoalesceMs: z.coerce.number().int().min(0).default(2_000),
    /** How often peers' connection quality is computed from transport/consumer stats. */
    qualityIntervalMs: z.coerce.number().int().min(100).default(5_000),
    activeSpeakerIntervalMs: z.coerce.number().int().min(100).default(300),
    initialAvailableOutgoingBitrate: z.coerce.number().int().min(100_000).default(1_000_000),
    /** Cap on what one peer may send (camera simulcast ~1.85 Mb/s + screen share ~1.5 Mb/s). */
    maxIncomingBitrate: z.coerce.number().int().min(100_000).default(3_500_000),
  })
  .superRefine((c, ctx) => {
    if (c.rtcPortMax === undefined) return;
    if (c.rtcPortBase === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['rtcPortBase'],
        message: 'a fixed port range needs fixed ports',
      });
    else if (c.rtcPortBase + c.workers - 1 > c.rtcPortMax)
      ctx.addIssue({
        code: 'custom',
        path: ['workers'],
        message: `SFU_WORKERS=${c.workers} needs ports ${c.rtcPortBase}-${c.rtcPortBase + c.workers - 1} but SFU_RTC_PORTS ends at ${c.rtcPortMax} (one UDP+TCP port per worker)`,
      });
  });
export type SfuConfig = z.infer<typeof SfuConfigSchema>;
export type SfuConfigInput = z.input<typeof SfuConfigSchema>;

/**
 * Reads the environment variables the host process documents:
 * SFU_WORKERS, SFU_LISTEN_IP, SFU_ANNOUNCED_ADDRESS, SFU_RTC_PORT_BASE or SFU_RTC_PORTS,
 * SFU_MAX_CONSUMERS_PER_WORKER, SFU_ICE_TRANSPORT_POLICY, TURN_URLS (comma separated), TURN_SECRET,
 * TURN_CREDENTIAL_TTL_S, MEDIASOUP_WORKER_BIN, SFU_LOG_LEVEL.
 * Throws a ZodError naming the bad variable's field when a value is invalid.
 */
export function sfuConfigFromEnv(env: Record<string, string | undefined> = process.env): SfuConfig {
  const v = (name: string) => {
    const x = env[name]?.trim();
    return x ? x : undefined;
  };
  const turnUrls = v('TURN_URLS');
  const range = v('SFU_RTC_PORTS') ? PortRangeSchema.parse(v('SFU_RTC_PORTS')) : undefined;
  // With a published range, one worker per core but never more than the range has ports.
  const workers =
    v('SFU_WORKERS') ?? (range ? Math.min(os.availableParallelism(), range.max - range.min + 1) : undefined);
  return SfuConfigSchema.parse({
    workers,
    listenIp: v('SFU_LISTEN_IP'),
    announcedAddress: v('SFU_ANNOUNCED_ADDRESS'),
    rtcPortBase: range ? range.min : v('SFU_RTC_PORT_BASE'),
    rtcPortMax: range?.max,
    maxConsumersPerWorker: v('SFU_MAX_CONSUMERS_PER_WORKER'),
    iceTransportPolicy: v('SFU_ICE_TRANSPORT_POLICY'),
    turn: turnUrls
      ? { urls: csv.parse(turnUrls), secret: v('TURN_SECRET'), ttlS: v('TURN_CREDENTIAL_TTL_S') }
      : undefined,
    workerBin: v('MEDIASOUP_WORKER_BIN'),
    logLevel: v('SFU_LOG_LEVEL'),
  });
}

const LISTEN_ALL = new Set(['0.0.0.0', '::', '[::]']);

/** An address no remote browser can reach: loopback, unspecified, or a name for loopback. */
export function isLocalOnlyAddress(address: string): boolean {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (a === 'localhost' || a.endsWith('.localhost')) return true;
  if (isIP(a) === 4) return a.startsWith('127.') || a === '0.0.0.0';
  if (isIP(a) === 6) return a === '::1' || a === '::' || /^::ffff:127\./.test(a);
  return false;
}

/**
 * Deployment mistakes that make calls fail silently for remote browsers, checked at boot in
 * production (api/src/config): each names the variables to fix. Listening on every interface
 * announces nothing usable by itself, so the public address must be set and must not be loopback;
 * static TURN passwords are refused (TURN_SECRET issues per-call credentials instead).
 */
export function sfuDeploymentProblems(
  env: Record<string, string | undefined>,
  opts: { production?: boolean } = { production: true },
): string[] {
  const v = (name: string) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const listen = v('SFU_LISTEN_IP') ?? '127.0.0.1';
  const announced = v('SFU_ANNOUNCED_ADDRESS');
  // Development in a container may listen everywhere and be reached on loopback; production may not.
  if (opts.production && LISTEN_ALL.has(listen) && (!announced || isLocalOnlyAddress(announced)))
    problems.push(
      `SFU_ANNOUNCED_ADDRESS: must be the public address browsers reach when SFU_LISTEN_IP=${listen} (${announced ? `${announced} is loopback` : 'missing'}); ICE candidates would point nowhere`,
    );
  if (v('TURN_USERNAME') || v('TURN_CREDENTIAL'))
    problems.push(
      'TURN_USERNAME/TURN_CREDENTIAL: static TURN passwords are not handed to browsers; set TURN_SECRET (coturn static-auth-secret) for per-call credentials',
    );
  if (v('TURN_URLS') && !v('TURN_SECRET')) problems.push('TURN_SECRET: required with TURN_URLS');
  if (v('SFU_RTC_PORTS') && v('SFU_RTC_PORT_BASE'))
    problems.push('SFU_RTC_PORT_BASE: set SFU_RTC_PORTS or SFU_RTC_PORT_BASE, not both');
  return problems;
}

/** TURN REST API credentials for one participant, valid for `turn.ttlS` from `nowMs`. */
export function turnCredential(turn: TurnConfig, userId: string, nowMs = Date.now()) {
  const username = `${Math.floor(nowMs / 1000) + turn.ttlS}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { username, credential };
}

/**
 * RTCIceServer list for one participant: the SFU itself is reached directly (its ICE candidates);
 * TURN, with credentials issued for this user now, as the fallback for networks that block it.
 */
export function iceServersFor(
  config: Pick<SfuConfig, 'turn'>,
  userId: string,
  nowMs = Date.now(),
): IceServer[] {
  if (!config.turn) return [];
  return [{ urls: config.turn.urls, ...turnCredential(config.turn, userId, nowMs) }];
}
export type IceServer = { urls: string[]; username: string; credential: string };
