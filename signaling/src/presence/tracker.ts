/**
 * One node's side of presence: its (user, node) entries in the store, the cluster-wide connection
 * limit, this node's share of each user's rate budget, and pushing changes to watching sockets.
 *
 * Changes travel as `presence.changed` event frames on the bus topic `presence:<userId>`, which a
 * node subscribes to while one of its sockets watches that user. The node whose write changed the
 * aggregate publishes it. Lapsed entries of a dead node are nobody's write, so each node's sweep
 * re-reads the users its sockets watch and pushes differences; that also repairs an announcement
 * that was lost or overtaken by an older one.
 *
 * It has its own bus listener (one more subscriber connection per node with Redis) so presence
 * never touches the core's message fan-out path.
 */
import type { Bus } from '../bus.ts';
import type { SignalingConfig } from '../config.ts';
import { errorMessage, SignalingError } from '../errors.ts';
import {
  eventFrame,
  MAX_PRESENCE_WATCH,
  PresenceStates,
  type PresenceState,
  type PresenceStatus,
} from '../protocol.ts';
import { TokenBucket } from '../rate-limit.ts';
import type { Logger } from '../types.ts';
import { aggregate, rateShare, withEntry } from './model.ts';

export type PresenceConfig = Pick<
  SignalingConfig,
  'PRESENCE_TTL_S' | 'WS_MAX_CONN_PER_USER' | 'WS_RATE_USER_PER_S' | 'WS_RATE_USER_BURST'
>;

export interface PresenceTrackerOptions<W> {
  bus: Bus;
  nodeId: string;
  config: PresenceConfig;
  log: Logger;
  /** Delivers a serialised frame to one watching socket. */
  send: (watcher: W, frame: string) => void;
}

interface LocalUser {
  /** The user's sockets on this node, admitted or being admitted. */
  conns: number;
  /** This node's status for the user (presence.set on any of its sockets here). */
  status: PresenceStatus;
  /** The per-user bucket, sized to this node's share (see rateShare). */
  bucket: TokenBucket;
}

interface Watched<W> {
  watchers: Set<W>;
  /** What this node last told its watchers; null until known. */
  status: PresenceState | null;
  /** The bus subscription to presence:<id>. */
  ready: Promise<void>;
}

const TOPIC = 'presence:';
/** Users per store read in a sweep (one Redis script call each). */
const READ_CHUNK = 200;

