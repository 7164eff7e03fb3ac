import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.ts';
import { TrustProxySchema } from './trust-proxy.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'th-trust-proxy-'));

describe('TRUST_PROXY', () => {
  it('trusts nobody unless told', () => {
    expect(TrustProxySchema.parse(undefined)).toBe(false);
    expect(TrustProxySchema.parse('false')).toBe(false);
    expect(TrustProxySchema.parse('none')).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir() }).env.TRUST_PROXY).toBe(false);
  });

  it('takes a hop count, addresses, CIDRs and Express presets', () => {
    expect(TrustProxySchema.parse('1')).toBe(1);
    expect(TrustProxySchema.parse('loopback')).toEqual(['loopback']);
    expect(TrustProxySchema.parse('10.0.0.0/8, 192.168.1.7,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
    ]);
  });

  it('refuses "true" and anything it cannot read, naming the variable', () => {
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '999', ',', 'loopback,*'])
      expect(TrustProxySchema.safeParse(bad).success, bad).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir(), TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: must be false, a hop count/,
    );
  });
});
