import type { Principal } from '@telehealth/platform/auth/tokens';
import { NodeRegistry, type Sfu } from '@telehealth/sfu';
import {
  SignalingError,
  type Bus,
  type CallEvents,
  type HandlerContext,
  type SignalingServer,
} from '@telehealth/signaling';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';

/**
 * Calls across nodes. A consultation's room lives on one node's SFU (NodeRegistry: the least-loaded
 * live node, sticky, agreed on atomically in Redis); a participant whose socket is on another node
 * has their `call.*` requests executed on the room's node, over Redis, as if their socket were
 * there. Browsers send media straight to that node's SFU (its own announced address); room events
 * already reach every node through the bus, and events for one participant come back here to their
 * socket. So a patient on node A and a doctor on node B share one router.
 *
 * A node that dies: a request for one of its rooms finds nobody subscribed to its channel (PUBLISH
 * reaches 0 receivers), so it is treated as gone at once (its announcement would take ttlMs to
 * lapse); the room is placed again on a live node and its participants are told to rejoin
 * (`call.rejoin`). Sessions that a dead node's sockets held here end after the calls module's
 * reconnect grace, once that node's announcement has lapsed.
 */

type Req = {
  k: 'req';
  id: string;
  from: string;
  type: string;
  msg: unknown;
  principal: Principal;
  connId: number;
};
type Res =
  | { k: 'res'; id: string; ok: true; data: unknown }
  | { k: 'res'; id: string; ok: false; code: string; message: string };
type Push = { k: 'push'; connId: number; topic: string; event: string; data: unknown };
type Gone = { k: 'gone'; from: string; connId: number; userId: string };
type Rpc = Req | Res | Push | Gone;

type AnyHandler = (ctx: HandlerContext, msg: unknown) => unknown;

/** Nobody listens on the node's channel any more: it is gone. */
class NodeGone extends Error {}
type DisconnectCb = (info: { connId: number; userId: string }) => void;

export interface CallRoutingOptions {
  redis: Redis;
  bus: Bus;
  /** Channel and key prefix (WS_CHANNEL_PREFIX): the nodes of one deployment share it. */
  prefix: string;
  /** This node's SFU: announced for placement. A node without one only forwards. */
  sfu?: Sfu;
  log: Logger;
  /** How long a forwarded request may take on the room's node. */
  timeoutMs?: number;
  /** How often vanished nodes' sessions are released here. */
  sweepMs?: number;
}

export interface CallRouting {
  /** The server to hand registerCallHandlers: its `call.*` handlers run where the room lives. */
  server: SignalingServer;
  /** Where rooms are placed (also the SFU load announcements). */
  registry: NodeRegistry;
  /** Rooms this node forwards and where to (diagnostics). */
  owners(): ReadonlyMap<string, string>;
  start(): Promise<void>;
  /** `force`: stop without withdrawing from placement, as a crashed process would (tests). */
  close(opts?: { force?: boolean }): Promise<void>;
}

const ERROR_CODES: ReadonlySet<string> = new Set([
  'unavailable',
  'invalid_state',
  'forbidden',
  'not_found',
  'bad_request',
  'room_full',
  'conflict',
  'rate_limited',
  'internal',
]);

