import { Redis } from 'ioredis';

export interface QuotaDecision {
  allowed: boolean;
  remaining: number;
  /** When the oldest counted call leaves the window (ms since epoch). */
  resetAt: number;
}

/** Sliding-window call quota per key (user). */
export interface QuotaStore {
  take(key: string, limit: number, windowMs: number, now?: number): Promise<QuotaDecision>;
  close(): Promise<void>;
}

export function createMemoryQuota(): QuotaStore {
  const hits = new Map<string, number[]>();
  return {
    async take(key, limit, windowMs, now = Date.now()) {
      const list = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      const allowed = list.length < limit;
      if (allowed) list.push(now);
      hits.set(key, list);
      return { allowed, remaining: Math.max(0, limit - list.length), resetAt: (list[0] ?? now) + windowMs };
    },
    async close() {},
  };
}

// Atomic check-and-add on a sorted set of call timestamps.
const TAKE_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
local n = redis.call('ZCARD', KEYS[1])
local allowed = 0
if n < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  n = n + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {allowed, n, oldest[2] or ARGV[1]}
`;

/** Shared across processes (API host and worker) when Redis is configured. */
export function createRedisQuota(redisUrl: string, prefix = 'ai:quota:'): QuotaStore {
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  let seq = 0;
  return {
    async take(key, limit, windowMs, now = Date.now()) {
      const member = `${now}-${process.pid}-${seq++}`;
      const [allowed, n, oldest] = (await redis.eval(
        TAKE_LUA,
        1,
        prefix + key,
        String(now),
        String(windowMs),
        String(limit),
        member,
      )) as [number, number, string];
      return {
        allowed: allowed === 1,
        remaining: Math.max(0, limit - n),
        resetAt: Number(oldest) + windowMs,
      };
    },
    async close() {
      await redis.quit();
    },
  };
}
