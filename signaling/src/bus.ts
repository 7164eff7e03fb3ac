import { admits, withEntry, type PresenceEntries } from './presence/model.ts';
import type { PresenceStatus } from './protocol.ts';

/**
 * Fan-out between signaling nodes. The bus only announces: every frame it carries is derived from
 * state already committed to PostgreSQL, so a lost announcement is repaired by resume/history.
 * Frames are the exact JSON text sent to clients, serialised once by the publisher (a JSON object,
 * always); what a node needs to know about a frame travels beside it (FrameMeta), so no one parses it.
 */
export interface Bus {
  publish(topic: string, frame: string, meta?: FrameMeta): Promise<void>;
  /**
   * A node's subscriptions: the core's fan-out holds one, and the presence tracker its own (so
   * presence announcements never pass through the message path). Each subscribes to the topics
   * its local sockets need.
   */
  listen(onFrame: BusFrameHandler): BusListener;
  readonly presence: PresenceStore;
  close(): Promise<void>;
}

export interface FrameMeta {
  /** The chat message's sequence number: a resuming socket's replay and catch-up filter by it. */
  readonly seq?: number;
  /**
   * Opaque; reaches in-process listeners only, synchronously: it tells the node the frame came from
   * a request on one of its sockets, whose own copy can then ride with the request's ack in one
   * write. Across Redis it is dropped, and every node delivers as usual.
   */
  readonly origin?: object;
}

/** Listeners always get a meta object; most frames share this one instead of allocating their own. */
export const NO_META: FrameMeta = Object.freeze({});

export type BusFrameHandler = (topic: string, frame: string, meta: FrameMeta) => void;

export interface BusListener {
  /** Resolves once frames for the topic are being received. */
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  close(): Promise<void>;
}

export type { PresenceEntries, PresenceEntry, PresenceState } from './presence/model.ts';

/** Result of a presence write: the user's live entries before it, and whether it was applied. */
export interface PresencePut {
  applied: boolean;
  before: PresenceEntries;
  /** The store's clock (ms) when it wrote; the new entry expires at now + ttlMs. */
  now: number;
}

/**
 * Per (user, node) presence entries with expiry (see presence/model.ts). Each node writes only its
 * own entries, always with its absolute socket count, so a lost or reordered write is repaired by
 * the node's next one.
 */
export interface PresenceStore {
  /**
   * Writes this node's entry for the user (`conns` 0 removes it). With `maxConns`, atomically only
   * if the user's live sockets on other nodes plus `conns` stay within it (the connection limit).
   */
  put(
    userId: string,
    nodeId: string,
    entry: { status: PresenceStatus; conns: number },
    ttlMs: number,
    maxConns?: number,
  ): Promise<PresencePut>;
  /** Live entries of each user. */
  read(userIds: readonly string[]): Promise<Record<string, PresenceEntries>>;
}

/** In-process bus for a single node (and for several servers in one process, e.g. tests). */
export function createMemoryBus(opts: { now?: () => number } = {}): Bus {
  const clock = opts.now ?? Date.now;
  const listeners = new Set<{ topics: Set<string>; onFrame: BusFrameHandler }>();
  const presence = new Map<string, PresenceEntries>();
  /** Drops lapsed entries, as the Redis script does on every write. */
  const live = (userId: string, now: number): PresenceEntries => {
    const all = presence.get(userId);
    if (!all) return {};
    for (const [node, e] of Object.entries(all)) if (e.expiresAt <= now) delete all[node];
    return all;
  };
  return {
    async publish(topic, frame, meta = NO_META) {
      for (const l of listeners) if (l.topics.has(topic)) l.onFrame(topic, frame, meta);
    },
    listen(onFrame) {
      const l = { topics: new Set<string>(), onFrame };
      listeners.add(l);
      return {
        async subscribe(topic) {
          l.topics.add(topic);
        },
        async unsubscribe(topic) {
          l.topics.delete(topic);
        },
        async close() {
          listeners.delete(l);
        },
      };
    },
    presence: {
      async put(userId, nodeId, entry, ttlMs, maxConns) {
        const now = clock();
        const before = { ...live(userId, now) };
        if (maxConns !== undefined && !admits(before, nodeId, entry.conns, maxConns))
          return { applied: false, before, now };
        const after = withEntry(before, nodeId, entry, now + ttlMs);
        if (Object.keys(after).length > 0) presence.set(userId, after);
        else presence.delete(userId);
        return { applied: true, before, now };
      },
      async read(userIds) {
        const now = clock();
        const out: Record<string, PresenceEntries> = {};
        for (const id of userIds) out[id] = { ...live(id, now) };
        return out;
      },
    },
    async close() {
      listeners.clear();
      presence.clear();
    },
  };
}
