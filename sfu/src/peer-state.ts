import type { types } from 'mediasoup';
import type { EnhancedEventEmitter } from 'mediasoup/extras';
import type { SfuConfig } from './config.ts';
import type { MediaSource } from './media-params.ts';
import type { QualityLevel } from './quality.ts';
import type { RoomRouters, RouterRef } from './room-routers.ts';
import type { JoinOptions, PeerLeftReason, ProducerInfo, RoomEvents, TransportDirection } from './types.ts';

/**
 * A joined peer's media objects, shared by the room (which lists, invalidates and closes peers)
 * and the modules that act for the peer (transports, producers, consumers, stats).
 */
export type PeerState = {
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

export type TransportEntry = {
  transport: types.WebRtcTransport | types.PlainTransport;
  type: 'webrtc' | 'plain';
  direction: TransportDirection;
  disconnectTimer?: NodeJS.Timeout;
  restarting?: Promise<types.IceParameters>;
  lastRestart?: { at: number; iceParameters: types.IceParameters };
};

export type ProducerEntry = {
  producer: types.Producer;
  peerId: string;
  source: MediaSource;
  routerRef: RouterRef;
  captureHeight: number;
};

export type ConsumerEntry = {
  consumer: types.Consumer;
  producerId: string;
  /** The client asked for it paused (or never resumed it): audio-only off must not resume it. */
  clientPaused: boolean;
};

/**
 * What a peer's operations need from their room. The room hands this narrow view out instead of
 * itself, so sessions cannot reach peers other than their own.
 */
export interface RoomScope {
  readonly roomId: string;
  readonly config: SfuConfig;
  /** False while the room closes or is re-created: then the room tells the clients itself. */
  isOpen(): boolean;
  /** Every producer of the room by id: what peers may consume. */
  readonly producers: Map<string, ProducerEntry>;
  readonly routers: RoomRouters;
  /** The room's own emit: the Sfu re-emits room events, so there is one source for them. */
  emit: EnhancedEventEmitter<RoomEvents>['safeEmit'];
  closePeer(peer: PeerState, reason: PeerLeftReason): void;
}

export const DEFAULT_CAPTURE_HEIGHT = 720;

export function producerInfo(e: ProducerEntry): ProducerInfo {
  return {
    producerId: e.producer.id,
    peerId: e.peerId,
    kind: e.producer.kind,
    source: e.source,
    paused: e.producer.paused,
  };
}
