import { Redis } from 'ioredis';
import { NO_META, type Bus, type BusListener, type FrameMeta, type PresenceEntries } from './bus.ts';
import { liveEntries } from './presence/model.ts';

/**
 * Writes one node's presence entry: drops lapsed entries, checks the connection limit over the
 * others, then sets (or with conns 0 deletes) this node's field. Expiry uses Redis' clock so nodes'
 * clocks do not matter. The key itself expires once no node refreshed it within the TTL.
 * KEYS[1] = hash; ARGV = node, status, conns, ttlMs, maxConns (0 = no check).
 * Returns { now, applied 0|1, [field, value, ...] of the live entries before the write }.
 */
const PUT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local all = redis.call('HGETALL', KEYS[1])
local before = {}
local others = 0
for i = 1, #all, 2 do
  local f, v = all[i], all[i + 1]
  local c, e = string.match(v, '^[%a_]+|(%d+)|(%d+)$')
  if not e or tonumber(e) <= now then
    redis.call('HDEL', KEYS[1], f)
  else
    before[#before + 1] = f
    before[#before + 1] = v
    if f ~= ARGV[1] then others = others + tonumber(c) end
  end
end
local conns = tonumber(ARGV[3])
local max = tonumber(ARGV[5])
if max > 0 and others + conns > max then return { now, 0, before } end
if conns > 0 then
  local ttl = tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. conns .. '|' .. string.format('%.0f', now + ttl))
  if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return { now, 1, before }
`;

/** Every key's fields with the store's clock, so readers judge expiry by the same clock as writers. */
const READ_SCRIPT = `
local t = redis.call('TIME')
local out = { tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) }
for i = 1, #KEYS do out[i + 1] = redis.call('HGETALL', KEYS[i]) end
return out
`;

/**
 * A Redis message is the frame itself, or `<seq> <frame>` for a frame with a seq. A frame is a JSON
 * object, so it never starts with a digit: the two cannot be confused, and the seq is read back
 * without parsing the frame. The origin stays on its node.
 */
export function toRedisMessage(frame: string, meta: FrameMeta | undefined): string {
  return meta?.seq === undefined ? frame : `${meta.seq} ${frame}`;
}

export function fromRedisMessage(message: string): { frame: string; meta: FrameMeta } {
  const c = message.charCodeAt(0);
  const sp = c >= 48 && c <= 57 ? message.indexOf(' ') : -1;
  if (sp < 0) return { frame: message, meta: NO_META };
  return { frame: message.slice(sp + 1), meta: { seq: Number(message.slice(0, sp)) } };
}

type PresenceRedis = Redis & {
  presencePut(
    key: string,
    node: string,
    status: string,
    conns: number,
    ttlMs: number,
    max: number,
  ): Promise<[number, number, string[]]>;
  presenceRead(n: number, ...keys: string[]): Promise<[number, ...string[][]]>;
};

/**
 * Redis pub/sub fan-out: channel `<prefix><topic>`; presence in hashes `<prefix>presence:<userId>`
 * with one field per node (`status|conns|expiresAt`, see presence/model.ts).
 * One publishing connection per bus and one subscriber connection per listener (node).
 */
export function createRedisBus(url: string, prefix: string): Bus {
  const pub = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 }) as PresenceRedis;
  pub.defineCommand('presencePut', { numberOfKeys: 1, lua: PUT_SCRIPT });
  pub.defineCommand('presenceRead', { lua: READ_SCRIPT });
  // Errors surface through rejected commands; an 'error' listener keeps reconnect noise from crashing.
  pub.on('error', () => {});
  const subs = new Set<Redis>();
  const presenceKey = (id: string) => `${prefix}presence:${id}`;
  return {
    async publish(topic, frame, meta) {
      await pub.publish(prefix + topic, toRedisMessage(frame, meta));
    },
    listen(onFrame): BusListener {
      const sub = new Redis(url, { maxRetriesPerRequest: null });
      sub.on('error', () => {});
      subs.add(sub);
      sub.on('message', (channel: string, message: string) => {
        if (!channel.startsWith(prefix)) return;
        const m = fromRedisMessage(message);
        onFrame(channel.slice(prefix.length), m.frame, m.meta);
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
      async put(userId, nodeId, entry, ttlMs, maxConns = 0) {
        const [now, applied, flat] = await pub.presencePut(
          presenceKey(userId),
          nodeId,
          entry.status,
          entry.conns,
          Math.max(1, Math.round(ttlMs)),
          maxConns,
        );
        return { applied: applied === 1, before: liveEntries(flat, now), now };
      },
      async read(userIds) {
        const out: Record<string, PresenceEntries> = {};
        if (userIds.length === 0) return out;
        const [now, ...hashes] = await pub.presenceRead(userIds.length, ...userIds.map(presenceKey));
        userIds.forEach((id, i) => (out[id] = liveEntries(hashes[i] ?? [], now)));
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
