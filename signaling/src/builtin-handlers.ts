import type { createAccessEnforcer } from './access-control.ts';
import type { Authorize } from './authorize.ts';
import type { ChatReplay } from './chat/replay.ts';
import { lastSeq } from './chat/store.ts';
import type { Conn, ConnContext } from './conn.ts';
import { SignalingError } from './errors.ts';
import type { Outbox } from './outbox.ts';
import type { PresenceTracker } from './presence/tracker.ts';
import { visiblePresenceUsers } from './presence/visibility.ts';
import { CloseCodes, parseTopic, Requests } from './protocol.ts';
import { tokenExpiryMs } from './token-expiry.ts';
import type { Topics } from './topics.ts';
import type { HandlerContext, SignalingDeps, SignalingServer } from './types.ts';

export interface BuiltinHandlerDeps {
  registerHandler: SignalingServer['registerHandler'];
  deps: Pick<SignalingDeps, 'db' | 'tokens'>;
  authorize: Authorize;
  access: Pick<ReturnType<typeof createAccessEnforcer<Conn>>, 'admit' | 'guardSubscribe'>;
  presence: Pick<PresenceTracker<Conn>, 'setStatus' | 'presenceOf' | 'watch' | 'unwatch'>;
  topics: Pick<Topics, 'subscribe' | 'unsubscribe'>;
  replay: Pick<ChatReplay, 'subscribe'>;
  end: Outbox['end'];
}

/** Requests every socket can make whatever modules the host adds: the session, topics, presence. */
export function registerBuiltinHandlers(b: BuiltinHandlerDeps) {
  const { registerHandler, deps, authorize, access, presence, topics, replay, end } = b;
  // The core's dispatcher hands every handler a ConnContext; only built-ins need to know that.
  const connOf = (ctx: HandlerContext) => (ctx as ConnContext).conn;

  registerHandler('ping', Requests.ping, () => ({ t: Date.now() }));

  registerHandler('auth.refresh', Requests['auth.refresh'], async (ctx, m) => {
    const c = connOf(ctx);
    const r = await deps.tokens.verify(m.token);
    if (!r.ok) throw new SignalingError('unauthorized', `token ${r.reason}`);
    if (r.principal.userId !== c.userId || r.principal.role !== c.role)
      throw new SignalingError('forbidden', 'token is for another principal');
    if (!(await access.admit(r.principal, r.sessionVersion))) {
      // Suspended (or the role changed, or a password reset ended its sessions) and the announcement
      // missed this node: the error, then 4001.
      setImmediate(() => end(c, CloseCodes.unauthorized, 'unauthorized'));
      throw new SignalingError('unauthorized', 'account not active');
    }
    c.exp = tokenExpiryMs(m.token);
    return { expiresAt: Number.isFinite(c.exp) ? new Date(c.exp).toISOString() : null };
  });

  registerHandler('sub', Requests.sub, (ctx, m) => {
    const c = connOf(ctx);
    return access.guardSubscribe(c, m.topic, async () => {
      const granted = await authorize(ctx.principal, m.topic);
      if (!granted.ok) throw new SignalingError(granted.code, 'not allowed to subscribe to this topic');
      const t = parseTopic(m.topic)!;
      if (t.kind === 'chat' && m.since !== undefined) return replay.subscribe(c, m.topic, t.id, m.since);
      await topics.subscribe(c, m.topic);
      if (t.kind === 'chat') return { topic: m.topic, lastSeq: await lastSeq(deps.db, t.id) };
      return { topic: m.topic };
    });
  });

  registerHandler('unsub', Requests.unsub, (ctx, m) => {
    topics.unsubscribe(connOf(ctx), m.topic);
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
    const c = connOf(ctx);
    const visible = await visiblePresenceUsers(deps.db, ctx.principal.userId, m.userIds);
    // A watch made after the socket closed would never be ended.
    if (!c.open) return { presence: {} };
    return { presence: visible.length ? await presence.watch(c, visible) : {} };
  });

  registerHandler('presence.unwatch', Requests['presence.unwatch'], (ctx, m) => {
    presence.unwatch(connOf(ctx), m.userIds);
    return { userIds: m.userIds };
  });
}
