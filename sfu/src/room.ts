import type { types } from 'mediasoup';
import { EnhancedEventEmitter } from 'mediasoup/extras';
import { iceServersFor, type SfuConfig } from './config.ts';
import { layerHeightsFor, spatialLayerForTile, type Layers, type TileSize } from './layers.ts';
import { kindOfSource, MediaSources, ROUTER_MEDIA_CODECS, type MediaSource } from './media-params.ts';
import { classifyQuality, type QualityLevel } from './quality.ts';
import {
  PeerRoles,
  type ConsumeResult,
  type JoinOptions,
  type JoinResult,
  type PeerInfo,
  type PeerLeftReason,
  type PeerSession,
  type PeerStats,
  type ProduceOptions,
  type ProducerInfo,
  type RoomCloseReason,
  type RoomEvents,
  type SfuErrorCode,
  type SfuResult,
  type TransportDirection,
} from './types.ts';
import type { WorkerPool, WorkerSlot } from './worker-pool.ts';

type RouterRef = { slot: WorkerSlot; router: types.Router };

type TransportEntry = {
  transport: types.WebRtcTransport | types.PlainTransport;
  type: 'webrtc' | 'plain';
  direction: TransportDirection;
  disconnectTimer?: NodeJS.Timeout;
  restarting?: Promise<types.IceParameters>;
  lastRestart?: { at: number; iceParameters: types.IceParameters };
};

type ProducerEntry = {
  producer: types.Producer;
  peerId: string;
  source: MediaSource;
  routerRef: RouterRef;
  captureHeight: number;
};

type ConsumerEntry = {
  consumer: types.Consumer;
  producerId: string;
  /** The client asked for it paused (or never resumed it): audio-only off must not resume it. */
  clientPaused: boolean;
};

type PeerState = {
  id: string;
  role: JoinOptions['role'];
  displayName: string;
  routerRef: RouterRef;
  rtpCapabilities?: types.RtpCapabilities;
  transports: Map<string, TransportEntry>;
  producers: Map<string, ProducerEntry>;
  consumers: Map<string, ConsumerEntry>;
  audioOnly: boolean;
  closed: boolean;
  quality?: QualityLevel;
};

export type RoomDeps = { pool: WorkerPool; config: SfuConfig };

const MAX_TRANSPORTS_PER_PEER = 4;
const DEFAULT_CAPTURE_HEIGHT = 720;

const ok = <T>(value: T): SfuResult<T> => ({ ok: true, value });
const fail = <T = never>(code: SfuErrorCode, message: string): SfuResult<T> => ({
  ok: false,
  code,
  message,
});
const OK_VOID: SfuResult<void> = { ok: true, value: undefined };

class Deferred {
  promise: Promise<void>;
  resolve!: () => void;
  constructor() {
    this.promise = new Promise((r) => (this.resolve = r));
  }
}

/**
 * One consultation (appointment). Owns a primary router on the least-loaded worker, and more routers
 * on other workers only when its worker is full (producers then cross workers with pipeToRouter).
 */
export class Room extends EnhancedEventEmitter<RoomEvents> {
  readonly id: string;
  readonly #deps: RoomDeps;
  #state: 'open' | 'recovering' | 'closed' = 'recovering';
  #ready = new Deferred();
  #primary!: RouterRef;
  readonly #routers = new Map<string, RouterRef>();
  readonly #peers = new Map<string, PeerState>();
  readonly #producers = new Map<string, ProducerEntry>();
  readonly #pipes = new Map<string, Promise<void>>();
  #speaker?: types.ActiveSpeakerObserver;
  #activeSpeakerPeerId: string | null = null;
  #emptyTimer?: NodeJS.Timeout;
  readonly #qualityTimer: NodeJS.Timeout;
  #startedAt: Date | null = null;
  #lastLeftAt: Date | null = null;

