import type { types } from 'mediasoup';
import { EnhancedEventEmitter } from 'mediasoup/extras';
import { iceServersFor, type SfuConfig } from './config.ts';
import { RoomPeerSession, validateRtpCapabilities } from './peer-session.ts';
import { producerInfo, type PeerState, type ProducerEntry, type RoomScope } from './peer-state.ts';
import { fail, ok } from './results.ts';
import { RoomRouters, type RouterRef } from './room-routers.ts';
import { updateQuality } from './stats.ts';
import {
  PeerRoles,
  type JoinOptions,
  type JoinResult,
  type PeerInfo,
  type PeerLeftReason,
  type PeerSession,
  type RoomCloseReason,
  type RoomEvents,
  type SfuResult,
} from './types.ts';
import type { WorkerPool, WorkerSlot } from './worker-pool.ts';

export type RoomDeps = { pool: WorkerPool; config: SfuConfig };

class Deferred {
  promise: Promise<void>;
  resolve!: () => void;
  constructor() {
    this.promise = new Promise((r) => (this.resolve = r));
  }
}

/**
 * One consultation (appointment): who is in it, when it started and ended, and its lifecycle
 * (open, re-created after a worker died, closed). Routers live in `RoomRouters`, each peer's media
 * behind its `RoomPeerSession`, stats and quality in `stats.ts`.
 */
export class Room extends EnhancedEventEmitter<RoomEvents> {
  readonly id: string;
  readonly #deps: RoomDeps;
  #state: 'open' | 'recovering' | 'closed' = 'recovering';
  #ready = new Deferred();
  readonly #routers: RoomRouters;
  readonly #peers = new Map<string, PeerState>();
  readonly #sessions = new WeakMap<PeerState, PeerSession>();
  readonly #producers = new Map<string, ProducerEntry>();
  readonly #scope: RoomScope;
  #activeSpeakerPeerId: string | null = null;
  #emptyTimer?: NodeJS.Timeout;
  readonly #qualityTimer: NodeJS.Timeout;
  #startedAt: Date | null = null;
  #lastLeftAt: Date | null = null;

