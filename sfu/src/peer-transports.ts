import type { types } from 'mediasoup';
import { iceServersFor } from './config.ts';
import type { PeerState, RoomScope, TransportEntry } from './peer-state.ts';
import { fail, ok, OK_VOID, peerClosed } from './results.ts';
import type {
  DtlsParameters,
  PlainConnectParams,
  PlainTransportOptions,
  PlainTransportParams,
  SfuResult,
  TransportDirection,
  WebRtcTransportParams,
} from './types.ts';

const MAX_TRANSPORTS_PER_PEER = 4;

const transportAppData = (scope: RoomScope, peer: PeerState, direction: TransportDirection) => ({
  appData: { roomId: scope.roomId, peerId: peer.id, direction },
});

export async function createWebRtcTransport(
  scope: RoomScope,
  peer: PeerState,
  direction: TransportDirection | undefined,
): Promise<SfuResult<WebRtcTransportParams>> {
  if (direction !== 'send' && direction !== 'recv')
    return fail('invalid-params', "direction must be 'send' or 'recv'");
  if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) return fail('limit', 'too many transports');
  const c = scope.config;
  const { slot, router } = peer.routerRef;
  const transport = await router.createWebRtcTransport({
    webRtcServer: slot.webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    iceConsentTimeout: c.iceConsentTimeoutS,
    initialAvailableOutgoingBitrate: c.initialAvailableOutgoingBitrate,
    ...transportAppData(scope, peer, direction),
  });
  if (peer.closed) {
    transport.close();
    return peerClosed();
  }
  if (direction === 'send') await transport.setMaxIncomingBitrate(c.maxIncomingBitrate);
  const entry: TransportEntry = { transport, type: 'webrtc', direction };
  peer.transports.set(transport.id, entry);
  transport.observer.once('close', () => {
    clearTimeout(entry.disconnectTimer);
    peer.transports.delete(transport.id);
  });
  const report = () => {
    if (peer.closed || !scope.isOpen()) return;
    scope.emit('transportState', {
      roomId: scope.roomId,
      peerId: peer.id,
      transportId: transport.id,
      direction,
      iceState: transport.iceState,
      dtlsState: transport.dtlsState,
    });
  };
  transport.on('icestatechange', (state) => {
    report();
    if (state === 'disconnected') {
      clearTimeout(entry.disconnectTimer);
      entry.disconnectTimer = setTimeout(
        () => void autoRestartIce(scope, peer, entry),
        c.iceDisconnectGraceMs,
      );
      entry.disconnectTimer.unref();
    } else {
      clearTimeout(entry.disconnectTimer);
    }
  });
  transport.on('dtlsstatechange', () => report());
  return ok({
    id: transport.id,
    direction,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
    // Fresh TURN credentials with each transport: a rejoin after hours still gets valid ones.
    iceServers: iceServersFor(c, peer.id),
    iceTransportPolicy: c.iceTransportPolicy,
  });
}

export async function createPlainTransport(
  scope: RoomScope,
  peer: PeerState,
  o: PlainTransportOptions,
): Promise<SfuResult<PlainTransportParams>> {
  const direction = o.direction ?? 'send';
  if (direction !== 'send' && direction !== 'recv')
    return fail('invalid-params', "direction must be 'send' or 'recv'");
  if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) return fail('limit', 'too many transports');
  const c = scope.config;
  const transport = await peer.routerRef.router.createPlainTransport({
    listenInfo: {
      protocol: 'udp',
      ip: c.listenIp,
      ...(c.announcedAddress ? { announcedAddress: c.announcedAddress } : {}),
    },
    rtcpMux: true,
    comedia: direction === 'send',
    ...(o.srtp ? { enableSrtp: true, srtpCryptoSuite: 'AEAD_AES_256_GCM' as const } : {}),
    ...transportAppData(scope, peer, direction),
  });
  if (peer.closed) {
    transport.close();
    return peerClosed();
  }
  const entry: TransportEntry = { transport, type: 'plain', direction };
  peer.transports.set(transport.id, entry);
  transport.observer.once('close', () => peer.transports.delete(transport.id));
  const t = transport.tuple;
  return ok({
    id: transport.id,
    direction,
    ip: t.localAddress ?? t.localIp,
    port: t.localPort,
    ...(transport.srtpParameters ? { srtpParameters: transport.srtpParameters } : {}),
  });
}

export async function connectWebRtcTransport(
  peer: PeerState,
  transportId: string,
  dtls: DtlsParameters,
): Promise<SfuResult<void>> {
  const t = peer.transports.get(transportId);
  if (!t) return fail('not-found', 'no such transport');
  if (t.type !== 'webrtc') return fail('invalid-params', 'not a WebRTC transport');
  if (!dtls || !Array.isArray(dtls.fingerprints)) return fail('invalid-params', 'dtlsParameters required');
  await (t.transport as types.WebRtcTransport).connect({ dtlsParameters: dtls });
  return OK_VOID;
}

export async function connectPlainTransport(
  peer: PeerState,
  transportId: string,
  params: PlainConnectParams,
): Promise<SfuResult<void>> {
  const t = peer.transports.get(transportId);
  if (!t || t.type !== 'plain') return fail('not-found', 'no such plain transport');
  const plain = t.transport as types.PlainTransport;
  if (t.direction === 'recv' && (!params?.ip || !params.port))
    return fail('invalid-params', 'ip and port required for a recv plain transport');
  if (!!plain.srtpParameters !== !!params?.srtpParameters)
    return fail('invalid-params', 'srtpParameters required exactly when the transport uses SRTP');
  await plain.connect({
    ...(t.direction === 'recv' ? { ip: params.ip, port: params.port } : {}),
    ...(params.srtpParameters ? { srtpParameters: params.srtpParameters } : {}),
  });
  return OK_VOID;
}

/** The client's ICE restart. */
export async function restartPeerIce(
  scope: RoomScope,
  peer: PeerState,
  transportId: string,
): Promise<SfuResult<types.IceParameters>> {
  const t = peer.transports.get(transportId);
  if (!t || t.type !== 'webrtc') return fail('not-found', 'no such WebRTC transport');
  return ok(await restartIce(scope, t));
}

/**
 * Client and server may both restart ICE for the same outage: a restart in flight or one that
 * just happened answers both, so the client never holds credentials the transport dropped.
 */
async function restartIce(scope: RoomScope, entry: TransportEntry): Promise<types.IceParameters> {
  if (entry.restarting) return entry.restarting;
  const last = entry.lastRestart;
  if (last && Date.now() - last.at < scope.config.iceRestartCoalesceMs) return last.iceParameters;
  const t = entry.transport as types.WebRtcTransport;
  entry.restarting = t
    .restartIce()
    .then((iceParameters) => {
      entry.lastRestart = { at: Date.now(), iceParameters };
      return iceParameters;
    })
    .finally(() => {
      entry.restarting = undefined;
    });
  return entry.restarting;
}

/** The transport stayed ICE-disconnected past the grace period: restart and tell the client. */
async function autoRestartIce(scope: RoomScope, peer: PeerState, entry: TransportEntry) {
  const t = entry.transport as types.WebRtcTransport;
  if (peer.closed || t.closed || t.iceState !== 'disconnected' || !scope.isOpen()) return;
  try {
    const iceParameters = await restartIce(scope, entry);
    if (peer.closed || t.closed) return;
    scope.emit('iceRestarted', { roomId: scope.roomId, peerId: peer.id, transportId: t.id, iceParameters });
  } catch {
    // Transport closed meanwhile: nothing to restart.
  }
}
