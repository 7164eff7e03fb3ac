import { Redis } from 'ioredis';
import type { Bus, BusListener, PresenceState } from './bus.ts';
import { PresenceStatuses, type PresenceStatus } from './protocol.ts';

/**
 * Redis pub/sub fan-out: channel `<prefix><topic>`, presence keys `<prefix>presence:<userId>` with TTL.
 * One publishing connection per bus and one subscriber connection per listener (node).
 */
export function createRedisBus(url: string, prefix: string): Bus {
  const pub = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
  // Errors surface through rejected commands; an 'error' listener keeps reconnect noise from crashing.
  pub.on('error', () => {});
  const subs = new Set<Redis>();
  const presenceKey = (id: string) => `${prefix}presence:${id}`;
  return {
    async publish(topic, frame) {
      await pub.publish(prefix + topic, frame);
    },
    listen(onFrame): BusListener {
      const sub = new Redis(url, { maxRetriesPerRequest: null });
      sub.on('error', () => {});
      subs.add(sub);
      sub.on('message', (channel: string, message: string) => {
        if (channel.startsWith(prefix)) onFrame(channel.slice(prefix.length), message);
      });
      return {
        async subscribe(topic) {
          await sub.subscribe(prefix + topic);
        },
        async unsubscribe(topic) {
          await sub.unsubscribe(prefix + topic);
        },
        async close() {
          subs.delete(sub);
          sub.disconnect();
        },
      };
    },
    presence: {
      async set(userId, status, ttlSeconds) {
        await pub.set(presenceKey(userId), status, 'EX', ttlSeconds);
      },
      async get(userIds) {
        const out: Record<string, PresenceState> = {};
        if (userIds.length === 0) return out;
        const values = await pub.mget(...userIds.map(presenceKey));
        userIds.forEach((id, i) => {
          const v = values[i];
          out[id] =
            v && (PresenceStatuses as readonly string[]).includes(v) ? (v as PresenceStatus) : 'offline';
        });
        return out;
      },
    },
    async close() {
      for (const s of subs) s.disconnect();
      subs.clear();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
