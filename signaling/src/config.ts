import { z } from 'zod';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);

/**
 * Signaling tier settings. Keys are the environment variable names so one schema serves both the
 * host's env parsing (`loadSignalingConfig(process.env)`) and tests passing objects.
 */
export const SignalingConfigSchema = z.object({
  /** Port of the uWS listener; 0 picks a free one (tests). */
  WS_PORT: int(0, 65535).default(8081),
  WS_HOST: z.string().default('127.0.0.1'),
  /** Route of the WebSocket endpoint; the host proxies `/ws` on its origin to it. */
  WS_PATH: z.string().startsWith('/').default('/ws'),
  /** Exact origins (scheme://host[:port]) allowed to open sockets; empty = any origin. */
  WS_ALLOWED_ORIGINS: z.union([csv, z.array(z.string())]).default([]),
  /** Clients without an Origin header are not browsers; they still need a token. */
  WS_ALLOW_NO_ORIGIN: bool.default(true),
  /** Largest inbound frame in bytes; bigger frames close the socket (1009). */
  WS_MAX_PAYLOAD: int(512, 16 * 1024 * 1024).default(64 * 1024),
  /** Bytes buffered for a slow consumer before it is dropped with close code 4009. */
  WS_MAX_BACKPRESSURE: int(16 * 1024, 256 * 1024 * 1024).default(1024 * 1024),
  /** Seconds without traffic before a socket is closed; uWS pings automatically before that. */
  WS_IDLE_TIMEOUT_S: int(8, 960).default(60),
  /** Per-connection token bucket: sustained messages/s and burst. */
  WS_RATE_CONN_PER_S: int(1, 100_000).default(20),
  WS_RATE_CONN_BURST: int(1, 100_000).default(40),
  /**
   * Per-user token bucket over all of the user's sockets on all nodes. Without a Redis round trip
   * per message: each node enforces rate and burst × (its sockets of the user / the user's sockets
   * on all nodes), recomputed at connect, close and each sweep, so the budget can be exceeded
   * briefly (until the next sweep after the user opens a socket elsewhere) and a node's share of
   * the burst never drops below one message.
   */
  WS_RATE_USER_PER_S: int(1, 100_000).default(50),
  WS_RATE_USER_BURST: int(1, 100_000).default(100),
  /**
   * Sockets one user may hold on all nodes together (checked atomically in the presence store; a
   * dead node's sockets stop counting once its entries lapse after PRESENCE_TTL_S).
   */
  WS_MAX_CONN_PER_USER: int(1, 10_000).default(10),
  /** Protocol violations (bad JSON, binary, unknown type, rate-limit hits) tolerated per minute. */
  WS_MAX_VIOLATIONS_PER_MIN: int(1, 10_000).default(20),
  /** With REDIS_URL the nodes fan out through Redis pub/sub; without, an in-process bus. */
  REDIS_URL: z.string().optional(),
  /** Prefix for Redis channels and presence keys (tests use a random one). */
  WS_CHANNEL_PREFIX: z.string().default('th:sig:'),
  /**
   * Seconds a node's presence entries (status and socket count per user) live without a refresh by
   * its sweep: how long the users of a node that died without cleanup still show online and count
   * against WS_MAX_CONN_PER_USER. Keep it well above WS_SWEEP_INTERVAL_S.
   */
  PRESENCE_TTL_S: int(5, 3600).default(45),
  /** Days a conversation stays open for follow-up after the visit. */
  CHAT_FOLLOWUP_DAYS: int(0, 365).default(14),
  CHAT_MAX_TEXT: int(1, 20_000).default(4000),
  /** Messages replayed on resume before the client must page with chat.history. */
  CHAT_RESUME_LIMIT: int(1, 10_000).default(500),
  /** Seconds a called patient has to join before a no-show (first one requeues). */
  QUEUE_NO_SHOW_S: int(0, 3600).default(120),
  /**
   * How often this node sweeps: expired tokens, presence refresh (and per-user rate shares), pushes
   * for lapsed presence, queue no-shows; 0 disables (tests drive it).
   */
  WS_SWEEP_INTERVAL_S: int(0, 3600).default(5),
});
export type SignalingConfig = z.output<typeof SignalingConfigSchema>;
export type SignalingConfigInput = z.input<typeof SignalingConfigSchema>;

export function loadSignalingConfig(env: Record<string, string | undefined> = process.env): SignalingConfig {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(SignalingConfigSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  return SignalingConfigSchema.parse(picked);
}
