import type { types } from 'mediasoup';
import { kindOfSource, MediaSources } from './media-params.ts';
import {
  DEFAULT_CAPTURE_HEIGHT,
  producerInfo,
  type PeerState,
  type ProducerEntry,
  type RoomScope,
} from './peer-state.ts';
import { fail, ok, OK_VOID, peerClosed } from './results.ts';
import type { ProduceOptions, SfuResult } from './types.ts';

export async function produce(
  scope: RoomScope,
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
    return peerClosed();
  }
  const entry: ProducerEntry = {
    producer,
    peerId: peer.id,
    source: o.source,
    routerRef: peer.routerRef,
    captureHeight: o.captureHeight && o.captureHeight > 0 ? o.captureHeight : DEFAULT_CAPTURE_HEIGHT,
  };
  peer.producers.set(producer.id, entry);
  scope.producers.set(producer.id, entry);
  producer.observer.once('close', () => {
    peer.producers.delete(producer.id);
    // A closing room drops its producers from the registry first: then nobody is told.
    const known = scope.producers.get(producer.id) === entry;
    if (known) scope.producers.delete(producer.id);
    scope.routers.forgetPipesOf(producer.id);
    if (known && scope.isOpen())
      scope.emit('producerClosed', {
        roomId: scope.roomId,
        peerId: peer.id,
        producerId: producer.id,
        source: entry.source,
      });
  });
  if (producer.kind === 'audio') await scope.routers.watchSpeaker(entry).catch(() => undefined);
  scope.emit('newProducer', { roomId: scope.roomId, ...producerInfo(entry) });
  return ok({ producerId: producer.id });
}

/** Mute / unmute, told to the room so the other side shows it. */
export async function setProducerPaused(
  scope: RoomScope,
  peer: PeerState,
  producerId: string,
  paused: boolean,
): Promise<SfuResult<void>> {
  const e = peer.producers.get(producerId);
  if (!e) return fail('not-found', 'no such producer');
  if (e.producer.paused === paused) return OK_VOID;
  if (paused) await e.producer.pause();
  else await e.producer.resume();
  scope.emit(paused ? 'producerPaused' : 'producerResumed', {
    roomId: scope.roomId,
    peerId: peer.id,
    producerId,
    source: e.source,
  });
  return OK_VOID;
}

export function closeProducer(peer: PeerState, producerId: string): SfuResult<void> {
  const e = peer.producers.get(producerId);
  if (!e) return fail('not-found', 'no such producer');
  e.producer.close();
  return OK_VOID;
}
