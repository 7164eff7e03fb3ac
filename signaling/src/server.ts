import { randomBytes } from 'node:crypto';
import type { Role } from '@telehealth/platform/auth/tokens';
import uWS from 'uwebsockets';
import {
  ACCESS_CONTROL_TOPIC,
  createAccessEnforcer,
  revalidateTopic,
  disconnectUser,
} from './access-control.ts';
import { createDefaultAuthorizer, type Authorize } from './authorize.ts';
import { registerBuiltinHandlers } from './builtin-handlers.ts';
import type { BusListener } from './bus.ts';
import { createChatReplay } from './chat/replay.ts';
import type { SignalingConfig } from './config.ts';
import { newConn, userTopic, type Conn, type Slot } from './conn.ts';
import { createDispatcher } from './dispatch.ts';
import { errorMessage } from './errors.ts';
import { createOutbox } from './outbox.ts';
import { createPresenceTracker } from './presence/tracker.ts';
import { AUTH_PROTOCOL_PREFIX, CloseCodes, eventFrame, SUBPROTOCOL } from './protocol.ts';
import type { TokenBucket } from './rate-limit.ts';
import { tokenExpiryMs } from './token-expiry.ts';
import { createTopics } from './topics.ts';
import type { Logger, SignalingDeps, SignalingServer, SignalingStats } from './types.ts';

interface UserEntry {
  conns: Set<Conn>;
  /** The bus subscription for user:<id> on this node. */
  ready: Promise<void>;
  /** Sized to this node's share of the user's sockets cluster-wide (presence/tracker.ts). */
  bucket: TokenBucket;
}

const noopLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * The socket tier's composition: the uWS listener and the socket lifecycle (upgrade, token check,
 * admission, close), the users registry, and the wiring of the parts that each own one job: the
 * outbox (outbox.ts), topic subscriptions and fan-out (topics.ts), request dispatch (dispatch.ts),
 * built-in requests (builtin-handlers.ts), chat resume (chat/replay.ts), presence and access
 * revocation. All state lives in the objects made here, one set per server.
 */
export function createCore(deps: SignalingDeps, config: SignalingConfig) {
  const log = deps.logger ?? noopLogger;
  const authorize: Authorize = deps.authorize ?? createDefaultAuthorizer(deps.db);
  const nodeId = randomBytes(4).toString('hex');
  const users = new Map<string, UserEntry>();
  const conns = new Set<Conn>();
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
  const outbox = createOutbox(stats);
  const { send, end } = outbox;
  /** Presence entries, the cluster-wide connection limit, rate shares and presence watches. */
  const presence = createPresenceTracker<Conn>({ bus: deps.bus, nodeId, config, log, send });

  const listener: BusListener = deps.bus.listen((topic, frame, meta) => {
    if (topic === ACCESS_CONTROL_TOPIC) return access.onControl(frame);
    replay.hold(topic, frame, meta.seq);
    if (!topic.startsWith('user:')) return topics.deliver(topic, frame, meta);
    const subs = users.get(topic.slice(5))?.conns;
    if (subs) for (const c of subs) if (c.authed) send(c, frame);
  });
  const topics = createTopics({ listener, app, send, stats, log });
  const replay = createChatReplay({ db: deps.db, config, topics, send });

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
        topics.unsubscribe(c, topic);
        send(c, eventFrame(topic, 'sub.revoked', { topic, code }));
      },
      close: (c) => end(c, CloseCodes.unauthorized, 'unauthorized'),
    },
    { authorize, db: deps.db, log },
  );
  sweepers.push(access.sweep);
  const controlReady = listener.subscribe(ACCESS_CONTROL_TOPIC);

  const dispatcher = createDispatcher({
    config,
    stats,
    log,
    outbox,
    bus: deps.bus,
    isSubscribed: topics.isSubscribed,
    userBucket: (userId) => users.get(userId)?.bucket,
  });
  const { registerHandler } = dispatcher;
  registerBuiltinHandlers({ registerHandler, deps, authorize, access, presence, topics, replay, end });

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
          return end(conn, CloseCodes.tooManyConnections, 'too many connections');
        }
        if (!conn.open) return presence.release(userId); // closed while admitting
        admitted(conn, userId, role, exp);
      },
      (err: unknown) => {
        // The limit cannot be checked without the store: refuse rather than exceed it.
        log.warn({ err: errorMessage(err) }, 'presence admit failed');
        end(conn, CloseCodes.goingAway, 'try again');
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
    const own = userTopic(userId);
    if (!user) {
      user = {
        conns: new Set(),
        ready: topics.retain(own),
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
        if (early) for (const text of early) if (conn.open) dispatcher.handleText(conn, text, Date.now());
      },
      (err: unknown) => {
        log.warn({ err: errorMessage(err) }, 'user topic subscribe failed');
        end(conn, CloseCodes.goingAway, 'try again');
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
      const conn = newConn(nextConnId++, token, config.WS_RATE_CONN_BURST, Date.now());
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
            return end(
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
            return end(conn, CloseCodes.unauthorized, 'unauthorized');
          }
          authenticated(conn, r.principal.userId, r.principal.role, tokenExpiryMs(token));
        })
        .catch((err: unknown) => {
          log.error({ err: errorMessage(err) }, 'token verification failed');
          end(conn, CloseCodes.unauthorized, 'unauthorized');
        });
    },
    message(ws, message, isBinary) {
      dispatcher.onMessage(ws.getUserData().conn, message, isBinary);
    },
    dropped(ws) {
      outbox.dropSlowConsumer(ws.getUserData().conn);
    },
    close(ws) {
      const conn = ws.getUserData().conn;
      conn.open = false;
      conn.ws = null;
      conns.delete(conn);
      topics.dropAll(conn);
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
          topics.release(userTopic(conn.userId));
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
      if (c.authed && now >= c.exp) end(c, CloseCodes.unauthorized, 'token expired');
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
        } else end(c, CloseCodes.goingAway, 'server shutting down');
      }
      if (opts.force) app.close();
      await presence.close();
      await listener.close();
    },
    registerHandler,
    async publish(topic, event, data, seq) {
      await deps.bus.publish(
        topic,
        eventFrame(topic, event, data, seq),
        seq === undefined ? undefined : { seq },
      );
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
