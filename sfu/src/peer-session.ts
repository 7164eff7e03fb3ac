import type { Layers, TileSize } from './layers.ts';
import * as consumers from './peer-consumers.ts';
import * as producers from './peer-producers.ts';
import type { PeerState, RoomScope } from './peer-state.ts';
import * as transports from './peer-transports.ts';
import { fail, OK_VOID, peerClosed } from './results.ts';
import { peerStats } from './stats.ts';
import type {
  ConsumeResult,
  DtlsParameters,
  IceParameters,
  PeerRole,
  PeerSession,
  PeerStats,
  PlainConnectParams,
  PlainTransportOptions,
  PlainTransportParams,
  ProduceOptions,
  RtpCapabilities,
  SfuResult,
  TransportDirection,
  WebRtcTransportParams,
} from './types.ts';

/**
 * The handle a joined peer acts through (see `PeerSession` in types.ts). It reaches only its own
 * peer's media and the room's narrow `RoomScope`; after the peer is closed every call answers
 * `peer-closed`, and a mediasoup error becomes `internal` instead of a throw.
 */
export class RoomPeerSession implements PeerSession {
  readonly peerId: string;
  readonly roomId: string;
  readonly role: PeerRole;
  readonly displayName: string;
  readonly #peer: PeerState;
  readonly #scope: RoomScope;

  constructor(scope: RoomScope, peer: PeerState) {
    this.peerId = peer.id;
    this.roomId = scope.roomId;
    this.role = peer.role;
    this.displayName = peer.displayName;
    this.#peer = peer;
    this.#scope = scope;
  }

  get closed(): boolean {
    return this.#peer.closed;
  }

  setRtpCapabilities(caps: RtpCapabilities): SfuResult<void> {
    if (this.#peer.closed) return peerClosed();
    const v = validateRtpCapabilities(caps);
    if (!v.ok) return v;
    this.#peer.rtpCapabilities = caps;
    return OK_VOID;
  }

  createWebRtcTransport(o: { direction: TransportDirection }): Promise<SfuResult<WebRtcTransportParams>> {
    return this.#guard(() => transports.createWebRtcTransport(this.#scope, this.#peer, o?.direction));
  }

  createPlainTransport(o?: PlainTransportOptions): Promise<SfuResult<PlainTransportParams>> {
    return this.#guard(() => transports.createPlainTransport(this.#scope, this.#peer, o ?? {}));
  }

  connectTransport(transportId: string, dtls: DtlsParameters): Promise<SfuResult<void>> {
    return this.#guard(() => transports.connectWebRtcTransport(this.#peer, transportId, dtls));
  }

  connectPlainTransport(transportId: string, params: PlainConnectParams): Promise<SfuResult<void>> {
    return this.#guard(() => transports.connectPlainTransport(this.#peer, transportId, params));
  }

  restartIce(transportId: string): Promise<SfuResult<IceParameters>> {
    return this.#guard(() => transports.restartPeerIce(this.#scope, this.#peer, transportId));
  }

  produce(transportId: string, o: ProduceOptions): Promise<SfuResult<{ producerId: string }>> {
    return this.#guard(() => producers.produce(this.#scope, this.#peer, transportId, o));
  }

  pauseProducer(producerId: string): Promise<SfuResult<void>> {
    return this.#guard(() => producers.setProducerPaused(this.#scope, this.#peer, producerId, true));
  }

  resumeProducer(producerId: string): Promise<SfuResult<void>> {
    return this.#guard(() => producers.setProducerPaused(this.#scope, this.#peer, producerId, false));
  }

  closeProducer(producerId: string): SfuResult<void> {
    if (this.#peer.closed) return peerClosed();
    return producers.closeProducer(this.#peer, producerId);
  }

  consume(transportId: string, producerId: string): Promise<SfuResult<ConsumeResult>> {
    return this.#guard(() => consumers.consume(this.#scope, this.#peer, transportId, producerId));
  }

  resumeConsumer(consumerId: string): Promise<SfuResult<{ paused: boolean }>> {
    return this.#guard(() => consumers.resumeConsumer(this.#peer, consumerId));
  }

  pauseConsumer(consumerId: string): Promise<SfuResult<void>> {
    return this.#guard(() => consumers.pauseConsumer(this.#peer, consumerId));
  }

  setPreferredLayers(consumerId: string, layers: Layers): Promise<SfuResult<void>> {
    return this.#guard(() => consumers.setPreferredLayers(this.#peer, consumerId, layers));
  }

  setTileSize(consumerId: string, tile: TileSize): Promise<SfuResult<Layers>> {
    return this.#guard(() => consumers.setTileSize(this.#scope, this.#peer, consumerId, tile));
  }

  setAudioOnly(enabled: boolean): Promise<SfuResult<void>> {
    return this.#guard(() => consumers.setAudioOnly(this.#peer, enabled));
  }

  getStats(): Promise<SfuResult<PeerStats>> {
    return this.#guard(() => peerStats(this.#peer));
  }

  leave(): void {
    this.#scope.closePeer(this.#peer, 'left');
  }

  /**
   * A mediasoup call fails when the peer was closed during the await (its transport went with it):
   * that is `peer-closed`, not an internal error.
   */
  async #guard<T>(fn: () => Promise<SfuResult<T>> | SfuResult<T>): Promise<SfuResult<T>> {
    if (this.#peer.closed) return peerClosed();
    try {
      return await fn();
    } catch (err) {
      if (this.#peer.closed) return peerClosed();
      return fail('internal', (err as Error).message);
    }
  }
}

/** Shape only: a malformed value is refused where the client sent it, not at its first consume. */
export function validateRtpCapabilities(caps: unknown): SfuResult<void> {
  if (!caps || typeof caps !== 'object' || !Array.isArray((caps as { codecs?: unknown }).codecs))
    return fail('invalid-params', 'rtpCapabilities.codecs required');
  return OK_VOID;
}
