/**
 * Typed client for the signaling socket. Runs in browsers (global WebSocket) and in Node (pass the
 * `ws` package's WebSocket as `options.WebSocket`; Node 20 has no global one).
 *
 * - Authenticates with sub-protocols ['th.v1', 'auth.<token>']; `getToken` is called on every
 *   (re)connect so the host can refresh an expired access token.
 * - Every request resolves with its ack data or rejects with a SignalingClientError(code).
 * - Reconnects on the schedule of a `ReconnectBackoff` policy (reconnect-backoff.ts) and resumes:
 *   chat topics are re-subscribed with `since` = the highest sequence below which everything was
 *   received, so the server replays exactly what was missed. Then it emits `reconnected`.
 * - Chat messages are de-duplicated by seq and gaps are filled from history.
 * - Presence watches (watchPresence) are renewed on reconnect, and the fresh state is emitted as
 *   `presence.changed`, since changes while disconnected were not pushed.
 */
import {
  AUTH_PROTOCOL_PREFIX,
  CloseCodes,
  MAX_PRESENCE_WATCH,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  parseTopic,
  type ChatMessage,
  type ErrorCode,
  type EventName,
  type EventData,
  type Notification,
  type PresenceState,
  type PresenceStatus,
  type QueuePosition,
  type QueueSnapshot,
  type RequestBody,
  type RequestType,
  type ServerFrame,
} from './protocol.ts';
import type { listConversations, listReported } from './chat/store.ts';
import { exponentialBackoff, type ReconnectBackoff } from './reconnect-backoff.ts';

/** The subset of the WHATWG WebSocket the client uses (browser, undici, or the `ws` package). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketCtor = new (url: string, protocols: string[], options?: unknown) => WebSocketLike;

/** Typed acks of the built-in requests (others resolve as unknown). */
export interface AckMap {
  ping: { t: number };
  'auth.refresh': { expiresAt: string | null };
  sub: { topic: string; lastSeq?: number; replayed?: number; more?: boolean };
  unsub: { topic: string };
  'presence.set': { status: PresenceStatus };
  'presence.get': { presence: Record<string, PresenceState> };
  'presence.watch': { presence: Record<string, PresenceState> };
  'presence.unwatch': { userIds: string[] };
  'chat.send': { message: ChatMessage; duplicate: boolean };
  /** `reported`: ids of these messages the caller has reported. */
  'chat.history': { messages: ChatMessage[]; reported: string[] };
  'chat.typing': null;
  'chat.receipt': { seq: number };
  'chat.report': { reportId: string };
  'chat.open': { conversationId: string };
  'chat.close': {
    conversationId: string;
    closedAt: string | null;
    closedBy: string | null;
    note: string | null;
  };
  'chat.list': { conversations: Awaited<ReturnType<typeof listConversations>> };
  'chat.reported': { conversations: Awaited<ReturnType<typeof listReported>> };
  'queue.checkIn': {
    entryId: string;
    version: number | null;
    status: string | null;
    position: number | null;
    etaSeconds: number | null;
  };
  'queue.state': { snapshot?: QueueSnapshot; entries?: (QueuePosition & { roomId: string | null })[] };
  'queue.callNext': { called: { entryId: string; patientId: string; roomId: string } | null };
  'notif.list': { notifications: Notification[]; unreadCount: number };
  'notif.read': { unreadCount: number };
}
export type AckOf<T extends string> = T extends keyof AckMap ? AckMap[T] : unknown;

/** Events of the client itself, beside the server's events. */
export interface ClientEvents {
  /** The socket closed (`opened`: it had reached `session.ready`); a reconnect follows unless closed. */
  disconnected: { code: number; reason: string; opened: boolean };
  /**
   * A session is back after a drop, its topics re-subscribed and presence watches renewed (not
   * emitted for the first connect). `attempts`: retries it took. What the server kept per socket
   * (a call's session) is gone: redo it here.
   */
  reconnected: { attempts: number };
  /** An error frame not tied to a request. */
  error: ServerFrame & { type: 'error' };
}

export class SignalingClientError extends Error {
  constructor(
    readonly code: ErrorCode | 'timeout' | 'disconnected' | 'closed',
    message: string,
  ) {
    super(message);
  }
}

