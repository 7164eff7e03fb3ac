import type { types } from 'mediasoup';
import { ROUTER_MEDIA_CODECS } from './media-params.ts';
import type { SfuConfig } from './config.ts';
import type { ProducerEntry } from './peer-state.ts';
import type { WorkerPool, WorkerSlot } from './worker-pool.ts';

export type RouterRef = { slot: WorkerSlot; router: types.Router };

export type RoomRoutersOptions = {
  roomId: string;
  pool: WorkerPool;
  config: SfuConfig;
  /** A router made for a room that closed meanwhile is closed again instead of being kept. */
  roomClosed: () => boolean;
  onDominantSpeaker: (producerId: string) => void;
};

/**
 * The routers of one room: a primary router (with the active speaker observer) on the least-loaded
 * worker, and more routers on other workers only when its worker is full (producers then cross
 * workers with pipeToRouter).
 */
export class RoomRouters {
  readonly #opts: RoomRoutersOptions;
  #primary!: RouterRef;
  readonly #routers = new Map<string, RouterRef>();
  readonly #pipes = new Map<string, Promise<void>>();
  #speaker?: types.ActiveSpeakerObserver;
  // mediasoup closes a dead worker's routers before it emits 'died': remember whose they were.
  readonly #lostWorkerPids = new Set<number>();

  constructor(opts: RoomRoutersOptions) {
    this.#opts = opts;
  }

  get primary(): RouterRef {
    return this.#primary;
  }

  /** PIDs of the workers these routers live on (primary first). */
  get workerPids(): number[] {
    const pids = [this.#primary.slot.pid];
    for (const r of this.#routers.values()) if (!pids.includes(r.slot.pid)) pids.push(r.slot.pid);
    return pids;
  }

  /** Whether a router lives (or lived until it died) on the worker with this pid. */
  usesWorker(pid: number): boolean {
    return (
      this.#lostWorkerPids.has(pid) ||
      this.#primary?.slot.pid === pid ||
      [...this.#routers.values()].some((r) => r.slot.pid === pid)
    );
  }

  /** The room moves to a new worker: the dead ones no longer count as its own. */
  forgetLostWorkers(): void {
    this.#lostWorkerPids.clear();
  }

  async setupPrimary(slot: WorkerSlot): Promise<void> {
    const router = await slot.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: this.#opts.roomId },
    });
    const ref: RouterRef = { slot, router };
    this.#primary = ref;
    this.#track(ref);
    const speaker = await router.createActiveSpeakerObserver({
      interval: this.#opts.config.activeSpeakerIntervalMs,
    });
    this.#speaker = speaker;
    speaker.on('dominantspeaker', ({ producer }) => this.#opts.onDominantSpeaker(producer.id));
  }

  /** Primary router unless its worker is full; then a router of this room (or a new one) elsewhere. */
  async forNewPeer(): Promise<RouterRef> {
    const { pool, config } = this.#opts;
    const max = config.maxConsumersPerWorker;
    const roomRouters = [this.#primary, ...[...this.#routers.values()].filter((r) => r !== this.#primary)];
    for (const r of roomRouters) if (r.slot.alive && r.slot.consumers < max) return r;
    const slot = pool.leastLoaded((s) => s.consumers < max) ?? pool.leastLoaded();
    if (!slot) throw new Error('no live mediasoup worker');
    const existing = roomRouters.find((r) => r.slot === slot);
    if (existing) return existing;
    const router = await slot.worker.createRouter({
      mediaCodecs: ROUTER_MEDIA_CODECS,
      appData: { roomId: this.#opts.roomId },
    });
    if (this.#opts.roomClosed()) {
      router.close();
      throw new Error('room closed');
    }
    const ref: RouterRef = { slot, router };
    this.#track(ref);
    return ref;
  }

  /** Makes a producer consumable on `target` (pipeToRouter once per producer and router). */
  async ensureOnRouter(entry: ProducerEntry, target: RouterRef): Promise<void> {
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

  /** A closed producer's pipes went with it: a new producer must be piped afresh. */
  forgetPipesOf(producerId: string): void {
    for (const k of [...this.#pipes.keys()]) if (k.startsWith(`${producerId}:`)) this.#pipes.delete(k);
  }

  /** Audio producers feed the active speaker observer, which lives on the primary router. */
  async watchSpeaker(entry: ProducerEntry): Promise<void> {
    const speaker = this.#speaker;
    if (!speaker) return;
    await this.ensureOnRouter(entry, this.#primary);
    if (!entry.producer.closed && !speaker.closed)
      await speaker.addProducer({ producerId: entry.producer.id });
  }

  /** Closes every router (and so every transport, producer and consumer on them). */
  teardown(): void {
    this.#pipes.clear();
    this.#speaker = undefined;
    for (const r of [...this.#routers.values()]) r.router.close();
    this.#routers.clear();
  }

  #track(ref: RouterRef) {
    this.#routers.set(ref.router.id, ref);
    ref.router.observer.once('close', () => this.#routers.delete(ref.router.id));
    ref.router.once('workerclose', () => this.#lostWorkerPids.add(ref.slot.pid));
  }
}
