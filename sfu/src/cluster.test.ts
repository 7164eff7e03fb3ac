/** Multi-node placement against the real Redis at 127.0.0.1:6379 (random key prefix, cleaned up). */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRegistry } from './cluster.ts';
import { createSfu } from './index.ts';
import { MEDIASOUP_AVAILABLE, waitFor, workerBinary } from './testing/env.ts';

const prefix = `test:sfu:${randomUUID()}:`;
let redis: Redis;
const reg = (nodeId: string, extra: Partial<ConstructorParameters<typeof NodeRegistry>[0]> = {}) =>
  new NodeRegistry({ redis, prefix, nodeId, address: `http://${nodeId}.internal:3000`, ...extra });

beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('multi-node placement in Redis', () => {
  it('places a room on the least-loaded live node, keeps it there, re-places it when the node goes', async () => {
    const a = reg('a');
    const b = reg('b');
    await a.announce({ consumers: 300, capacity: 1000 });
    await b.announce({ consumers: 100, capacity: 1000 });
    expect((await a.nodes()).map((n) => n.nodeId).sort()).toEqual(['a', 'b']);

    expect(await a.placeRoom('appt-1')).toEqual({
      nodeId: 'b',
      address: 'http://b.internal:3000',
      created: true,
    });
    // Stable: every instance gets the same answer.
    expect(await a.placeRoom('appt-1')).toMatchObject({ nodeId: 'b', created: false });
    expect(await b.placeRoom('appt-1')).toMatchObject({ nodeId: 'b', created: false });
    // The placement reserved load on b until b announces again.
    expect((await a.nodes()).find((n) => n.nodeId === 'b')!.load).toBe(104);

    // Node b shuts down: its rooms go elsewhere on the next lookup.
    await b.stop();
    expect(await a.placeRoom('appt-1')).toMatchObject({ nodeId: 'a', created: true });
  });

  it('moves a room off a node the caller knows is gone before its announcement lapses', async () => {
    const own = { prefix: `${prefix}t3:` };
    const e = reg('e', own);
    const f = reg('f', own);
    await e.announce({ consumers: 0, capacity: 100 });
    await f.announce({ consumers: 50, capacity: 100 });
    expect(await f.placeRoom('appt-crash')).toMatchObject({ nodeId: 'e', created: true });
    // e crashed: still announced, but nobody answers there.
    expect(await f.placeRoom('appt-crash', { exclude: new Set(['e']) })).toMatchObject({
      nodeId: 'f',
      created: true,
    });
    // Everyone agrees from then on, even without knowing.
    expect(await e.placeRoom('appt-crash')).toMatchObject({ nodeId: 'f', created: false });
  });

  it('agrees under concurrent placement and skips stale or full nodes', async () => {
    const own = { prefix: `${prefix}t2:`, ttlMs: 1000 };
    const c = reg('c', own);
    const d = reg('d', own);
    await c.announce({ consumers: 0, capacity: 100 });
    await d.announce({ consumers: 0, capacity: 100 });
    const results = await Promise.all(Array.from({ length: 10 }, () => c.placeRoom('appt-race')));
    expect(new Set(results.map((r) => r?.nodeId)).size).toBe(1);
    expect(results.filter((r) => r?.created)).toHaveLength(1);

    await c.announce({ consumers: 100, capacity: 100 }); // full
    await d.announce({ consumers: 100, capacity: 100 });
    expect(await c.placeRoom('appt-nowhere')).toBeUndefined();

    // d stops announcing and its hash expires: it is pruned and not chosen.
    await c.announce({ consumers: 10, capacity: 100 });
    await new Promise((r) => setTimeout(r, 1200));
    await c.announce({ consumers: 10, capacity: 100 });
    expect((await c.nodes()).map((n) => n.nodeId)).toContain('c');
    expect((await c.nodes()).map((n) => n.nodeId)).not.toContain('d');
  });

  it.skipIf(!MEDIASOUP_AVAILABLE)(
    'announces a real SFU and releases the assignment when its room closes',
    async () => {
      const bin = workerBinary();
      const sfu = await createSfu({ workers: 1, rtcPortBase: 0, ...(bin ? { workerBin: bin } : {}) });
      try {
        const own = { prefix: `${prefix}t3:` };
        const e = reg('e', { ...own, announceIntervalMs: 200 });
        e.start(sfu);
        await waitFor(
          async () => (await e.nodes()).some((n) => n.nodeId === 'e' && n.capacity === 500),
          'node e announced',
        );
        // Make e the only candidate with room.
        const f = reg('f', own);
        await f.announce({ consumers: 499, capacity: 500 });
        expect(await f.placeRoom('appt-e')).toMatchObject({ nodeId: 'e', created: true });
        await f.releaseRoom('appt-e'); // not the owner: no effect
        expect(await redis.get(`${prefix}t3:room:appt-e`)).toBe('e');
        const room = await sfu.getOrCreateRoom('appt-e');
        room.close();
        await waitFor(
          async () => (await redis.get(`${prefix}t3:room:appt-e`)) === null,
          'assignment released',
        );
        await e.stop();
        await f.stop();
      } finally {
        await sfu.close();
      }
    },
  );
});