  private constructor(id: string, deps: RoomDeps) {
    super();
    this.id = id;
    this.#deps = deps;
    this.#routers = new RoomRouters({
      roomId: id,
      pool: deps.pool,
      config: deps.config,
      roomClosed: () => this.#state === 'closed',
      onDominantSpeaker: (producerId) => this.#onDominantSpeaker(producerId),
    });
    this.#scope = this.#makeScope();
    this.#qualityTimer = setInterval(
      () => void updateQuality(this.#scope, [...this.#peers.values()]),
      deps.config.qualityIntervalMs,
    );
    this.#qualityTimer.unref();
  }

  static async create(id: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(id, deps);
    const slot = deps.pool.leastLoaded();
    if (!slot) {
      room.close('worker-lost');
      throw new Error('no live mediasoup worker');
    }
    try {
      await room.#routers.setupPrimary(slot);
    } catch (err) {
      room.close('worker-lost');
      throw err;
    }
    room.#state = 'open';
    room.#ready.resolve();
    room.#armEmptyTimer();
    return room;
  }

  get closed() {
    return this.#state === 'closed';
  }
  get state() {
    return this.#state;
  }
  get peerCount() {
    return this.#peers.size;
  }
  get rtpCapabilities(): types.RtpCapabilities {
    return this.#routers.primary.router.rtpCapabilities;
  }
  /** PIDs of the workers this room's routers live on (primary first). */
  get workerPids(): number[] {
    return this.#routers.workerPids;
  }
  get consultationStartedAt(): string | null {
    return this.#startedAt?.toISOString() ?? null;
  }

  /** Whether a router of this room lives (or lived until it died) on the worker with this pid. */
  usesWorker(pid: number): boolean {
    return this.#routers.usesWorker(pid);
  }

  peerIds(): string[] {
    return [...this.#peers.keys()];
  }

  /** The session of a joined peer; undefined for anyone who has not joined. */
  getPeer(peerId: string): PeerSession | undefined {
    const p = this.#peers.get(peerId);
    return p ? this.#sessions.get(p) : undefined;
  }

  /**
   * Joins (or rejoins: a second join with the same peerId replaces the old session, whose media
   * is closed and whose peerLeft says 'replaced'). Waits while the room is being re-created.
   */
  async join(peerId: string, opts: JoinOptions): Promise<SfuResult<JoinResult>> {
    if (!peerId || typeof peerId !== 'string') return fail('invalid-params', 'peerId required');
    if (!opts || !PeerRoles.includes(opts.role)) return fail('invalid-params', 'unknown role');
    if (typeof opts.displayName !== 'string') return fail('invalid-params', 'displayName required');
    if (opts.rtpCapabilities) {
      const v = validateRtpCapabilities(opts.rtpCapabilities);
      if (!v.ok) return v;
    }
    await this.#ready.promise;
    if (this.#state === 'closed') return fail('room-closed', 'room is closed');
    const existing = this.#peers.get(peerId);
    if (!existing && this.#peers.size >= this.#deps.config.maxPeersPerRoom)
      return fail('room-full', 'room is full');
    let routerRef: RouterRef;
    try {
      routerRef = await this.#routers.forNewPeer();
    } catch (err) {
      return fail('unavailable', (err as Error).message);
    }
    // Re-check after the await: the room may have closed, been re-created or the peer rejoined.
    if (this.#state !== 'open') return fail('unavailable', 'room is being re-created, retry');
    const again = this.#peers.get(peerId);
    if (again) this.#closePeer(again, 'replaced');
    if (this.#peers.size >= this.#deps.config.maxPeersPerRoom) return fail('room-full', 'room is full');
    const peer: PeerState = {
      id: peerId,
      role: opts.role,
      displayName: opts.displayName.slice(0, 100),
      routerRef,
      ...(opts.rtpCapabilities ? { rtpCapabilities: opts.rtpCapabilities } : {}),
      transports: new Map(),
      producers: new Map(),
      consumers: new Map(),
      audioOnly: false,
      closed: false,
    };
    const others = this.#peerInfos();
    this.#peers.set(peerId, peer);
    const session = new RoomPeerSession(this.#scope, peer);
    this.#sessions.set(peer, session);
    clearTimeout(this.#emptyTimer);
    this.#emptyTimer = undefined;
    this.safeEmit('peerJoined', {
      roomId: this.id,
      peerId,
      role: peer.role,
      displayName: peer.displayName,
    });
    if (!this.#startedAt && this.#peers.size >= 2) {
      this.#startedAt = new Date();
      this.#lastLeftAt = null;
      this.safeEmit('consultationStarted', { roomId: this.id, startedAt: this.#startedAt.toISOString() });
    }
    return ok({
      peer: session,
      routerRtpCapabilities: routerRef.router.rtpCapabilities,
      iceServers: iceServersFor(this.#deps.config, peerId),
      peers: others,
      activeSpeakerPeerId: this.#activeSpeakerPeerId,
      consultationStartedAt: this.consultationStartedAt,
    });
  }

  /** Signaling's kick (e.g. the doctor removes a guest, or the socket's auth expired). */
  removePeer(peerId: string): boolean {
    const p = this.#peers.get(peerId);
    if (!p) return false;
    this.#closePeer(p, 'removed');
    return true;
  }

  /** Ends the consultation: every peer is told (peerLeft 'room-closed'), then consultationEnded. */
  close(reason: RoomCloseReason = 'closed'): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearInterval(this.#qualityTimer);
    clearTimeout(this.#emptyTimer);
    const left = [...this.#peers.values()];
    for (const p of left) this.#closePeer(p, 'room-closed', { silentMedia: true });
    this.#teardownRouters();
    this.#ready.resolve(); // waiting joins see 'room-closed'
    if (this.#startedAt) {
      const endedAt = this.#lastLeftAt ?? new Date();
      this.safeEmit('consultationEnded', {
        roomId: this.id,
        startedAt: this.#startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
        durationMs: endedAt.getTime() - this.#startedAt.getTime(),
        reason,
      });
    }
    this.safeEmit('roomClosed', { roomId: this.id, reason });
  }

  /**
   * Called by the Sfu when a worker holding one of this room's routers died. All sessions are
   * invalidated (their transports died with the worker, or would point at a dead router), a new
   * primary router is made on the least-loaded live worker, and roomRecreated tells clients to
   * rejoin. The consultation's start time is kept: the consultation goes on.
   */
  async recreate(replacement: Promise<WorkerSlot | undefined>): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'recovering';
    this.#ready = new Deferred();
    const peerIds = [...this.#peers.keys()];
    for (const p of this.#peers.values()) this.#invalidatePeer(p);
    this.#peers.clear();
    this.#producers.clear();
    this.#teardownRouters();
    this.#routers.forgetLostWorkers();
    await replacement.catch(() => undefined);
    if ((this.#state as string) === 'closed') return;
    const slot = this.#deps.pool.leastLoaded();
    if (!slot) {
      this.close('worker-lost');
      return;
    }
    try {
      await this.#routers.setupPrimary(slot);
    } catch {
      this.close('worker-lost');
      return;
    }
    if (this.#state !== 'recovering') return;
    this.#state = 'open';
    this.#ready.resolve();
    if (peerIds.length) this.#lastLeftAt = new Date();
    this.#armEmptyTimer();
    this.safeEmit('roomRecreated', { roomId: this.id, reason: 'worker-died', peerIds });
  }

  /** The view of this room its sessions get: never the Room itself, so never other peers. */
  #makeScope(): RoomScope {
    return {
      roomId: this.id,
      config: this.#deps.config,
      isOpen: () => this.#state === 'open',
      producers: this.#producers,
      routers: this.#routers,
      emit: (event, ...args) => this.safeEmit(event, ...args),
      closePeer: (peer, reason) => this.#closePeer(peer, reason),
    };
  }

  #onDominantSpeaker(producerId: string) {
    const entry = this.#producers.get(producerId);
    if (!entry || this.#state !== 'open') return;
    this.#activeSpeakerPeerId = entry.peerId;
    this.safeEmit('activeSpeaker', { roomId: this.id, peerId: entry.peerId, producerId });
  }

  #teardownRouters() {
    this.#activeSpeakerPeerId = null;
    this.#routers.teardown();
  }

  #armEmptyTimer() {
    clearTimeout(this.#emptyTimer);
    if (this.#peers.size > 0 || this.#state === 'closed') return;
    this.#emptyTimer = setTimeout(() => this.close('empty'), this.#deps.config.emptyRoomTimeoutMs);
    this.#emptyTimer.unref();
  }

  #peerInfos(): PeerInfo[] {
    return [...this.#peers.values()].map((p) => ({
      peerId: p.id,
      role: p.role,
      displayName: p.displayName,
      producers: [...p.producers.values()].map(producerInfo),
    }));
  }

  /** Marks a session dead without touching mediasoup objects (they are gone or about to be). */
  #invalidatePeer(peer: PeerState) {
    peer.closed = true;
    for (const t of peer.transports.values()) clearTimeout(t.disconnectTimer);
  }

  #closePeer(peer: PeerState, reason: PeerLeftReason, opts: { silentMedia?: boolean } = {}) {
    if (peer.closed) return;
    this.#invalidatePeer(peer);
    if (this.#peers.get(peer.id) === peer) this.#peers.delete(peer.id);
    if (opts.silentMedia) {
      for (const e of peer.producers.values()) this.#producers.delete(e.producer.id);
    }
    // Closing the transports closes their producers and consumers; producer observers emit
    // producerClosed (unless the whole room is closing) and other peers get consumerClosed.
    for (const t of [...peer.transports.values()]) t.transport.close();
    peer.transports.clear();
    if (this.#activeSpeakerPeerId === peer.id) this.#activeSpeakerPeerId = null;
    this.safeEmit('peerLeft', { roomId: this.id, peerId: peer.id, reason });
    if (this.#state === 'open' && this.#peers.size === 0) {
      this.#lastLeftAt = new Date();
      this.#armEmptyTimer();
    }
  }
}
