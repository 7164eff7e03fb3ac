/**
 * Multi-node placement (optional: a single process needs none of this). Each SFU node announces
 * its load in Redis; a consultation's room is placed on the least-loaded live node and stays there
 * (the assignment is what every signaling instance reads to know where to send the room's peers).
 *
 * Keys (all under `prefix`):
 *   node:<nodeId>  hash {address, load, capacity, pending, updatedAtMs}, expires after ttlMs
 *   nodes          set of node ids (members whose hash expired are pruned on read)
 *   room:<roomId>  nodeId of the node hosting the room, expires after roomTtlMs
 */
import type { Redis } from 'ioredis';
import { pickLeastLoadedNode, type NodeLoad } from './placement.ts';

export type NodeRegistryOptions = {
  redis: Redis;
  /** Key prefix, e.g. "th:sfu:" (tests use a random one). */
  prefix: string;
  nodeId: string;
  /** How clients/signaling reach this node (e.g. its internal URL); opaque here. */
  address: string;
  /** A node that has not announced for this long is considered gone. */
  ttlMs?: number;
  announceIntervalMs?: number;
  /** Longest a consultation can last; the assignment is also deleted when the room closes. */
  roomTtlMs?: number;
  /** Load units reserved on a node per placed room until its next announcement (1:1 = 4 consumers). */
  pendingPerRoom?: number;
};

export type NodeInfo = NodeLoad & { address: string };
export type Placement = { nodeId: string; address: string; created: boolean };
export type LoadSource = { load(): { consumers: number; capacity: number } };

// Replace the room's node only if it still points at the dead one (another instance may have
// re-placed it meanwhile); set it if absent.
const CAS_ROOM = `
local cur = redis.call('GET', KEYS[1])
if (not cur) or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {ARGV[2], 1}
end
return {cur, 0}`;
// Delete the room assignment only if this node owns it.
const DEL_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class NodeRegistry {
  readonly #o: Required<NodeRegistryOptions>;
  #timer?: NodeJS.Timeout;

  constructor(options: NodeRegistryOptions) {
    this.#o = {
      ttlMs: 15_000,
      announceIntervalMs: 5_000,
      roomTtlMs: 6 * 3600_000,
      pendingPerRoom: 4,
      ...options,
    };
  }

  get nodeId() {
    return this.#o.nodeId;
  }

  #nodeKey(id: string) {
    return `${this.#o.prefix}node:${id}`;
  }
  #roomKey(id: string) {
    return `${this.#o.prefix}room:${id}`;
  }

  /** Publishes this node's load (resets the pending reservations placements added). */
  async announce(load: { consumers: number; capacity: number }): Promise<void> {
    const { redis, nodeId, address, ttlMs, prefix } = this.#o;
    await redis
      .multi()
      .hset(this.#nodeKey(nodeId), {
        address,
        load: String(load.consumers),
        capacity: String(load.capacity),
        pending: '0',
        updatedAtMs: String(Date.now()),
      })
      .pexpire(this.#nodeKey(nodeId), ttlMs)
      .sadd(`${prefix}nodes`, nodeId)
      .exec();
  }

  /** Announces now and every announceIntervalMs; rooms closing on `sfu` release their assignment. */
  start(sfu: LoadSource & { on(event: 'roomClosed', fn: (e: { roomId: string }) => void): unknown }): void {
    const tick = () => void this.announce(sfu.load()).catch(() => undefined);
    tick();
    this.#timer = setInterval(tick, this.#o.announceIntervalMs);
    this.#timer.unref();
    sfu.on('roomClosed', ({ roomId }) => void this.releaseRoom(roomId).catch(() => undefined));
  }

  /** Stops announcing, leaving the last announcement to lapse (what a crash leaves behind). */
  pause(): void {
    clearInterval(this.#timer);
  }

  /** Stops announcing and withdraws this node (its rooms get re-placed on next placeRoom). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    const { redis, nodeId, prefix } = this.#o;
    await redis.multi().del(this.#nodeKey(nodeId)).srem(`${prefix}nodes`, nodeId).exec();
  }

  async nodes(): Promise<NodeInfo[]> {
    const { redis, prefix } = this.#o;
    const ids = await redis.smembers(`${prefix}nodes`);
    if (ids.length === 0) return [];
    const pipe = redis.pipeline();
    for (const id of ids) pipe.hgetall(this.#nodeKey(id));
    const res = (await pipe.exec()) ?? [];
    const out: NodeInfo[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const h = res[i]?.[1] as Record<string, string> | undefined;
      if (!h || !h.address) {
        gone.push(id);
        return;
      }
      out.push({
        nodeId: id,
        address: h.address,
        load: Number(h.load ?? 0) + Number(h.pending ?? 0),
        capacity: Number(h.capacity ?? 0),
        updatedAtMs: Number(h.updatedAtMs ?? 0),
      });
    });
    if (gone.length) await redis.srem(`${prefix}nodes`, ...gone);
    return out;
  }

  /**
   * The node hosting `roomId`: its current node if alive, else the least-loaded live node with
   * spare capacity (atomically, so concurrent callers agree). undefined when no node can take it.
   * `exclude`: nodes known to be gone although their announcement has not expired yet.
   */
  async placeRoom(
    roomId: string,
    opts: { exclude?: ReadonlySet<string> } = {},
  ): Promise<Placement | undefined> {
    const { redis, roomTtlMs, ttlMs, pendingPerRoom } = this.#o;
    const key = this.#roomKey(roomId);
    // Nodes the caller knows are gone (their announcement has not lapsed yet) count as dead.
    const nodes = (await this.nodes()).filter((n) => !opts.exclude?.has(n.nodeId));
    const now = Date.now();
    const alive = (id: string | null) => nodes.find((n) => n.nodeId === id && now - n.updatedAtMs <= ttlMs);
    const current = await redis.get(key);
    const host = alive(current);
    if (host) return { nodeId: host.nodeId, address: host.address, created: false };
    const best = pickLeastLoadedNode(nodes, now, ttlMs);
    if (!best) return undefined;
    const [winner, set] = (await redis.eval(
      CAS_ROOM,
      1,
      key,
      current ?? '',
      best.nodeId,
      String(roomTtlMs),
    )) as [string, number];
    const chosen = nodes.find((n) => n.nodeId === winner);
    if (!chosen) return undefined;
    // Reserve room on the chosen node until it announces its real load (avoids a herd on one node).
    if (set === 1) await redis.hincrby(this.#nodeKey(winner), 'pending', pendingPerRoom);
    return { nodeId: chosen.nodeId, address: chosen.address, created: set === 1 };
  }

  /** Forgets the assignment if this node holds it (room closed here). */
  async releaseRoom(roomId: string): Promise<void> {
    await this.#o.redis.eval(DEL_IF_OWNER, 1, this.#roomKey(roomId), this.#o.nodeId);
  }
}
