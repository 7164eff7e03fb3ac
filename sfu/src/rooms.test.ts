/** Rooms on real mediasoup workers: authorization, lifecycle, cross-worker rooms, worker death. */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createSfu, type Sfu, type SfuEvents } from './index.ts';
import type { SfuConfigInput } from './config.ts';
import {
  audioRtpParameters,
  h264RtpParameters,
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

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sfuWith(config: SfuConfigInput): Promise<Sfu> {
  const bin = workerBinary();
  const sfu = await createSfu({
    rtcPortBase: 0,
    logLevel: 'warn',
    ...(bin ? { workerBin: bin } : {}),
    ...config,
  });
  cleanups.push(() => sfu.close());
  return sfu;
}

function collect<K extends keyof SfuEvents>(sfu: Sfu, name: K) {
  const seen: SfuEvents[K][0][] = [];
  sfu.on(name, ((e: SfuEvents[K][0]) => seen.push(e)) as never);
  return seen;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!MEDIASOUP_AVAILABLE)('rooms', () => {
  it('scopes every media operation to a joined peer of the same room', async () => {
    const sfu = await sfuWith({ workers: 1, maxPeersPerRoom: 3 });
    const roomA = await sfu.getOrCreateRoom('appt-A');
    const roomB = await sfu.getOrCreateRoom('appt-B');
    expect(await sfu.getOrCreateRoom('appt-A')).toBe(roomA);
    expect(sfu.rtpCapabilities).toEqual(roomA.rtpCapabilities);
    const caps = receiverRtpCapabilities(roomA.rtpCapabilities);

    expect(roomA.getPeer('stranger')).toBeUndefined();
    const doctor = unwrap(await roomA.join('doc', { role: 'doctor', displayName: 'Dr' })).peer;
    const send = unwrap(await doctor.createPlainTransport());
    const mic = unwrap(
      await doctor.produce(send.id, { kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters() }),
    );

    // A peer of another room cannot reach room A's producer, even knowing its id.
    const outsider = unwrap(
      await roomB.join('outsider', { role: 'patient', displayName: 'X', rtpCapabilities: caps }),
    ).peer;
    const outsiderRecv = unwrap(await outsider.createWebRtcTransport({ direction: 'recv' }));
    expect(await outsider.consume(outsiderRecv.id, mic.producerId)).toMatchObject({
      ok: false,
      code: 'not-found',
    });

    const patient = unwrap(await roomA.join('pat', { role: 'patient', displayName: 'P' })).peer;
    const recv = unwrap(await patient.createWebRtcTransport({ direction: 'recv' }));
    expect(await patient.consume(recv.id, mic.producerId)).toMatchObject({
      ok: false,
      code: 'rtp-capabilities-missing',
    });
    expect(patient.setRtpCapabilities({} as never)).toMatchObject({ ok: false, code: 'invalid-params' });
    unwrap(patient.setRtpCapabilities(caps));
    // Other peers' transport ids do not resolve.
    expect(await patient.consume(send.id, mic.producerId)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await patient.consume(outsiderRecv.id, mic.producerId)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(
      await patient.produce(recv.id, { kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters(1) }),
    ).toMatchObject({ ok: false, code: 'invalid-direction' });
    expect(
      await doctor.produce(send.id, { kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters(2) }),
    ).toMatchObject({ ok: false, code: 'source-in-use' });
    expect(
      await doctor.produce(send.id, {
        kind: 'video',
        source: 'mic',
        rtpParameters: videoRtpParameters(VIDEO_LAYERS),
      }),
    ).toMatchObject({ ok: false, code: 'invalid-params' });
    expect(await patient.createWebRtcTransport({ direction: 'sideways' as never })).toMatchObject({
      ok: false,
      code: 'invalid-params',
    });
    const consumed = unwrap(await patient.consume(recv.id, mic.producerId));
    expect(consumed.paused).toBe(true);
    expect(await patient.resumeConsumer('not-mine')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await doctor.resumeConsumer(consumed.consumerId)).toMatchObject({ ok: false, code: 'not-found' });

    // Room capacity, bad input.
    unwrap(await roomA.join('guest', { role: 'guest', displayName: 'G' }));
    expect(await roomA.join('fourth', { role: 'guest', displayName: 'F' })).toMatchObject({
      ok: false,
      code: 'room-full',
    });
    expect(await roomA.join('x', { role: 'admin' as never, displayName: 'A' })).toMatchObject({
      ok: false,
      code: 'invalid-params',
    });

    // After leaving, the handle is dead and the peer is gone.
    const left = collect(sfu, 'peerLeft');
    const closedConsumers = collect(sfu, 'consumerClosed');
    const closedProducers = collect(sfu, 'producerClosed');
    doctor.leave();
    expect(doctor.closed).toBe(true);
    expect(roomA.getPeer('doc')).toBeUndefined();
    expect(await doctor.createWebRtcTransport({ direction: 'send' })).toMatchObject({
      ok: false,
      code: 'peer-closed',
    });
    expect(left).toEqual([{ roomId: 'appt-A', peerId: 'doc', reason: 'left' }]);
    expect(closedProducers).toEqual([
      { roomId: 'appt-A', peerId: 'doc', producerId: mic.producerId, source: 'mic' },
    ]);
    await waitFor(() => closedConsumers.length === 1, 'consumerClosed for the patient');
    expect(closedConsumers[0]).toMatchObject({ peerId: 'pat', consumerId: consumed.consumerId });
  });

  it('rejoin replaces the old session; consultation start/end and empty-room close are reported', async () => {
    const sfu = await sfuWith({ workers: 1, emptyRoomTimeoutMs: 300 });
    const started = collect(sfu, 'consultationStarted');
    const ended = collect(sfu, 'consultationEnded');
    const closed = collect(sfu, 'roomClosed');
    const left = collect(sfu, 'peerLeft');
    const room = await sfu.getOrCreateRoom('appt-life');
    const d1 = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' }));
    expect(started).toHaveLength(0);
    unwrap(await room.join('pat', { role: 'patient', displayName: 'P' }));
    expect(started).toHaveLength(1);
    expect(new Date(started[0]!.startedAt).toISOString()).toBe(started[0]!.startedAt);

    // Socket dropped, client rejoins with the same id before the server noticed.
    const d2 = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' }));
    expect(d1.peer.closed).toBe(true);
    expect(d2.peer.closed).toBe(false);
    expect(d2.peers.map((p) => p.peerId)).toEqual(['pat']);
    expect(left).toEqual([{ roomId: 'appt-life', peerId: 'doc', reason: 'replaced' }]);
    expect(room.peerIds().sort()).toEqual(['doc', 'pat']);
    expect(started).toHaveLength(1);

    expect(room.removePeer('pat')).toBe(true);
    d2.peer.leave();
    const lastLeft = Date.now();
    await waitFor(() => closed.length === 1, 'empty room closed');
    expect(closed[0]).toEqual({ roomId: 'appt-life', reason: 'empty' });
    expect(ended).toHaveLength(1);
    expect(ended[0]!.startedAt).toBe(started[0]!.startedAt);
    expect(Math.abs(new Date(ended[0]!.endedAt).getTime() - lastLeft)).toBeLessThan(250);
    expect(room.closed).toBe(true);
    expect(await room.join('late', { role: 'patient', displayName: 'L' })).toMatchObject({
      ok: false,
      code: 'room-closed',
    });
    // The consultation id can be used again: a fresh room.
    const again = await sfu.getOrCreateRoom('appt-life');
    expect(again).not.toBe(room);
    expect(again.closed).toBe(false);
  });

  it('spans workers with pipeToRouter when the room worker is full, and media crosses', async () => {
    const sfu = await sfuWith({ workers: 2, maxConsumersPerWorker: 1 });
    const room = await sfu.getOrCreateRoom('appt-span');
    const caps = receiverRtpCapabilities(room.rtpCapabilities);
    const doctor = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' })).peer;
    const send = unwrap(await doctor.createPlainTransport());
    const layer = [VIDEO_LAYERS[0]!];
    const video = unwrap(
      await doctor.produce(send.id, {
        kind: 'video',
        source: 'camera',
        rtpParameters: videoRtpParameters(layer),
      }),
    );
    // An interpreter fills the primary worker's consumer budget.
    const guest = unwrap(
      await room.join('guest', { role: 'guest', displayName: 'G', rtpCapabilities: caps }),
    ).peer;
    const gRecv = unwrap(await guest.createWebRtcTransport({ direction: 'recv' }));
    unwrap(await guest.consume(gRecv.id, video.producerId));
    expect(room.workerPids).toHaveLength(1);

    const patient = unwrap(
      await room.join('pat', { role: 'patient', displayName: 'P', rtpCapabilities: caps }),
    ).peer;
    expect(room.workerPids).toHaveLength(2);
    const recv = unwrap(await patient.createWebRtcTransport({ direction: 'recv' }));
    const vc = unwrap(await patient.consume(recv.id, video.producerId));
    const rx = new WeriftReceiver(recv);
    cleanups.push(() => rx.close());
    unwrap(await patient.connectTransport(recv.id, await rx.addConsumers([vc])));
    unwrap(await patient.resumeConsumer(vc.consumerId));
    const src: FfmpegSource = await startFfmpegSource({ target: send, layers: layer, fps: 10 });
    cleanups.push(() => src.stop());
    await waitFor(() => rx.totalPackets > 30, 'RTP piped across workers reaching the receiver');
    const w = sfu.workers();
    expect(w.every((x) => x.routers >= 1)).toBe(true);
    // The pipe transports show up as extra consumers/producers on the two workers.
    expect(w.reduce((a, x) => a + x.producers, 0)).toBeGreaterThanOrEqual(2);

    // The producer closing reaches the consumer on the other worker.
    const consumerClosed = collect(sfu, 'consumerClosed');
    unwrap(doctor.closeProducer(video.producerId));
    await waitFor(
      () => consumerClosed.find((c) => c.consumerId === vc.consumerId),
      'consumerClosed across the pipe',
    );
  });

  it('re-creates rooms on a replacement worker when a worker is SIGKILLed', async () => {
    const base = 42000 + Math.floor(Math.random() * 500) * 2;
    const sfu = await sfuWith({ workers: 1, rtcPortBase: base });
    const recreated = collect(sfu, 'roomRecreated');
    const died = collect(sfu, 'workerDied');
    const replaced = collect(sfu, 'workerReplaced');
    const room = await sfu.getOrCreateRoom('appt-crash');
    const doctor = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' })).peer;
    unwrap(await room.join('pat', { role: 'patient', displayName: 'P' }));
    const send = unwrap(await doctor.createPlainTransport());
    unwrap(
      await doctor.produce(send.id, { kind: 'audio', source: 'mic', rtpParameters: audioRtpParameters() }),
    );
    const [oldWorker] = sfu.workers();
    expect(oldWorker!.port).toBe(base);
    const oldPid = room.workerPids[0]!;
    expect(oldPid).toBe(oldWorker!.pid);

    process.kill(oldPid, 'SIGKILL');
    await waitFor(() => recreated.length === 1, 'roomRecreated');
    expect(recreated[0]).toEqual({ roomId: 'appt-crash', reason: 'worker-died', peerIds: ['doc', 'pat'] });
    expect(died[0]).toMatchObject({ index: 0, pid: oldPid });
    expect(replaced[0]).toMatchObject({ index: 0, oldPid });
    const [newWorker] = sfu.workers();
    expect(newWorker!.pid).not.toBe(oldPid);
    expect(newWorker!.port).toBe(base); // same WebRtcServer port: firewall rules keep working
    expect(alive(newWorker!.pid)).toBe(true);
    expect(room.workerPids).toEqual([newWorker!.pid]);
    expect(room.closed).toBe(false);
    // Old sessions are dead: clients must rejoin.
    expect(doctor.closed).toBe(true);
    expect(await doctor.createPlainTransport()).toMatchObject({ ok: false, code: 'peer-closed' });
    expect(room.peerIds()).toEqual([]);

    // Rejoin and media flows on the new worker.
    const doctor2 = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' })).peer;
    const send2 = unwrap(await doctor2.createPlainTransport());
    const layer = [VIDEO_LAYERS[0]!];
    unwrap(
      await doctor2.produce(send2.id, {
        kind: 'video',
        source: 'camera',
        rtpParameters: videoRtpParameters(layer),
      }),
    );
    const src = await startFfmpegSource({ target: send2, layers: layer, fps: 10 });
    cleanups.push(() => src.stop());
    await waitFor(
      async () => (unwrap(await doctor2.getStats()).producers[0]?.byteCount ?? 0) > 10_000,
      'RTP received on the new worker',
    );
  });

  it('plain recv transports deliver camera (VP8) and screen share (H264) to a non-WebRTC endpoint', async () => {
    const sfu = await sfuWith({ workers: 1 });
    const room = await sfu.getOrCreateRoom('appt-plain');
    const doctor = unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' })).peer;
    const send = unwrap(await doctor.createPlainTransport());
    const layer = [VIDEO_LAYERS[0]!];
    const video = unwrap(
      await doctor.produce(send.id, {
        kind: 'video',
        source: 'camera',
        rtpParameters: videoRtpParameters(layer),
      }),
    );
    const recorder = unwrap(
      await room.join('rec', { role: 'guest', displayName: 'rec', rtpCapabilities: room.rtpCapabilities }),
    ).peer;
    const recv = unwrap(await recorder.createPlainTransport({ direction: 'recv' }));
    expect(await recorder.connectPlainTransport(recv.id, {})).toMatchObject({
      ok: false,
      code: 'invalid-params',
    });
    const srtpRecv = unwrap(await recorder.createPlainTransport({ direction: 'recv', srtp: true }));
    expect(srtpRecv.srtpParameters?.cryptoSuite).toBe('AEAD_AES_256_GCM');
    expect(await recorder.connectPlainTransport(srtpRecv.id, { ip: '127.0.0.1', port: 9 })).toMatchObject({
      ok: false,
      code: 'invalid-params',
    });
    const sock = dgram.createSocket('udp4');
    cleanups.push(() => sock.close());
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    let packets = 0;
    sock.on('message', () => packets++);
    unwrap(await recorder.connectPlainTransport(recv.id, { ip: '127.0.0.1', port: sock.address().port }));
    // Screen share: a second video producer of the same peer, here H264.
    const newProducers = collect(sfu, 'newProducer');
    const screenSend = unwrap(await doctor.createPlainTransport());
    const screenSsrc = 33330000;
    const screen = unwrap(
      await doctor.produce(screenSend.id, {
        kind: 'video',
        source: 'screen',
        rtpParameters: h264RtpParameters(screenSsrc),
      }),
    );
    expect(newProducers).toEqual([
      {
        roomId: 'appt-plain',
        peerId: 'doc',
        producerId: screen.producerId,
        kind: 'video',
        source: 'screen',
        paused: false,
      },
    ]);
    const bySsrc = new Map<number, number>();
    sock.removeAllListeners('message');
    sock.on('message', (m: Buffer) => {
      packets++;
      const ssrc = m.readUInt32BE(8);
      bySsrc.set(ssrc, (bySsrc.get(ssrc) ?? 0) + 1);
    });
    const c = unwrap(await recorder.consume(recv.id, video.producerId));
    const sc = unwrap(await recorder.consume(recv.id, screen.producerId));
    expect(sc).toMatchObject({ source: 'screen', kind: 'video' });
    expect(sc.rtpParameters.codecs[0]!.mimeType).toBe('video/H264');
    unwrap(await recorder.resumeConsumer(c.consumerId));
    unwrap(await recorder.resumeConsumer(sc.consumerId));
    const src = await startFfmpegSource({ target: send, layers: layer, fps: 10 });
    cleanups.push(() => src.stop());
    const screenSrc = await startFfmpegSource({
      target: screenSend,
      layers: [{ width: 640, height: 360, kbps: 300, ssrc: screenSsrc }],
      fps: 5,
      codec: 'h264',
    });
    cleanups.push(() => screenSrc.stop());
    const camOut = c.rtpParameters.encodings![0]!.ssrc!;
    const screenOut = sc.rtpParameters.encodings![0]!.ssrc!;
    await waitFor(() => (bySsrc.get(camOut) ?? 0) > 20, 'camera RTP at the UDP endpoint');
    await waitFor(() => (bySsrc.get(screenOut) ?? 0) > 10, 'H264 screen-share RTP at the UDP endpoint');
  });

  it('close() ends consultations and stops every worker process', async () => {
    const sfu = await sfuWith({ workers: 2 });
    const ended = collect(sfu, 'consultationEnded');
    const closedEv = collect(sfu, 'closed');
    const room = await sfu.getOrCreateRoom('appt-close');
    unwrap(await room.join('doc', { role: 'doctor', displayName: 'Dr' }));
    unwrap(await room.join('pat', { role: 'patient', displayName: 'P' }));
    const pids = sfu.workers().map((w) => w.pid);
    expect(pids).toHaveLength(2);
    await sfu.close();
    expect(ended).toHaveLength(1);
    expect(ended[0]!.reason).toBe('sfu-closed');
    expect(closedEv).toEqual([{ reason: 'closed' }]);
    await waitFor(() => pids.every((p) => !alive(p)), 'worker processes gone');
    await expect(sfu.getOrCreateRoom('x')).rejects.toThrow(/closed/);
  });
});
