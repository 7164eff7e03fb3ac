import { z } from 'zod';
import { EnvelopeSchema } from './protocol.ts';

/**
 * The `call.*` requests and events that drive a consultation on the SFU. They travel on the same
 * socket as everything else; each request names its room, and the server refuses it unless the
 * socket holds an authorised `call:<roomId>` subscription. mediasoup's own structures
 * (RTP capabilities and parameters, DTLS parameters) pass through as opaque objects: the SFU
 * validates them.
 */
const roomId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid room id');
const id = z.string().min(1).max(64);
const opaque = z.record(z.string(), z.unknown());
const req = <T extends z.ZodRawShape>(type: string, shape: T) =>
  EnvelopeSchema.extend({ type: z.literal(type), roomId, ...shape });

export const MediaSourceSchema = z.enum(['mic', 'camera', 'screen']);
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
  /** Doctor only: removes another participant from the room. */
  'call.remove': req('call.remove', { peerId: id }),
  /** Doctor only: ends the consultation for everyone. */
  'call.end': req('call.end', {}),
} as const;
export type CallRequestType = keyof typeof CallRequests;

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
] as const;
export type CallEventName = (typeof CallEventNames)[number];
