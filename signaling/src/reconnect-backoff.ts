/**
 * When the signaling client tries its socket again after a drop. Pure (no timers, no I/O, the
 * randomness injectable), as sfu/src/reconnect-policy.ts: the client asks, waits and reports
 * nothing back, so a test or a host can pin the schedule by passing its own policy.
 *
 * The default doubles from `minMs` up to `maxMs` with "equal jitter" (each delay lies between half
 * and all of its step), so the sockets one server restart dropped do not all come back in the same
 * millisecond. It never gives up unless told to: a tab left open should recover whenever the
 * network does. This covers the socket only; what a call does on top (ICE restart or full rejoin)
 * is sfu/src/reconnect-policy.ts's decision.
 */
export interface ReconnectBackoff {
  /** Delay before retry `attempt` (0: the first retry since the last session), or null: stop trying. */
  delayMs(attempt: number): number | null;
}

export type ExponentialBackoffOptions = {
  /** First step. Default 250 ms. */
  minMs?: number;
  /** Largest step. Default 10 s. */
  maxMs?: number;
  /** Retries before giving up. Default: never give up. */
  maxAttempts?: number;
  /** Injectable for tests; must return [0, 1). */
  random?: () => number;
};

export function exponentialBackoff(options: ExponentialBackoffOptions = {}): ReconnectBackoff {
  const minMs = options.minMs ?? 250;
  const maxMs = options.maxMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? Infinity;
  const random = options.random ?? Math.random;
  if (!(minMs >= 0 && maxMs >= minMs)) throw new RangeError('0 <= minMs <= maxMs');
  if (!(maxAttempts >= 0)) throw new RangeError('maxAttempts >= 0');
  return {
    delayMs: (attempt) =>
      attempt >= maxAttempts ? null : Math.min(maxMs, minMs * 2 ** attempt) * (0.5 + random() / 2),
  };
}
