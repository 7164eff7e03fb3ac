import { randomBytes } from 'node:crypto';
import type { Role } from '@telehealth/platform/auth/tokens';
import uWS from 'uwebsockets';
import { z } from 'zod';
import {
  ACCESS_CONTROL_TOPIC,
  createAccessEnforcer,
  revalidateTopic,
  disconnectUser,
} from './access-control.ts';
import { createDefaultAuthorizer, type Authorize } from './authorize.ts';
import type { BusListener } from './bus.ts';
import { history, lastSeq } from './chat/store.ts';
import type { SignalingConfig } from './config.ts';
import { errorMessage, SignalingError } from './errors.ts';
import { createPresenceTracker } from './presence/tracker.ts';
import { visiblePresenceUsers } from './presence/visibility.ts';
import {
  ackFrame,
  AUTH_PROTOCOL_PREFIX,
  CloseCodes,
  errorFrame,
  eventFrame,
  parseTopic,
  PROTOCOL_VERSION,
  Requests,
  SUBPROTOCOL,
  type ErrorCode,
} from './protocol.ts';
import { bucketTake, violationHit, type TokenBucket } from './rate-limit.ts';
import type {
  Handler,
  HandlerContext,
  RequestBody,
  HandlerOptions,
  Logger,
  SignalingDeps,
  SignalingServer,
  SignalingStats,
} from './types.ts';

/** Per-socket state, also the uWS user data. Kept small: it is the per-connection memory cost. */
interface Conn {
  id: number;
  userId: string;
  role: Role;
  /** False between the 101 and the token check; nothing is processed until then. */
  authed: boolean;
  /** The offered token until it is verified (then dropped). */
  token: string | null;
  /** Frames that arrived before the token check finished (bounded). */
  early: string[] | null;
  /** Token expiry, ms since epoch. */
  exp: number;
  ws: uWS.WebSocket<Slot> | null;
  open: boolean;
  ending: boolean;
  dropping: boolean;
  /** Authorised subscriptions other than the socket's own user topic; allocated on first use. */
  topics: Set<string> | null;
  ctx: InternalContext | null;
  // Rate limit and violation counters inline (see rate-limit.ts).
  tokens: number;
  last: number;
  vStart: number;
  vCount: number;
}

/**
 * uWS copies the user-data object's properties onto its socket object; one property keeps that
 * object small and in fast mode, and the Conn keeps a stable shape.
 */
interface Slot {
  conn: Conn;
}

interface UserEntry {
  conns: Set<Conn>;
  /** The bus subscription for user:<id> on this node. */
  ready: Promise<void>;
  /** Sized to this node's share of the user's sockets cluster-wide (presence/tracker.ts). */
  bucket: TokenBucket;
}

interface Registered {
  type: string;
  schema: z.ZodType;
  handler: Handler<z.ZodType>;
  topic?: (msg: unknown) => string;
}

/** Internal context: built-in handlers need the connection itself. */
interface InternalContext extends HandlerContext {
  conn: Conn;
}

const SEND_DROPPED = 2;
const noopLogger: Logger = { info() {}, warn() {}, error() {} };
const decoder = new TextDecoder('utf-8', { fatal: true });

