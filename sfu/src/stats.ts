import type { types } from 'mediasoup';
import type { PeerState, RoomScope } from './peer-state.ts';
import { classifyQuality, type QualityInput } from './quality.ts';
import { ok } from './results.ts';
import type { PeerStats, SfuResult } from './types.ts';

/** Bytes, packets and scores of one peer's transports, producers and consumers. */
export async function peerStats(peer: PeerState): Promise<SfuResult<PeerStats>> {
  const transports = await Promise.all(
    [...peer.transports.entries()].map(async ([id, e]) => {
      const s = (await e.transport.getStats())[0];
      const w = e.type === 'webrtc' ? (e.transport as types.WebRtcTransport) : undefined;
      return {
        id,
        direction: e.direction,
        type: e.type,
        ...(w ? { iceState: w.iceState, dtlsState: w.dtlsState } : {}),
        bytesReceived: s?.bytesReceived ?? 0,
        bytesSent: s?.bytesSent ?? 0,
      };
    }),
  );
  const producers = await Promise.all(
    [...peer.producers.values()].map(async (e) => {
      const stats = await e.producer.getStats();
      return {
        id: e.producer.id,
        source: e.source,
        kind: e.producer.kind,
        byteCount: stats.reduce((a, s) => a + s.byteCount, 0),
        packetCount: stats.reduce((a, s) => a + s.packetCount, 0),
        score: e.producer.score.length ? Math.min(...e.producer.score.map((s) => s.score)) : 0,
        paused: e.producer.paused,
      };
    }),
  );
  const consumers = await Promise.all(
    [...peer.consumers.values()].map(async (c) => {
      const stats = (await c.consumer.getStats()).filter((s) => s.type === 'outbound-rtp');
      return {
        id: c.consumer.id,
        producerId: c.producerId,
        kind: c.consumer.kind,
        byteCount: stats.reduce((a, s) => a + s.byteCount, 0),
        packetCount: stats.reduce((a, s) => a + s.packetCount, 0),
        score: c.consumer.score.score,
        paused: c.consumer.paused,
        ...(c.consumer.currentLayers ? { currentLayers: c.consumer.currentLayers } : {}),
      };
    }),
  );
  return ok({ transports, producers, consumers });
}

/**
 * One round of the room's quality check: emits `quality` for each peer whose level changed, so
 * clients hear about a bad connection without polling stats.
 */
export async function updateQuality(scope: RoomScope, peers: readonly PeerState[]): Promise<void> {
  if (!scope.isOpen()) return;
  for (const peer of peers) {
    try {
      const input = await qualityInput(peer);
      if (!scope.isOpen()) return;
      if (peer.closed) continue;
      const q = classifyQuality(input);
      if (q.level !== peer.quality) {
        peer.quality = q.level;
        scope.emit('quality', { roomId: scope.roomId, peerId: peer.id, ...q });
      }
    } catch {
      // A consumer closed during getStats: next round.
    }
  }
}

/** Paused streams say nothing about the connection: only live ones count. */
async function qualityInput(peer: PeerState): Promise<QualityInput> {
  const scores: number[] = [];
  const loss: number[] = [];
  const rtts: number[] = [];
  let transportDown = false;
  for (const t of peer.transports.values()) {
    if (t.type !== 'webrtc') continue;
    const w = t.transport as types.WebRtcTransport;
    if (w.iceState === 'disconnected' || w.dtlsState === 'failed' || w.dtlsState === 'closed')
      transportDown = true;
  }
  for (const e of peer.producers.values()) {
    if (e.producer.paused) continue;
    for (const s of e.producer.score) scores.push(s.score);
  }
  for (const c of peer.consumers.values()) {
    if (c.consumer.paused || c.consumer.producerPaused) continue;
    scores.push(c.consumer.score.score);
    for (const s of await c.consumer.getStats()) {
      if (s.type !== 'outbound-rtp') continue;
      // RTCP fraction lost is an 8-bit fixed-point fraction (0..255).
      loss.push(s.fractionLost / 256);
      if (s.roundTripTime !== undefined && s.roundTripTime > 0) rtts.push(s.roundTripTime);
    }
  }
  return { scores, lossFractions: loss, rttsMs: rtts, transportDown };
}
