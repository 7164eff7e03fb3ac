import { SignalingClient } from '@telehealth/signaling/client';
import { CloseCodes } from '@telehealth/signaling/protocol';
import { auth } from './auth.svelte.ts';

export type SocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

/**
 * The one signaling socket of this tab (queue, chat, notifications and calls share it), opened on
 * first use with the in-memory access token. The typed client reconnects with backoff and resumes
 * topic subscriptions; `status` drives the "Reconnecting…" banners and `onReconnect` lets pages
 * redo what the server forgot with the old socket (a call's session belongs to one socket).
 */
class SocketStore {
  status = $state<SocketStatus>('idle');
  #client: SignalingClient | null = null;
  #ready: Promise<SignalingClient> | null = null;
  #reconnectListeners = new Set<() => void>();
  #poll: ReturnType<typeof setInterval> | undefined;

  constructor() {
    if (typeof window !== 'undefined') auth.onChange((u) => !u && this.close());
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
        minReconnectMs: 300,
        maxReconnectMs: 5_000,
      });
      this.#client = c = client;
      client.on('disconnected', ({ code }) => {
        if (this.#client !== client) return;
        this.status = 'reconnecting';
        // 4001: the token or the account is no longer good (expired, suspended, role changed). A
        // refresh either yields a fresh token for the reconnect or ends the session, and this socket
        // with it, instead of reconnecting with a refused token forever.
        if (code === CloseCodes.unauthorized) void auth.refresh();
        this.#watch(client);
      });
      this.status = 'connecting';
    }
    await c.connect();
    this.status = 'open';
    return c;
  }

  /**
   * The client has no "reconnected" event; it resumes on its own schedule (backoff), so poll its
   * state gently rather than forcing an early connect that would bypass the backoff.
   */
  #watch(c: SignalingClient) {
    clearInterval(this.#poll);
    this.#poll = setInterval(() => {
      if (this.#client !== c) return clearInterval(this.#poll);
      if (!c.connected) return;
      clearInterval(this.#poll);
      this.status = 'open';
      for (const l of this.#reconnectListeners) l();
    }, 200);
  }

  /** Called after each automatic reconnect (not the first connect). */
  onReconnect(fn: () => void): () => void {
    this.#reconnectListeners.add(fn);
    return () => this.#reconnectListeners.delete(fn);
  }

  close() {
    clearInterval(this.#poll);
    this.#client?.close();
    this.#client = null;
    this.status = 'idle';
  }
}

export const socket = new SocketStore();
