import type { Redis } from 'ioredis';

export type LimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterS: number };

export interface RateLimiter {
  /** Counts one event against `key`; once `limit` events fall inside `windowMs`, refuses until the window ends. */
  hit(key: string, limit: number, windowMs: number): Promise<LimitResult>;
  /** Reads without counting (e.g. to refuse a login before checking the password). */
  peek(key: string, limit: number): Promise<LimitResult>;
  reset(key: string): Promise<void>;
}

/** Fixed-window counters in memory: correct for one process, which is the embedded default. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const verdict = (w: { count: number; resetAt: number } | undefined, limit: number): LimitResult =>
    w && w.count > limit
      ? { allowed: false, retryAfterS: Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) }
      : { allowed: true, remaining: limit - (w?.count ?? 0) };
  return {
    async hit(key, limit, windowMs) {
      const w = current(key) ?? { count: 0, resetAt: now() + windowMs };
      w.count++;
      windows.set(key, w);
      if (windows.size > 100_000) for (const k of windows.keys()) if (!current(k)) windows.delete(k);
      return verdict(w, limit);
    },
    async peek(key, limit) {
      const w = current(key);
      return w && w.count >= limit
        ? { allowed: false, retryAfterS: Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) }
        : { allowed: true, remaining: limit - (w?.count ?? 0) };
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

// INCR and set the expiry on the first hit atomically, so a crash between them cannot leave a key that never expires.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }`;

/** The same counters in Redis, shared by every API node. */
export function createRedisRateLimiter(redis: Redis, prefix = 'th:rl:'): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const [n, ttl] = (await redis.eval(HIT_SCRIPT, 1, prefix + key, windowMs)) as [number, number];
      return n > limit
        ? { allowed: false, retryAfterS: Math.max(1, Math.ceil(ttl / 1000)) }
        : { allowed: true, remaining: limit - n };
    },
    async peek(key, limit) {
      const [n, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      const count = Number(n ?? 0);
      return count >= limit
        ? { allowed: false, retryAfterS: Math.max(1, Math.ceil(ttl / 1000)) }
        : { allowed: true, remaining: limit - count };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
