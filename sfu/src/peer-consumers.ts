import { layerHeightsFor, spatialLayerForTile, type Layers, type TileSize } from './layers.ts';
import { DEFAULT_CAPTURE_HEIGHT, type ConsumerEntry, type PeerState, type RoomScope } from './peer-state.ts';
import { fail, ok, OK_VOID, peerClosed } from './results.ts';
import type { ConsumeResult, SfuResult } from './types.ts';

export async function consume(
  scope: RoomScope,
  peer: PeerState,
  transportId: string,
  producerId: string,
): Promise<SfuResult<ConsumeResult>> {
  const t = peer.transports.get(transportId);
  if (!t) return fail('not-found', 'no such transport');
  if (t.direction !== 'recv') return fail('invalid-direction', 'consume needs a recv transport');
  const caps = peer.rtpCapabilities;
  if (!caps) return fail('rtp-capabilities-missing', 'send rtpCapabilities first');
  const entry = scope.producers.get(producerId);
  if (!entry) return fail('not-found', 'no such producer in this room');
  if (entry.peerId === peer.id) return fail('own-producer', 'cannot consume own producer');
  await scope.routers.ensureOnRouter(entry, peer.routerRef);
  if (peer.closed) return peerClosed();
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
    return peerClosed();
  }
  const c: ConsumerEntry = { consumer, producerId, clientPaused: true };
  peer.consumers.set(consumer.id, c);
  consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
  consumer.on('producerclose', () => {
    peer.consumers.delete(consumer.id);
    if (!peer.closed && scope.isOpen())
      scope.emit('consumerClosed', {
        roomId: scope.roomId,
        peerId: peer.id,
        consumerId: consumer.id,
        producerId,
      });
  });
  consumer.on('layerschange', (layers) => {
    if (!peer.closed && scope.isOpen())
      scope.emit('consumerLayersChanged', {
        roomId: scope.roomId,
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

export async function resumeConsumer(
  peer: PeerState,
  consumerId: string,
): Promise<SfuResult<{ paused: boolean }>> {
  const c = peer.consumers.get(consumerId);
  if (!c) return fail('not-found', 'no such consumer');
  c.clientPaused = false;
  if (peer.audioOnly && c.consumer.kind === 'video') return ok({ paused: true });
  await c.consumer.resume();
  return ok({ paused: false });
}

export async function pauseConsumer(peer: PeerState, consumerId: string): Promise<SfuResult<void>> {
  const c = peer.consumers.get(consumerId);
  if (!c) return fail('not-found', 'no such consumer');
  c.clientPaused = true;
  await c.consumer.pause();
  return OK_VOID;
}

export async function setPreferredLayers(
  peer: PeerState,
  consumerId: string,
  layers: Layers,
): Promise<SfuResult<void>> {
  const c = peer.consumers.get(consumerId);
  if (!c) return fail('not-found', 'no such consumer');
  if (!layers || !Number.isInteger(layers.spatialLayer) || layers.spatialLayer < 0)
    return fail('invalid-params', 'spatialLayer must be a non-negative integer');
  if (c.consumer.type !== 'simulcast' && c.consumer.type !== 'svc') return OK_VOID;
  await c.consumer.setPreferredLayers(layers);
  return OK_VOID;
}

export async function setTileSize(
  scope: RoomScope,
  peer: PeerState,
  consumerId: string,
  tile: TileSize,
): Promise<SfuResult<Layers>> {
  const c = peer.consumers.get(consumerId);
  if (!c) return fail('not-found', 'no such consumer');
  if (!tile || !(tile.width >= 0) || !(tile.height >= 0))
    return fail('invalid-params', 'tile width/height must be >= 0');
  const producer = scope.producers.get(c.producerId);
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

/** Video the client asked to see paused stays paused when audio-only mode ends. */
export async function setAudioOnly(peer: PeerState, enabled: boolean): Promise<SfuResult<void>> {
  peer.audioOnly = !!enabled;
  await Promise.all(
    [...peer.consumers.values()]
      .filter((c) => c.consumer.kind === 'video')
      .map((c) =>
        peer.audioOnly ? c.consumer.pause() : c.clientPaused ? Promise.resolve() : c.consumer.resume(),
      ),
  );
  return OK_VOID;
}
