/**
 * Revocation of live access. Subscriptions are authorised once, at `sub`; when access later ends
 * (the visit ended, a guest was removed, the account was suspended) whoever changed it announces
 * that on the bus control topic, and every node re-checks its own sockets:
 *
 * - `revalidate(topic)`: each local subscriber of the topic is authorised again; those now refused
 *   lose the subscription and get `sub.revoked { topic, code }`.
 * - `disconnect(userId)`: each local socket of the user is closed with 4001. The handshake re-reads
 *   the account, so the reconnect that follows is refused too.
 *
 * Announcements can be lost (a node restarting, Redis hiccups), so the sweep also re-checks every
 * `call:` subscription: calls are few and their access ends by the clock as well (appointment
 * windows), which no one announces.
 */
import type { Principal } from '@telehealth/platform/auth/tokens';
import type { Queryable } from '@telehealth/platform/db/types';
import { z } from 'zod';
import type { Authorize, TopicAccess } from './authorize.ts';
import type { Bus } from './bus.ts';
import { errorMessage, SignalingError } from './errors.ts';
import { TopicSchema } from './protocol.ts';
import type { Logger } from './types.ts';

/** Bus topic of access changes. Clients can never subscribe to it: TopicSchema refuses it. */
export const ACCESS_CONTROL_TOPIC = 'ctl:access';

/** `session_revoked`: the account's session version moved (a password reset ends every session). */
export const DisconnectReasons = ['suspended', 'role_changed', 'erased', 'session_revoked'] as const;
export type DisconnectReason = (typeof DisconnectReasons)[number];

export const AccessControlSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('revalidate'), topic: TopicSchema }),
  z.object({ kind: z.literal('disconnect'), userId: z.uuid(), reason: z.enum(DisconnectReasons) }),
]);
export type AccessControl = z.infer<typeof AccessControlSchema>;

/**
 * Announces an access change to every signaling node. Call it after the change is committed (the
 * nodes re-read the database). Only needs the bus, so the API can call it without a server object.
 * With `log` it is best effort: the change itself is committed, and a lost announcement is repaired
 * by the sweep (call rooms) or the access token's expiry (sockets), so a failure is only logged.
 */
export async function announceAccessChange(
  bus: Pick<Bus, 'publish'>,
  msg: AccessControl,
  log?: Pick<Logger, 'warn'>,
): Promise<void> {
  try {
    await bus.publish(ACCESS_CONTROL_TOPIC, JSON.stringify(AccessControlSchema.parse(msg)));
  } catch (err) {
    if (!log) throw err;
    log.warn({ err: errorMessage(err), kind: msg.kind }, 'access change announcement failed');
  }
}

export const revalidateTopic = (bus: Pick<Bus, 'publish'>, topic: string, log?: Pick<Logger, 'warn'>) =>
  announceAccessChange(bus, { kind: 'revalidate', topic }, log);

export const disconnectUser = (
  bus: Pick<Bus, 'publish'>,
  userId: string,
  reason: DisconnectReason,
  log?: Pick<Logger, 'warn'>,
) => announceAccessChange(bus, { kind: 'disconnect', userId, reason }, log);

/**
 * Whether a verified token's principal still describes the account: it exists, is active and has
 * that role, and (given the token's session version) no password reset came after the token. Access
 * tokens live 15 minutes; a suspension, role change or reset must not wait for that. Token
 * verification checks the session version too, but before this read: a reset committed in between,
 * whose announcement went by before the handshake watched the account, is caught here.
 */
export async function accountAdmits(db: Queryable, p: Principal, sessionVersion?: number): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>(
    `SELECT status = 'active' AND role = $2 AND ($3::int IS NULL OR session_version <= $3::int) AS ok
     FROM users WHERE id = $1`,
    [p.userId, p.role, sessionVersion ?? null],
  );
  return r.rows[0]?.ok === true;
}

export type RevokeCode = Extract<TopicAccess, { ok: false }>['code'];

/** What the enforcer needs from the server's socket registry (S is the server's socket state). */
export interface AccessHost<S> {
  /** Local authenticated sockets holding, or being granted, a subscription to `topic`. */
  holders(topic: string): Iterable<S>;
  /** Every local authenticated socket of a user. */
  socketsOf(userId: string): Iterable<S>;
  /** Every (socket, topic) subscription whose topic passes `filter`. */
  subscriptions(filter: (topic: string) => boolean): Iterable<readonly [S, string]>;
  principal(s: S): Principal;
  /** Still subscribed (it may have been dropped while the check ran). */
  holds(s: S, topic: string): boolean;
  /** Drops the subscription and tells the socket (`sub.revoked`). */
  revoke(s: S, topic: string, code: RevokeCode): void;
  /** Closes the socket with 4001 (unauthorized). */
  close(s: S): void;
}