/** exp claim of an already verified JWT (verify() does not hand it back). */
function tokenExpiryMs(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** eventFrame()/eventFrameRaw() put `seq` right after the event name: read it without a parse. */
const FRAME_SEQ = /^\{"v":1,"type":"event","topic":"[^"]*","event":"[^"]*","seq":(\d+),/;

function frameSeq(frame: string): number | undefined {
  const m = FRAME_SEQ.exec(frame);
  if (m) return Number(m[1]);
  try {
    const f = JSON.parse(frame) as { seq?: unknown };
    return typeof f.seq === 'number' ? f.seq : undefined;
  } catch {
    return undefined;
  }
}

/** Which part of a request failed validation, without echoing any value (values may be PHI). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
    .join('; ');
}

export interface CoreOptions {
  /** Periodic work that modules add (queue no-show sweep). */
  sweepers?: (() => Promise<void>)[];
}

export function createCore(deps: SignalingDeps, config: SignalingConfig) {
  const log = deps.logger ?? noopLogger;
  const authorize: Authorize = deps.authorize ?? createDefaultAuthorizer(deps.db);
  const nodeId = randomBytes(4).toString('hex');
  const handlers = new Map<string, Registered>();
  const users = new Map<string, UserEntry>();
  const conns = new Set<Conn>();
  const topicRefs = new Map<string, { count: number; ready: Promise<void> }>();
  /** Sockets replaying a chat topic: live frames are held for them until the replay is sent. */
  const pendingReplays = new Map<string, Set<{ conn: Conn; frames: string[] }>>();
  const disconnectCbs: ((info: { connId: number; userId: string }) => void)[] = [];
  const sweepers: (() => Promise<void>)[] = [];
  const allowedOrigins = new Set(config.WS_ALLOWED_ORIGINS);
  let nextConnId = 1;
  /** Bumped whenever a user gains their first or loses their last socket on this node. */
  let localUsersVersion = 0;
  let listenSocket: uWS.us_listen_socket | null = null;
  let boundPort = 0;
  let closing = false;
  const timers: NodeJS.Timeout[] = [];
  const stats: SignalingStats = {
    connections: 0,
    users: 0,
    topics: 0,
    messagesIn: 0,
    framesOut: 0,
    acks: 0,
    errors: 0,
    violations: 0,
    rateLimited: 0,
    slowConsumersDropped: 0,
    abusiveClosed: 0,
    upgradesRejected: 0,
  };

  const app = uWS.App();
  /** Presence entries, the cluster-wide connection limit, rate shares and presence watches. */
  const presence = createPresenceTracker<Conn>({
    bus: deps.bus,
    nodeId,
    config,
    log,
    send: (c, frame) => send(c, frame),
  });

  /**
   * Local subscribers per shared topic (chat, queue, call): bookkeeping for authorisation and
   * teardown. Delivery itself is uWS's native pub/sub (each subscriber socket `subscribe`s): one call
   * per frame instead of one per recipient, the frame converted once, and frames for the same socket
   * in one loop iteration coalesced into one write. `user:<id>` topics are delivered from the users
   * registry instead, so an idle socket owns no native subscription (idle memory is a budget).
   */
  const topicSubs = new Map<string, Set<Conn>>();
  /**
   * Frames for each socket written since the last flush, in order. Everything a turn produces for a
   * socket (acks of a whole group commit, user-topic events, a replay) goes out at the end of the
   * turn under one cork, i.e. one write syscall: the write per socket and the wake-up it causes are
   * most of what sending costs.
   */
  let outbox = new Map<Conn, string[]>();
  let flushQueued = false;

  /**
   * Sockets that finished a chat replay up to a seq but are not in the native fan-out yet. An
   * announcement can reach this node after the message was already read for the replay (it travels
   * separately from the commit, through Redis), so these sockets get frames from here, filtered by
   * seq, until the first newer message; then they join the native fan-out.
   */
  const catchingUp = new Map<string, Map<Conn, number>>();

  function deliverCatchingUp(topic: string, frame: string, waiting: Map<Conn, number>) {
    const seq = frameSeq(frame);
    let caughtUp: Conn[] | null = null;
    for (const [c, replayedTo] of waiting) {
      if (seq !== undefined && seq <= replayedTo) continue; // already replayed
      send(c, frame);
      if (seq !== undefined) (caughtUp ??= []).push(c);
    }
    return caughtUp;
  }

  const listener: BusListener = deps.bus.listen((topic, frame, origin) => {
    if (topic === ACCESS_CONTROL_TOPIC) return access.onControl(frame);
    const pending = pendingReplays.get(topic);
    if (pending) for (const p of pending) p.frames.push(frame);
    if (!topic.startsWith('user:')) {
      const waiting = catchingUp.get(topic);
      const caughtUp = waiting ? deliverCatchingUp(topic, frame, waiting) : null;
      // uWS takes a topic's subscribers at publish time, so sockets that subscribe after this call
      // (a finished replay, a socket that just caught up) get this frame from us only: never twice.
      const subs = topicSubs.get(topic);
      if (subs) {
        const from = origin as Conn | undefined;
        if (from?.ws && subs.has(from) && !waiting?.has(from)) {
          // The publishing socket's copy goes into its outbox, next to the ack it is about to get:
          // one write instead of two (ws.publish skips the sender).
          from.ws.publish(topic, frame, false);
          send(from, frame);
          stats.framesOut += subs.size - 1; // the sender's copy is counted by write()
        } else {
          app.publish(topic, frame, false);
          stats.framesOut += subs.size;
        }
      }
      if (caughtUp)
        for (const c of caughtUp) {
          waiting!.delete(c);
          if (c.open) c.ws?.subscribe(topic);
        }
      if (waiting?.size === 0) catchingUp.delete(topic);
      return;
    }
    const subs = users.get(topic.slice(5))?.conns;
    if (subs) for (const c of subs) if (c.authed) send(c, frame);
  });

  /**
   * Writes the turn's frames. Scheduled with nextTick, which runs once the microtask queue is empty:
   * a group commit's promise chains (the published copy, then the ack) all land in one flush, i.e.
   * one write per socket. It still runs before uWS drains its native publishes (end of the loop turn).
   */
  function flush() {
    flushQueued = false;
    if (outbox.size === 0) return;
    const out = outbox;
    outbox = new Map();
    for (const [c, list] of out) writeAll(c, list);
  }

  function writeAll(c: Conn, list: string[]) {
    if (!c.open || !c.ws) return;
    if (list.length === 1) return write(c, list[0]!);
    const ws = c.ws;
    // uWS writes a subscriber's pending published frames before a send, and doing so drops the
    // cork held around it (uWS 20's topic-tree drain uncorks whatever cork is active). Corking again
    // after the first frame keeps the rest of the list in one write.
    ws.cork(() => {
      write(c, list[0]!);
      ws.cork(() => {
        for (let i = 1; i < list.length; i++) write(c, list[i]!);
      });
    });
  }

  // ---- sending ----

  /**
   * Closes with a code once. uWS runs the close handler synchronously inside end(), and end() on a
   * socket over its backpressure limit can re-enter `dropped`, hence the flag.
   */
  function endConn(conn: Conn, code: number, reason: string) {
    if (!conn.open || !conn.ws || conn.ending) return;
    conn.ending = true;
    // What was sent before the close (e.g. the error that explains it) goes out first.
    const queued = outbox.get(conn);
    if (queued) {
      outbox.delete(conn);
      writeAll(conn, queued);
    }
    conn.ws?.end(code, reason);
  }

  function dropSlowConsumer(conn: Conn) {
    if (!conn.open || conn.ending || conn.dropping) return;
    conn.dropping = true;
    stats.slowConsumersDropped++;
    // Deferred: closing inside `dropped` (which uWS may call from within a send) or in the middle of
    // a fan-out loop is unsafe.
    queueMicrotask(() => endConn(conn, CloseCodes.slowConsumer, 'slow consumer'));
  }

  function send(conn: Conn, frame: string) {
    if (!conn.open || !conn.ws || conn.ending) return;
    const list = outbox.get(conn);
    if (list) list.push(frame);
    else outbox.set(conn, [frame]);
    if (!flushQueued) {
      flushQueued = true;
      process.nextTick(flush);
    }
  }

  function write(conn: Conn, frame: string) {
    if (!conn.open || !conn.ws) return;
    stats.framesOut++;
    if (conn.ws.send(frame, false) === SEND_DROPPED) dropSlowConsumer(conn);
  }

  function sendError(conn: Conn, id: string | null, code: ErrorCode, message: string = code) {
    stats.errors++;
    send(conn, errorFrame(id, code, message));
  }

  /** Counts a protocol violation; past the allowance the client is closed. */
  function violation(conn: Conn, id: string | null, code: ErrorCode, message?: string) {
    stats.violations++;
    sendError(conn, id, code, message);
    if (violationHit(conn, config.WS_MAX_VIOLATIONS_PER_MIN, Date.now()) && conn.open && !conn.ending) {
      stats.abusiveClosed++;
      endConn(conn, CloseCodes.abuse, 'too many invalid frames');
    }
  }

  // ---- topics ----

  function retain(topic: string): Promise<void> {
    const ref = topicRefs.get(topic);
    if (ref) {
      ref.count++;
      return ref.ready;
    }
    const ready = listener.subscribe(topic);
    topicRefs.set(topic, { count: 1, ready });
    stats.topics = topicRefs.size;
    return ready;
  }

  function release(topic: string) {
    const ref = topicRefs.get(topic);
    if (!ref) return;
    if (--ref.count > 0) return;
    topicRefs.delete(topic);
    stats.topics = topicRefs.size;
    listener
      .unsubscribe(topic)
      .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'bus unsubscribe failed'));
  }

  const ownTopic = (conn: Conn) => `user:${conn.userId}`;
  function isSubscribed(conn: Conn, topic: string) {
    return topic === ownTopic(conn) || (conn.topics?.has(topic) ?? false);
  }

  async function subscribeConn(conn: Conn, topic: string) {
    if (isSubscribed(conn, topic)) return;
    (conn.topics ??= new Set()).add(topic);
    await retain(topic);
    if (!conn.open || !conn.topics?.has(topic)) return; // closed or unsubscribed meanwhile
    addSub(conn, topic);
  }

  /** `replayedTo`: the socket was just replayed up to that seq (see catchingUp). */
  function addSub(conn: Conn, topic: string, replayedTo?: number) {
    let set = topicSubs.get(topic);
    if (!set) topicSubs.set(topic, (set = new Set()));
    set.add(conn);
    if (replayedTo === undefined) return void conn.ws?.subscribe(topic);
    let waiting = catchingUp.get(topic);
    if (!waiting) catchingUp.set(topic, (waiting = new Map()));
    waiting.set(conn, replayedTo);
  }

  /** uWS drops a closed socket's native subscriptions itself; `ws` is null by then. */
  function removeSub(conn: Conn, topic: string) {
    const set = topicSubs.get(topic);
    if (set?.delete(conn) && set.size === 0) topicSubs.delete(topic);
    const waiting = catchingUp.get(topic);
    if (waiting?.delete(conn) && waiting.size === 0) catchingUp.delete(topic);
    if (conn.open) conn.ws?.unsubscribe(topic);
  }

  function unsubscribeConn(conn: Conn, topic: string) {
    if (!conn.topics?.delete(topic)) return;
    removeSub(conn, topic);
    release(topic);
  }

  /** Revocation of live access (access-control.ts): this node's sockets, seen through conn.topics. */
  const access = createAccessEnforcer<Conn>(
    {
      *holders(topic) {
        for (const c of conns) if (c.authed && c.topics?.has(topic)) yield c;
      },
      socketsOf: (userId) => [...(users.get(userId)?.conns ?? [])],
      *subscriptions(filter) {
        for (const c of conns)
          if (c.authed && c.topics) for (const t of c.topics) if (filter(t)) yield [c, t];
      },
      principal: (c) => ({ userId: c.userId, role: c.role }),
      holds: (c, topic) => c.open && (c.topics?.has(topic) ?? false),
      revoke(c, topic, code) {
        unsubscribeConn(c, topic);
        send(c, eventFrame(topic, 'sub.revoked', { topic, code }));
      },
      close: (c) => endConn(c, CloseCodes.unauthorized, 'unauthorized'),
    },
    { authorize, db: deps.db, log },
  );
  sweepers.push(access.sweep);
  const controlReady = listener.subscribe(ACCESS_CONTROL_TOPIC);

  /**
   * Chat resume: live frames for the topic are held for this socket while the missed messages are
   * read from PostgreSQL, then sent in order: the replay, then held frames newer than the replay.
   * The socket joins the topic's fan-out only after that (and after delivering what was announced
   * so far to the others), so the client sees each seq exactly once.
   */
  async function subscribeWithReplay(conn: Conn, topic: string, conversationId: string, since: number) {
    unsubscribeConn(conn, topic);
    const pending = { conn, frames: [] as string[] };
    let set = pendingReplays.get(topic);
    if (!set) pendingReplays.set(topic, (set = new Set()));
    set.add(pending);
    (conn.topics ??= new Set()).add(topic);
    try {
      await retain(topic);
      const limit = config.CHAT_RESUME_LIMIT;
      const missed = await history(deps.db, conversationId, { after: since, limit: limit + 1 });
      const more = missed.length > limit;
      if (more) missed.pop();
      let maxSeq = since;
      let sentTo = since;
      if (conn.open && conn.ws && conn.topics?.has(topic)) {
        for (const m of missed) {
          send(conn, eventFrame(topic, 'chat.message', m, m.seq));
          maxSeq = m.seq;
        }
        if (more) send(conn, eventFrame(topic, 'chat.gap', { conversationId, after: maxSeq }));
        for (const f of pending.frames) {
          const seq = frameSeq(f);
          if (seq !== undefined && seq <= maxSeq) continue;
          send(conn, f);
          if (seq !== undefined) sentTo = Math.max(sentTo, seq);
        }
        if (conn.open) addSub(conn, topic, Math.max(maxSeq, sentTo));
      }
      return { topic, replayed: missed.length, lastSeq: maxSeq, more };
    } catch (err) {
      unsubscribeConn(conn, topic);
      throw err;
    } finally {
      set.delete(pending);
      if (set.size === 0) pendingReplays.delete(topic);
    }
  }

  // ---- handlers ----

  function registerHandler<S extends z.ZodType>(
    type: string,
    schema: S,
    handler: Handler<S>,
    opts: HandlerOptions<S> = {},
  ) {
    if (handlers.has(type)) throw new Error(`handler already registered: ${type}`);
    handlers.set(type, {
      type,
      // handleText checks the envelope (v, type, id) of every frame by hand; parsing it again for
      // each request would be wasted work, so handler schemas built on the envelope drop it.
      schema:
        schema instanceof z.ZodObject && 'id' in schema.shape && 'type' in schema.shape
          ? schema.omit({ v: true, type: true, id: true })
          : schema,
      handler: handler as Handler<z.ZodType>,
      topic: opts.topic as ((m: unknown) => string) | undefined,
    });
  }

  function contextFor(conn: Conn): InternalContext {
    // One per socket, made on its first request (the principal cannot change: auth.refresh
    // insists on the same one).
    return (conn.ctx ??= {
      conn,
      principal: { userId: conn.userId, role: conn.role },
      connId: conn.id,
      push: (topic, event, data) => send(conn, eventFrame(topic, event, data)),
      publish: (topic, frame) => deps.bus.publish(topic, frame, conn),
      isSubscribed: (topic) => isSubscribed(conn, topic),
    });
  }

  /**
   * Runs a handler and answers with its ack or error. Not async: a synchronous handler is answered
   * in the same call, and a promise costs one reaction instead of an async function's several.
   */
  function dispatch(conn: Conn, reg: Registered, id: string, msg: unknown) {
    const ok = (data: unknown) => {
      stats.acks++;
      send(conn, ackFrame(id, data ?? null));
    };
    const fail = (err: unknown) => {
      if (err instanceof SignalingError) return sendError(conn, id, err.code, err.message);
      // Log the failure class only: request payloads may carry PHI.
      log.error({ err: errorMessage(err), type: reg.type, connId: conn.id }, 'handler failed');
      sendError(conn, id, 'internal', 'internal error');
    };
    let out: unknown;
    try {
      out = reg.handler(contextFor(conn), msg as RequestBody<z.ZodType>);
    } catch (err) {
      return fail(err);
    }
    if (typeof (out as PromiseLike<unknown> | null)?.then === 'function')
      (out as PromiseLike<unknown>).then(ok, fail);
    else ok(out);
  }

  const MAX_EARLY_FRAMES = 16;

  function onMessage(conn: Conn, ab: ArrayBuffer, isBinary: boolean) {
    stats.messagesIn++;
    if (conn.ending) return;
    const now = Date.now();
    if (isBinary) return violation(conn, null, 'binary_not_supported', 'only JSON text frames');
    let text: string;
    try {
      text = decoder.decode(ab);
    } catch {
      return violation(conn, null, 'bad_json', 'frame is not UTF-8 JSON');
    }
    if (!conn.authed) {
      // The token is being verified; keep a few frames (the ArrayBuffer dies when we return).
      conn.early ??= [];
      if (conn.early.length >= MAX_EARLY_FRAMES)
        return endConn(conn, CloseCodes.rateLimited, 'wait for session.ready');
      conn.early.push(text);
      return;
    }
    handleText(conn, text, now);
  }

  function handleText(conn: Conn, text: string, now: number) {
    const user = users.get(conn.userId);
    if (
      !bucketTake(conn, config.WS_RATE_CONN_PER_S, config.WS_RATE_CONN_BURST, now) ||
      (user && !user.bucket.take(now))
    ) {
      stats.rateLimited++;
      return violation(conn, null, 'rate_limited', 'slow down');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return violation(conn, null, 'bad_json', 'frame is not JSON');
    }
    // The envelope (EnvelopeSchema) checked by hand: it runs for every frame, and handler schemas
    // (integrators' too) validate only their own fields.
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return violation(conn, null, 'bad_request', '(root): invalid_type');
    const r = raw as { v?: unknown; type?: unknown; id?: unknown };
    const idOk = typeof r.id === 'string' && r.id.length >= 1 && r.id.length <= 64;
    if (r.v !== PROTOCOL_VERSION)
      return violation(
        conn,
        idOk ? (r.id as string) : null,
        'v' in r ? 'unsupported_version' : 'bad_request',
        'v' in r ? 'protocol version 1 only' : 'v: invalid_value',
      );
    if (!idOk) return violation(conn, null, 'bad_request', 'id: invalid');
    const id = r.id as string;
    if (typeof r.type !== 'string' || r.type.length < 1 || r.type.length > 64)
      return violation(conn, id, 'bad_request', 'type: invalid');
    const type = r.type;
    if (now >= conn.exp) {
      sendError(conn, id, 'unauthorized', 'token expired');
      endConn(conn, CloseCodes.unauthorized, 'token expired');
      return;
    }
    const reg = handlers.get(type);
    if (!reg) return violation(conn, id, 'unknown_type', 'unknown request type');
    const parsed = reg.schema.safeParse(raw);
    if (!parsed.success) return violation(conn, id, 'bad_request', describeIssues(parsed.error));
    if (reg.topic && !isSubscribed(conn, reg.topic(parsed.data)))
      return sendError(conn, id, 'not_subscribed', 'subscribe to the topic first');
    dispatch(conn, reg, id, parsed.data);
  }

  // ---- built-in requests ----

  registerHandler('ping', Requests.ping, () => ({ t: Date.now() }));

  registerHandler('auth.refresh', Requests['auth.refresh'], async (ctx, m) => {
    const c = (ctx as InternalContext).conn;
    const r = await deps.tokens.verify(m.token);
    if (!r.ok) throw new SignalingError('unauthorized', `token ${r.reason}`);
    if (r.principal.userId !== c.userId || r.principal.role !== c.role)
      throw new SignalingError('forbidden', 'token is for another principal');
    if (!(await access.admit(r.principal, r.sessionVersion))) {
      // Suspended (or the role changed, or a password reset ended its sessions) and the announcement
      // missed this node: the error, then 4001.
      setImmediate(() => endConn(c, CloseCodes.unauthorized, 'unauthorized'));
      throw new SignalingError('unauthorized', 'account not active');
    }
    c.exp = tokenExpiryMs(m.token);
    return { expiresAt: Number.isFinite(c.exp) ? new Date(c.exp).toISOString() : null };
  });

  registerHandler('sub', Requests.sub, (ctx, m) => {
    const c = (ctx as InternalContext).conn;
    return access.guardSubscribe(c, m.topic, async () => {
      const granted = await authorize(ctx.principal, m.topic);
      if (!granted.ok) throw new SignalingError(granted.code, 'not allowed to subscribe to this topic');
      const t = parseTopic(m.topic)!;
      if (t.kind === 'chat' && m.since !== undefined) return subscribeWithReplay(c, m.topic, t.id, m.since);
      await subscribeConn(c, m.topic);
      if (t.kind === 'chat') return { topic: m.topic, lastSeq: await lastSeq(deps.db, t.id) };
      return { topic: m.topic };
    });
  });

  registerHandler('unsub', Requests.unsub, (ctx, m) => {
    unsubscribeConn((ctx as InternalContext).conn, m.topic);
    return { topic: m.topic };
  });

  registerHandler('presence.set', Requests['presence.set'], async (ctx, m) => {
    await presence.setStatus(ctx.principal.userId, m.status);
    return { status: m.status };
  });

  registerHandler('presence.get', Requests['presence.get'], async (ctx, m) => {
    const visible = await visiblePresenceUsers(deps.db, ctx.principal.userId, m.userIds);
    return { presence: await presence.presenceOf(visible) };
  });

  registerHandler('presence.watch', Requests['presence.watch'], async (ctx, m) => {
    const c = (ctx as InternalContext).conn;
    const visible = await visiblePresenceUsers(deps.db, ctx.principal.userId, m.userIds);
    // A watch made after the socket closed would never be ended.
    if (!c.open) return { presence: {} };
    return { presence: visible.length ? await presence.watch(c, visible) : {} };
  });

  registerHandler('presence.unwatch', Requests['presence.unwatch'], (ctx, m) => {
    presence.unwatch((ctx as InternalContext).conn, m.userIds);
    return { userIds: m.userIds };
  });

  // ---- lifecycle ----

  function reject(res: uWS.HttpResponse, status: string) {
    stats.upgradesRejected++;
    res.cork(() => {
      res.writeStatus(status).writeHeader('Connection', 'close').end();
    });
  }

  function originAllowed(origin: string): boolean {
    if (!origin) return config.WS_ALLOW_NO_ORIGIN;
    return allowedOrigins.size === 0 || allowedOrigins.has(origin);
  }

  /** The token checked out: take a place within the user's connection limit on all nodes. */
  function authenticated(conn: Conn, userId: string, role: Role, exp: number) {
    presence.admit(userId).then(
      (ok) => {
        if (!ok) {
          stats.upgradesRejected++;
          return endConn(conn, CloseCodes.tooManyConnections, 'too many connections');
        }
        if (!conn.open) return presence.release(userId); // closed while admitting
        admitted(conn, userId, role, exp);
      },
      (err: unknown) => {
        // The limit cannot be checked without the store: refuse rather than exceed it.
        log.warn({ err: errorMessage(err) }, 'presence admit failed');
        endConn(conn, CloseCodes.goingAway, 'try again');
      },
    );
  }

  /** Last part of the handshake: the socket counts against the user's limit. */
  function admitted(conn: Conn, userId: string, role: Role, exp: number) {
    let user = users.get(userId);
    conn.userId = userId;
    conn.role = role;
    conn.exp = exp;
    conn.authed = true;
    const own = `user:${userId}`;
    if (!user) {
      user = {
        conns: new Set(),
        ready: retain(own),
        bucket: presence.bucket(userId),
      };
      users.set(userId, user);
      localUsersVersion++;
    }
    user.conns.add(conn);
    stats.users = users.size;
    // Every socket hears its own user topic (notifications, queue position, called). `session.ready`
    // goes out once that subscription is live, so a client that waits for it misses nothing.
    user.ready.then(
      () => {
        send(
          conn,
          eventFrame(own, 'session.ready', {
            userId,
            role,
            nodeId,
            expiresAt: Number.isFinite(exp) ? new Date(exp).toISOString() : null,
          }),
        );
        const early = conn.early;
        conn.early = null;
        if (early) for (const text of early) if (conn.open) handleText(conn, text, Date.now());
      },
      (err: unknown) => {
        log.warn({ err: errorMessage(err) }, 'user topic subscribe failed');
        endConn(conn, CloseCodes.goingAway, 'try again');
      },
    );
  }

  app.ws<Slot>(config.WS_PATH, {
    maxPayloadLength: config.WS_MAX_PAYLOAD,
    maxBackpressure: config.WS_MAX_BACKPRESSURE,
    // We drop slow consumers ourselves (dropped handler) to close them with our code. (Typed as number.)
    closeOnBackpressureLimit: 0,
    idleTimeout: config.WS_IDLE_TIMEOUT_S,
    sendPingsAutomatically: true,
    compression: uWS.DISABLED,
    upgrade(res, req, context) {
      // Synchronous on purpose. Upgrading later (after an await) needs res.cork(() => res.upgrade()),
      // which in this uWS build can close the new socket right after `open` (uWebSockets issue
      // #1928); upgrading uncorked prints a warning per connection. So the token is checked here for
      // shape and verified in `open` before anything else happens on the socket.
      const key = req.getHeader('sec-websocket-key');
      const protocolHeader = req.getHeader('sec-websocket-protocol');
      const extensions = req.getHeader('sec-websocket-extensions');
      const origin = req.getHeader('origin');
      if (closing) return reject(res, '503 Service Unavailable');
      if (!originAllowed(origin)) return reject(res, '403 Forbidden');
      const offered = protocolHeader.split(',').map((p) => p.trim());
      if (!offered.includes(SUBPROTOCOL)) return reject(res, '400 Bad Request');
      const token = offered
        .find((p) => p.startsWith(AUTH_PROTOCOL_PREFIX))
        ?.slice(AUTH_PROTOCOL_PREFIX.length);
      if (!token || token.length > 4096 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
        return reject(res, '401 Unauthorized');
      const now = Date.now();
      const conn: Conn = {
        id: nextConnId++,
        userId: '',
        role: 'patient',
        authed: false,
        token,
        early: null,
        exp: 0,
        ws: null,
        open: false,
        ending: false,
        dropping: false,
        topics: null,
        ctx: null,
        tokens: config.WS_RATE_CONN_BURST,
        last: now,
        vStart: 0,
        vCount: 0,
      };
      // Select only th.v1: the token is never echoed back.
      res.upgrade<Slot>({ conn }, key, SUBPROTOCOL, extensions, context);
    },
    open(ws) {
      const conn = ws.getUserData().conn;
      conn.ws = ws;
      conn.open = true;
      conns.add(conn);
      stats.connections = conns.size;
      const token = conn.token!;
      conn.token = null;
      deps.tokens
        .verify(token)
        .then(async (r) => {
          if (!conn.open) return;
          if (!r.ok) {
            stats.upgradesRejected++;
            return endConn(
              conn,
              CloseCodes.unauthorized,
              r.reason === 'expired' ? 'token expired' : 'unauthorized',
            );
          }
          // A suspended account (a changed role, a reset since the token) is refused even with an unexpired token.
          const admitted = await access.admit(r.principal, r.sessionVersion);
          if (!conn.open) return;
          if (!admitted) {
            stats.upgradesRejected++;
            return endConn(conn, CloseCodes.unauthorized, 'unauthorized');
          }
          authenticated(conn, r.principal.userId, r.principal.role, tokenExpiryMs(token));
        })
        .catch((err: unknown) => {
          log.error({ err: errorMessage(err) }, 'token verification failed');
          endConn(conn, CloseCodes.unauthorized, 'unauthorized');
        });
    },
    message(ws, message, isBinary) {
      onMessage(ws.getUserData().conn, message, isBinary);
    },
    dropped(ws) {
      dropSlowConsumer(ws.getUserData().conn);
    },
    close(ws) {
      const conn = ws.getUserData().conn;
      conn.open = false;
      conn.ws = null;
      conns.delete(conn);
      if (conn.topics)
        for (const t of conn.topics) {
          removeSub(conn, t);
          release(t);
        }
      conn.topics = null;
      if (conn.authed) {
        presence.release(conn.userId);
        presence.unwatchAll(conn);
      }
      const user = conn.authed ? users.get(conn.userId) : undefined;
      if (user) {
        user.conns.delete(conn);
        if (user.conns.size === 0) {
          users.delete(conn.userId);
          localUsersVersion++;
          release(`user:${conn.userId}`);
        }
      }
      stats.connections = conns.size;
      stats.users = users.size;
      if (!conn.authed) return;
      for (const cb of disconnectCbs) {
        try {
          cb({ connId: conn.id, userId: conn.userId });
        } catch (err) {
          log.error({ err: errorMessage(err) }, 'disconnect callback failed');
        }
      }
    },
  });

  // For the host's proxy / load balancer: no auth, no details beyond liveness.
  app.get('/healthz', (res) => {
    res
      .writeStatus(closing ? '503 Service Unavailable' : '200 OK')
      .writeHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ ok: !closing, nodeId }));
  });

  app.any(
    '/*',
    deps.http ??
      ((res) => {
        res.writeStatus('404 Not Found').end();
      }),
  );

  async function sweep() {
    const now = Date.now();
    for (const c of [...conns])
      if (c.authed && now >= c.exp) endConn(c, CloseCodes.unauthorized, 'token expired');
    try {
      await presence.sweep();
    } catch (err) {
      log.error({ err: errorMessage(err) }, 'presence sweep failed');
    }
    for (const s of sweepers) {
      try {
        await s();
      } catch (err) {
        log.error({ err: errorMessage(err) }, 'sweeper failed');
      }
    }
  }

  const server: SignalingServer = {
    nodeId,
    config,
    get port() {
      return boundPort;
    },
    listen() {
      return new Promise<number>((resolve, reject) => {
        app.listen(config.WS_HOST, config.WS_PORT, (ls) => {
          if (!ls)
            return reject(new Error(`signaling: cannot listen on ${config.WS_HOST}:${config.WS_PORT}`));
          listenSocket = ls;
          boundPort = uWS.us_socket_local_port(ls as unknown as uWS.us_socket);
          if (config.WS_SWEEP_INTERVAL_S > 0) {
            const t = setInterval(() => void sweep(), config.WS_SWEEP_INTERVAL_S * 1000);
            t.unref();
            timers.push(t);
          }
          log.info({ nodeId, port: boundPort }, 'signaling listening');
          // Ready once access changes announced by other nodes reach this one.
          controlReady.then(() => resolve(boundPort), reject);
        });
      });
    },
    async close(opts = {}) {
      closing = true;
      for (const t of timers) clearInterval(t);
      if (listenSocket) uWS.us_listen_socket_close(listenSocket);
      listenSocket = null;
      // A forced close stands in for a crash: this node's presence entries are left to lapse.
      if (opts.force) presence.abandon();
      for (const c of [...conns]) {
        if (opts.force) {
          if (c.open && c.ws) c.ws.close();
        } else endConn(c, CloseCodes.goingAway, 'server shutting down');
      }
      if (opts.force) app.close();
      await presence.close();
      await listener.close();
    },
    registerHandler,
    async publish(topic, event, data, seq) {
      await deps.bus.publish(topic, eventFrame(topic, event, data, seq));
    },
    onDisconnect(cb) {
      disconnectCbs.push(cb);
    },
    revalidate: (topic) => revalidateTopic(deps.bus, topic, log),
    disconnectUser: (userId, reason) => disconnectUser(deps.bus, userId, reason, log),
    sweep,
    stats: () => ({ ...stats }),
  };

  return {
    server,
    authorize,
    addSweeper: (s: () => Promise<void>) => sweepers.push(s),
    presenceOf: (userIds: string[]) => presence.presenceOf(userIds),
    /** Connected to this node right now (no bus round trip needed to know they are online). */
    isLocal: (userId: string) => users.has(userId),
    /** Changes whenever isLocal() may answer differently for someone (lets callers cache). */
    localUsersVersion: () => localUsersVersion,
    log,
  };
}
export type Core = ReturnType<typeof createCore>;
