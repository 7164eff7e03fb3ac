import { describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus.ts';
import { TokenBucket } from '../rate-limit.ts';
import {
  admits,
  aggregate,
  formatEntry,
  liveEntries,
  parseEntry,
  rateShare,
  withEntry,
  type PresenceEntries,
} from './model.ts';

const e = (status: 'online' | 'away' | 'in_call', conns: number, expiresAt = 1000) => ({
  status,
  conns,
  expiresAt,
});

describe('presence aggregate', () => {
  it('is offline with no live entries and the strongest status otherwise', () => {
    expect(aggregate({})).toEqual({ status: 'offline', conns: 0 });
    expect(aggregate({ a: e('away', 1) })).toEqual({ status: 'away', conns: 1 });
    expect(aggregate({ a: e('away', 2), b: e('online', 1) })).toEqual({ status: 'online', conns: 3 });
    expect(aggregate({ a: e('online', 1), b: e('in_call', 1), c: e('away', 4) })).toEqual({
      status: 'in_call',
      conns: 6,
    });
  });
  it('applies a node write: conns 0 removes the node, others stay', () => {
    const before: PresenceEntries = { a: e('online', 1), b: e('away', 2) };
    expect(withEntry(before, 'a', { status: 'online', conns: 0 }, 5)).toEqual({ b: e('away', 2) });
    expect(withEntry(before, 'c', { status: 'in_call', conns: 1 }, 5)).toEqual({
      ...before,
      c: e('in_call', 1, 5),
    });
    expect(before).toEqual({ a: e('online', 1), b: e('away', 2) }); // not mutated
  });
  it('admits a node count only while the other nodes plus it stay within the limit', () => {
    const entries: PresenceEntries = { a: e('online', 1), b: e('online', 1) };
    // Node a going from 1 to 2 sockets: b's one plus a's two is three.
    expect(admits(entries, 'a', 2, 3)).toBe(true);
    expect(admits(entries, 'a', 2, 2)).toBe(false);
    expect(admits(entries, 'c', 1, 2)).toBe(false);
    expect(admits(entries, 'c', 1, 3)).toBe(true);
  });
  it('parses the Redis field format and drops lapsed or malformed entries', () => {
    expect(parseEntry(formatEntry(e('in_call', 3, 1234)))).toEqual(e('in_call', 3, 1234));
    expect(parseEntry('busy|1|5')).toBeNull();
    expect(parseEntry('online|0|5')).toBeNull();
    expect(parseEntry('online|x|5')).toBeNull();
    expect(liveEntries(['a', 'online|1|2000', 'b', 'away|2|900', 'c', 'junk'], 1000)).toEqual({
      a: e('online', 1, 2000),
    });
  });
});

describe('per-user rate share', () => {
  it('splits rate and burst by the node share of the user sockets', () => {
    expect(rateShare(1, 1, 50, 100)).toEqual({ rate: 50, burst: 100 });
    expect(rateShare(1, 2, 50, 100)).toEqual({ rate: 25, burst: 50 });
    expect(rateShare(3, 4, 40, 100)).toEqual({ rate: 30, burst: 75 });
  });
  it('never exceeds the whole budget and leaves at least one message of burst', () => {
    // A stale total below the local count (another node's count lapsed first) counts as all local.
    expect(rateShare(2, 1, 50, 100)).toEqual({ rate: 50, burst: 100 });
    expect(rateShare(1, 10, 50, 4)).toEqual({ rate: 5, burst: 1 });
    expect(rateShare(0, 0, 50, 100)).toEqual({ rate: 50, burst: 100 });
  });
  it('a resized bucket keeps no more tokens than its new burst', () => {
    const b = new TokenBucket(1, 10, 0);
    b.setLimits(1, 4);
    let n = 0;
    while (b.take(0)) n++;
    expect(n).toBe(4);
  });
});

describe('memory presence store', () => {
  it('keeps one entry per node, lapses a silent node, and enforces the limit over all nodes', async () => {
    let now = 1_000;
    const bus = createMemoryBus({ now: () => now });
    const s = bus.presence;
    expect((await s.put('u', 'A', { status: 'online', conns: 1 }, 5_000, 2)).applied).toBe(true);
    expect((await s.put('u', 'B', { status: 'away', conns: 1 }, 10_000, 2)).applied).toBe(true);
    const third = await s.put('u', 'B', { status: 'away', conns: 2 }, 10_000, 2);
    expect(third.applied).toBe(false);
    expect(Object.keys(third.before).sort()).toEqual(['A', 'B']);
    expect(aggregate((await s.read(['u'])).u!)).toEqual({ status: 'online', conns: 2 });
    now = 6_000; // A never refreshed: its entry lapsed, and its socket no longer counts
    expect(aggregate((await s.read(['u'])).u!)).toEqual({ status: 'away', conns: 1 });
    expect((await s.put('u', 'B', { status: 'away', conns: 2 }, 10_000, 2)).applied).toBe(true);
    await s.put('u', 'B', { status: 'away', conns: 0 }, 10_000);
    expect((await s.read(['u', 'nobody'])).u).toEqual({});
    await bus.close();
  });
});