  private constructor(id: string, deps: RoomDeps) {
    super();
    this.id = id;
    this.#deps = deps;
    this.#qualityTimer = setInterval(() => void this.#updateQuality(), deps.config.qualityIntervalMs);
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
      await room.#setupPrimary(slot);
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
    return this.#primary.router.rtpCapabilities;
  }
  /** PIDs of the workers this room's routers live on (primary first). */
  get workerPids(): number[] {
    const pids = [this.#primary.slot.pid];
    for (const r of this.#routers.values()) if (!pids.includes(r.slot.pid)) pids.push(r.slot.pid);
    return pids;
  }
  get consultationStartedAt(): string | null {
    return this.#startedAt?.toISOString() ?? null;
  }

  /** Whether a router of this room lives (or lived until it died) on the worker with this pid. */
  usesWorker(pid: number): boolean {
    return (
      this.#lostWorkerPids.has(pid) ||
      this.#primary?.slot.pid === pid ||
      [...this.#routers.values()].some((r) => r.slot.pid === pid)
    );
  }

  // mediasoup closes a dead worker's routers before it emits 'died': remember whose they were.
  readonly #lostWorkerPids = new Set<number>();

  #trackRouter(ref: RouterRef) {
    this.#routers.set(ref.router.id, ref);
    ref.router.observer.once('close', () => this.#routers.delete(ref.router.id));
    ref.router.once('workerclose', () => this.#lostWorkerPids.add(ref.slot.pid));
  }

  peerIds(): string[] {
    return [...this.#peers.keys()];
  }

  /** The session of a joined peer; undefined for anyone who has not joined. */
  getPeer(peerId: string): PeerSession | undefined {
    const p = this.#peers.get(peerId);
    return p ? this.#sessions.get(p) : undefined;
  }

  readonly #sessions = new WeakMap<PeerState, PeerSession>();

  /**
   * Joins (or rejoins: a second join with the same peerId replaces the old session, whose media
   * is closed and whose peerLeft says 'replaced'). Waits while the room is being re-created.
   */
  async join(peerId: string, opts: JoinOptions): Promise<SfuResult<JoinResult>> {
    if (!peerId || typeof peerId !== 'string') return fail('invalid-params', 'peerId required');
    if (!opts || !PeerRoles.includes(opts.role)) return fail('invalid-params', 'unknown role');
    if (typeof opts.displayName !== 'string') return fail('invalid-params', 'displayName required');
    if (opts.rtpCapabilities) {
      const v = validateCaps(opts.rtpCapabilities);
      if (!v.ok) return v;
    }
    await this.#ready.promise;
    if (this.#state === 'closed') return fail('room-closed', 'room is closed');
    const existing = this.#peers.get(peerId);
    if (!existing && this.#peers.size >= this.#deps.config.maxPeersPerRoom)
      return fail('room-full', 'room is full');
    let routerRef: RouterRef;
    try {
      routerRef = await this.#routerForNewPeer();
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
    const session = this.#makeSession(peer);
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
    this.#lostWorkerPids.clear();
    await replacement.catch(() => undefined);
    if ((this.#state as string) === 'closed') return;
    const slot = this.#deps.pool.leastLoaded();
    if (!slot) {
      this.close('worker-lost');
      return;
    }
    try {
      await this.#setupPrimary(slot);
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

  // ---------------------------------------------------------------------------------------------
  // Routers

  async #setupPrimary(slot: WorkerSlot) {
    const router = await slot.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: this.id },
    });
    const ref: RouterRef = { slot, router };
    this.#primary = ref;
    this.#trackRouter(ref);
    const speaker = await router.createActiveSpeakerObserver({
      interval: this.#deps.config.activeSpeakerIntervalMs,
    });
    this.#speaker = speaker;
    speaker.on('dominantspeaker', ({ producer }) => {
      const entry = this.#producers.get(producer.id);
      if (!entry || this.#state !== 'open') return;
      this.#activeSpeakerPeerId = entry.peerId;
      this.safeEmit('activeSpeaker', { roomId: this.id, peerId: entry.peerId, producerId: producer.id });
    });
  }

  /** Primary router unless its worker is full; then a router of this room (or a new one) elsewhere. */
  async #routerForNewPeer(): Promise<RouterRef> {
    const max = this.#deps.config.maxConsumersPerWorker;
    const roomRouters = [this.#primary, ...[...this.#routers.values()].filter((r) => r !== this.#primary)];
    for (const r of roomRouters) if (r.slot.alive && r.slot.consumers < max) return r;
    const slot = this.#deps.pool.leastLoaded((s) => s.consumers < max) ?? this.#deps.pool.leastLoaded();
    if (!slot) throw new Error('no live mediasoup worker');
    const existing = roomRouters.find((r) => r.slot === slot);
    if (existing) return existing;
    const router = await slot.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: this.id },
    });
    if (this.#state === 'closed') {
      router.close();
      throw new Error('room closed');
    }
    const ref: RouterRef = { slot, router };
    this.#trackRouter(ref);
    return ref;
  }

  /** Makes a producer consumable on `target` (pipeToRouter once per producer and router). */
  async #ensureOnRouter(entry: ProducerEntry, target: RouterRef): Promise<void> {
    if (entry.routerRef.router === target.router) return;
    const key = `${entry.producer.id}:${target.router.id}`;
    let p = this.#pipes.get(key);
    if (!p) {
      p = entry.routerRef.router
        .pipeToRouter({ producerId: entry.producer.id, router: target.router })
        .then(() => undefined);
      this.#pipes.set(key, p);
      p.catch(() => this.#pipes.delete(key));
    }
    await p;
  }

  #teardownRouters() {
    this.#pipes.clear();
    this.#speaker = undefined;
    this.#activeSpeakerPeerId = null;
    for (const r of [...this.#routers.values()]) r.router.close();
    this.#routers.clear();
  }

  #armEmptyTimer() {
    clearTimeout(this.#emptyTimer);
    if (this.#peers.size > 0 || this.#state === 'closed') return;
    this.#emptyTimer = setTimeout(() => this.close('empty'), this.#deps.config.emptyRoomTimeoutMs);
    this.#emptyTimer.unref();
  }

  // ---------------------------------------------------------------------------------------------
  // Peers

  #peerInfos(): PeerInfo[] {
    return [...this.#peers.values()].map((p) => ({
      peerId: p.id,
      role: p.role,
      displayName: p.displayName,
      producers: [...p.producers.values()].map((e) => this.#producerInfo(e)),
    }));
  }

  #producerInfo(e: ProducerEntry): ProducerInfo {
    return {
      producerId: e.producer.id,
      peerId: e.peerId,
      kind: e.producer.kind,
      source: e.source,
      paused: e.producer.paused,
    };
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

  #makeSession(peer: PeerState): PeerSession {
    const guard = async <T>(fn: () => Promise<SfuResult<T>> | SfuResult<T>): Promise<SfuResult<T>> => {
      if (peer.closed) return fail('peer-closed', 'peer session is closed; join again');
      try {
        return await fn();
      } catch (err) {
        if (peer.closed) return fail('peer-closed', 'peer session is closed; join again');
        return fail('internal', (err as Error).message);
      }
    };
    const session: PeerSession = {
      peerId: peer.id,
      roomId: this.id,
      role: peer.role,
      displayName: peer.displayName,
      get closed() {
        return peer.closed;
      },
      setRtpCapabilities(caps) {
        if (peer.closed) return fail('peer-closed', 'peer session is closed; join again');
        const v = validateCaps(caps);
        if (!v.ok) return v;
        peer.rtpCapabilities = caps;
        return OK_VOID;
      },
      createWebRtcTransport: (o) => guard(() => this.#createWebRtcTransport(peer, o?.direction)),
      createPlainTransport: (o) => guard(() => this.#createPlainTransport(peer, o ?? {})),
      connectPlainTransport: (id, params) =>
        guard(async () => {
          const t = peer.transports.get(id);
          if (!t || t.type !== 'plain') return fail('not-found', 'no such plain transport');
          const plain = t.transport as types.PlainTransport;
          if (t.direction === 'recv' && (!params?.ip || !params.port))
            return fail('invalid-params', 'ip and port required for a recv plain transport');
          if (!!plain.srtpParameters !== !!params?.srtpParameters)
            return fail('invalid-params', 'srtpParameters required exactly when the transport uses SRTP');
          await plain.connect({
            ...(t.direction === 'recv' ? { ip: params.ip, port: params.port } : {}),
            ...(params.srtpParameters ? { srtpParameters: params.srtpParameters } : {}),
          });
          return OK_VOID;
        }),
      connectTransport: (id, dtls) =>
        guard(async () => {
          const t = peer.transports.get(id);
          if (!t) return fail('not-found', 'no such transport');
          if (t.type !== 'webrtc') return fail('invalid-params', 'not a WebRTC transport');
          if (!dtls || !Array.isArray(dtls.fingerprints))
            return fail('invalid-params', 'dtlsParameters required');
          await (t.transport as types.WebRtcTransport).connect({ dtlsParameters: dtls });
          return OK_VOID;
        }),
      restartIce: (id) =>
        guard(async () => {
          const t = peer.transports.get(id);
          if (!t || t.type !== 'webrtc') return fail('not-found', 'no such WebRTC transport');
          return ok(await this.#restartIce(t));
        }),
      produce: (id, o) => guard(() => this.#produce(peer, id, o)),
      pauseProducer: (id) => guard(() => this.#setProducerPaused(peer, id, true)),
      resumeProducer: (id) => guard(() => this.#setProducerPaused(peer, id, false)),
      closeProducer(id) {
        if (peer.closed) return fail('peer-closed', 'peer session is closed; join again');
        const e = peer.producers.get(id);
        if (!e) return fail('not-found', 'no such producer');
        e.producer.close();
        return OK_VOID;
      },
      consume: (id, producerId) => guard(() => this.#consume(peer, id, producerId)),
      resumeConsumer: (id) =>
        guard(async () => {
          const c = peer.consumers.get(id);
          if (!c) return fail('not-found', 'no such consumer');
          c.clientPaused = false;
          if (peer.audioOnly && c.consumer.kind === 'video') return ok({ paused: true });
          await c.consumer.resume();
          return ok({ paused: false });
        }),
      pauseConsumer: (id) =>
        guard(async () => {
          const c = peer.consumers.get(id);
          if (!c) return fail('not-found', 'no such consumer');
          c.clientPaused = true;
          await c.consumer.pause();
          return OK_VOID;
        }),
      setPreferredLayers: (id, layers) =>
        guard(async () => {
          const c = peer.consumers.get(id);
          if (!c) return fail('not-found', 'no such consumer');
          if (!layers || !Number.isInteger(layers.spatialLayer) || layers.spatialLayer < 0)
            return fail('invalid-params', 'spatialLayer must be a non-negative integer');
          if (c.consumer.type !== 'simulcast' && c.consumer.type !== 'svc') return OK_VOID;
          await c.consumer.setPreferredLayers(layers);
          return OK_VOID;
        }),
      setTileSize: (id, tile) => guard(() => this.#setTileSize(peer, id, tile)),
      setAudioOnly: (enabled) =>
        guard(async () => {
          peer.audioOnly = !!enabled;
          await Promise.all(
            [...peer.consumers.values()]
              .filter((c) => c.consumer.kind === 'video')
              .map((c) =>
                peer.audioOnly
                  ? c.consumer.pause()
                  : c.clientPaused
                    ? Promise.resolve()
                    : c.consumer.resume(),
              ),
          );
          return OK_VOID;
        }),
      getStats: () => guard(() => this.#peerStats(peer)),
      leave: () => this.#closePeer(peer, 'left'),
    };
    return session;
  }

  // ---------------------------------------------------------------------------------------------
  // Transports

  #transportParamsCommon(peer: PeerState, direction: TransportDirection) {
    return { appData: { roomId: this.id, peerId: peer.id, direction } };
  }

  async #createWebRtcTransport(
    peer: PeerState,
    direction: TransportDirection | undefined,
  ): Promise<SfuResult<import('./types.ts').WebRtcTransportParams>> {
    if (direction !== 'send' && direction !== 'recv')
      return fail('invalid-params', "direction must be 'send' or 'recv'");
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) return fail('limit', 'too many transports');
    const c = this.#deps.config;
    const { slot, router } = peer.routerRef;
    const transport = await router.createWebRtcTransport({
      webRtcServer: slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      iceConsentTimeout: c.iceConsentTimeoutS,
      initialAvailableOutgoingBitrate: c.initialAvailableOutgoingBitrate,
      ...this.#transportParamsCommon(peer, direction),
    });
    if (peer.closed) {
      transport.close();
      return fail('peer-closed', 'peer session is closed; join again');
    }
    if (direction === 'send') await transport.setMaxIncomingBitrate(c.maxIncomingBitrate);
    const entry: TransportEntry = { transport, type: 'webrtc', direction };
    peer.transports.set(transport.id, entry);
    transport.observer.once('close', () => {
      clearTimeout(entry.disconnectTimer);
      peer.transports.delete(transport.id);
    });
    const report = () => {
      if (peer.closed || this.#state !== 'open') return;
      this.safeEmit('transportState', {
        roomId: this.id,
        peerId: peer.id,
        transportId: transport.id,
        direction,
        iceState: transport.iceState,
        dtlsState: transport.dtlsState,
      });
    };
    transport.on('icestatechange', (state) => {
      report();
      if (state === 'disconnected') {
        clearTimeout(entry.disconnectTimer);
        entry.disconnectTimer = setTimeout(
          () => void this.#autoRestartIce(peer, entry),
          c.iceDisconnectGraceMs,
        );
        entry.disconnectTimer.unref();
      } else {
        clearTimeout(entry.disconnectTimer);
      }
    });
    transport.on('dtlsstatechange', () => report());
    return ok({
      id: transport.id,
      direction,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      // Fresh TURN credentials with each transport: a rejoin after hours still gets valid ones.
      iceServers: iceServersFor(c, peer.id),
      iceTransportPolicy: c.iceTransportPolicy,
    });
  }

  async #createPlainTransport(
    peer: PeerState,
    o: import('./types.ts').PlainTransportOptions,
  ): Promise<SfuResult<import('./types.ts').PlainTransportParams>> {
    const direction = o.direction ?? 'send';
    if (direction !== 'send' && direction !== 'recv')
      return fail('invalid-params', "direction must be 'send' or 'recv'");
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) return fail('limit', 'too many transports');
    const c = this.#deps.config;
    const transport = await peer.routerRef.router.createPlainTransport({
      listenInfo: {
        protocol: 'udp',
        ip: c.listenIp,
        ...(c.announcedAddress ? { announcedAddress: c.announcedAddress } : {}),
      },
      rtcpMux: true,
      comedia: direction === 'send',
      ...(o.srtp ? { enableSrtp: true, srtpCryptoSuite: 'AEAD_AES_256_GCM' as const } : {}),
      ...this.#transportParamsCommon(peer, direction),
    });
    if (peer.closed) {
      transport.close();
      return fail('peer-closed', 'peer session is closed; join again');
    }
    const entry: TransportEntry = { transport, type: 'plain', direction };
    peer.transports.set(transport.id, entry);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    const t = transport.tuple;
    return ok({
      id: transport.id,
      direction,
      ip: t.localAddress ?? t.localIp,
      port: t.localPort,
      ...(transport.srtpParameters ? { srtpParameters: transport.srtpParameters } : {}),
    });
  }

  async #restartIce(entry: TransportEntry): Promise<types.IceParameters> {
    if (entry.restarting) return entry.restarting;
    const last = entry.lastRestart;
    if (last && Date.now() - last.at < this.#deps.config.iceRestartCoalesceMs) return last.iceParameters;
    const t = entry.transport as types.WebRtcTransport;
    entry.restarting = t
      .restartIce()
      .then((iceParameters) => {
        entry.lastRestart = { at: Date.now(), iceParameters };
        return iceParameters;
      })
      .finally(() => {
        entry.restarting = undefined;
      });
    return entry.restarting;
  }

  async #autoRestartIce(peer: PeerState, entry: TransportEntry) {
    const t = entry.transport as types.WebRtcTransport;
    if (peer.closed || t.closed || t.iceState !== 'disconnected' || this.#state !== 'open') return;
    try {
      const iceParameters = await this.#restartIce(entry);
      if (peer.closed || t.closed) return;
      this.safeEmit('iceRestarted', { roomId: this.id, peerId: peer.id, transportId: t.id, iceParameters });
    } catch {
      // Transport closed meanwhile: nothing to restart.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Producers

  async #produce(
    peer: PeerState,
    transportId: string,
    o: ProduceOptions,
  ): Promise<SfuResult<{ producerId: string }>> {
    const t = peer.transports.get(transportId);
    if (!t) return fail('not-found', 'no such transport');
    if (t.direction !== 'send') return fail('invalid-direction', 'produce needs a send transport');
    if (!o || !MediaSources.includes(o.source)) return fail('invalid-params', 'unknown source');
    if (o.kind !== kindOfSource(o.source))
      return fail('invalid-params', `source ${o.source} must be ${kindOfSource(o.source)}`);
    if ([...peer.producers.values()].some((e) => e.source === o.source))
      return fail('source-in-use', `a ${o.source} producer exists already`);
    let producer: types.Producer;
    try {
      producer = await t.transport.produce({
        kind: o.kind,
        rtpParameters: o.rtpParameters,
        paused: !!o.paused,
        appData: { peerId: peer.id, source: o.source },
      });
    } catch (err) {
      return fail('invalid-params', (err as Error).message);
    }
    if (peer.closed) {
      producer.close();
      return fail('peer-closed', 'peer session is closed; join again');
    }
    const entry: ProducerEntry = {
      producer,
      peerId: peer.id,
      source: o.source,
      routerRef: peer.routerRef,
      captureHeight: o.captureHeight && o.captureHeight > 0 ? o.captureHeight : DEFAULT_CAPTURE_HEIGHT,
    };
    peer.producers.set(producer.id, entry);
    this.#producers.set(producer.id, entry);
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      const known = this.#producers.get(producer.id) === entry;
      if (known) this.#producers.delete(producer.id);
      for (const k of [...this.#pipes.keys()]) if (k.startsWith(`${producer.id}:`)) this.#pipes.delete(k);
      if (known && this.#state === 'open')
        this.safeEmit('producerClosed', {
          roomId: this.id,
          peerId: peer.id,
          producerId: producer.id,
          source: entry.source,
        });
    });
    if (producer.kind === 'audio') await this.#watchSpeaker(entry).catch(() => undefined);
    this.safeEmit('newProducer', { roomId: this.id, ...this.#producerInfo(entry) });
    return ok({ producerId: producer.id });
  }

  async #watchSpeaker(entry: ProducerEntry) {
    const speaker = this.#speaker;
    if (!speaker) return;
    await this.#ensureOnRouter(entry, this.#primary);
    if (!entry.producer.closed && !speaker.closed)
      await speaker.addProducer({ producerId: entry.producer.id });
  }

  async #setProducerPaused(peer: PeerState, producerId: string, paused: boolean): Promise<SfuResult<void>> {
    const e = peer.producers.get(producerId);
    if (!e) return fail('not-found', 'no such producer');
    if (e.producer.paused === paused) return OK_VOID;
    if (paused) await e.producer.pause();
    else await e.producer.resume();
    this.safeEmit(paused ? 'producerPaused' : 'producerResumed', {
      roomId: this.id,
      peerId: peer.id,
      producerId,
      source: e.source,
    });
    return OK_VOID;
  }

  // ---------------------------------------------------------------------------------------------
  // Consumers

  async #consume(
    peer: PeerState,
    transportId: string,
    producerId: string,
  ): Promise<SfuResult<ConsumeResult>> {
    const t = peer.transports.get(transportId);
    if (!t) return fail('not-found', 'no such transport');
    if (t.direction !== 'recv') return fail('invalid-direction', 'consume needs a recv transport');
    const caps = peer.rtpCapabilities;
    if (!caps) return fail('rtp-capabilities-missing', 'send rtpCapabilities first');
    const entry = this.#producers.get(producerId);
    if (!entry) return fail('not-found', 'no such producer in this room');
    if (entry.peerId === peer.id) return fail('own-producer', 'cannot consume own producer');
    await this.#ensureOnRouter(entry, peer.routerRef);
    if (peer.closed) return fail('peer-closed', 'peer session is closed; join again');
    if (!peer.routerRef.router.canConsume({ producerId, rtpCapabilities: caps }))
      return fail('cannot-consume', 'client cannot receive this codec');
    const consumer = await t.transport.consume({
      producerId,
      rtpCapabilities: caps,
      paused: true,
      enableRtx: true,
      appData: { peerId: peer.id },
    });
    if (peer.closed) {
      consumer.close();
      return fail('peer-closed', 'peer session is closed; join again');
    }
    const c: ConsumerEntry = { consumer, producerId, clientPaused: true };
    peer.consumers.set(consumer.id, c);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    consumer.on('producerclose', () => {
      peer.consumers.delete(consumer.id);
      if (!peer.closed && this.#state === 'open')
        this.safeEmit('consumerClosed', {
          roomId: this.id,
          peerId: peer.id,
          consumerId: consumer.id,
          producerId,
        });
    });
    consumer.on('layerschange', (layers) => {
      if (!peer.closed && this.#state === 'open')
        this.safeEmit('consumerLayersChanged', {
          roomId: this.id,
          peerId: peer.id,
          consumerId: consumer.id,
          layers: layers ?? null,
        });
    });
    return ok({
      consumerId: consumer.id,
      producerId,
      producerPeerId: entry.peerId,
      kind: consumer.kind,
      source: entry.source,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
      paused: true,
    });
  }

  async #setTileSize(peer: PeerState, consumerId: string, tile: TileSize): Promise<SfuResult<Layers>> {
    const c = peer.consumers.get(consumerId);
    if (!c) return fail('not-found', 'no such consumer');
    if (!tile || !(tile.width >= 0) || !(tile.height >= 0))
      return fail('invalid-params', 'tile width/height must be >= 0');
    const producer = this.#producers.get(c.producerId);
    // mediasoup does not keep scaleResolutionDownBy: layers are assumed to halve (browser default).
    const layerCount = producer?.producer.rtpParameters.encodings?.length ?? 1;
    const heights = layerHeightsFor(
      producer?.captureHeight ?? DEFAULT_CAPTURE_HEIGHT,
      Array.from({ length: layerCount }, () => ({})),
    );
    const layers: Layers = { spatialLayer: spatialLayerForTile(tile, heights) };
    if (c.consumer.type === 'simulcast' || c.consumer.type === 'svc')
      await c.consumer.setPreferredLayers(layers);
    return ok(layers);
  }

  // ---------------------------------------------------------------------------------------------
  // Stats and quality

  async #peerStats(peer: PeerState): Promise<SfuResult<PeerStats>> {
    const transports = await Promise.all(
      [...peer.transports.entries()].map(async ([id, e]) => {
        const s = (await e.transport.getStats())[0];
        const w = e.type === 'webrtc' ? (e.transport as types.WebRtcTransport) : undefined;
        return {
          id,
          direction: e.direction,
          type: e.type,
          ...(w ? { iceState: w.iceState, dtlsState: w.dtlsState } : {}),
          bytesReceived: s?.bytesReceived ?? 0,
          bytesSent: s?.bytesSent ?? 0,
        };
      }),
    );
    const producers = await Promise.all(
      [...peer.producers.values()].map(async (e) => {
        const stats = await e.producer.getStats();
        return {
          id: e.producer.id,
          source: e.source,
          kind: e.producer.kind,
          byteCount: stats.reduce((a, s) => a + s.byteCount, 0),
          packetCount: stats.reduce((a, s) => a + s.packetCount, 0),
          score: e.producer.score.length ? Math.min(...e.producer.score.map((s) => s.score)) : 0,
          paused: e.producer.paused,
        };
      }),
    );
    const consumers = await Promise.all(
      [...peer.consumers.values()].map(async (c) => {
        const stats = (await c.consumer.getStats()).filter((s) => s.type === 'outbound-rtp');
        return {
          id: c.consumer.id,
          producerId: c.producerId,
          kind: c.consumer.kind,
          byteCount: stats.reduce((a, s) => a + s.byteCount, 0),
          packetCount: stats.reduce((a, s) => a + s.packetCount, 0),
          score: c.consumer.score.score,
          paused: c.consumer.paused,
          ...(c.consumer.currentLayers ? { currentLayers: c.consumer.currentLayers } : {}),
        };
      }),
    );
    return ok({ transports, producers, consumers });
  }

  async #updateQuality() {
    if (this.#state !== 'open') return;
    for (const peer of [...this.#peers.values()]) {
      try {
        const scores: number[] = [];
        const loss: number[] = [];
        const rtts: number[] = [];
        let transportDown = false;
        for (const t of peer.transports.values()) {
          if (t.type !== 'webrtc') continue;
          const w = t.transport as types.WebRtcTransport;
          if (w.iceState === 'disconnected' || w.dtlsState === 'failed' || w.dtlsState === 'closed')
            transportDown = true;
        }
        for (const e of peer.producers.values()) {
          if (e.producer.paused) continue;
          for (const s of e.producer.score) scores.push(s.score);
        }
        for (const c of peer.consumers.values()) {
          if (c.consumer.paused || c.consumer.producerPaused) continue;
          scores.push(c.consumer.score.score);
          for (const s of await c.consumer.getStats()) {
            if (s.type !== 'outbound-rtp') continue;
            // RTCP fraction lost is an 8-bit fixed-point fraction (0..255).
            loss.push(s.fractionLost / 256);
            if (s.roundTripTime !== undefined && s.roundTripTime > 0) rtts.push(s.roundTripTime);
          }
        }
        if (this.#state !== 'open') return;
        if (peer.closed) continue;
        const q = classifyQuality({ scores, lossFractions: loss, rttsMs: rtts, transportDown });
        if (q.level !== peer.quality) {
          peer.quality = q.level;
          this.safeEmit('quality', { roomId: this.id, peerId: peer.id, ...q });
        }
      } catch {
        // A consumer closed during getStats: next round.
      }
    }
  }
}

function validateCaps(caps: unknown): SfuResult<void> {
  if (!caps || typeof caps !== 'object' || !Array.isArray((caps as { codecs?: unknown }).codecs))
    return fail('invalid-params', 'rtpCapabilities.codecs required');
  return OK_VOID;
}
