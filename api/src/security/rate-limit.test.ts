import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.quit());

const factories: Record<string, () => RateLimiter> = {
  memory: () => createMemoryRateLimiter(),
  redis: () => createRedisRateLimiter(redis, `th:test:${randomUUID()}:`),
};

describe.each(Object.entries(factories))('%s rate limiter', (_name, make) => {
  it('allows `limit` hits per window, then refuses with a retry time', async () => {
    const l = make();
    for (let i = 0; i < 3; i++) expect((await l.hit('k', 3, 60_000)).allowed).toBe(true);
    const r = await l.hit('k', 3, 60_000);
    expect(r.allowed).toBe(false);
    if (!r.allowed) expect(r.retryAfterS).toBeGreaterThan(50);
    expect((await l.peek('k', 3)).allowed).toBe(false);
    expect((await l.hit('other', 3, 60_000)).allowed).toBe(true);
    await l.reset('k');
    expect((await l.peek('k', 3)).allowed).toBe(true);
  });

  it('opens again when the window ends', async () => {
    const l = make();
    await l.hit('w', 1, 150);
    expect((await l.hit('w', 1, 150)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect((await l.hit('w', 1, 150)).allowed).toBe(true);
  });

  it('counts concurrent hits exactly', async () => {
    const l = make();
    const results = await Promise.all(Array.from({ length: 50 }, () => l.hit('c', 10, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

it('the Redis limiter is shared between API nodes', async () => {
  const prefix = `th:test:${randomUUID()}:`;
  const nodeA = createRedisRateLimiter(redis, prefix);
  const nodeB = createRedisRateLimiter(redis, prefix);
  for (let i = 0; i < 2; i++) await nodeA.hit('login:x', 3, 60_000);
  await nodeB.hit('login:x', 3, 60_000);
  expect((await nodeB.peek('login:x', 3)).allowed).toBe(false);
  expect((await nodeA.hit('login:x', 3, 60_000)).allowed).toBe(false);
});