export interface SignalingClientOptions {
  /** ws(s)://host/ws, or a function picking one per (re)connect (failover across nodes). */
  url: string | (() => string);
  getToken: () => string | Promise<string>;
  WebSocket?: WebSocketCtor;
  /** Passed as the third constructor argument (Node `ws` only, e.g. { headers: { origin } }). */
  socketOptions?: unknown;
  reconnect?: boolean;
  /** When to retry after a drop. Default: exponentialBackoff({ minMs: minReconnectMs, maxMs: maxReconnectMs }). */
  reconnectPolicy?: ReconnectBackoff;
  minReconnectMs?: number;
  maxReconnectMs?: number;
  requestTimeoutMs?: number;
  /** Wait before fetching a chat gap from history (out-of-order delivery usually fills it). */
  gapFillDelayMs?: number;
}

type Pending = {
  type: string;
  frame: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
  /** Re-sent after a reconnect instead of failing (idempotent requests such as chat.send). */
  retry: boolean;
};

interface ChatCursor {
  /** Every seq <= watermark has been delivered. */
  watermark: number;
  /** Delivered seqs above the watermark (out of order). */
  ahead: Set<number>;
  gapTimer: ReturnType<typeof setTimeout> | null;
}

type Listener = (data: unknown, frame: ServerFrame & { type: 'event' }) => void;

const OPEN = 1;

export class SignalingClient {
  private ws: WebSocketLike | null = null;
  private seq = 0;
  private pending = new Map<string, Pending>();
  private listeners = new Map<string, Set<Listener>>();
  private frameListeners = new Set<(f: ServerFrame) => void>();
  private topics = new Set<string>();
  private cursors = new Map<string, ChatCursor>();
  private queueVersions = new Map<string, number>();
  /** Users watched with watchPresence, renewed on reconnect. */
  private watched = new Set<string>();
  private closedByUser = false;
  /** Retries since the last session. */
  private attempt = 0;
  /** A session was ready before: the next one is a reconnect. */
  private hadSession = false;
  private readonly backoff: ReconnectBackoff;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private openWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly Ctor: WebSocketCtor;

  constructor(private readonly opts: SignalingClientOptions) {
    const ctor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
    if (!ctor) throw new Error('No WebSocket implementation: pass options.WebSocket (e.g. the ws package)');
    this.Ctor = ctor;
    this.backoff =
      opts.reconnectPolicy ?? exponentialBackoff({ minMs: opts.minReconnectMs, maxMs: opts.maxReconnectMs });
  }

  get connected(): boolean {
    return this.ws?.readyState === OPEN && this.session !== null;
  }

  /** Opens the socket (and resumes subscriptions on reconnects). Resolves once usable. */
  connect(): Promise<void> {
    this.closedByUser = false;
    const p = new Promise<void>((resolve, reject) => this.openWaiters.push({ resolve, reject }));
    if (!this.ws) void this.open();
    return p;
  }

  private async open() {
    let token: string;
    try {
      token = await this.opts.getToken();
    } catch (err) {
      this.failOpen(err instanceof Error ? err : new Error(String(err)));
      return this.scheduleReconnect();
    }
    if (this.closedByUser) return;
    const ws = new this.Ctor(
      typeof this.opts.url === 'function' ? this.opts.url() : this.opts.url,
      [SUBPROTOCOL, AUTH_PROTOCOL_PREFIX + token],
      this.opts.socketOptions,
    );
    this.ws = ws;
    let opened = false;
    // The server verifies the token right after the 101 and then sends `session.ready`; only then is
    // the session usable (a bad token closes with 4001 instead).
    ws.onopen = () => {};
    ws.onmessage = (ev) => {
      if (!opened && this.ws === ws) {
        const ready = this.readyFrame(ev.data);
        if (ready) {
          opened = true;
          const retries = this.hadSession ? this.attempt : null;
          this.attempt = 0;
          this.hadSession = true;
          this.session = ready;
          void this.afterOpen(retries);
          return;
        }
      }
      this.onData(ev.data);
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (this.ws === ws) {
        this.ws = null;
        this.session = null;
      }
      this.onDisconnected(ev.code, ev.reason, opened);
    };
  }

  /** Principal and node of the current session (from `session.ready`). */
  session: EventData<'session.ready'> | null = null;

