/**
 * Public types of the SFU's in-process API (what signaling calls and listens to). Type-only
 * imports from mediasoup: clients can import these too.
 */
import type { types } from 'mediasoup';
import type { IceServer } from './config.ts';
import type { MediaSource } from './media-params.ts';
import type { QualityLevel } from './quality.ts';
import type { TileSize, Layers } from './layers.ts';

export type { IceServer, MediaSource, QualityLevel, TileSize, Layers };
export type RtpCapabilities = types.RtpCapabilities;
export type RtpParameters = types.RtpParameters;
export type DtlsParameters = types.DtlsParameters;
export type IceParameters = types.IceParameters;
export type IceCandidate = types.IceCandidate;

/** Who is in a consultation. Authorization (who may join which room) is decided by signaling/api. */
export const PeerRoles = ['doctor', 'patient', 'guest'] as const;
export type PeerRole = (typeof PeerRoles)[number];

export const SfuErrorCodes = [
  'room-closed', // the room was closed (consultation over); do not retry
  'room-full',
  'unavailable', // no live worker right now (retry with backoff)
  'peer-closed', // this session left, was removed, replaced by a rejoin, or the room was re-created
  'not-found', // transport/producer/consumer id unknown to THIS peer (ids of others never resolve)
  'invalid-direction', // produce on a recv transport or consume on a send transport
  'invalid-params',
  'rtp-capabilities-missing', // consume before the client sent its device's RTP capabilities
  'cannot-consume', // the client's codecs can't receive this producer
  'own-producer',
  'source-in-use', // a producer for this source (mic/camera/screen) exists already
  'limit', // too many transports for one peer
  'internal',
] as const;
export type SfuErrorCode = (typeof SfuErrorCodes)[number];

/** Results, not exceptions, so signaling maps each failure to a reply without try/catch. */
export type SfuResult<T> = { ok: true; value: T } | { ok: false; code: SfuErrorCode; message: string };

export type TransportDirection = 'send' | 'recv';

