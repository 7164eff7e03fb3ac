import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryQuota, createRedisQuota } from './quota.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-ai-quota-${randomBytes(6).toString('hex')}:`;

afterAll(async () => {
  const r = new Redis(REDIS_URL);
  const keys = await r.keys(`${prefix}*`);
  if (keys.length) await r.del(...keys);
  await r.quit();
});

describe.each([
  ['memory', () => createMemoryQuota()],
  ['redis', () => createRedisQuota(REDIS_URL, prefix)],
])('%s quota', (_name, make) => {
  it('allows `limit` calls per sliding window, per key', async () => {
    const q = make();
    const t = 1_700_000_000_000;
    const hour = 3_600_000;
    expect((await q.take('a', 2, hour, t)).allowed).toBe(true);
    expect(await q.take('a', 2, hour, t + 1000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await q.take('a', 2, hour, t + 2000)).toMatchObject({ allowed: false, resetAt: t + hour });
    expect((await q.take('b', 2, hour, t + 2000)).allowed).toBe(true);
    expect((await q.take('a', 2, hour, t + hour + 1)).allowed).toBe(true);
    await q.close();
  });
});