  private readyFrame(data: unknown): EventData<'session.ready'> | null {
    try {
      const f = JSON.parse(typeof data === 'string' ? data : String(data)) as ServerFrame;
      return f.type === 'event' && f.event === 'session.ready'
        ? (f.data as EventData<'session.ready'>)
        : null;
    } catch {
      return null;
    }
  }

  /** `retries`: null for the first session, else how many retries brought this one. */
  private async afterOpen(retries: number | null) {
    // Resume: replay what each chat topic missed, re-subscribe the rest.
    try {
      await Promise.all([...this.topics].map((t) => this.resubscribe(t)));
    } catch {
      // A topic the user lost access to stays unsubscribed; the connection itself is fine.
    }
    if (this.watched.size > 0) {
      try {
        const presence = await this.rewatch([...this.watched]);
        const set = this.listeners.get('presence.changed');
        for (const [userId, status] of Object.entries(presence)) {
          const data = { userId, status };
          const frame = {
            v: 1,
            type: 'event',
            topic: `presence:${userId}`,
            event: 'presence.changed',
            data,
          } as const;
          if (set) for (const cb of set) cb(data, frame);
        }
      } catch {
        // Retried on the next reconnect; the connection itself is fine.
      }
    }
    for (const p of this.pending.values()) if (p.retry && this.ws?.readyState === OPEN) this.ws.send(p.frame);
    const waiters = this.openWaiters.splice(0);
    for (const w of waiters) w.resolve();
    if (retries !== null && this.connected) this.emitLocal('reconnected', { attempts: retries });
  }

  private failOpen(err: Error) {
    if (this.reconnectEnabled()) return;
    const waiters = this.openWaiters.splice(0);
    for (const w of waiters) w.reject(err);
  }

  private reconnectEnabled() {
    return (this.opts.reconnect ?? true) && !this.closedByUser;
  }