/** What a client needs for mediasoup-client's device.createSendTransport/createRecvTransport. */
export type WebRtcTransportParams = {
  id: string;
  direction: TransportDirection;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
  iceServers: IceServer[];
  /** For the client's transport: `relay` = TURN only (SFU_ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: 'all' | 'relay';
};

export type SrtpParameters = types.SrtpParameters;

/**
 * Plain RTP (no ICE/DTLS) for non-browser endpoints: tests, the bench, a future SIP gateway or
 * recorder. 'send' transports are comedia (the first packet fixes the remote address); 'recv'
 * transports need connectPlainTransport with the endpoint's ip/port. With srtp the SFU's keys are
 * in srtpParameters and the endpoint's keys go in connectPlainTransport.
 */
export type PlainTransportOptions = { direction?: TransportDirection; srtp?: boolean };
export type PlainTransportParams = {
  id: string;
  direction: TransportDirection;
  ip: string;
  port: number;
  srtpParameters?: SrtpParameters;
};
export type PlainConnectParams = { ip?: string; port?: number; srtpParameters?: SrtpParameters };

export type ProduceOptions = {
  kind: 'audio' | 'video';
  rtpParameters: RtpParameters;
  source: MediaSource;
  /** Start muted. */
  paused?: boolean;
  /** Capture height in pixels, so tile sizes map to the right simulcast layer (default 720). */
  captureHeight?: number;
};

export type ProducerInfo = {
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** Muted. */
  paused: boolean;
};

export type PeerInfo = {
  peerId: string;
  role: PeerRole;
  displayName: string;
  producers: ProducerInfo[];
};

export type ConsumeResult = {
  consumerId: string;
  producerId: string;
  producerPeerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  rtpParameters: RtpParameters;
  type: types.ConsumerType;
  producerPaused: boolean;
  /** Always true: the client resumes it (resumeConsumer) once its track is attached. */
  paused: true;
};

export type PeerStats = {
  transports: {
    id: string;
    direction: TransportDirection;
    type: 'webrtc' | 'plain';
    iceState?: string;
    dtlsState?: string;
    bytesReceived: number;
    bytesSent: number;
  }[];
  producers: {
    id: string;
    source: MediaSource;
    kind: string;
    byteCount: number;
    packetCount: number;
    score: number;
    paused: boolean;
  }[];
  consumers: {
    id: string;
    producerId: string;
    kind: string;
    byteCount: number;
    packetCount: number;
    score: number;
    paused: boolean;
    currentLayers?: Layers;
  }[];
};

export type JoinOptions = {
  role: PeerRole;
  /** Shown to the other participants; never logged (may identify a patient). */
  displayName: string;
  /** The client's device.rtpCapabilities; can also be sent later with setRtpCapabilities. */
  rtpCapabilities?: RtpCapabilities;
};

export type PeerLeftReason = 'left' | 'removed' | 'replaced' | 'room-closed';
export type RoomCloseReason = 'closed' | 'empty' | 'worker-lost' | 'sfu-closed';

/**
 * Events of a room (also re-emitted by the Sfu). Each payload names its room; payloads with a
 * `peerId` and no broadcast meaning (consumerClosed, iceRestarted, transportState, quality of a
 * peer's own connection) are for that peer's socket; the rest are for everyone in the room.
 */
export type RoomEvents = {
  peerJoined: [{ roomId: string; peerId: string; role: PeerRole; displayName: string }];
  peerLeft: [{ roomId: string; peerId: string; reason: PeerLeftReason }];
  newProducer: [{ roomId: string } & ProducerInfo];
  producerClosed: [{ roomId: string; peerId: string; producerId: string; source: MediaSource }];
  /** Mute state: the owner paused (muted) or resumed a producer. */
  producerPaused: [{ roomId: string; peerId: string; producerId: string; source: MediaSource }];
  producerResumed: [{ roomId: string; peerId: string; producerId: string; source: MediaSource }];
  /** For `peerId` only: its consumer ended because the producer went away. */
  consumerClosed: [{ roomId: string; peerId: string; consumerId: string; producerId: string }];
  consumerLayersChanged: [{ roomId: string; peerId: string; consumerId: string; layers: Layers | null }];
  activeSpeaker: [{ roomId: string; peerId: string; producerId: string }];
  /** Connection quality of `peerId` changed (broadcast: the other side shows it too). */
  quality: [
    {
      roomId: string;
      peerId: string;
      level: QualityLevel;
      score: number;
      lossPct: number;
      rttMs: number | null;
    },
  ];
  transportState: [
    {
      roomId: string;
      peerId: string;
      transportId: string;
      direction: TransportDirection;
      iceState: string;
      dtlsState: string;
    },
  ];
  /**
   * The SFU restarted ICE on its own (the transport stayed ICE-disconnected): send these to the
   * client, which calls transport.restartIce({ iceParameters }).
   */
  iceRestarted: [{ roomId: string; peerId: string; transportId: string; iceParameters: IceParameters }];
  /**
   * The room's worker died; the room lives on a new router. Every listed peer's session is closed:
   * their clients must join again (new transports, produce, consume).
   */
  roomRecreated: [{ roomId: string; reason: 'worker-died'; peerIds: string[] }];
  /** Two participants were in the room for the first time (UTC ISO-8601). */
  consultationStarted: [{ roomId: string; startedAt: string }];
  /** Room closed after a consultation had started; endedAt is when the last participant left. */
  consultationEnded: [
    { roomId: string; startedAt: string; endedAt: string; durationMs: number; reason: RoomCloseReason },
  ];
  roomClosed: [{ roomId: string; reason: RoomCloseReason }];
};

export const RoomEventNames = [
  'peerJoined',
  'peerLeft',
  'newProducer',
  'producerClosed',
  'producerPaused',
  'producerResumed',
  'consumerClosed',
  'consumerLayersChanged',
  'activeSpeaker',
  'quality',
  'transportState',
  'iceRestarted',
  'roomRecreated',
  'consultationStarted',
  'consultationEnded',
  'roomClosed',
] as const satisfies readonly (keyof RoomEvents)[];
// Compile-time check that the list is complete (the Sfu re-emits exactly these).
const roomEventNamesComplete: [Exclude<keyof RoomEvents, (typeof RoomEventNames)[number]>] extends [never]
  ? true
  : false = true;
void roomEventNamesComplete;

/**
 * A joined peer. Every media operation hangs off this handle, so there is no way to create a
 * transport, produce or consume in a room without having joined it; ids of other peers' transports
 * or consumers are simply not found. After leave/remove/replace/room re-creation every method
 * returns `peer-closed`.
 */
export interface PeerSession {
  readonly peerId: string;
  readonly roomId: string;
  readonly role: PeerRole;
  readonly displayName: string;
  readonly closed: boolean;
  setRtpCapabilities(rtpCapabilities: RtpCapabilities): SfuResult<void>;
  createWebRtcTransport(opts: { direction: TransportDirection }): Promise<SfuResult<WebRtcTransportParams>>;
  /** Plain RTP transport (see PlainTransportParams); default direction 'send', no SRTP. */
  createPlainTransport(opts?: PlainTransportOptions): Promise<SfuResult<PlainTransportParams>>;
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<SfuResult<void>>;
  connectPlainTransport(transportId: string, params: PlainConnectParams): Promise<SfuResult<void>>;
  /** New ICE credentials for the client (coalesced with an automatic restart that just happened). */
  restartIce(transportId: string): Promise<SfuResult<IceParameters>>;
  produce(transportId: string, opts: ProduceOptions): Promise<SfuResult<{ producerId: string }>>;
  /** Mute / unmute: broadcast as producerPaused / producerResumed. */
  pauseProducer(producerId: string): Promise<SfuResult<void>>;
  resumeProducer(producerId: string): Promise<SfuResult<void>>;
  closeProducer(producerId: string): SfuResult<void>;
  /** Creates the consumer PAUSED; call resumeConsumer when the client's track is ready. */
  consume(transportId: string, producerId: string): Promise<SfuResult<ConsumeResult>>;
  /** Resumes unless audio-only mode holds video; `paused` says what the consumer is now. */
  resumeConsumer(consumerId: string): Promise<SfuResult<{ paused: boolean }>>;
  pauseConsumer(consumerId: string): Promise<SfuResult<void>>;
  setPreferredLayers(consumerId: string, layers: Layers): Promise<SfuResult<void>>;
  /** Picks the simulcast layer for the viewer's tile size. */
  setTileSize(consumerId: string, tile: TileSize): Promise<SfuResult<Layers>>;
  /** Audio-only mode pauses every video consumer of this peer; turning it off resumes them. */
  setAudioOnly(enabled: boolean): Promise<SfuResult<void>>;
  getStats(): Promise<SfuResult<PeerStats>>;
  leave(): void;
}

export type JoinResult = {
  peer: PeerSession;
  /** The router's capabilities: the client's device.load({ routerRtpCapabilities }). */
  routerRtpCapabilities: RtpCapabilities;
  iceServers: IceServer[];
  /** Everyone else already in the room, with their producers and mute state. */
  peers: PeerInfo[];
  activeSpeakerPeerId: string | null;
  consultationStartedAt: string | null;
};
