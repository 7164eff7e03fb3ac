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

export const TurnConfigSchema = z.object({
  urls: z.array(z.string().regex(/^turns?:/, 'TURN URL must start with turn: or turns:')).min(1),
  username: z.string().min(1),
  credential: z.string().min(1),
});
export type TurnConfig = z.infer<typeof TurnConfigSchema>;

/**
 * SFU configuration. Everything has a development default, so `SfuConfigSchema.parse({})` works
 * on a laptop; production sets listen/announced addresses and TURN from the environment
 * (see `sfuConfigFromEnv`).
 */
export const SfuConfigSchema = z.object({
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
  /** TURN servers handed to clients as iceServers for networks that block UDP to the SFU. */
  turn: TurnConfigSchema.optional(),
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
});
export type SfuConfig = z.infer<typeof SfuConfigSchema>;
export type SfuConfigInput = z.input<typeof SfuConfigSchema>;

/**
 * Reads the environment variables the host process documents:
 * SFU_WORKERS, SFU_LISTEN_IP, SFU_ANNOUNCED_ADDRESS, SFU_RTC_PORT_BASE, TURN_URLS (comma separated),
 * TURN_USERNAME, TURN_CREDENTIAL, MEDIASOUP_WORKER_BIN, SFU_LOG_LEVEL.
 * Throws a ZodError naming the bad variable's field when a value is invalid.
 */
export function sfuConfigFromEnv(env: Record<string, string | undefined> = process.env): SfuConfig {
  const v = (name: string) => {
    const x = env[name]?.trim();
    return x ? x : undefined;
  };
  const turnUrls = v('TURN_URLS');
  return SfuConfigSchema.parse({
    workers: v('SFU_WORKERS'),
    listenIp: v('SFU_LISTEN_IP'),
    announcedAddress: v('SFU_ANNOUNCED_ADDRESS'),
    rtcPortBase: v('SFU_RTC_PORT_BASE'),
    turn: turnUrls
      ? {
          urls: csv.parse(turnUrls),
          username: v('TURN_USERNAME'),
          credential: v('TURN_CREDENTIAL'),
        }
      : undefined,
    workerBin: v('MEDIASOUP_WORKER_BIN'),
    logLevel: v('SFU_LOG_LEVEL'),
  });
}

/** RTCIceServer list for clients: the SFU itself is reached directly; TURN only as a fallback. */
export function iceServersFor(config: Pick<SfuConfig, 'turn'>): IceServer[] {
  if (!config.turn) return [];
  return [{ urls: config.turn.urls, username: config.turn.username, credential: config.turn.credential }];
}
export type IceServer = { urls: string[]; username: string; credential: string };