  private onDisconnected(code: number, reason: string, opened: boolean) {
    for (const [id, p] of this.pending) {
      if (p.retry && this.reconnectEnabled()) continue;
      this.pending.delete(id);
      if (p.timer) clearTimeout(p.timer);
      p.reject(new SignalingClientError('disconnected', `socket closed (${code})`));
    }
    for (const c of this.cursors.values()) {
      if (c.gapTimer) clearTimeout(c.gapTimer);
      c.gapTimer = null;
    }
    this.emitLocal('disconnected', { code, reason, opened });
    if (!this.reconnectEnabled()) {
      this.failOpen(new SignalingClientError('closed', `socket closed (${code})`));
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (!this.reconnectEnabled() || this.reconnectTimer) return;
    const delay = this.backoff.delayMs(this.attempt++);
    if (delay === null) return this.giveUp();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.reconnectEnabled() && !this.ws) void this.open();
    }, delay);
  }

  /**
   * The policy stopped retrying: whoever waits for the socket hears so, and requests kept for the
   * reconnect fail. A later connect() tries again.
   */
  private giveUp() {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (p.timer) clearTimeout(p.timer);
      p.reject(new SignalingClientError('disconnected', 'gave up reconnecting'));
    }
    const waiters = this.openWaiters.splice(0);
    for (const w of waiters) w.reject(new SignalingClientError('closed', 'gave up reconnecting'));
  }

  /** Closes for good (no reconnect). */
  close() {
    this.closedByUser = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.ws?.close(CloseCodes.normal, 'bye');
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (p.timer) clearTimeout(p.timer);
      p.reject(new SignalingClientError('closed', 'client closed'));
    }
    for (const c of this.cursors.values()) if (c.gapTimer) clearTimeout(c.gapTimer);
  }

  /** Sends a request; resolves with the ack data, rejects with SignalingClientError. */
  request<T extends RequestType>(
    type: T,
    body: RequestBody<T>,
    opts?: { retry?: boolean },
  ): Promise<AckOf<T>>;
  request(type: string, body: Record<string, unknown>, opts?: { retry?: boolean }): Promise<unknown>;
  request(type: string, body: Record<string, unknown>, opts: { retry?: boolean } = {}): Promise<unknown> {
    const id = `c${++this.seq}`;
    const frame = JSON.stringify({ ...body, v: PROTOCOL_VERSION, type, id });
    return new Promise((resolve, reject) => {
      const retry = opts.retry ?? false;
      if (!retry && !this.connected) {
        return reject(new SignalingClientError('disconnected', 'not connected'));
      }
      const timeoutMs = this.opts.requestTimeoutMs ?? 10_000;
      const p: Pending = { type, frame, resolve, reject, timer: null, retry };
      p.timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new SignalingClientError('timeout', `${type} timed out`));
        },
        retry ? timeoutMs * 6 : timeoutMs,
      );
      this.pending.set(id, p);
      if (this.connected) this.ws!.send(frame);
    });
  }

  /** Sends raw text (tests, fuzzing). */
  sendRaw(data: string) {
    this.ws?.send(data);
  }

  /** Subscribes and remembers the topic for resume. Chat topics resume from `since` when known. */
  async subscribe(topic: string, opts: { since?: number } = {}): Promise<AckMap['sub']> {
    this.topics.add(topic);
    const isChat = parseTopic(topic)?.kind === 'chat';
    if (isChat && opts.since !== undefined) this.raiseWatermark(topic, opts.since);
    return this.resubscribe(topic);
  }

  private async resubscribe(topic: string): Promise<AckMap['sub']> {
    const isChat = parseTopic(topic)?.kind === 'chat';
    const cursor = isChat ? this.cursors.get(topic) : undefined;
    try {
      const ack = await this.request('sub', cursor ? { topic, since: cursor.watermark } : { topic });
      if (isChat && !cursor && typeof ack.lastSeq === 'number') this.raiseWatermark(topic, ack.lastSeq);
      return ack;
    } catch (err) {
      if (err instanceof SignalingClientError && (err.code === 'forbidden' || err.code === 'not_found'))
        this.topics.delete(topic);
      throw err;
    }
  }

  async unsubscribe(topic: string) {
    this.topics.delete(topic);
    this.cursors.delete(topic);
    if (this.connected) await this.request('unsub', { topic });
  }

  /**
   * Watches users' presence: resolves with the current presence of those the server lets this user
   * see (others are left out and not watched); `presence.changed` events follow on each change.
   */
  async watchPresence(userIds: readonly string[]): Promise<Record<string, PresenceState>> {
    const fresh = [...new Set(userIds)].filter((id) => !this.watched.has(id));
    if (this.watched.size + fresh.length > MAX_PRESENCE_WATCH)
      throw new SignalingClientError('bad_request', `at most ${MAX_PRESENCE_WATCH} watched users`);
    for (const id of fresh) this.watched.add(id);
    return this.rewatch([...new Set(userIds)]);
  }

  private async rewatch(userIds: string[]): Promise<Record<string, PresenceState>> {
    const out: Record<string, PresenceState> = {};
    for (let i = 0; i < userIds.length; i += 100) {
      const chunk = userIds.slice(i, i + 100);
      const { presence } = await this.request('presence.watch', { userIds: chunk });
      for (const id of chunk) if (!(id in presence)) this.watched.delete(id);
      Object.assign(out, presence);
    }
    return out;
  }

  async unwatchPresence(userIds: readonly string[]) {
    const ids = userIds.filter((id) => this.watched.delete(id));
    if (ids.length > 0 && this.connected) await this.request('presence.unwatch', { userIds: ids });
  }

  /** Highest seq of a chat topic below which everything was delivered. */
  lastSeq(topic: string): number {
    return this.cursors.get(topic)?.watermark ?? 0;
  }

  /** Sends a chat message at-least-once; the server's clientMsgId dedupe makes it exactly-once. */
  sendChat(
    conversationId: string,
    text: string,
    clientMsgId: string = randomId(),
    attachments: { recordId: string }[] = [],
  ) {
    return this.request('chat.send', { conversationId, clientMsgId, text, attachments }, { retry: true });
  }

  on<E extends EventName>(
    event: E,
    cb: (data: EventData<E>, frame: ServerFrame & { type: 'event' }) => void,
  ): () => void;
  on<E extends keyof ClientEvents>(event: E, cb: (data: ClientEvents[E]) => void): () => void;
  on(event: string, cb: Listener): () => void;
  on(event: string, cb: (data: never, frame: never) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb as Listener);
    return () => set.delete(cb as Listener);
  }

  /** Every frame as received, before de-duplication (diagnostics and tests). */
  onFrame(cb: (f: ServerFrame) => void): () => void {
    this.frameListeners.add(cb);
    return () => this.frameListeners.delete(cb);
  }

  private emitLocal<E extends keyof ClientEvents>(event: E, data: ClientEvents[E]) {
    const set = this.listeners.get(event);
    if (set) for (const cb of set) cb(data, undefined as never);
  }

  private cursor(topic: string): ChatCursor {
    let c = this.cursors.get(topic);
    if (!c) this.cursors.set(topic, (c = { watermark: 0, ahead: new Set(), gapTimer: null }));
    return c;
  }

  private onData(data: unknown) {
    let f: ServerFrame;
    try {
      f = JSON.parse(typeof data === 'string' ? data : String(data)) as ServerFrame;
    } catch {
      return;
    }
    for (const cb of this.frameListeners) cb(f);
    if (f.type === 'ack' || f.type === 'error') {
      // Only error frames can lack an id (the server's answer to a frame it could not read).
      if (f.id === null) return f.type === 'error' ? this.emitLocal('error', f) : undefined;
      const p = this.pending.get(f.id);
      if (!p) return;
      this.pending.delete(f.id);
      if (p.timer) clearTimeout(p.timer);
      if (f.type === 'ack') p.resolve(f.data);
      else p.reject(new SignalingClientError(f.code, f.message));
      return;
    }
    if (f.type !== 'event') return;
    if (f.event === 'chat.message') {
      const m = f.data as ChatMessage;
      if (!this.acceptChat(f.topic, m.seq)) return;
    } else if (f.event === 'queue.position') {
      const q = f.data as QueuePosition;
      const key = `${q.doctorId}:${q.entryId}`;
      if ((this.queueVersions.get(key) ?? -1) > q.version) return; // stale
      this.queueVersions.set(key, q.version);
    } else if (f.event === 'sub.revoked') {
      // Access ended: the server dropped the subscription, and a resume must not ask for it again.
      const topic = (f.data as EventData<'sub.revoked'>).topic;
      this.topics.delete(topic);
      const c = this.cursors.get(topic);
      if (c?.gapTimer) clearTimeout(c.gapTimer);
      this.cursors.delete(topic);
    } else if (f.event === 'chat.gap') {
      const g = f.data as { conversationId: string; after: number };
      void this.fillGap(f.topic, g.conversationId);
    }
    const set = this.listeners.get(f.event);
    if (set) for (const cb of set) cb(f.data, f);
  }

  private raiseWatermark(topic: string, seq: number) {
    const c = this.cursor(topic);
    c.watermark = Math.max(c.watermark, seq);
    for (const s of c.ahead) if (s <= c.watermark) c.ahead.delete(s);
    while (c.ahead.has(c.watermark + 1)) c.ahead.delete(++c.watermark);
  }

  /** Dedupe by seq and advance the contiguous watermark; a hole triggers a delayed history fetch. */
  private acceptChat(topic: string, seq: number): boolean {
    const c = this.cursor(topic);
    if (seq <= c.watermark || c.ahead.has(seq)) return false;
    c.ahead.add(seq);
    while (c.ahead.has(c.watermark + 1)) c.ahead.delete(++c.watermark);
    if (c.ahead.size > 0 && !c.gapTimer) {
      const conversationId = parseTopic(topic)!.id;
      c.gapTimer = setTimeout(() => {
        c.gapTimer = null;
        if (c.ahead.size > 0) void this.fillGap(topic, conversationId);
      }, this.opts.gapFillDelayMs ?? 500);
    }
    return true;
  }

  private async fillGap(topic: string, conversationId: string) {
    const c = this.cursor(topic);
    try {
      for (let i = 0; i < 20; i++) {
        const { messages } = await this.request('chat.history', {
          conversationId,
          after: c.watermark,
          limit: 200,
        });
        for (const m of messages) {
          if (!this.acceptChat(topic, m.seq)) continue;
          const set = this.listeners.get('chat.message');
          const frame = { v: 1, type: 'event', topic, event: 'chat.message', seq: m.seq, data: m } as const;
          if (set) for (const cb of set) cb(m, frame);
        }
        if (messages.length < 200) break;
      }
    } catch {
      // Next reconnect or gap retries.
    }
  }
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
