/**
 * Client reconnect policy: pure, no Node or DOM imports, so the browser client and Node tests use
 * the same object. It only decides *what* to do and *when*; the caller performs the action
 * (ICE restart over the open socket, or a full rejoin over a new socket) and reports back.
 *
 * Two recovery levels:
 * - ICE restart: media path broke (ICE disconnected/failed) but signaling is alive. Cheap: the
 *   transports, producers and consumers survive; only ICE credentials change.
 * - Full rejoin: the socket dropped, DTLS failed, the SFU re-created the room (worker death), or
 *   ICE restarts did not help. New socket, join, new transports, re-produce, re-consume.
 *
 * Delays follow LiveKit's DefaultReconnectPolicy: 0, 300, 1200, 2700, 4800 ms, then 7 s, with up to
 * `jitterMs` of random jitter from the third attempt on (so a room's peers don't reconnect in step
 * after an SFU hiccup). After `maxAttempts` the policy gives up and the UI shows "connection lost".
 */

export const RECONNECT_DELAYS_MS = [0, 300, 1200, 2700, 4800] as const;
export const MAX_RECONNECT_DELAY_MS = 7000;

export type ReconnectPolicyOptions = {
  /** Attempts (ICE restarts + rejoins) before giving up. Default 10, as LiveKit. */
  maxAttempts?: number;
  /** ICE restarts tried before escalating to a full rejoin. Default 2. */
  maxIceRestarts?: number;
  /** Upper bound of the random jitter added from the third attempt on. Default 1000 ms. */
  jitterMs?: number;
  /**
   * Browsers report ICE "disconnected" for short blips that heal by themselves; an ICE restart for
   * a "disconnected" transport waits at least this long. "failed" restarts at once. Default 2000.
   */
  disconnectedGraceMs?: number;
  /** Base delays; attempts past the end use maxDelayMs. */
  delaysMs?: readonly number[];
  maxDelayMs?: number;
  /** Injectable for tests; must return [0, 1). */
  random?: () => number;
};

/** What the client observed. */
export type ReconnectSignal =
  | { type: 'ice-disconnected' } // RTCPeerConnection connectionState/iceConnectionState "disconnected"
  | { type: 'ice-failed' }
  | { type: 'dtls-failed' }
  | { type: 'socket-closed' }
  | { type: 'room-recreated' } // server event: the room lives on a new worker, join again
  | { type: 'attempt-failed' } // the action last decided did not restore the connection
  | { type: 'connected' }; // media and signaling healthy again

export type ReconnectStatus = 'connected' | 'reconnecting' | 'disconnected';

export type ReconnectDecision =
  | { action: 'ice-restart'; attempt: number; delayMs: number }
  | { action: 'rejoin'; attempt: number; delayMs: number }
  /** Nothing to do: already connected, or the signal is moot during a rejoin in progress. */
  | { action: 'none' }
  | { action: 'give-up'; attempts: number };

export interface ReconnectPolicy {
  /** What the UI shows: "reconnecting" keeps the tile with a spinner instead of a frozen frame. */
  readonly status: ReconnectStatus;
  /** Attempts made since the last 'connected'. */
  readonly attempts: number;
  next(signal: ReconnectSignal): ReconnectDecision;
  /** Delay before attempt n (0-based), or null when attempts are exhausted. */
  delayForAttempt(attempt: number): number | null;
  reset(): void;
}

type Mode = 'connected' | 'ice-restarting' | 'rejoining' | 'gave-up';

export function createReconnectPolicy(options: ReconnectPolicyOptions = {}): ReconnectPolicy {
  const maxAttempts = options.maxAttempts ?? 10;
  const maxIceRestarts = options.maxIceRestarts ?? 2;
  const jitterMs = options.jitterMs ?? 1000;
  const graceMs = options.disconnectedGraceMs ?? 2000;
  const delays = options.delaysMs ?? RECONNECT_DELAYS_MS;
  const maxDelay = options.maxDelayMs ?? MAX_RECONNECT_DELAY_MS;
  const random = options.random ?? Math.random;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts >= 1');
  if (!Number.isInteger(maxIceRestarts) || maxIceRestarts < 0) throw new RangeError('maxIceRestarts >= 0');

  let mode: Mode = 'connected';
  let attempts = 0;
  let iceRestarts = 0;

  const delayForAttempt = (attempt: number): number | null => {
    if (attempt < 0 || attempt >= maxAttempts) return null;
    const base = delays[attempt] ?? maxDelay;
    // First two attempts are immediate-ish and deterministic (as LiveKit): most drops heal fast.
    if (attempt <= 1) return base;
    return Math.round(base + random() * jitterMs);
  };

  const schedule = (action: 'ice-restart' | 'rejoin', minDelayMs = 0): ReconnectDecision => {
    const attempt = attempts;
    const delay = delayForAttempt(attempt);
    if (delay === null) {
      mode = 'gave-up';
      return { action: 'give-up', attempts };
    }
    attempts += 1;
    if (action === 'ice-restart') {
      iceRestarts += 1;
      mode = 'ice-restarting';
    } else {
      mode = 'rejoining';
    }
    return { action, attempt, delayMs: Math.max(delay, minDelayMs) };
  };

  const reset = () => {
    mode = 'connected';
    attempts = 0;
    iceRestarts = 0;
  };

  const iceOrRejoin = (minDelayMs: number): ReconnectDecision =>
    iceRestarts < maxIceRestarts ? schedule('ice-restart', minDelayMs) : schedule('rejoin');

  return {
    get status(): ReconnectStatus {
      return mode === 'connected' ? 'connected' : mode === 'gave-up' ? 'disconnected' : 'reconnecting';
    },
    get attempts() {
      return attempts;
    },
    delayForAttempt,
    reset,
    next(signal: ReconnectSignal): ReconnectDecision {
      if (signal.type === 'connected') {
        reset();
        return { action: 'none' };
      }
      if (mode === 'gave-up') return { action: 'give-up', attempts };
      switch (signal.type) {
        case 'socket-closed':
        case 'room-recreated':
        case 'dtls-failed':
          // No signaling (or no server-side state) to restart ICE with: start over.
          return schedule('rejoin');
        case 'ice-disconnected':
        case 'ice-failed':
          // A rejoin in progress replaces the transports; their state changes are noise.
          if (mode === 'rejoining') return { action: 'none' };
          // Already restarting ICE: a second "disconnected" for the same outage is not a new attempt.
          if (mode === 'ice-restarting' && signal.type === 'ice-disconnected') return { action: 'none' };
          return iceOrRejoin(signal.type === 'ice-disconnected' ? graceMs : 0);
        case 'attempt-failed':
          if (mode === 'rejoining') return schedule('rejoin');
          if (mode === 'ice-restarting') return iceOrRejoin(0);
          return { action: 'none' };
      }
    },
  };
}
