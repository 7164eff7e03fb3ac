// A coturn TURN server for the browser tests, in the same mode as the docker-compose `turn` service:
// the TURN REST API shared secret (use-auth-secret), no static users.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.ts';

/** Why the TURN tests cannot run here, or null when `turnserver` is installed. */
export function coturnMissing(): string | null {
  const r = spawnSync('turnserver', ['--version'], { encoding: 'utf8' });
  return r.error
    ? 'coturn is not installed (apt-get install -y coturn): the TURN relay test is skipped'
    : null;
}

export interface Coturn {
  /** For TURN_URLS. */
  url: string;
  /** For TURN_SECRET (coturn's static-auth-secret). */
  secret: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startCoturn(): Promise<Coturn> {
  const port = await freePort();
  const secret = randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'th-coturn-'));
  // Relay ports from a range derived from the listening port, away from the SFU's and the app's.
  const min = 50_000 + (port % 5_000) * 2;
  const child: ChildProcess = spawn(
    'turnserver',
    [
      '-n', // no config file
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${min}`,
      `--max-port=${min + 100}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=telehealth.test',
      // The SFU listens on loopback here; coturn refuses loopback peers unless told.
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--fingerprint',
      '--no-multicast-peers',
      `--userdb=${join(dir, 'turndb')}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
      '--verbose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-200_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-200_000)));
  const deadline = Date.now() + 10_000;
  while (!/listener opened on|Total General servers/i.test(out)) {
    if (child.exitCode !== null) throw new Error(`turnserver exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) break; // it may log differently; the call itself will tell
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
