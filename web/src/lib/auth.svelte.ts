import type { Role, Session, User } from './types.ts';

const REFRESH_URL = '/api/v1/auth/refresh';
/** Not a secret: only whether this browser signed in, so guests skip a refresh call that would 401. */
const HINT_KEY = 'th.session';
/** Refresh this long before the access token expires, so requests never race its expiry. */
const EARLY_MS = 60_000;

/**
 * The session. The access token lives only in this object (never in storage); the refresh token is an
 * httpOnly SameSite=Strict cookie scoped to /api/v1/auth that the browser sends with `refresh`.
 * Refreshes are single-flight, and serialised across tabs with the Web Locks API: the server rotates
 * the refresh token and treats a reused one as theft, so two tabs must never refresh with the same cookie.
 */
class AuthStore {
  user = $state<User | null>(null);
  /** False until the first refresh attempt on page load has settled. */
  ready = $state(false);
  /** Set when a session ended on its own (expired/revoked), so the sign-in page can say why. */
  endedReason = $state<string | null>(null);

  #token: string | null = null;
  #expiresAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: Promise<boolean> | null = null;
  #listeners = new Set<(u: User | null) => void>();

  get role(): Role | null {
    return this.user?.role ?? null;
  }

  async init() {
    if (this.ready) return;
    if (localStorage.getItem(HINT_KEY)) await this.refresh();
    this.ready = true;
  }

  setSession(s: Session) {
    this.#token = s.accessToken;
    this.#expiresAt = Date.now() + s.expiresIn * 1000;
    this.user = s.user;
    this.endedReason = null;
    localStorage.setItem(HINT_KEY, '1');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), Math.max(5_000, s.expiresIn * 1000 - EARLY_MS));
    for (const l of this.#listeners) l(this.user);
  }

  updateUser(u: User) {
    this.user = u;
    for (const l of this.#listeners) l(u);
  }

  onChange(fn: (u: User | null) => void) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** The access token, refreshed first when it is about to expire. */
  async validToken(): Promise<string | null> {
    if (this.#token && Date.now() > this.#expiresAt - 10_000) await this.refresh();
    return this.#token;
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
