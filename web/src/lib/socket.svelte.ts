import { SignalingClient } from '@telehealth/signaling/client';
import { CloseCodes } from '@telehealth/signaling/protocol';
import { exponentialBackoff } from '@telehealth/signaling/reconnect-backoff';
import { auth } from './auth.svelte.ts';

export type SocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

/**
 * The one signaling socket of this tab (queue, chat, notifications and calls share it), opened on
 * first use with the in-memory access token. The typed client reconnects on its own schedule and
 * resumes topic subscriptions, then says `reconnected`; `status` drives the "Reconnecting…" banners
 * and `onReconnect` lets pages redo what the server forgot with the old socket (a call's session
 * belongs to one socket).
 */
class SocketStore {
  status = $state<SocketStatus>('idle');
  #client: SignalingClient | null = null;
  #ready: Promise<SignalingClient> | null = null;
  #reconnectListeners = new Set<() => void>();
  /** The user id the open socket signed in as. */
  #as: string | null = null;

  constructor() {
    // Signed out, or now acting as someone else (a family member, or oneself again): the socket's
    // identity is its token's, so it reconnects as the new one on next use.
    if (typeof window !== 'undefined')
      auth.onChange((u) => (!u || (this.#client && u.id !== this.#as)) && this.close());
  }

  /** The connected client (connects on first call). */
  ready(): Promise<SignalingClient> {
    if (this.#client?.connected) return Promise.resolve(this.#client);
    this.#ready ??= this.#open().finally(() => (this.#ready = null));
    return this.#ready;
  }

  async #open(): Promise<SignalingClient> {
    let c = this.#client;
    if (!c) {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const client = new SignalingClient({
        url: `${scheme}://${location.host}/ws`,
        getToken: async () => {
          const token = await auth.validToken();
          if (!token) throw new Error('signed out');
          return token;
        },
        // Short first steps: a tab's socket mostly drops for a moment (a network change, a deploy).
        reconnectPolicy: exponentialBackoff({ minMs: 300, maxMs: 5_000 }),
      });
      this.#client = c = client;
      this.#as = auth.user?.id ?? null;
      client.on('disconnected', ({ code }) => {
        if (this.#client !== client) return;
        this.status = 'reconnecting';
        // 4001: the token or the account is no longer good (expired, suspended, role changed). A
        // refresh either yields a fresh token for the reconnect or ends the session, and this socket
        // with it, instead of reconnecting with a refused token forever.
        if (code === CloseCodes.unauthorized) void auth.refresh();
      });
      client.on('reconnected', () => {
        if (this.#client !== client) return;
        this.status = 'open';
        for (const l of this.#reconnectListeners) l();
      });
      this.status = 'connecting';
    }
    await c.connect();
    this.status = 'open';
    return c;
  }

  /** Called after each automatic reconnect (not the first connect). */
  onReconnect(fn: () => void): () => void {
    this.#reconnectListeners.add(fn);
    return () => this.#reconnectListeners.delete(fn);
  }

  close() {
    this.#client?.close();
    this.#client = null;
    this.status = 'idle';
  }
}

export const socket = new SocketStore();
