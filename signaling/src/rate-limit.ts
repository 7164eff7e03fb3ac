/** Token bucket: `rate` tokens/s refill up to `burst`. Pure apart from the clock passed in. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  take(now: number, n = 1): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Counts events in a fixed one-minute window; cheap enough to keep per connection. */
export class ViolationCounter {
  private windowStart = 0;
  private count = 0;
  constructor(private readonly maxPerMinute: number) {}
  /** Records one violation; true once the client has gone over its allowance. */
  hit(now: number): boolean {
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    return this.count > this.maxPerMinute;
  }
}
