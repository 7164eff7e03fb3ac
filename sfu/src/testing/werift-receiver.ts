/**
 * Test-only WebRTC receiver: a real Node WebRTC stack (werift) doing ICE (against mediasoup's
 * ICE-lite WebRtcServer), DTLS and SRTP, fed an SDP offer built from mediasoup consumer parameters
 * the way mediasoup-client's RemoteSdp does for a recv transport.
 */
import { RTCPeerConnection, useOPUS, useVP8 } from 'werift';
import type {
  ConsumeResult,
  DtlsParameters,
  IceParameters,
  RtpCapabilities,
  WebRtcTransportParams,
} from '../types.ts';

const MID_EXT = 'urn:ietf:params:rtp-hdrext:sdes:mid';

/** What this client can receive: Opus, VP8 (+RTX), mid header extension only. */
export function receiverRtpCapabilities(router: RtpCapabilities): RtpCapabilities {
  const codecs = (router.codecs ?? []).filter((c) =>
    ['audio/opus', 'video/vp8', 'video/rtx'].includes(c.mimeType.toLowerCase()),
  );
  // Keep rtx only for VP8.
  const vp8 = codecs.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
  return {
    codecs: codecs.filter(
      (c) => c.mimeType.toLowerCase() !== 'video/rtx' || c.parameters?.apt === vp8?.preferredPayloadType,
    ),
    headerExtensions: (router.headerExtensions ?? []).filter((h) => h.uri === MID_EXT),
  };
}

export class WeriftReceiver {
  readonly pc: RTCPeerConnection;
  readonly packetsByMid = new Map<string, number>();
  readonly #params: WebRtcTransportParams;
  #ice: IceParameters;
  #consumers: ConsumeResult[] = [];
  #version = 1;

  constructor(params: WebRtcTransportParams) {
    this.#params = params;
    this.#ice = params.iceParameters;
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [useOPUS()],
        video: [useVP8()],
      },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      iceServers: [],
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        const mid = this.#midOf(track);
        this.packetsByMid.set(mid, (this.packetsByMid.get(mid) ?? 0) + 1);
      });
    });
  }

  #midOf(track: unknown): string {
    const t = this.pc
      .getTransceivers()
      .find((x) => x.receiver.track === track || x.receiver.tracks?.includes(track as never));
    return t?.mid ?? '?';
  }

  get totalPackets(): number {
    let n = 0;
    for (const v of this.packetsByMid.values()) n += v;
    return n;
  }

  get connectionState() {
    return this.pc.connectionState;
  }

  /** Applies an offer for all consumers so far; returns the DTLS parameters for connectTransport. */
  async addConsumers(consumers: ConsumeResult[]): Promise<DtlsParameters> {
    this.#consumers.push(...consumers);
    return this.#negotiate();
  }

  /** Client side of an ICE restart: new server credentials through a new offer. */
  async restartIce(iceParameters: IceParameters): Promise<void> {
    this.#ice = iceParameters;
    // werift (0.25) as answerer neither restarts its ICE agent on new remote credentials nor runs
    // checks again while DTLS is up, so the restart is driven by hand; a browser does it by itself.
    for (const t of this.#iceTransports()) t.restart();
    await this.#negotiate();
    // (Its gatherer also reports "completed" when gathering ends, so look at the nominated pair.)
    for (const t of this.#iceTransports()) if (!t.connection.nominated) await t.start();
  }

  #iceTransports() {
    return (
      this.pc as unknown as {
        iceTransports: {
          state: string;
          start(): Promise<void>;
          restart(): void;
          connection: { nominated?: unknown; stopConsentLifecycle(): void };
        }[];
      }
    ).iceTransports;
  }

  /** Simulates a dead uplink: stop sending ICE consent checks (mediasoup then times out). */
  stopConsent(): void {
    for (const t of this.#iceTransports()) t.connection.stopConsentLifecycle();
  }

  async close() {
    await this.pc.close();
  }

  async #negotiate(): Promise<DtlsParameters> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: this.#offerSdp() });
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    const sdp = this.pc.localDescription?.sdp ?? answer.sdp;
    const m = /a=fingerprint:(\S+) (\S+)/.exec(sdp);
    if (!m) throw new Error('no fingerprint in answer');
    return { role: 'client', fingerprints: [{ algorithm: m[1]!.toLowerCase() as 'sha-256', value: m[2]! }] };
  }

  #offerSdp(): string {
    const p = this.#params;
    const fp =
      p.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ??
      p.dtlsParameters.fingerprints[0]!;
    const mids = this.#consumers.map((c) => c.rtpParameters.mid ?? '');
    const lines = [
      'v=0',
      `o=- 10000 ${this.#version++} IN IP4 0.0.0.0`,
      's=-',
      't=0 0',
      'a=ice-lite',
      `a=group:BUNDLE ${mids.join(' ')}`,
      'a=msid-semantic: WMS *',
      `a=fingerprint:${fp.algorithm} ${fp.value}`,
    ];
    for (const c of this.#consumers) {
      const rp = c.rtpParameters;
      const pts = rp.codecs.map((x) => x.payloadType);
      lines.push(`m=${c.kind} 7 UDP/TLS/RTP/SAVPF ${pts.join(' ')}`, 'c=IN IP4 127.0.0.1');
      lines.push(`a=ice-ufrag:${this.#ice.usernameFragment}`, `a=ice-pwd:${this.#ice.password}`);
      for (const cand of p.iceCandidates) {
        if (cand.protocol !== 'udp') continue;
        lines.push(
          `a=candidate:${cand.foundation} 1 udp ${cand.priority} ${cand.address} ${cand.port} typ host`,
        );
      }
      lines.push(
        'a=end-of-candidates',
        'a=setup:actpass',
        `a=mid:${rp.mid}`,
        'a=sendonly',
        'a=rtcp-mux',
        'a=rtcp-rsize',
      );
      for (const codec of rp.codecs) {
        const [, sub] = codec.mimeType.split('/');
        lines.push(
          `a=rtpmap:${codec.payloadType} ${sub}/${codec.clockRate}${codec.channels && codec.channels > 1 ? `/${codec.channels}` : ''}`,
        );
        const fmtp = Object.entries(codec.parameters ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(';');
        if (fmtp) lines.push(`a=fmtp:${codec.payloadType} ${fmtp}`);
        for (const fb of codec.rtcpFeedback ?? [])
          lines.push(`a=rtcp-fb:${codec.payloadType} ${fb.type}${fb.parameter ? ` ${fb.parameter}` : ''}`);
      }
      for (const ext of rp.headerExtensions ?? []) lines.push(`a=extmap:${ext.id} ${ext.uri}`);
      const enc = rp.encodings?.[0];
      const cname = rp.rtcp?.cname ?? 'sfu';
      if (enc?.ssrc) {
        if (enc.rtx?.ssrc) lines.push(`a=ssrc-group:FID ${enc.ssrc} ${enc.rtx.ssrc}`);
        lines.push(
          `a=ssrc:${enc.ssrc} cname:${cname}`,
          `a=ssrc:${enc.ssrc} msid:s-${c.producerPeerId} t-${c.consumerId}`,
        );
        if (enc.rtx?.ssrc) lines.push(`a=ssrc:${enc.rtx.ssrc} cname:${cname}`);
      }
      lines.push(`a=msid:s-${c.producerPeerId} t-${c.consumerId}`);
    }
    return lines.join('\r\n') + '\r\n';
  }
}
