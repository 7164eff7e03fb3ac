import { createHmac } from 'node:crypto';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  iceServersFor,
  isLocalOnlyAddress,
  sfuConfigFromEnv,
  SfuConfigSchema,
  sfuDeploymentProblems,
  turnCredential,
} from './config.ts';
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
    expect(c.iceTransportPolicy).toBe('all');
    expect(iceServersFor(c, 'user-1')).toEqual([]);
  });

  it('reads the documented environment variables', () => {
    const c = sfuConfigFromEnv({
      SFU_WORKERS: '3',
      SFU_LISTEN_IP: '0.0.0.0',
      SFU_ANNOUNCED_ADDRESS: 'media.example.org',
      SFU_RTC_PORT_BASE: '44000',
      SFU_MAX_CONSUMERS_PER_WORKER: '200',
      SFU_ICE_TRANSPORT_POLICY: 'relay',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:443?transport=tcp',
      TURN_SECRET: 'shared-with-coturn-0123',
      TURN_CREDENTIAL_TTL_S: '600',
      MEDIASOUP_WORKER_BIN: '/opt/mediasoup-worker',
      SFU_LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      workers: 3,
      listenIp: '0.0.0.0',
      announcedAddress: 'media.example.org',
      rtcPortBase: 44000,
      maxConsumersPerWorker: 200,
      iceTransportPolicy: 'relay',
      turn: { secret: 'shared-with-coturn-0123', ttlS: 600 },
      workerBin: '/opt/mediasoup-worker',
      logLevel: 'warn',
    });
    expect(iceServersFor(c, 'user-1', 1_700_000_000_000)).toEqual([
      {
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443?transport=tcp'],
        username: '1700000600:user-1',
        // base64(HMAC-SHA1(secret, username)): what coturn's use-auth-secret recomputes.
        credential: createHmac('sha1', 'shared-with-coturn-0123')
          .update('1700000600:user-1')
          .digest('base64'),
      },
    ]);
  });

  it('issues TURN REST API credentials: expiry first, per user, never the secret', () => {
    const turn = { urls: ['turn:t:3478'], secret: 'x'.repeat(32), ttlS: 3600 };
    const a = turnCredential(turn, 'alice', 1_000_000);
    const b = turnCredential(turn, 'bob', 1_000_000);
    expect(a.username).toBe(`${1000 + 3600}:alice`);
    expect(a.credential).not.toBe(b.credential);
    expect(a.credential).not.toContain(turn.secret);
    expect(Buffer.from(a.credential, 'base64')).toHaveLength(20); // SHA-1
  });

  it('derives the worker count from the published port range and refuses more workers than ports', () => {
    const c = sfuConfigFromEnv({ SFU_RTC_PORTS: '40000-40001' });
    expect(c.rtcPortBase).toBe(40000);
    expect(c.rtcPortMax).toBe(40001);
    expect(c.workers).toBe(Math.min(2, os.availableParallelism()));
    expect(sfuConfigFromEnv({ SFU_RTC_PORTS: '40000-40003', SFU_WORKERS: '4' }).workers).toBe(4);
    expect(() => sfuConfigFromEnv({ SFU_RTC_PORTS: '40000-40003', SFU_WORKERS: '5' })).toThrow(
      /SFU_WORKERS=5 needs ports 40000-40004 but SFU_RTC_PORTS ends at 40003/,
    );
    expect(() => sfuConfigFromEnv({ SFU_RTC_PORTS: '40003-40000' })).toThrow();
    expect(() => sfuConfigFromEnv({ SFU_RTC_PORTS: '40000' })).toThrow(/first-last/);
  });

  it('names the deployment mistakes that make remote calls fail silently', () => {
    expect(sfuDeploymentProblems({ SFU_LISTEN_IP: '0.0.0.0' })).toEqual([
      expect.stringMatching(/^SFU_ANNOUNCED_ADDRESS: .*SFU_LISTEN_IP=0\.0\.0\.0.*missing/),
    ]);
    for (const loop of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(sfuDeploymentProblems({ SFU_LISTEN_IP: '::', SFU_ANNOUNCED_ADDRESS: loop }), loop).toHaveLength(
        1,
      );
    expect(sfuDeploymentProblems({ SFU_LISTEN_IP: '0.0.0.0', SFU_ANNOUNCED_ADDRESS: '203.0.113.7' })).toEqual(
      [],
    );
    expect(
      sfuDeploymentProblems({ SFU_LISTEN_IP: '0.0.0.0', SFU_ANNOUNCED_ADDRESS: 'media.example.org' }),
    ).toEqual([]);
    // Binding one address announces that address: nothing to check.
    expect(sfuDeploymentProblems({ SFU_LISTEN_IP: '10.0.0.5' })).toEqual([]);
    expect(sfuDeploymentProblems({ TURN_URLS: 'turn:t:3478' })).toEqual([
      expect.stringMatching(/^TURN_SECRET:/),
    ]);
    expect(sfuDeploymentProblems({ TURN_USERNAME: 'u', TURN_CREDENTIAL: 'p' })[0]).toMatch(/TURN_SECRET/);
    expect(isLocalOnlyAddress('192.168.1.10')).toBe(false);
  });

  it('rejects bad values and TURN without a secret', () => {
    expect(() => sfuConfigFromEnv({ SFU_WORKERS: '0' })).toThrow();
    expect(() => sfuConfigFromEnv({ SFU_LOG_LEVEL: 'verbose' })).toThrow();
    expect(() => sfuConfigFromEnv({ SFU_ICE_TRANSPORT_POLICY: 'none' })).toThrow();
    expect(() => sfuConfigFromEnv({ TURN_URLS: 'turn:x:3478' })).toThrow();
    expect(() => sfuConfigFromEnv({ TURN_URLS: 'turn:x:3478', TURN_SECRET: 'short' })).toThrow();
    expect(() => sfuConfigFromEnv({ TURN_URLS: 'http://x', TURN_SECRET: 'y'.repeat(20) })).toThrow();
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
