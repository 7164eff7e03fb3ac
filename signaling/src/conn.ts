import type { Role } from '@telehealth/platform/auth/tokens';
import type uWS from 'uwebsockets';
import type { HandlerContext } from './types.ts';

/** Per-socket state, also the uWS user data. Kept small: it is the per-connection memory cost. */
export interface Conn {
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
  ctx: ConnContext | null;
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
export interface Slot {
  conn: Conn;
}

/** Built-in handlers need the socket itself, not only what a HandlerContext shows integrators. */
export interface ConnContext extends HandlerContext {
  conn: Conn;
}

/** A socket being upgraded: every field set up front, so all Conns share one hidden class. */
export function newConn(id: number, token: string, burst: number, now: number): Conn {
  return {
    id,
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
    tokens: burst,
    last: now,
    vStart: 0,
    vCount: 0,
  };
}

export const userTopic = (userId: string) => `user:${userId}`;