/** Checks running concurrently during a sweep: bounded, the database pool is shared. */
const SWEEP_CONCURRENCY = 8;

export function createAccessEnforcer<S>(
  host: AccessHost<S>,
  deps: { authorize: Authorize; db: Queryable; log: Logger },
) {
  const { authorize, log } = deps;
  /**
   * Grants in flight (a `sub` between its check and its subscription, a handshake between its
   * account read and its registration), by topic / `user:<id>`. A change announced meanwhile marks
   * them, and they check again: otherwise a grant read just before the change would outlive it.
   */
  const inflight = new Map<string, { count: number; changed: boolean }>();

  function watch(key: string) {
    let w = inflight.get(key);
    if (!w) inflight.set(key, (w = { count: 0, changed: false }));
    w.count++;
    const entry = w;
    return {
      changed: () => entry.changed,
      end() {
        if (--entry.count === 0 && inflight.get(key) === entry) inflight.delete(key);
      },
    };
  }

  function markChanged(key: string) {
    const w = inflight.get(key);
    if (w) w.changed = true;
  }

  /** Re-authorises one subscription; revokes it when refused. Errors keep it (the sweep retries). */
  async function recheck(s: S, topic: string): Promise<boolean> {
    let access: TopicAccess;
    try {
      access = await authorize(host.principal(s), topic);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'access recheck failed');
      return false;
    }
    if (access.ok || !host.holds(s, topic)) return false;
    host.revoke(s, topic, access.code);
    return true;
  }

  /** This node's part of a `revalidate`: resolves with the number of subscriptions revoked. */
  async function revalidateLocal(topic: string): Promise<number> {
    markChanged(topic);
    const results = await Promise.all([...host.holders(topic)].map((s) => recheck(s, topic)));
    return results.filter(Boolean).length;
  }

  function disconnectLocal(userId: string): number {
    markChanged(`user:${userId}`);
    const sockets = [...host.socketsOf(userId)];
    for (const s of sockets) host.close(s);
    return sockets.length;
  }

  return {
    /** A frame on ACCESS_CONTROL_TOPIC. Malformed frames are dropped (only servers publish there). */
    onControl(frame: string) {
      let msg: AccessControl;
      try {
        msg = AccessControlSchema.parse(JSON.parse(frame));
      } catch {
        log.warn({}, 'malformed access control frame');
        return;
      }
      switch (msg.kind) {
        case 'revalidate':
          void revalidateLocal(msg.topic);
          return;
        case 'disconnect': {
          const closed = disconnectLocal(msg.userId);
          if (closed > 0) log.info({ reason: msg.reason, closed }, 'sockets closed: access revoked');
          return;
        }
      }
    },

    /**
     * Runs a `sub` (its check and subscription); if the topic's access changed meanwhile, checks
     * again and undoes the subscription when now refused.
     */
    async guardSubscribe<T>(s: S, topic: string, run: () => Promise<T>): Promise<T> {
      const w = watch(topic);
      try {
        const result = await run();
        if (w.changed() && (await recheck(s, topic)))
          throw new SignalingError('forbidden', 'access to this topic ended');
        return result;
      } finally {
        w.end();
      }
    },

    /**
     * Handshake: the account is active with the token's role, its sessions were not ended after the
     * token (`sessionVersion`, when the token service reports it), and nothing was announced meanwhile.
     */
    async admit(p: Principal, sessionVersion?: number): Promise<boolean> {
      const w = watch(`user:${p.userId}`);
      try {
        return (await accountAdmits(deps.db, p, sessionVersion)) && !w.changed();
      } finally {
        w.end();
      }
    },

    /** Sweep: re-checks every local `call:` subscription (calls also end by the clock). */
    async sweep() {
      const subs = [...host.subscriptions((t) => t.startsWith('call:'))];
      for (let i = 0; i < subs.length; i += SWEEP_CONCURRENCY)
        await Promise.all(subs.slice(i, i + SWEEP_CONCURRENCY).map(([s, t]) => recheck(s, t)));
    },

    revalidateLocal,
    disconnectLocal,
  };
}
export type AccessEnforcer = ReturnType<typeof createAccessEnforcer>;
