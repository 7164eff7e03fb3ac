/**
 * Presence and per-user limits across signaling nodes on one real Redis (random prefix) and real
 * PostgreSQL: pushed presence changes, a dead node's users lapsing to offline, watch authorization,
 * and the connection limit and rate budget holding for the user's sockets on all nodes.
 */
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from './bus.ts';
import { openConversation } from './chat/store.ts';
import type { SignalingConfigInput } from './config.ts';
import { CloseCodes, type PresenceState } from './protocol.ts';
import {
  client,
  createUser,
  eventually,
  rawSocket,
  redisNodes,
  setupDb,
  startServer,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

let t: TestDb;
const cluster = redisNodes(() => t.db);
let nodeA: Awaited<ReturnType<typeof startServer>>;
let nodeB: Awaited<ReturnType<typeof startServer>>;
let store: Bus;

const node = (config: SignalingConfigInput = {}) => cluster.node(config);

/** A doctor watching a patient they share a conversation with. */
async function pair() {
  const doctor = await createUser(t.db, 'doctor');
  const patient = await createUser(t.db, 'patient');
  await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
  return { doctor, patient };
}

/** Connects and watches; collects the statuses pushed for `watched`. */
async function watcher(
  url: string | (() => string),
  user: TestUser,
  watched: string,
  opts: Parameters<typeof client>[2] = {},
) {
  const c = client(url, user, opts);
  await c.connect();
  const seen: PresenceState[] = [];
  c.on('presence.changed', (x) => {
    if (x.userId === watched) seen.push(x.status);
  });
  const initial = await c.watchPresence([watched]);
  return { c, seen, initial };
}

/** Nodes holding a live entry for the user. */
async function nodesOf(userId: string) {
  return Object.keys((await store.presence.read([userId]))[userId]!).sort();
}

beforeAll(async () => {
  t = await setupDb();
  store = cluster.bus();
  nodeA = await node();
  nodeB = await node();
});
afterAll(async () => {
  await cluster.close();
  await t?.drop();
});

describe('pushed presence across nodes', () => {
  it('follows a user across nodes: online, away, online while any socket remains, then offline', async () => {
    const { doctor, patient } = await pair();
    const w = await watcher(nodeA.url, doctor, patient.id);
    const p1 = client(nodeB.url, patient);
    const p2 = client(nodeA.url, patient);
    try {
      expect(w.initial).toEqual({ [patient.id]: 'offline' });
      await p1.connect();
      await waitFor(() => w.seen.length === 1, 'online');
      await p1.request('presence.set', { status: 'away' });
      await waitFor(() => w.seen.length === 2, 'away');
      expect(w.seen).toEqual(['online', 'away']);
      // A second device on the other node is active: the strongest status shows.
      await p2.connect();
      await waitFor(() => w.seen.length === 3, 'online again');
      expect(w.seen[2]).toBe('online');
      // The socket on node B closes; node A's one keeps the user online and nothing is pushed.
      p1.close();
      await eventually(async () => (await nodesOf(patient.id)).join() === nodeA.nodeId, 'B entry gone');
      expect((await w.c.request('presence.get', { userIds: [patient.id] })).presence).toEqual({
        [patient.id]: 'online',
      });
      expect(w.seen).toHaveLength(3);
      // The last socket (on the watcher's own node) closes: offline at once, not after the TTL.
      p2.close();
      await waitFor(() => w.seen.length === 4, 'offline');
      expect(w.seen).toEqual(['online', 'away', 'online', 'offline']);
      expect(await nodesOf(patient.id)).toEqual([]);
    } finally {
      w.c.close();
      p1.close();
      p2.close();
    }
  });

  it('shows the users of a node that died without cleanup offline once their entries lapse', async () => {
    const { doctor, patient } = await pair();
    const doomed = await node({ PRESENCE_TTL_S: 5 });
    const w = await watcher(nodeA.url, doctor, patient.id);
    const p = client(doomed.url, patient, { reconnect: false });
    try {
      await p.connect();
      await waitFor(() => w.seen.length === 1, 'online');
      await doomed.close({ force: true }); // no close frames, no presence writes: a crash
      // Nothing announced the death: the entry is still live right after it.
      expect((await w.c.request('presence.get', { userIds: [patient.id] })).presence[patient.id]).toBe(
        'online',
      );
      expect(await nodesOf(patient.id)).toEqual([doomed.nodeId]);
      // Node A's sweep notices the lapsed entry and pushes the change.
      await eventually(
        async () => {
          await nodeA.sweep();
          return w.seen.length === 2;
        },
        'offline after the TTL',
        15_000,
      );
      expect(w.seen).toEqual(['online', 'offline']);
    } finally {
      w.c.close();
      p.close();
    }
  });

  it('shows the users of a node that shut down gracefully offline at once', async () => {
    const { doctor, patient } = await pair();
    const leaving = await node();
    const w = await watcher(nodeA.url, doctor, patient.id);
    const p = client(leaving.url, patient, { reconnect: false });
    try {
      await p.connect();
      await waitFor(() => w.seen.length === 1, 'online');
      await leaving.close();
      expect(await nodesOf(patient.id)).toEqual([]);
      await waitFor(() => w.seen.length === 2, 'offline without a sweep');
      expect(w.seen).toEqual(['online', 'offline']);
    } finally {
      w.c.close();
      p.close();
    }
  });

  it('renews watches after the watcher reconnects and reports what changed meanwhile', async () => {
    const { doctor, patient } = await pair();
    let hop = 0;
    // Reconnects after 0.5-1 s: time for the change below to happen while it is away.
    const w = await watcher(() => (hop++ % 2 === 0 ? nodeA.url : nodeB.url), doctor, patient.id, {
      minReconnectMs: 1000,
      maxReconnectMs: 1000,
    });
    const p = client(nodeA.url, patient);
    try {
      await p.connect();
      await waitFor(() => w.seen.length === 1, 'online');
      const back = new Promise<void>((resolve) => {
        const off = w.c.on('disconnected', () => {
          off();
          resolve();
        });
      });
      (w.c as unknown as { ws: { terminate(): void } }).ws.terminate();
      await back;
      await p.request('presence.set', { status: 'away' });
      expect(w.c.connected).toBe(false); // the change happened while the watcher was away
      await waitFor(() => w.seen.length === 2, 'state after reconnect');
      expect(w.seen[1]).toBe('away');
      p.close(); // pushed to the renewed watch on the other node
      await waitFor(() => w.seen.at(-1) === 'offline', 'offline');
    } finally {
      w.c.close();
      p.close();
    }
  });

  it('does not let a patient watch an unrelated patient', async () => {
    const { doctor, patient } = await pair();
    const stranger = await createUser(t.db, 'patient');
    const d = await watcher(nodeA.url, doctor, patient.id);
    const s = await watcher(nodeB.url, stranger, patient.id);
    const p = client(nodeB.url, patient);
    try {
      // Left out, as presence.get leaves them out; the doctor is visible to the stranger.
      expect(s.initial).toEqual({});
      expect((await s.c.request('presence.get', { userIds: [patient.id] })).presence).toEqual({});
      expect(await s.c.watchPresence([doctor.id])).toEqual({ [doctor.id]: 'online' });
      await p.connect();
      await p.request('presence.set', { status: 'in_call' });
      await waitFor(() => d.seen.length === 2, 'the doctor sees the changes');
      await s.c.request('ping', {}); // anything pushed to the stranger would have arrived by now
      expect(s.seen).toEqual([]);
    } finally {
      d.c.close();
      s.c.close();
      p.close();
    }
  });

  it('ends watches with unwatch', async () => {
    const { doctor, patient } = await pair();
    const w = await watcher(nodeA.url, doctor, patient.id);
    const p = client(nodeB.url, patient);
    try {
      await w.c.unwatchPresence([patient.id]);
      await p.connect();
      await p.request('presence.set', { status: 'away' });
      await eventually(async () => (await nodesOf(patient.id)).length === 1, 'entry written');
      await w.c.request('ping', {});
      expect(w.seen).toEqual([]);
    } finally {
      w.c.close();
      p.close();
    }
  });
});

describe('per-user limits across nodes', () => {
  const limited: SignalingConfigInput = {
    WS_MAX_CONN_PER_USER: 2,
    WS_RATE_USER_PER_S: 1,
    WS_RATE_USER_BURST: 20,
  };

  it('counts the user sockets on every node against WS_MAX_CONN_PER_USER', async () => {
    const e = await node(limited);
    const f = await node(limited);
    const user = await createUser(t.db, 'patient');
    const open = async (url: string) => {
      const s = rawSocket(url, ['th.v1', `auth.${await user.token()}`]);
      await s.opened;
      return s;
    };
    const refused = async (url: string) =>
      expect(rawSocket(url, ['th.v1', `auth.${await user.token()}`]).opened).rejects.toThrow(
        `close ${CloseCodes.tooManyConnections}`,
      );
    const one = await open(e.url);
    const two = await open(f.url);
    await refused(e.url);
    await refused(f.url);
    // A closed socket frees its place cluster-wide.
    one.ws.close();
    await one.closed;
    await eventually(async () => (await nodesOf(user.id)).join() === f.nodeId, 'E entry gone');
    const three = await open(e.url);
    await refused(f.url);
    two.ws.close();
    three.ws.close();
    await Promise.all([two.closed, three.closed]);
  });

  it('splits the per-user burst between nodes instead of granting it on each', async () => {
    const e = await node(limited);
    const f = await node(limited);
    const user = await createUser(t.db, 'patient');
    const a = rawSocket(e.url, ['th.v1', `auth.${await user.token()}`]);
    await a.opened;
    const b = rawSocket(f.url, ['th.v1', `auth.${await user.token()}`]);
    await b.opened;
    // Node E learns of the socket on F at its next sweep (F knew at connect).
    await Promise.all([e.sweep(), f.sweep()]);
    const burst = 20;
    for (const s of [a, b])
      for (let i = 0; i < burst; i++) s.ws.send(JSON.stringify({ v: 1, type: 'ping', id: `p${i}` }));
    await waitFor(() => a.frames.length === burst && b.frames.length === burst, 'every ping answered');
    const acks = (s: typeof a) => s.frames.filter((f) => (f as { type: string }).type === 'ack').length;
    // One budget of 20 for the user (plus the odd token refilled at 1/s during the test), where
    // per-node enforcement would allow 40.
    expect(acks(a)).toBeGreaterThanOrEqual(10);
    expect(acks(b)).toBeGreaterThanOrEqual(10);
    expect(acks(a) + acks(b)).toBeLessThanOrEqual(burst + 2);
    a.ws.close();
    b.ws.close();
    await Promise.all([a.closed, b.closed]);
  });
});
