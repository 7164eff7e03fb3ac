import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { EnhancedEventEmitter } from 'mediasoup/extras';
import {
  iceServersFor,
  SfuConfigSchema,
  type IceServer,
  type SfuConfig,
  type SfuConfigInput,
} from './config.ts';
import { ROUTER_MEDIA_CODECS } from './media-params.ts';
import { workerLoadScore } from './placement.ts';
import { Room } from './room.ts';
import { RoomEventNames, type RoomEvents } from './types.ts';
import { WorkerPool } from './worker-pool.ts';

export * from './types.ts';
export {
  SfuConfigSchema,
  sfuConfigFromEnv,
  sfuDeploymentProblems,
  isLocalOnlyAddress,
  turnCredential,
  type SfuConfig,
  type SfuConfigInput,
} from './config.ts';
export {
  CAMERA_SIMULCAST_ENCODINGS,
  SCREEN_SHARE_ENCODINGS,
  CAMERA_CAPTURE,
  MediaSources,
} from './media-params.ts';
export { createReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.ts';
export { NodeRegistry, type NodeRegistryOptions, type Placement } from './cluster.ts';
export { SfuStartError, SfuStartFailures, type SfuStartFailure } from './worker-pool.ts';
export type { Room };

export type WorkerInfo = {
  index: number;
  pid: number;
  port: number;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
  loadScore: number;
};

export type SfuEvents = RoomEvents & {
  roomCreated: [{ roomId: string; workerPid: number }];
  workerDied: [{ index: number; pid: number; error: string }];
  workerReplaced: [{ index: number; oldPid: number; pid: number }];
  /** The SFU closed: sfu.close(), or mediasoup closed the workers on SIGINT/SIGTERM. */
  closed: [{ reason: 'closed' | 'signal' }];
};

/**
 * The SFU: a worker pool and the rooms on it. Signaling calls it in-process:
 *   const room = await sfu.getOrCreateRoom(appointmentId);
 *   const r = await room.join(userId, { role, displayName, rtpCapabilities });
 *   if (r.ok) { const peer = r.value.peer; await peer.createWebRtcTransport({ direction: 'send' }) ... }
 * and forwards the events (each names its roomId and, where it is for one client, its peerId).
 */
export class Sfu extends EnhancedEventEmitter<SfuEvents> {
  readonly config: SfuConfig;
  readonly #pool: WorkerPool;
  readonly #rooms = new Map<string, Promise<Room>>();
  #closed = false;

  /** Use createSfu(). */
  constructor(config: SfuConfig, pool: WorkerPool) {
    super();
    this.config = config;
    this.#pool = pool;
    pool.on('workerDied', ({ index, pid, error, replacement }) => {
      this.safeEmit('workerDied', { index, pid, error: error.message });
      void this.#recreateRoomsOf(pid, replacement);
    });
    pool.on('workerReplaced', (e) => this.safeEmit('workerReplaced', e));
    pool.on('closedBySignal', () => void this.#shutdown('signal'));
  }

  get closed() {
    return this.#closed;
  }

  /** Router RTP capabilities (identical for every room: same codec list). */
  get rtpCapabilities(): types.RtpCapabilities {
    this.#caps ??= mediasoup.ortc.generateRouterRtpCapabilities(ROUTER_MEDIA_CODECS);
    return this.#caps;
  }
  #caps?: types.RtpCapabilities;

  /** TURN servers with credentials issued for this participant now (empty without TURN). */
  iceServersFor(userId: string): IceServer[] {
    return iceServersFor(this.config, userId);
  }

  /** The room of a consultation, created on the least-loaded worker on first use. */
  async getOrCreateRoom(roomId: string): Promise<Room> {
    if (this.#closed) throw new Error('SFU is closed');
    if (!roomId || typeof roomId !== 'string') throw new TypeError('roomId required');
    const existing = this.#rooms.get(roomId);
    if (existing) {
      const room = await existing;
      if (!room.closed) return room;
      if (this.#rooms.get(roomId) === existing) this.#rooms.delete(roomId);
      return this.getOrCreateRoom(roomId);
    }
    const p = Room.create(roomId, { pool: this.#pool, config: this.config });
    this.#rooms.set(roomId, p);
    try {
      const room = await p;
      for (const name of RoomEventNames) {
        room.on(name, (...args: unknown[]) =>
          (this.safeEmit as (n: string, ...a: unknown[]) => boolean)(name, ...args),
        );
      }
      room.once('roomClosed', () => {
        if (this.#rooms.get(roomId) === p) this.#rooms.delete(roomId);
      });
      this.safeEmit('roomCreated', { roomId, workerPid: room.workerPids[0] ?? 0 });
      return room;
    } catch (err) {
      if (this.#rooms.get(roomId) === p) this.#rooms.delete(roomId);
      throw err;
    }
  }

  /** An existing open room, or undefined (never creates). */
  async getRoom(roomId: string): Promise<Room | undefined> {
    const p = this.#rooms.get(roomId);
    if (!p) return undefined;
    const room = await p.catch(() => undefined);
    return room && !room.closed ? room : undefined;
  }

  async rooms(): Promise<Room[]> {
    const all = await Promise.all([...this.#rooms.values()].map((p) => p.catch(() => undefined)));
    return all.filter((r): r is Room => !!r && !r.closed);
  }

  workers(): WorkerInfo[] {
    return this.#pool.slots().map((s) => ({
      index: s.index,
      pid: s.pid,
      port: s.port,
      routers: s.routers,
      transports: s.transports,
      producers: s.producers,
      consumers: s.consumers,
      loadScore: workerLoadScore(s),
    }));
  }

  /** CPU time (user+system, ms) and peak RSS of each worker process, for metrics and the bench. */
  async workerUsage(): Promise<{ index: number; pid: number; cpuMs: number; maxRssKb: number }[]> {
    return Promise.all(
      this.#pool.slots().map(async (s) => {
        const u = await s.worker.getResourceUsage();
        return { index: s.index, pid: s.pid, cpuMs: u.ru_utime + u.ru_stime, maxRssKb: u.ru_maxrss };
      }),
    );
  }

  /** Load figure announced to other nodes (multi-node placement). */
  load(): { rooms: number; consumers: number; producers: number; capacity: number } {
    const w = this.workers();
    return {
      rooms: this.#rooms.size,
      consumers: w.reduce((a, x) => a + x.consumers, 0),
      producers: w.reduce((a, x) => a + x.producers, 0),
      capacity: this.config.maxConsumersPerWorker * Math.max(1, w.length),
    };
  }

  /**
   * Closes every room (consultationEnded/roomClosed fire) and every worker. The host calls it on
   * SIGINT/SIGTERM after closing its servers; mediasoup also closes workers on those signals.
   */
  async close(): Promise<void> {
    await this.#shutdown('closed');
  }

  async #shutdown(reason: 'closed' | 'signal') {
    if (this.#closed) return;
    this.#closed = true;
    for (const room of await this.rooms()) room.close('sfu-closed');
    this.#rooms.clear();
    this.#pool.close();
    this.safeEmit('closed', { reason });
  }

  async #recreateRoomsOf(pid: number, replacement: Promise<unknown>) {
    const affected = (await this.rooms()).filter((r) => r.usesWorker(pid));
    // mediasoup clears a dead worker's routers before 'died'; rooms still list them until recreate.
    await Promise.all(affected.map((r) => r.recreate(replacement as Parameters<Room['recreate']>[0])));
  }
}

export async function createSfu(config: SfuConfigInput | SfuConfig = {}): Promise<Sfu> {
  const parsed = SfuConfigSchema.parse(config);
  const pool = await WorkerPool.create(parsed);
  return new Sfu(parsed, pool);
}
