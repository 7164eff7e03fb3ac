import type { ActingSession, Dependent, Role, Session, User } from './types.ts';

const REFRESH_URL = '/api/v1/auth/refresh';
/** Not a secret: only whether this browser signed in, so guests skip a refresh call that would 401. */
const HINT_KEY = 'th.session';
/** Refresh this long before the access token expires, so requests never race its expiry. */
const EARLY_MS = 60_000;
/** Per tab: the family member this tab acts for (an id, not a secret; the token is minted again). */
const ACTING_KEY = 'th.acting';

/** Minting an acting-for token was refused (the guardianship ended, or the session did). */
export class ActingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActingError';
  }
}

/**
 * The session. The access token lives only in this object (never in storage); the refresh token is an
 * httpOnly SameSite=Strict cookie scoped to /api/v1/auth that the browser sends with `refresh`.
 * Refreshes are single-flight, and serialised across tabs with the Web Locks API: the server rotates
 * the refresh token and treats a reused one as theft, so two tabs must never refresh with the same cookie.
 */
class AuthStore {
  /**
   * Whom requests are made as: the signed-in person, or the family member this tab acts for (a
   * dependent, issue 19), so every page works unchanged with their id.
   */
  user = $state<User | null>(null);
  /** The signed-in person (the guardian while acting for a family member). */
  self = $state<User | null>(null);
  /** The family member this tab acts for, or null. */
  acting = $state<Dependent | null>(null);
  /** False until the first refresh attempt on page load has settled. */
  ready = $state(false);
  /** Set when a session ended on its own (expired/revoked), so the sign-in page can say why. */
  endedReason = $state<string | null>(null);

  #token: string | null = null;
  #expiresAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: Promise<boolean> | null = null;
  #listeners = new Set<(u: User | null) => void>();
  // The acting-for token: minted from the guardian's own token, never outliving it, kept in memory.
  #actingToken: string | null = null;
  #actingExpiresAt = 0;
  #minting: Promise<void> | null = null;

  get role(): Role | null {
    return this.user?.role ?? null;
  }

  async init() {
    if (this.ready) return;
    if (localStorage.getItem(HINT_KEY)) await this.refresh();
    const acting = sessionStorage.getItem(ACTING_KEY);
    if (acting && this.#token) await this.actFor(acting).catch(() => this.stopActing());
    this.ready = true;
  }

  setSession(s: Session) {
    this.#token = s.accessToken;
    this.#expiresAt = Date.now() + s.expiresIn * 1000;
    this.self = s.user;
    if (!this.acting) this.user = s.user;
    this.endedReason = null;
    localStorage.setItem(HINT_KEY, '1');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), Math.max(5_000, s.expiresIn * 1000 - EARLY_MS));
    for (const l of this.#listeners) l(this.user);
  }

  updateUser(u: User) {
    this.user = u;
    if (!this.acting) this.self = u;
    for (const l of this.#listeners) l(u);
  }

  onChange(fn: (u: User | null) => void) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** The access token, refreshed first when it is about to expire (the acting-for one while acting). */
  async validToken(): Promise<string | null> {
    if (this.#token && Date.now() > this.#expiresAt - 10_000) await this.refresh();
    if (this.acting && this.#token) {
      if (!this.#actingToken || Date.now() > this.#actingExpiresAt - 10_000) {
        const id = this.acting.id;
        this.#minting ??= this.actFor(id)
          .catch(() => this.stopActing())
          .finally(() => (this.#minting = null));
        await this.#minting;
        // Refused: the request meant for the family member must not go out as oneself.
        if (!this.acting) return null;
      }
      return this.#actingToken;
    }
    return this.#token;
  }

  /**
   * Act for a family member in this tab: the API mints a token as them that carries this session's
   * person as the actor. Throws ActingError when refused (not their guardian any more).
   */
  async actFor(dependentId: string): Promise<void> {
    if (this.#token && Date.now() > this.#expiresAt - 10_000) await this.refresh();
    if (!this.#token) throw new ActingError(401, 'UNAUTHENTICATED', 'Not signed in');
    const res = await fetch(`/api/v1/family/${encodeURIComponent(dependentId)}/act`, {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${this.#token}` },
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => ({}))) as ActingSession & {
      error?: { code: string; message: string };
    };
    if (!res.ok)
      throw new ActingError(res.status, body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? '');
    const user = body.user;
    // A family member is a patient account; anything else is not someone to act for.
    if (user.role !== 'patient') throw new ActingError(403, 'NOT_A_PATIENT', 'Not a family member');
    const changed = this.acting?.id !== body.dependent.id;
    this.#actingToken = body.accessToken;
    this.#actingExpiresAt = Date.now() + body.expiresIn * 1000;
    this.acting = body.dependent;
    this.user = { ...user, role: user.role };
    sessionStorage.setItem(ACTING_KEY, body.dependent.id);
    if (changed) for (const l of this.#listeners) l(this.user);
  }

  /** Back to acting as oneself. */
  stopActing() {
    const was = this.acting;
    this.#actingToken = null;
    this.#actingExpiresAt = 0;
    this.acting = null;
    sessionStorage.removeItem(ACTING_KEY);
    if (was && this.self) {
      this.user = this.self;
      for (const l of this.#listeners) l(this.user);
    }
  }

  refresh(): Promise<boolean> {
    this.#inflight ??= this.#doRefresh().finally(() => (this.#inflight = null));
    return this.#inflight;
  }

  async #doRefresh(): Promise<boolean> {
    const run = async () => {
      try {
        const res = await fetch(REFRESH_URL, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        });
        if (res.ok) {
          this.setSession((await res.json()) as Session);
          return true;
        }
        const hadSession = this.#token !== null;
        this.#clear();
        if (hadSession) this.endedReason = 'session_expired';
        return false;
      } catch {
        // Offline: keep the current token; a later request will retry.
        return this.#token !== null;
      }
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('th-auth-refresh', run) : run();
  }

  /** The server said the token is no good and refresh failed: forget the session. */
  expired() {
    if (!this.#token) return;
    // The acting-for token was refused (the guardianship ended): back to oneself, still signed in.
    if (this.acting) return this.stopActing();
    this.#clear();
    this.endedReason = 'session_expired';
  }

  async logout() {
    try {
      await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } finally {
      this.#clear();
    }
  }

  #clear() {
    clearTimeout(this.#timer);
    this.#token = null;
    this.#expiresAt = 0;
    this.#actingToken = null;
    this.#actingExpiresAt = 0;
    this.acting = null;
    sessionStorage.removeItem(ACTING_KEY);
    this.self = null;
    this.user = null;
    localStorage.removeItem(HINT_KEY);
    for (const l of this.#listeners) l(null);
  }
}

export const auth = new AuthStore();

/** Where each role lands after signing in. */
export function homeFor(role: Role | null | undefined): string {
  return role === 'admin' ? '/admin' : role === 'doctor' ? '/doctor' : role === 'patient' ? '/doctors' : '/';
}