export function createCallRouting(signaling: SignalingServer, o: CallRoutingOptions): CallRouting {
  const self = signaling.nodeId;
  const channel = (node: string) => `${o.prefix}rpc:${node}`;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const registry = new NodeRegistry({
    redis: o.redis,
    prefix: `${o.prefix}sfu:`,
    nodeId: self,
    address: self,
  });
  const sub = o.redis.duplicate();
  const handlers = new Map<string, AnyHandler>();
  const disconnectCbs: DisconnectCb[] = [];
  /** roomId → node executing its requests, as last placed from here. */
  const owners = new Map<string, string>();
  /** Nodes found gone before their announcement lapsed, until when to keep excluding them. */
  const gone = new Map<string, number>();
  /** Requests sent, waiting for their answer. */
  const waiting = new Map<
    string,
    { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();
  /** Local sockets with requests on other nodes: where to send their `gone`, and their push. */
  const forwarded = new Map<number, { nodes: Set<string>; push: HandlerContext['push']; userId: string }>();
  /** Remote sockets as this node's handlers know them: a connId of their own (negative). */
  const remote = new Map<string, { connId: number; from: string; userId: string }>();
  let nextRemoteId = -1;
  let nextReq = 0;
  let sweepTimer: NodeJS.Timeout | undefined;

  const send = async (node: string, m: Rpc): Promise<number> =>
    o.redis.publish(channel(node), JSON.stringify(m));

  function excluded(): Set<string> {
    const now = Date.now();
    for (const [n, until] of gone) if (until < now) gone.delete(n);
    return new Set(gone.keys());
  }

  /** A node stopped answering on its channel: its rooms are placed again and their people rejoin. */
  function nodeLost(node: string) {
    if (node === self || gone.has(node)) return;
    gone.set(node, Date.now() + 60_000);
    o.log.warn({ node }, 'call node lost: its rooms move to a live node');
    for (const [roomId, owner] of owners) {
      if (owner !== node) continue;
      owners.delete(roomId);
      void signaling
        .publish(`call:${roomId}`, 'call.rejoin', {
          roomId,
          reason: 'node-lost',
        } satisfies CallEvents['call.rejoin'])
        .catch((err: unknown) => o.log.warn({ err: String(err) }, 'call.rejoin publish failed'));
    }
  }

  async function ownerOf(roomId: string, place: boolean): Promise<string> {
    const known = owners.get(roomId);
    if (known && !place && !gone.has(known)) return known;
    const p = await registry.placeRoom(roomId, { exclude: excluded() });
    if (!p) throw new SignalingError('unavailable', 'no video node is available');
    owners.set(roomId, p.nodeId);
    return p.nodeId;
  }

  async function forward(node: string, type: string, ctx: HandlerContext, msg: unknown): Promise<unknown> {
    let f = forwarded.get(ctx.connId);
    if (!f)
      forwarded.set(ctx.connId, (f = { nodes: new Set(), push: ctx.push, userId: ctx.principal.userId }));
    f.nodes.add(node);
    const id = `${self}:${++nextReq}`;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new SignalingError('unavailable', 'the call node did not answer'));
      }, timeoutMs);
      timer.unref();
      waiting.set(id, { resolve, reject, timer });
    });
    const receivers = await send(node, {
      k: 'req',
      id,
      from: self,
      type,
      msg,
      principal: ctx.principal,
      connId: ctx.connId,
    });
    if (receivers === 0) {
      const w = waiting.get(id);
      if (w) clearTimeout(w.timer);
      waiting.delete(id);
      nodeLost(node);
      throw new NodeGone();
    }
    return answer;
  }

  /** Runs a call request where its room lives; a join whose node just vanished is placed again once. */
  async function route(type: string, ctx: HandlerContext, msg: { roomId: string }, handler: AnyHandler) {
    const join = type === 'call.join';
    for (let attempt = 0; ; attempt++) {
      const owner = await ownerOf(msg.roomId, join);
      if (owner === self) return handler(ctx, msg);
      try {
        return await forward(owner, type, ctx, msg);
      } catch (err) {
        if (!(err instanceof NodeGone)) throw err;
        if (!join || attempt > 0)
          throw new SignalingError('unavailable', 'the call moved to another node: rejoin');
      }
    }
  }

  async function execute(m: Req) {
    const handler = handlers.get(m.type);
    const key = `${m.from}:${m.connId}`;
    let r = remote.get(key);
    if (!r) remote.set(key, (r = { connId: nextRemoteId--, from: m.from, userId: m.principal.userId }));
    const ctx: HandlerContext = {
      principal: m.principal,
      connId: r.connId,
      push: (topic, event, data) =>
        void send(m.from, { k: 'push', connId: m.connId, topic, event, data }).catch(() => {}),
      publish: (topic, frame) => o.bus.publish(topic, frame),
      // The socket's node checked the `call:` subscription before forwarding.
      isSubscribed: () => true,
    };
    let reply: Res;
    try {
      if (!handler) throw new SignalingError('bad_request', 'unknown call request');
      reply = { k: 'res', id: m.id, ok: true, data: (await handler(ctx, m.msg)) ?? null };
    } catch (err) {
      if (err instanceof SignalingError)
        reply = { k: 'res', id: m.id, ok: false, code: err.code, message: err.message };
      else {
        o.log.error({ err: String(err), type: m.type }, 'forwarded call request failed');
        reply = { k: 'res', id: m.id, ok: false, code: 'internal', message: 'internal error' };
      }
    }
    await send(m.from, reply);
  }

  function remoteGone(key: string) {
    const r = remote.get(key);
    if (!r) return;
    remote.delete(key);
    for (const cb of disconnectCbs) cb({ connId: r.connId, userId: r.userId });
  }

  sub.on('message', (_ch: string, text: string) => {
    let m: Rpc;
    try {
      m = JSON.parse(text) as Rpc;
    } catch {
      return;
    }
    if (m.k === 'req')
      void execute(m).catch((err: unknown) => o.log.warn({ err: String(err) }, 'call reply failed'));
    else if (m.k === 'res') {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      clearTimeout(w.timer);
      if (m.ok) w.resolve(m.data);
      else
        w.reject(
          new SignalingError(
            (ERROR_CODES.has(m.code) ? m.code : 'internal') as ConstructorParameters<
              typeof SignalingError
            >[0],
            m.message,
          ),
        );
    } else if (m.k === 'push') forwarded.get(m.connId)?.push(m.topic, m.event, m.data);
    else if (m.k === 'gone') remoteGone(`${m.from}:${m.connId}`);
  });

  signaling.onDisconnect(({ connId, userId }) => {
    const f = forwarded.get(connId);
    if (!f) return;
    forwarded.delete(connId);
    for (const node of f.nodes) void send(node, { k: 'gone', from: self, connId, userId }).catch(() => {});
  });

  /**
   * Sessions held here for sockets of nodes that died without a word: a node is alive while its
   * channel has a subscriber (Redis drops the subscription as soon as the process's connection goes).
   */
  async function sweep() {
    const origins = new Set([...remote.values()].map((r) => r.from));
    for (const node of origins) {
      const [, count] = (await o.redis.pubsub('NUMSUB', channel(node))) as [string, number];
      if (Number(count) > 0) continue;
      nodeLost(node);
      for (const [key, r] of remote) if (r.from === node) remoteGone(key);
    }
  }

  const server: SignalingServer = Object.create(signaling) as SignalingServer;
  Object.assign(server, {
    registerHandler(type: string, schema: never, handler: AnyHandler, opts?: never) {
      if (!type.startsWith('call.')) return signaling.registerHandler(type, schema, handler as never, opts);
      handlers.set(type, handler);
      signaling.registerHandler(
        type,
        schema,
        ((ctx: HandlerContext, msg: { roomId: string }) => route(type, ctx, msg, handler)) as never,
        opts,
      );
    },
    onDisconnect(cb: DisconnectCb) {
      disconnectCbs.push(cb);
      signaling.onDisconnect(cb);
    },
  });

  return {
    server,
    registry,
    owners: () => owners,
    async start() {
      await sub.subscribe(channel(self));
      if (o.sfu) registry.start(o.sfu);
      sweepTimer = setInterval(
        () =>
          void sweep().catch((err: unknown) => o.log.warn({ err: String(err) }, 'call routing sweep failed')),
        o.sweepMs ?? 5_000,
      );
      sweepTimer.unref();
    },
    async close(opts = {}) {
      clearInterval(sweepTimer);
      for (const w of waiting.values()) {
        clearTimeout(w.timer);
        w.reject(new SignalingError('unavailable', 'node shutting down'));
      }
      waiting.clear();
      if (opts.force) {
        registry.pause();
        sub.disconnect();
        return;
      }
      await registry.stop().catch(() => {});
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