export function createPresenceTracker<W>(opts: PresenceTrackerOptions<W>) {
  const { bus, nodeId, config, log, send } = opts;
  const ttlMs = config.PRESENCE_TTL_S * 1000;
  const local = new Map<string, LocalUser>();
  const watched = new Map<string, Watched<W>>();
  const watching = new Map<W, Set<string>>();
  const inflight = new Set<Promise<unknown>>();
  /** Set by abandon(): the node stops writing, as a crashed one would. */
  let dead = false;

  const listener = bus.listen((topic, frame) => {
    if (!topic.startsWith(TOPIC)) return;
    const userId = topic.slice(TOPIC.length);
    const w = watched.get(userId);
    if (!w) return;
    let status: unknown;
    try {
      status = (JSON.parse(frame) as { data?: { status?: unknown } }).data?.status;
    } catch {
      return;
    }
    if (!(PresenceStates as readonly unknown[]).includes(status)) return;
    observe(userId, status as PresenceState, frame);
  });

  /** Tells this node's watchers of the user about a status it learned, if it is news to them. */
  function observe(userId: string, status: PresenceState, frame?: string) {
    const w = watched.get(userId);
    if (!w || w.status === status) return;
    w.status = status;
    const f = frame ?? eventFrame(TOPIC + userId, 'presence.changed', { userId, status });
    for (const watcher of w.watchers) send(watcher, f);
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => {});
    return p;
  }

  /**
   * Writes this node's entry with its current absolute count, resizes the user's rate share from
   * the cluster total, and announces the new aggregate if this write changed it.
   */
  async function write(userId: string, entry: { status: PresenceStatus; conns: number }, maxConns?: number) {
    const r = await track(bus.presence.put(userId, nodeId, entry, ttlMs, maxConns));
    const after = r.applied ? withEntry(r.before, nodeId, entry, r.now + ttlMs) : r.before;
    const was = aggregate(r.before);
    const now = aggregate(after);
    const u = local.get(userId);
    if (u) {
      const s = rateShare(u.conns, now.conns, config.WS_RATE_USER_PER_S, config.WS_RATE_USER_BURST);
      u.bucket.setLimits(s.rate, s.burst);
    }
    if (was.status !== now.status) {
      // Not awaited: a connect need not wait for the announcement. One publishing connection keeps
      // this node's announcements in write order.
      const topic = TOPIC + userId;
      track(bus.publish(topic, eventFrame(topic, 'presence.changed', { userId, status: now.status }))).catch(
        (err: unknown) => log.warn({ err: errorMessage(err) }, 'presence announce failed'),
      );
    }
    return r.applied;
  }

  async function presenceOf(userIds: readonly string[]): Promise<Record<string, PresenceState>> {
    const entries = await bus.presence.read(userIds);
    const out: Record<string, PresenceState> = {};
    for (const id of userIds) out[id] = aggregate(entries[id] ?? {}).status;
    return out;
  }

  function localUser(userId: string): LocalUser {
    let u = local.get(userId);
    if (!u) {
      u = {
        conns: 0,
        status: 'online',
        bucket: new TokenBucket(config.WS_RATE_USER_PER_S, config.WS_RATE_USER_BURST, Date.now()),
      };
      local.set(userId, u);
    }
    return u;
  }

  function forget(userId: string, u: LocalUser) {
    if (u.conns <= 0 && local.get(userId) === u) local.delete(userId);
  }

  function releaseWatch(userId: string, watcher: W) {
    const w = watched.get(userId);
    if (!w?.watchers.delete(watcher) || w.watchers.size > 0) return;
    watched.delete(userId);
    listener
      .unsubscribe(TOPIC + userId)
      .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'presence unsubscribe failed'));
  }

  return {
    /**
     * Reserves a socket for the user against WS_MAX_CONN_PER_USER over all nodes (check and write
     * are one atomic store operation). False: over the limit. Rejects when the store is unreachable.
     */
    async admit(userId: string): Promise<boolean> {
      const u = localUser(userId);
      u.conns++;
      let ok = false;
      try {
        ok = await write(userId, { status: u.status, conns: u.conns }, config.WS_MAX_CONN_PER_USER);
        return ok;
      } finally {
        if (!ok) {
          u.conns--;
          forget(userId, u);
        }
      }
    },

    /** One admitted socket of the user is gone. The last one here removes this node's entry. */
    release(userId: string) {
      const u = local.get(userId);
      if (!u || dead) return;
      u.conns--;
      forget(userId, u);
      write(userId, { status: u.status, conns: Math.max(0, u.conns) }).catch((err: unknown) =>
        log.warn({ err: errorMessage(err) }, 'presence write failed'),
      );
    },

    async setStatus(userId: string, status: PresenceStatus) {
      const u = local.get(userId);
      if (!u || dead) return;
      u.status = status;
      await write(userId, { status, conns: u.conns });
    },

    /** The user's per-user bucket on this node (exists while the user has an admitted socket). */
    bucket(userId: string): TokenBucket {
      return localUser(userId).bucket;
    },

    /** One-shot aggregate read. */
    presenceOf,

    /**
     * Starts pushing changes of these (already authorised) users to the watcher; resolves with
     * their current presence. The node's last known status wins over a fresh read when it has one,
     * so every watcher on this node sees the same sequence.
     */
    async watch(watcher: W, userIds: readonly string[]): Promise<Record<string, PresenceState>> {
      let mine = watching.get(watcher);
      const fresh = userIds.filter((id) => !mine?.has(id));
      if ((mine?.size ?? 0) + fresh.length > MAX_PRESENCE_WATCH)
        throw new SignalingError('bad_request', `at most ${MAX_PRESENCE_WATCH} watched users per socket`);
      if (!mine) watching.set(watcher, (mine = new Set()));
      const readies: Promise<void>[] = [];
      for (const id of fresh) {
        mine.add(id);
        let w = watched.get(id);
        if (!w)
          watched.set(id, (w = { watchers: new Set(), status: null, ready: listener.subscribe(TOPIC + id) }));
        w.watchers.add(watcher);
        readies.push(w.ready);
      }
      // Subscribed before reading, so a change after the read is announced to us.
      await Promise.all(readies);
      const current = await presenceOf(userIds);
      const out: Record<string, PresenceState> = {};
      for (const id of userIds) {
        const w = watched.get(id);
        if (w && w.status === null) w.status = current[id]!;
        out[id] = w?.status ?? current[id]!;
      }
      return out;
    },

    unwatch(watcher: W, userIds: readonly string[]) {
      const mine = watching.get(watcher);
      if (!mine) return;
      for (const id of userIds) if (mine.delete(id)) releaseWatch(id, watcher);
      if (mine.size === 0) watching.delete(watcher);
    },

    /** The watcher's socket closed. */
    unwatchAll(watcher: W) {
      const mine = watching.get(watcher);
      if (!mine) return;
      watching.delete(watcher);
      for (const id of mine) releaseWatch(id, watcher);
    },

    /**
     * Refreshes this node's entries (and with them each user's rate share), then re-reads the
     * users watched here and pushes what changed, lapsed entries of dead nodes included.
     */
    async sweep() {
      if (dead) return;
      const refresh = [...local].map(([id, u]) =>
        u.conns > 0 ? write(id, { status: u.status, conns: u.conns }) : Promise.resolve(false),
      );
      const results = await Promise.allSettled(refresh);
      if (results.some((r) => r.status === 'rejected')) log.warn({}, 'presence refresh partly failed');
      const ids = [...watched.keys()];
      for (let i = 0; i < ids.length; i += READ_CHUNK) {
        const chunk = ids.slice(i, i + READ_CHUNK);
        const current = await presenceOf(chunk);
        for (const id of chunk) observe(id, current[id]!);
      }
    },

    /** Stop writing: a forced close leaves the entries to lapse, as a crash would. */
    abandon() {
      dead = true;
    },

    /** Waits for writes in flight (a graceful close removes this node's entries), then stops. */
    async close() {
      // An entry write may start an announcement when it lands, hence the loop.
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await listener.close();
    },

    /** Watched users and local users (tests, stats). */
    sizes: () => ({ local: local.size, watched: watched.size, watchers: watching.size }),
  };
}
export type PresenceTracker<W> = ReturnType<typeof createPresenceTracker<W>>;
