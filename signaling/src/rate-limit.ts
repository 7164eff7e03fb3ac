/**
 * Rate limiting state is kept as plain number fields on the connection (no extra objects per
 * socket: idle connections are the memory budget). The classes wrap the same functions.
 */
export interface BucketState {
  tokens: number;
  /** ms of the last refill */
  last: number;
}
/** Token bucket: `rate` tokens/s refill up to `burst`. */
export function bucketTake(b: BucketState, rate: number, burst: number, now: number, n = 1): boolean {
  const elapsed = Math.max(0, now - b.last) / 1000;
  b.last = now;
  b.tokens = Math.min(burst, b.tokens + elapsed * rate);
  if (b.tokens < n) return false;
  b.tokens -= n;
  return true;
}

export interface ViolationState {
  vStart: number;
  vCount: number;
}
/** Counts one violation in a fixed one-minute window; true once over the allowance. */
export function violationHit(v: ViolationState, maxPerMinute: number, now: number): boolean {
  if (now - v.vStart >= 60_000) {
    v.vStart = now;
    v.vCount = 0;
  }
  v.vCount++;
  return v.vCount > maxPerMinute;
}

export class TokenBucket {
  private readonly state: BucketState;
  constructor(
    private rate: number,
    private burst: number,
    now: number,
  ) {
    this.state = { tokens: burst, last: now };
  }
  take(now: number, n = 1): boolean {
    return bucketTake(this.state, this.rate, this.burst, now, n);
  }
  /** New limits from now on (the per-user bucket follows this node's share of the user's sockets). */
  setLimits(rate: number, burst: number) {
    this.rate = rate;
    this.burst = burst;
    if (this.state.tokens > burst) this.state.tokens = burst;
  }
}

export class ViolationCounter {
  private readonly state: ViolationState = { vStart: 0, vCount: 0 };
  constructor(private readonly maxPerMinute: number) {}
  hit(now: number): boolean {
    return violationHit(this.state, this.maxPerMinute, now);
  }
}
