/**
 * Real mediasoup workers, real RTP (ffmpeg testsrc -> PlainTransport) and a real WebRTC receiver
 * (werift: ICE + DTLS + SRTP against the WebRtcServer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSfu, type Sfu, type SfuEvents } from './index.ts';
import {
  audioRtpParameters,
  hasFfmpeg,
  startFfmpegSource,
  videoRtpParameters,
  VIDEO_LAYERS,
  type FfmpegSource,
} from './testing/ffmpeg.ts';
import { MEDIASOUP_AVAILABLE, unwrap, waitFor, workerBinary } from './testing/env.ts';
import { receiverRtpCapabilities, WeriftReceiver } from './testing/werift-receiver.ts';

if (MEDIASOUP_AVAILABLE && !hasFfmpeg())
  throw new Error('ffmpeg is required for the SFU media tests: apt-get install -y ffmpeg');

const collect = <K extends keyof SfuEvents>(sfu: Sfu, name: K) => {
  const seen: SfuEvents[K][0][] = [];
  sfu.on(name, ((e: SfuEvents[K][0]) => seen.push(e)) as never);
  return seen;
};

describe.skipIf(!MEDIASOUP_AVAILABLE)('media through the SFU', () => {
  let sfu: Sfu;
  let source: FfmpegSource | undefined;
  let receiver: WeriftReceiver | undefined;
  const bin = workerBinary();

  beforeAll(async () => {
    sfu = await createSfu({
      workers: 1,
      rtcPortBase: 0,
      ...(bin ? { workerBin: bin } : {}),
      logLevel: 'warn',
      qualityIntervalMs: 500,
      iceConsentTimeoutS: 10, // the minimum mediasoup accepts
      iceDisconnectGraceMs: 200,
    });
  });
  afterAll(async () => {
    await source?.stop();
    await receiver?.close();
    await sfu?.close();
  });

  it('forwards simulcast video and audio from ffmpeg to a WebRTC receiver, with layers, mute, audio-only and ICE restart', async () => {
    const newProducers = collect(sfu, 'newProducer');
    const speakers = collect(sfu, 'activeSpeaker');
    const started = collect(sfu, 'consultationStarted');
    const restarted = collect(sfu, 'iceRestarted');
    const paused = collect(sfu, 'producerPaused');
    const quality = collect(sfu, 'quality');
    const room = await sfu.getOrCreateRoom('appt-media');
    const caps = receiverRtpCapabilities(room.rtpCapabilities);
    const doctor = unwrap(await room.join('doctor-1', { role: 'doctor', displayName: 'Dr A' })).peer;
    const joined = unwrap(
      await room.join('patient-1', { role: 'patient', displayName: 'P', rtpCapabilities: caps }),
    );
    const patient = joined.peer;
    expect(started).toHaveLength(1);
    expect(joined.peers.map((p) => p.peerId)).toEqual(['doctor-1']);

    // Doctor sends camera (3-layer simulcast) + mic over one plain RTP transport.
    const plain = unwrap(await doctor.createPlainTransport());
    const video = unwrap(
      await doctor.produce(plain.id, {
        kind: 'video',
        source: 'camera',
        rtpParameters: videoRtpParameters(VIDEO_LAYERS),
      }),
    );
    const audio = unwrap(
      await doctor.produce(plain.id, { kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters() }),
    );
    expect(newProducers.map((p) => p.source).sort()).toEqual(['camera', 'mic']);
    source = await startFfmpegSource({ target: plain, layers: VIDEO_LAYERS, audio: true });

    // Patient receives over WebRTC.
    const recv = unwrap(await patient.createWebRtcTransport({ direction: 'recv' }));
    expect(recv.iceCandidates.length).toBeGreaterThan(0);
    const vc = unwrap(await patient.consume(recv.id, video.producerId));
    const ac = unwrap(await patient.consume(recv.id, audio.producerId));
    expect(vc).toMatchObject({
      paused: true,
      kind: 'video',
      type: 'simulcast',
      source: 'camera',
      producerPeerId: 'doctor-1',
    });
    receiver = new WeriftReceiver(recv);
    const dtls = await receiver.addConsumers([vc, ac]);
    unwrap(await patient.connectTransport(recv.id, dtls));

    // Paused consumers send nothing even once DTLS is up.
    await waitFor(
      async () => unwrap(await patient.getStats()).transports[0]?.dtlsState === 'connected',
      'DTLS connected',
    );
    expect(receiver.totalPackets).toBe(0);

    unwrap(await patient.resumeConsumer(vc.consumerId));
    unwrap(await patient.resumeConsumer(ac.consumerId));
    const consumerBytes = async (id: string) =>
      unwrap(await patient.getStats()).consumers.find((c) => c.id === id)?.byteCount ?? 0;
    await waitFor(async () => (await consumerBytes(vc.consumerId)) > 50_000, 'video bytes at the consumer');
    await waitFor(async () => (await consumerBytes(ac.consumerId)) > 1_000, 'audio bytes at the consumer');
    await waitFor(
      () => (receiver!.packetsByMid.get(vc.rtpParameters.mid!) ?? 0) > 50,
      'video RTP decrypted by the WebRTC receiver',
    );
    await waitFor(
      () => (receiver!.packetsByMid.get(ac.rtpParameters.mid!) ?? 0) > 20,
      'audio RTP decrypted by the WebRTC receiver',
    );
    const producerStats = unwrap(await doctor.getStats()).producers;
    expect(producerStats.find((p) => p.source === 'camera')!.byteCount).toBeGreaterThan(0);
    await waitFor(() => speakers.find((s) => s.peerId === 'doctor-1'), 'active speaker event for the doctor');
    // Quality from consumer scores/RTCP: media flows cleanly on loopback.
    const q = await waitFor(() => quality.find((e) => e.peerId === 'patient-1'), 'quality of the patient');
    expect(['excellent', 'good']).toContain(q.level);

    // Tile size: a thumbnail gets the lowest layer, a big tile the highest.
    const layers = async () =>
      unwrap(await patient.getStats()).consumers.find((c) => c.id === vc.consumerId)?.currentLayers
        ?.spatialLayer;
    expect(unwrap(await patient.setTileSize(vc.consumerId, { width: 160, height: 90 }))).toEqual({
      spatialLayer: 0,
    });
    await waitFor(async () => (await layers()) === 0, 'spatial layer 0 for a thumbnail');
    expect(unwrap(await patient.setTileSize(vc.consumerId, { width: 1280, height: 720 }))).toEqual({
      spatialLayer: 2,
    });
    await waitFor(async () => (await layers()) === 2, 'spatial layer 2 for a large tile', 20_000);

    // Mute is broadcast.
    unwrap(await doctor.pauseProducer(audio.producerId));
    expect(paused).toEqual([
      { roomId: 'appt-media', peerId: 'doctor-1', producerId: audio.producerId, source: 'mic' },
    ]);
    unwrap(await doctor.resumeProducer(audio.producerId));

    // Audio-only pauses video consumers; resuming a video consumer stays paused while it is on.
    unwrap(await patient.setAudioOnly(true));
    let stats = unwrap(await patient.getStats());
    expect(stats.consumers.find((c) => c.id === vc.consumerId)!.paused).toBe(true);
    expect(stats.consumers.find((c) => c.id === ac.consumerId)!.paused).toBe(false);
    expect(unwrap(await patient.resumeConsumer(vc.consumerId))).toEqual({ paused: true });
    unwrap(await patient.setAudioOnly(false));
    stats = unwrap(await patient.getStats());
    expect(stats.consumers.find((c) => c.id === vc.consumerId)!.paused).toBe(false);

    // ICE: the client's consent checks stop (uplink dead) -> mediasoup times out -> SFU restarts ICE
    // -> the client applies the new credentials -> ICE completes again and media flows.
    const oldUfrag = recv.iceParameters.usernameFragment;
    receiver.stopConsent();
    const ev = await waitFor(
      () => restarted.find((r) => r.transportId === recv.id),
      'automatic iceRestarted',
      20_000,
    );
    expect(ev.peerId).toBe('patient-1');
    expect(ev.iceParameters.usernameFragment).not.toBe(oldUfrag);
    // A client-initiated restart right after is coalesced: same credentials, not a third set.
    expect(unwrap(await patient.restartIce(recv.id)).usernameFragment).toBe(
      ev.iceParameters.usernameFragment,
    );
    await receiver.restartIce(ev.iceParameters);
    await waitFor(
      async () => {
        const t = unwrap(await patient.getStats()).transports[0];
        return t?.iceState === 'completed' || t?.iceState === 'connected';
      },
      'ICE connected again after restart',
      20_000,
    );
    const before = receiver.totalPackets;
    await waitFor(() => receiver!.totalPackets > before + 50, 'RTP flowing after ICE restart');
  });
});
