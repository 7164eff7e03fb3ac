/** The SFU says why it did not start: a port clash is not a missing worker binary. */
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { createSfu, SfuStartError } from './index.ts';
import { MEDIASOUP_AVAILABLE, workerBinary } from './testing/env.ts';

describe.skipIf(!MEDIASOUP_AVAILABLE)('SFU start failures', () => {
  const bin = workerBinary();

  it('names the port and the variables to change when another process holds the port', async () => {
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(0, '127.0.0.1', () => r()));
    const port = squatter.address().port;
    try {
      const err = await createSfu({ workers: 1, rtcPortBase: port, ...(bin ? { workerBin: bin } : {}) }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SfuStartError);
      expect((err as SfuStartError).reason).toBe('ports-in-use');
      expect((err as Error).message).toMatch(
        new RegExp(`port ${port} .*already in use.*SFU_RTC_PORT_BASE / SFU_RTC_PORTS`),
      );
      expect((err as Error).message).not.toMatch(/MEDIASOUP_WORKER_BIN/);
    } finally {
      squatter.close();
    }
  });

  it('points at MEDIASOUP_WORKER_BIN when the worker binary cannot run', async () => {
    const err = await createSfu({
      workers: 1,
      rtcPortBase: 0,
      workerBin: '/nonexistent/mediasoup-worker',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SfuStartError);
    expect((err as SfuStartError).reason).toBe('worker-binary');
    expect((err as Error).message).toMatch(/\/nonexistent\/mediasoup-worker.*MEDIASOUP_WORKER_BIN/);
  });
});
