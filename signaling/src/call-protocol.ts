import { z } from 'zod';
import { EnvelopeSchema } from './protocol.ts';

/**
 * The `call.*` requests, acks and events that drive a consultation on the SFU. They travel on the
 * same socket as everything else; each request names its room, and the server refuses it unless the
 * socket holds an authorised `call:<roomId>` subscription. Requests are validated here with zod;
 * acks and events are what the API host sends (api/src/consultations/calls.ts checks at compile
 * time that the SFU's answers and events are these shapes) and what the browser reads.
 *
 * mediasoup's own structures (RTP capabilities and parameters, ICE and DTLS parameters) pass
 * through as opaque objects: the SFU validates them, and each side names them with its own
 * library's types through `CallMedia` (signaling depends on neither mediasoup nor its client).
 */
const roomId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid room id');
const id = z.string().min(1).max(64);
const opaque = z.record(z.string(), z.unknown());
const req = <T extends z.ZodRawShape>(type: string, shape: T) =>
  EnvelopeSchema.extend({ type: z.literal(type), roomId, ...shape });

export const MediaSourceSchema = z.enum(['mic', 'camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSourceSchema>;
export const TileSizeSchema = z.object({
  width: z.number().int().min(0).max(8192),
  height: z.number().int().min(0).max(8192),
});

export const CallRequests = {
  'call.join': req('call.join', {
    rtpCapabilities: opaque.optional(),
    displayName: z.string().max(80).optional(),
  }),
  'call.rtpCapabilities': req('call.rtpCapabilities', { rtpCapabilities: opaque }),
  'call.createTransport': req('call.createTransport', { direction: z.enum(['send', 'recv']) }),
  'call.connectTransport': req('call.connectTransport', { transportId: id, dtlsParameters: opaque }),
  'call.restartIce': req('call.restartIce', { transportId: id }),
  'call.produce': req('call.produce', {
    transportId: id,
    kind: z.enum(['audio', 'video']),
    rtpParameters: opaque,
    source: MediaSourceSchema,
    paused: z.boolean().optional(),
  }),
  'call.closeProducer': req('call.closeProducer', { producerId: id }),
  'call.pauseProducer': req('call.pauseProducer', { producerId: id }),
  'call.resumeProducer': req('call.resumeProducer', { producerId: id }),
  'call.consume': req('call.consume', { transportId: id, producerId: id }),
  'call.resumeConsumer': req('call.resumeConsumer', { consumerId: id }),
  'call.setTileSize': req('call.setTileSize', { consumerId: id, tile: TileSizeSchema }),
  'call.audioOnly': req('call.audioOnly', { enabled: z.boolean() }),
  'call.stats': req('call.stats', {}),
  'call.leave': req('call.leave', {}),
  /**
   * The call's own chat, for everyone in the room (guests too): relayed on the room topic and never
   * stored. The patient's conversation with the doctor stays in `chat:<conversationId>`.
   */
  'call.chat': req('call.chat', { text: z.string().trim().min(1).max(2000) }),
  /** Doctor only: removes another participant from the room. */
  'call.remove': req('call.remove', { peerId: id }),
  /** Doctor only: ends the consultation for everyone. */
  'call.end': req('call.end', {}),
} as const;
export type CallRequestType = keyof typeof CallRequests;
/** What a caller supplies (the client fills in v and id). */
export type CallRequestBody<T extends CallRequestType> = Omit<
  z.input<(typeof CallRequests)[T]>,
  'v' | 'id' | 'type'
>;

/**
 * Events on `call:<roomId>` (broadcast) and, for one participant's own connection, pushed to that
 * socket: consumerClosed, iceRestarted, transportState.
 */
export const CallEventNames = [
  'call.peerJoined',
  'call.peerLeft',
  'call.peerReconnecting',
  'call.newProducer',
  'call.producerClosed',
  'call.producerPaused',
  'call.producerResumed',
  'call.consumerClosed',
  'call.consumerLayersChanged',
  'call.activeSpeaker',
  'call.quality',
  'call.transportState',
  'call.iceRestarted',
  'call.rejoin',
  'call.started',
  'call.ended',
  'call.chatMessage',
] as const;
export type CallEventName = (typeof CallEventNames)[number];

/** mediasoup's structures as one side knows them; `unknown` where nobody needs to look inside. */
export interface CallMedia {
  rtpCapabilities: unknown;
  rtpParameters: unknown;
  iceParameters: unknown;
  iceCandidate: unknown;
  dtlsParameters: unknown;
}

export const PeerRoles = ['doctor', 'patient', 'guest'] as const;
export type PeerRole = (typeof PeerRoles)[number];
/** `replaced`: the same user joined again from another socket (a reload); their new producers follow. */
export const PeerLeftReasons = ['left', 'removed', 'replaced', 'room-closed'] as const;
export type PeerLeftReason = (typeof PeerLeftReasons)[number];
export const RoomCloseReasons = ['closed', 'empty', 'worker-lost', 'sfu-closed'] as const;
export type RoomCloseReason = (typeof RoomCloseReasons)[number];
export const QualityLevels = ['excellent', 'good', 'poor', 'lost'] as const;
export type QualityLevel = (typeof QualityLevels)[number];
export type TransportDirection = 'send' | 'recv';

/** TURN with credentials issued for this user and call (TURN REST API). */
export type CallIceServer = { urls: string[]; username: string; credential: string };
export type CallLayers = { spatialLayer: number; temporalLayer?: number };
export type CallProducer = {
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** Muted. */
  paused: boolean;
};
/** A line of the call's own chat (call.chat). */
export type CallChatMessage = {
  id: string;
  senderId: string;
  senderName: string;
  role: PeerRole;
  text: string;
  /** UTC ISO-8601. */
  sentAt: string;
};
export type CallPeer = { peerId: string; role: PeerRole; displayName: string; producers: CallProducer[] };

/** The ack data of each call request (`null`: done, nothing to say). */
export type CallAcks<M extends CallMedia = CallMedia> = {
  'call.join': {
    peerId: string;
    role: PeerRole;
    routerRtpCapabilities: M['rtpCapabilities'];
    iceServers: CallIceServer[];
    /** Everyone else already in the room, with their producers and mute state. */
    peers: CallPeer[];
    activeSpeakerPeerId: string | null;
    consultationStartedAt: string | null;
    /** The in-call chat (`chat:<conversationId>`), shared by the room's patient and doctor. */
    conversationId: string;
  };
  'call.rtpCapabilities': null;
  'call.createTransport': {
    id: string;
    direction: TransportDirection;
    iceParameters: M['iceParameters'];
    iceCandidates: M['iceCandidate'][];
    dtlsParameters: M['dtlsParameters'];
    iceServers: CallIceServer[];
    /** `relay`: TURN only (the deployment says so, e.g. to prove its TURN server). */
    iceTransportPolicy: 'all' | 'relay';
  };
  'call.connectTransport': null;
  'call.restartIce': { iceParameters: M['iceParameters'] };
  'call.produce': { producerId: string };
  'call.closeProducer': null;
  'call.pauseProducer': null;
  'call.resumeProducer': null;
  'call.consume': {
    consumerId: string;
    producerId: string;
    producerPeerId: string;
    kind: 'audio' | 'video';
    source: MediaSource;
    rtpParameters: M['rtpParameters'];
    type: 'simple' | 'simulcast' | 'svc' | 'pipe';
    producerPaused: boolean;
    /** Always true: the client resumes it (call.resumeConsumer) once its track is attached. */
    paused: true;
  };
  /** `paused`: audio-only mode still holds this (video) consumer. */
  'call.resumeConsumer': { paused: boolean };
  'call.setTileSize': { layers: CallLayers };
  'call.audioOnly': null;
  /** Diagnostics: per transport, producer and consumer counters (sfu PeerStats). */
  'call.stats': { transports: unknown[]; producers: unknown[]; consumers: unknown[] };
  'call.leave': null;
  'call.chat': { message: CallChatMessage };
  'call.remove': null;
  'call.end': null;
};
// Compile-time check that every request has an ack.
const callAcksComplete: [Exclude<CallRequestType, keyof CallAcks>] extends [never] ? true : false = true;
void callAcksComplete;

type InRoom = { roomId: string; peerId: string };

/** The data of each call event; `peerId` is whom the event is about (or, for per-peer events, for). */
export type CallEvents<M extends CallMedia = CallMedia> = {
  'call.peerJoined': InRoom & { role: PeerRole; displayName: string };
  'call.peerLeft': InRoom & { reason: PeerLeftReason };
  /** Their socket dropped; the seat is kept for a grace period. */
  'call.peerReconnecting': InRoom;
  'call.newProducer': { roomId: string } & CallProducer;
  'call.producerClosed': InRoom & { producerId: string; source: MediaSource };
  'call.producerPaused': InRoom & { producerId: string; source: MediaSource };
  'call.producerResumed': InRoom & { producerId: string; source: MediaSource };
  'call.consumerClosed': InRoom & { consumerId: string; producerId: string };
  'call.consumerLayersChanged': InRoom & { consumerId: string; layers: CallLayers | null };
  'call.activeSpeaker': InRoom & { producerId: string };
  'call.quality': InRoom & { level: QualityLevel; score: number; lossPct: number; rttMs: number | null };
  'call.transportState': InRoom & {
    transportId: string;
    direction: TransportDirection;
    iceState: string;
    dtlsState: string;
  };
  /** The SFU restarted ICE by itself: the client calls transport.restartIce({ iceParameters }). */
  'call.iceRestarted': InRoom & { transportId: string; iceParameters: M['iceParameters'] };
  /**
   * Join again: the room's worker died and the room lives on a new router (`worker-died`), or the
   * node that hosted it stopped answering and the room is placed on a live one (`node-lost`).
   */
  'call.rejoin': { roomId: string; reason: 'worker-died' | 'node-lost' };
  /** Two participants were in the room for the first time (UTC ISO-8601). */
  'call.started': { roomId: string; startedAt: string };
  'call.chatMessage': { roomId: string } & CallChatMessage;
  'call.ended': {
    roomId: string;
    startedAt: string;
    endedAt: string;
    durationMs: number;
    reason: RoomCloseReason;
  };
};
// Compile-time check that the event list and the map name the same events.
const callEventsComplete: [
  Exclude<CallEventName, keyof CallEvents> | Exclude<keyof CallEvents, CallEventName>,
] extends [never]
  ? true
  : false = true;
void callEventsComplete;
