/**
 * Presence across nodes, the pure part. Every node keeps one entry per user it holds sockets for:
 * that node's status for the user, how many of the user's sockets it holds, and when the entry
 * lapses unless the node refreshes it (its sweep does). A user's presence is the strongest status
 * among the live entries; none live means offline. A node that dies stops refreshing, so its
 * entries lapse after the TTL and stop counting, for presence and for the connection limit alike.
 */
import { PresenceStatuses, type PresenceState, type PresenceStatus } from '../protocol.ts';

export type { PresenceState };

export interface PresenceEntry {
  status: PresenceStatus;
  /** This node's sockets of the user (0 never stored: the entry is removed instead). */
  conns: number;
  /** ms since epoch (the store's clock) after which the entry no longer counts. */
  expiresAt: number;
}
/** Live entries of one user, by node id. */
export type PresenceEntries = Record<string, PresenceEntry>;

export interface UserPresence {
  status: PresenceState;
  /** The user's sockets on all nodes with a live entry. */
  conns: number;
}

/** Higher wins when a user's nodes disagree: a call on any device shows, then any active device. */
const STRENGTH: Record<PresenceState, number> = { offline: 0, away: 1, online: 2, in_call: 3 };

export function aggregate(entries: PresenceEntries): UserPresence {
  let status: PresenceState = 'offline';
  let conns = 0;
  for (const e of Object.values(entries)) {
    conns += e.conns;
    if (STRENGTH[e.status] > STRENGTH[status]) status = e.status;
  }
  return { status, conns };
}

/** Entries after this node writes its own (conns 0 removes it), as the store applies it. */
export function withEntry(
  entries: PresenceEntries,
  nodeId: string,
  entry: { status: PresenceStatus; conns: number },
  expiresAt: number,
): PresenceEntries {
  const out = { ...entries };
  if (entry.conns > 0) out[nodeId] = { ...entry, expiresAt };
  else delete out[nodeId];
  return out;
}

/** Sockets of the user on nodes other than `nodeId`. */
export function othersConns(entries: PresenceEntries, nodeId: string): number {
  let n = 0;
  for (const [node, e] of Object.entries(entries)) if (node !== nodeId) n += e.conns;
  return n;
}

/** Whether a write of `conns` sockets for this node keeps the user within `maxConns` cluster-wide. */
export function admits(entries: PresenceEntries, nodeId: string, conns: number, maxConns: number): boolean {
  return othersConns(entries, nodeId) + conns <= maxConns;
}

/** Redis hash field value: `status|conns|expiresAt`. */
export function formatEntry(e: PresenceEntry): string {
  return `${e.status}|${e.conns}|${e.expiresAt}`;
}

export function parseEntry(value: string): PresenceEntry | null {
  const [status, conns, expiresAt] = value.split('|');
  if (!(PresenceStatuses as readonly string[]).includes(status ?? '')) return null;
  const c = Number(conns);
  const e = Number(expiresAt);
  if (!Number.isInteger(c) || c < 1 || !Number.isFinite(e)) return null;
  return { status: status as PresenceStatus, conns: c, expiresAt: e };
}

/** Live entries from a flat `[field, value, ...]` HGETALL reply, judged at the store's `now`. */
export function liveEntries(flat: readonly string[], now: number): PresenceEntries {
  const out: PresenceEntries = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const e = parseEntry(flat[i + 1]!);
    if (e && e.expiresAt > now) out[flat[i]!] = e;
  }
  return out;
}

/**
 * This node's part of the per-user rate budget. The budget is cluster-wide without a Redis round
 * trip per message: each node enforces rate × (its sockets of the user / the user's sockets on all
 * nodes), and the same share of the burst. It is an approximation: the share is recomputed only at
 * connect, close and each sweep, so right after the user opens a socket on another node this node
 * still allows its old share until its next sweep; and a node whose share of the burst falls
 * below one message still allows one (otherwise a user with many devices could not send at all).
 */
export function rateShare(
  localConns: number,
  totalConns: number,
  rate: number,
  burst: number,
): { rate: number; burst: number } {
  const share = localConns <= 0 ? 1 : Math.min(1, localConns / Math.max(totalConns, localConns));
  return { rate: rate * share, burst: Math.max(1, burst * share) };
}
