/** Graceful shutdown of a host process on SIGTERM (mediasoup's own signal handling included). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEDIASOUP_AVAILABLE, waitFor } from './testing/env.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!MEDIASOUP_AVAILABLE)('shutdown', () => {
  it('on SIGTERM the workers close, the SFU reports it, and the host exits', async () => {
    const script = fileURLToPath(new URL('./testing/signal-host.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const line = await waitFor(() => /ready ([\d,]+)/.exec(out), 'host ready', 20_000);
      const pids = line[1]!.split(',').map(Number);
      expect(pids.every(alive)).toBe(true);
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
      expect(code).toBe(0);
      expect(out).toContain('ended sfu-closed');
      expect(out).toContain('closed signal');
      await waitFor(() => pids.every((p) => !alive(p)), 'worker processes gone');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
