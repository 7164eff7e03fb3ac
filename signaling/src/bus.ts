import type { PresenceStatus } from './protocol.ts';

/**
 * Fan-out between signaling nodes. The bus only announces: every frame it carries is derived from
 * state already committed to PostgreSQL, so a lost announcement is repaired by resume/history.
 * Frames are the exact JSON text sent to clients, serialised once by the publisher.
 */
export interface Bus {
  publish(topic: string, frame: string): Promise<void>;
  /** One listener per node; it subscribes to the topics its local sockets need. */
  listen(onFrame: (topic: string, frame: string) => void): BusListener;
  readonly presence: PresenceStore;
  close(): Promise<void>;
}

export interface BusListener {
  /** Resolves once frames for the topic are being received. */
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  close(): Promise<void>;
}

export type PresenceState = PresenceStatus | 'offline';

/** Presence with TTL: a user is offline once no node refreshed them within the TTL. */
export interface PresenceStore {
  set(userId: string, status: PresenceStatus, ttlSeconds: number): Promise<void>;
  get(userIds: readonly string[]): Promise<Record<string, PresenceState>>;
}

/** In-process bus for a single node (and for several servers in one process, e.g. tests). */
export function createMemoryBus(): Bus {
  const listeners = new Set<{ topics: Set<string>; onFrame: (topic: string, frame: string) => void }>();
  const presence = new Map<string, { status: PresenceStatus; expires: number }>();
  return {
    async publish(topic, frame) {
      for (const l of listeners) if (l.topics.has(topic)) l.onFrame(topic, frame);
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
      async set(userId, status, ttlSeconds) {
        presence.set(userId, { status, expires: Date.now() + ttlSeconds * 1000 });
      },
      async get(userIds) {
        const now = Date.now();
        const out: Record<string, PresenceState> = {};
        for (const id of userIds) {
          const p = presence.get(id);
          if (p && p.expires <= now) presence.delete(id);
          out[id] = p && p.expires > now ? p.status : 'offline';
        }
        return out;
      },
    },
    async close() {
      listeners.clear();
      presence.clear();
    },
  };
}
