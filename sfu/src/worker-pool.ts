import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { EnhancedEventEmitter } from 'mediasoup/extras';
import type { SfuConfig } from './config.ts';
import { pickLeastLoaded, type WorkerLoad } from './placement.ts';

/** One mediasoup worker process with its WebRtcServer (a single UDP + TCP port) and live counts. */
export type WorkerSlot = WorkerLoad & {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  pid: number;
  transports: number;
  /** The port the WebRtcServer listens on (UDP and TCP). */
  port: number;
};

export type WorkerPoolEvents = {
  /**
   * A worker process died (crash, OOM kill, SIGKILL). Its routers are gone. `replacement` resolves
   * when a new worker took its slot (undefined if the pool closed or respawning kept failing).
   */
  workerDied: [{ index: number; pid: number; error: Error; replacement: Promise<WorkerSlot | undefined> }];
  workerReplaced: [{ index: number; oldPid: number; pid: number }];
  /**
   * Workers were closed by mediasoup itself: it closes every worker on SIGINT/SIGTERM of the host
   * process. The pool is unusable; the host is shutting down.
   */
  closedBySignal: [];
};

const RESPAWN_DELAYS_MS = [0, 250, 1000, 3000, 5000];

export const SfuStartFailures = ['worker-binary', 'ports-in-use', 'listen-failed'] as const;
export type SfuStartFailure = (typeof SfuStartFailures)[number];

/** Why the SFU could not start, in words that name what to fix. */
export class SfuStartError extends Error {
  constructor(
    readonly reason: SfuStartFailure,
    message: string,
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
    this.name = 'SfuStartError';
  }
}

export class WorkerPool extends EnhancedEventEmitter<WorkerPoolEvents> {
  readonly #config: SfuConfig;
  readonly #slots: (WorkerSlot | undefined)[];
  #closed = false;

  private constructor(config: SfuConfig) {
    super();
    this.#config = config;
    this.#slots = new Array(config.workers).fill(undefined);
  }

  static async create(config: SfuConfig): Promise<WorkerPool> {
    const pool = new WorkerPool(config);
    try {
      // Sequential: on 2 cores spawning several workers at once only adds contention.
      for (let i = 0; i < config.workers; i++) pool.#slots[i] = await pool.#spawn(i);
    } catch (err) {
      pool.close();
      throw err;
    }
    return pool;
  }

  get closed() {
    return this.#closed;
  }

  /** Live slots (a slot being respawned is absent). */
  slots(): WorkerSlot[] {
    return this.#slots.filter((s): s is WorkerSlot => s !== undefined && s.alive);
  }

  slotOf(worker: types.Worker): WorkerSlot | undefined {
    return this.slots().find((s) => s.worker === worker);
  }

  leastLoaded(filter?: (s: WorkerSlot) => boolean): WorkerSlot | undefined {
    return pickLeastLoaded(this.slots(), filter);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const s of this.#slots) {
      if (s) {
        s.alive = false;
        s.worker.close();
      }
    }
  }

  async #spawn(index: number): Promise<WorkerSlot> {
    const c = this.#config;
    let worker: types.Worker;
    try {
      worker = await mediasoup.createWorker({
        logLevel: c.logLevel,
        ...(c.workerBin ? { workerBin: c.workerBin } : {}),
        appData: { index },
      });
    } catch (err) {
      throw new SfuStartError(
        'worker-binary',
        `mediasoup worker ${index} did not start from ${c.workerBin ?? "mediasoup's own binary"} (${(err as Error).message}); set MEDIASOUP_WORKER_BIN to a working mediasoup-worker (see README)`,
        { cause: err },
      );
    }
    const port = c.rtcPortBase === 0 ? undefined : c.rtcPortBase + index;
    let webRtcServer: types.WebRtcServer;
    try {
      const listen = (protocol: 'udp' | 'tcp'): types.TransportListenInfo => ({
        protocol,
        ip: c.listenIp,
        ...(c.announcedAddress ? { announcedAddress: c.announcedAddress } : {}),
        ...(port !== undefined ? { port } : {}),
      });
      webRtcServer = await worker.createWebRtcServer({ listenInfos: [listen('udp'), listen('tcp')] });
    } catch (err) {
      worker.close();
      const message = (err as Error).message;
      // A port clash is an operator's problem to fix, not a missing binary: say which port and why.
      if (/EADDRINUSE|address already in use/i.test(message))
        throw new SfuStartError(
          'ports-in-use',
          `port ${port} (worker ${index}, UDP and TCP on ${c.listenIp}) is already in use by another process: free it or move the range (SFU_RTC_PORT_BASE / SFU_RTC_PORTS)`,
          { cause: err },
        );
      throw new SfuStartError(
        'listen-failed',
        `WebRtcServer for worker ${index} could not listen on ${c.listenIp}:${port ?? 'auto'} (${message}); check SFU_LISTEN_IP`,
        { cause: err },
      );
    }
    const dump = await webRtcServer.dump();
    const slot: WorkerSlot = {
      index,
      alive: true,
      worker,
      webRtcServer,
      pid: worker.pid,
      port: dump.udpSockets[0]?.port ?? port ?? 0,
      routers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
    };
    this.#track(slot);
    worker.on('died', (error) => this.#onDied(slot, error));
    worker.observer.on('close', () => {
      // 'died' marks the slot dead first; a close we did not ask for is mediasoup's signal handler.
      if (slot.alive && !this.#closed) {
        slot.alive = false;
        this.#closed = true;
        this.close();
        this.safeEmit('closedBySignal');
      }
    });
    return slot;
  }

  /** Counts from mediasoup's observer API: exact, including pipe transports and their consumers. */
  #track(slot: WorkerSlot) {
    slot.worker.observer.on('newrouter', (router) => {
      slot.routers++;
      router.observer.once('close', () => slot.routers--);
      router.observer.on('newtransport', (transport) => {
        slot.transports++;
        transport.observer.once('close', () => slot.transports--);
        transport.observer.on('newproducer', (p) => {
          slot.producers++;
          p.observer.once('close', () => slot.producers--);
        });
        transport.observer.on('newconsumer', (cons) => {
          slot.consumers++;
          cons.observer.once('close', () => slot.consumers--);
        });
      });
    });
  }

  #onDied(slot: WorkerSlot, error: Error) {
    slot.alive = false;
    const replacement = this.#respawn(slot);
    this.safeEmit('workerDied', { index: slot.index, pid: slot.pid, error, replacement });
  }

  async #respawn(dead: WorkerSlot): Promise<WorkerSlot | undefined> {
    for (const delay of RESPAWN_DELAYS_MS) {
      if (this.#closed) return undefined;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (this.#closed) return undefined;
      try {
        const slot = await this.#spawn(dead.index);
        if (this.#closed) {
          slot.worker.close();
          return undefined;
        }
        this.#slots[dead.index] = slot;
        this.safeEmit('workerReplaced', { index: dead.index, oldPid: dead.pid, pid: slot.pid });
        return slot;
      } catch {
        // Port still held or binary gone; try again after the next delay.
      }
    }
    return undefined;
  }
}
