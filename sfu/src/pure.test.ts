import { describe, expect, it } from 'vitest';
import { sfuConfigFromEnv, SfuConfigSchema, iceServersFor } from './config.ts';
import { layerHeightsFor, spatialLayerForTile } from './layers.ts';
import { CAMERA_SIMULCAST_ENCODINGS } from './media-params.ts';
import { pickLeastLoaded, pickLeastLoadedNode } from './placement.ts';
import { classifyQuality } from './quality.ts';

describe('config', () => {
  it('has development defaults', () => {
    const c = SfuConfigSchema.parse({});
    expect(c.listenIp).toBe('127.0.0.1');
    expect(c.rtcPortBase).toBe(40000);
    expect(c.workers).toBeGreaterThanOrEqual(1);
    expect(c.announcedAddress).toBeUndefined();
    expect(iceServersFor(c)).toEqual([]);
  });

  it('reads the documented environment variables', () => {
    const c = sfuConfigFromEnv({
      SFU_WORKERS: '3',
      SFU_LISTEN_IP: '0.0.0.0',
      SFU_ANNOUNCED_ADDRESS: 'media.example.org',
      SFU_RTC_PORT_BASE: '44000',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:443?transport=tcp',
      TURN_USERNAME: 'u',
      TURN_CREDENTIAL: 'p',
      MEDIASOUP_WORKER_BIN: '/opt/mediasoup-worker',
      SFU_LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      workers: 3,
      listenIp: '0.0.0.0',
      announcedAddress: 'media.example.org',
      rtcPortBase: 44000,
      workerBin: '/opt/mediasoup-worker',
      logLevel: 'warn',
    });
    expect(iceServersFor(c)).toEqual([
      {
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443?transport=tcp'],
        username: 'u',
        credential: 'p',
      },
    ]);
  });

  it('rejects bad values and TURN without credentials', () => {
    expect(() => sfuConfigFromEnv({ SFU_WORKERS: '0' })).toThrow();
    expect(() => sfuConfigFromEnv({ SFU_LOG_LEVEL: 'verbose' })).toThrow();
    expect(() => sfuConfigFromEnv({ TURN_URLS: 'turn:x:3478' })).toThrow();
    expect(() =>
      sfuConfigFromEnv({ TURN_URLS: 'http://x', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'p' }),
    ).toThrow();
  });
});

describe('layers for tile size', () => {
  const heights = layerHeightsFor(720, CAMERA_SIMULCAST_ENCODINGS);
  it('derives 180/360/720 from the camera encodings', () => {
    expect(heights).toEqual([180, 360, 720]);
    expect(layerHeightsFor(720, [{}, {}, {}])).toEqual([180, 360, 720]);
  });
  it('picks the smallest layer that fills the tile in device pixels', () => {
    expect(spatialLayerForTile({ width: 160, height: 90 }, heights)).toBe(0);
    expect(spatialLayerForTile({ width: 320, height: 180 }, heights)).toBe(0);
    expect(spatialLayerForTile({ width: 480, height: 270 }, heights)).toBe(1);
    expect(spatialLayerForTile({ width: 480, height: 270, devicePixelRatio: 2 }, heights)).toBe(2);
    expect(spatialLayerForTile({ width: 1920, height: 1080 }, heights)).toBe(2);
    expect(spatialLayerForTile({ width: 0, height: 0 }, heights)).toBe(0);
    expect(spatialLayerForTile({ width: 100, height: 100 }, [])).toBe(0);
  });
});

describe('quality', () => {
  it('classifies from scores, loss, rtt and transport state', () => {
    expect(classifyQuality({ scores: [], lossFractions: [], rttsMs: [], transportDown: false }).level).toBe(
      'excellent',
    );
    expect(
      classifyQuality({ scores: [10, 9], lossFractions: [0.001], rttsMs: [40], transportDown: false }).level,
    ).toBe('excellent');
    expect(
      classifyQuality({ scores: [10, 6], lossFractions: [0], rttsMs: [], transportDown: false }).level,
    ).toBe('good');
    expect(
      classifyQuality({ scores: [10], lossFractions: [0.05], rttsMs: [], transportDown: false }),
    ).toMatchObject({ level: 'good', lossPct: 5 });
    expect(
      classifyQuality({ scores: [10], lossFractions: [0], rttsMs: [900], transportDown: false }).level,
    ).toBe('poor');
    expect(classifyQuality({ scores: [2], lossFractions: [0], rttsMs: [], transportDown: false }).level).toBe(
      'poor',
    );
    expect(classifyQuality({ scores: [10], lossFractions: [0], rttsMs: [], transportDown: true }).level).toBe(
      'lost',
    );
  });
});

describe('placement', () => {
  const w = (index: number, consumers: number, routers = 0, alive = true) => ({
    index,
    alive,
    routers,
    producers: 0,
    consumers,
  });
  it('picks the least-loaded live worker, lowest index on ties', () => {
    expect(pickLeastLoaded([w(0, 10), w(1, 3), w(2, 3)])?.index).toBe(1);
    expect(pickLeastLoaded([w(0, 0, 2), w(1, 0, 1)])?.index).toBe(1); // empty routers count
    expect(pickLeastLoaded([w(0, 10), w(1, 0, 0, false)])?.index).toBe(0);
    expect(pickLeastLoaded([w(0, 1, 0, false)])).toBeUndefined();
    expect(pickLeastLoaded([w(0, 10), w(1, 600)], (x) => x.consumers < 500)?.index).toBe(0);
  });
  it('picks the least-loaded fresh node with spare capacity', () => {
    const now = 100_000;
    const nodes = [
      { nodeId: 'a', load: 400, capacity: 1000, updatedAtMs: now - 1000 },
      { nodeId: 'b', load: 100, capacity: 1000, updatedAtMs: now - 60_000 }, // stale
      { nodeId: 'c', load: 300, capacity: 500, updatedAtMs: now },
      { nodeId: 'd', load: 1000, capacity: 1000, updatedAtMs: now }, // full
    ];
    expect(pickLeastLoadedNode(nodes, now, 15_000)?.nodeId).toBe('a');
    expect(pickLeastLoadedNode([nodes[3]!], now, 15_000)).toBeUndefined();
  });
});
