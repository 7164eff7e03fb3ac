import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  RECORDS_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  DATABASE_URL: 'postgres://db/x',
  PUBLIC_URL: 'https://clinic.example',
  RESEND_API_KEY: 're_test',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('media addresses in production', () => {
  it('refuses a listen-all SFU without a public announced address, naming the variables', () => {
    for (const listen of ['0.0.0.0', '::'])
      expect(problems({ ...PRODUCTION, SFU_LISTEN_IP: listen })).toEqual([
        expect.stringMatching(
          new RegExp(`^SFU_ANNOUNCED_ADDRESS: .*SFU_LISTEN_IP=${listen.replace(/\./g, '\\.')}`),
        ),
      ]);
    for (const loopback of ['127.0.0.1', 'localhost', '::1'])
      expect(
        problems({ ...PRODUCTION, SFU_LISTEN_IP: '0.0.0.0', SFU_ANNOUNCED_ADDRESS: loopback })[0],
      ).toMatch(/^SFU_ANNOUNCED_ADDRESS: .* is loopback/);
    expect(
      problems({ ...PRODUCTION, SFU_LISTEN_IP: '0.0.0.0', SFU_ANNOUNCED_ADDRESS: '198.51.100.4' }),
    ).toEqual([]);
    // Development in a container may listen everywhere and be reached on loopback.
    expect(() =>
      loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'th-cfg-')), SFU_LISTEN_IP: '0.0.0.0' }),
    ).not.toThrow();
  });

  it('refuses static TURN passwords and TURN without its secret, in every environment', () => {
    const dev = { DATA_DIR: mkdtempSync(join(tmpdir(), 'th-cfg-')) };
    expect(problems({ ...dev, TURN_URLS: 'turn:turn.example:3478' })).toEqual([
      'TURN_SECRET: required with TURN_URLS',
    ]);
    expect(
      problems({ ...dev, TURN_URLS: 'turn:turn.example:3478', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'p' })[0],
    ).toMatch(/^TURN_USERNAME\/TURN_CREDENTIAL: static TURN passwords/);
    expect(problems({ ...dev, TURN_URLS: 'turn:turn.example:3478', TURN_SECRET: 's'.repeat(32) })).toEqual(
      [],
    );
    expect(problems({ ...dev, SFU_RTC_PORTS: '40000-40003', SFU_RTC_PORT_BASE: '41000' })[0]).toMatch(
      /^SFU_RTC_PORT_BASE: set SFU_RTC_PORTS or SFU_RTC_PORT_BASE, not both/,
    );
  });

  it('stops the server at start (exit 78) with the variable in the message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
      cwd: resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, ...PRODUCTION, SFU_LISTEN_IP: '0.0.0.0', SFU_ANNOUNCED_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(78);
    expect(out).toMatch(/Invalid configuration:\s+- SFU_ANNOUNCED_ADDRESS: .*SFU_LISTEN_IP=0\.0\.0\.0/);
  }, 60_000);
});
