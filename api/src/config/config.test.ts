import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'th-config-'));
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  RECORDS_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  DATABASE_URL: 'postgres://db/x',
  PUBLIC_URL: 'https://clinic.example',
};

describe('loadConfig', () => {
  it('names the variable and what is expected when a value is wrong', () => {
    const bad = () =>
      loadConfig({ DATA_DIR: tmp(), PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/PORT:/);
      expect(msg).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(msg).toMatch(/REDIS_URL: must be a redis:\/\/ URL/);
    }
  });

  it('refuses to start in production without explicit secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(
      /JWT_SECRET: required when NODE_ENV=production/,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'short',
        RECORDS_MASTER_KEY: Buffer.alloc(32).toString('base64'),
        DATABASE_URL: 'postgres://db/x',
        PUBLIC_URL: 'https://clinic.example',
      }),
    ).toThrow(/JWT_SECRET: must be at least 32 characters/);
    const ok = loadConfig({ ...PRODUCTION, RESEND_API_KEY: 're_test' });
    expect(ok.cookieSecure).toBe(true);
    expect(ok.seedDemo).toBe(false);
  });

  it('refuses production without an email provider unless the dev mailbox is explicitly allowed', () => {
    // Without a provider every mail (reset links too) lands in the admin-readable dev mailbox.
    expect(() => loadConfig(PRODUCTION)).toThrow(/RESEND_API_KEY: required when NODE_ENV=production/);
    expect(() => loadConfig({ ...PRODUCTION, EMAIL_ALLOW_DEV_MAILBOX: 'false' })).toThrow(ConfigError);
    expect(loadConfig({ ...PRODUCTION, EMAIL_ALLOW_DEV_MAILBOX: 'true' }).env.EMAIL_ALLOW_DEV_MAILBOX).toBe(
      true,
    );
    expect(loadConfig({ ...PRODUCTION, RESEND_API_KEY: 're_test' }).env.EMAIL_ALLOW_DEV_MAILBOX).toBe(false);
    // Development keeps delivering to the dev mailbox without being asked.
    expect(loadConfig({ DATA_DIR: tmp() }).env.RESEND_API_KEY).toBeUndefined();
  });

  it('generates development secrets once, keeps them private, and reuses them', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(a.recordsMasterKey.equals(b.recordsMasterKey)).toBe(true);
    expect(a.recordsMasterKey).toHaveLength(32);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).jwtSecret).toBe(a.jwtSecret);
    expect(a.seedDemo).toBe(true);
    expect(a.publicUrl).toBe('http://localhost:3000');
  });
});
