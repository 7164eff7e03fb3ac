import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sfuConfigFromEnv } from '@telehealth/sfu/config';
import { EnvSchema, loadConfig } from '../config/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Service {
  image?: string;
  command?: string[];
  network_mode?: string;
  build?: string | { context: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/** What an operator's .env would provide for the required `${VAR:?}` placeholders. */
const operatorEnv: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-secret',
  MINIO_ROOT_PASSWORD: 'minio-secret',
  JWT_SECRET: 'j'.repeat(48),
  RECORDS_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
  // Production mails through a provider (or the operator allows the dev mailbox explicitly).
  RESEND_API_KEY: 're_operator_key',
  TURN_SECRET: 't'.repeat(64),
  SFU_ANNOUNCED_ADDRESS: '203.0.113.10',
};

/** Compose's interpolation: ${X}, ${X:-default}, ${X:?error}. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_m, name: string, op?: string, arg?: string) => {
      const v = operatorEnv[name];
      if (v !== undefined && v !== '') return v;
      if (op === '-') return arg ?? '';
      if (op === '?') throw new Error(`${name} is required: ${arg}`);
      return '';
    },
  );
}

describe('docker-compose.yml', () => {
  it('runs postgres, redis, minio and the platform, each with an image or build and a health check', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'minio', 'app']),
    );
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.image ?? s.build, `${name} needs image or build`).toBeTruthy();
      expect(s.healthcheck?.test.length, `${name} needs a healthcheck`).toBeGreaterThan(0);
      for (const v of s.volumes ?? []) {
        const named = v.split(':')[0]!;
        if (!named.startsWith('.') && !named.startsWith('/')) expect(compose.volumes).toHaveProperty(named);
      }
      for (const dep of Object.keys(s.depends_on ?? {})) expect(compose.services).toHaveProperty(dep);
    }
    expect(compose.services.app!.build).toBe('.');
    expect(compose.services.postgres!.image).toMatch(/^postgres:15/);
  });

  it('passes the platform only variables the config schema knows, with values it accepts in production', () => {
    const app = compose.services.app!;
    const env = Object.fromEntries(
      Object.entries(app.environment!).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const known = Object.keys(EnvSchema.shape);
    for (const k of Object.keys(env)) expect(known, `${k} is not in EnvSchema`).toContain(k);
    const config = loadConfig(env);
    expect(config.isProduction).toBe(true);
    const port = config.env.PORT;
    expect(app.ports).toContain(`${port}:${port}`);
    expect(config.env.HOST).toBe('0.0.0.0');
    // Connection strings point at services of this file.
    expect(Object.keys(compose.services)).toContain(new URL(config.env.DATABASE_URL!).hostname);
    expect(Object.keys(compose.services)).toContain(new URL(config.env.REDIS_URL!).hostname);
  });

  it('refuses to start without an email provider unless the dev mailbox is explicitly allowed', () => {
    const app = compose.services.app!;
    const saved = { ...operatorEnv };
    delete operatorEnv.RESEND_API_KEY;
    const env = () =>
      Object.fromEntries(Object.entries(app.environment!).map(([k, v]) => [k, interpolate(String(v))]));
    expect(() => loadConfig(env())).toThrow(/RESEND_API_KEY/);
    operatorEnv.EMAIL_ALLOW_DEV_MAILBOX = 'true';
    expect(loadConfig(env()).env.EMAIL_ALLOW_DEV_MAILBOX).toBe(true);
    delete operatorEnv.EMAIL_ALLOW_DEV_MAILBOX;
    Object.assign(operatorEnv, saved);
  });

  it('publishes exactly the SFU ports the workers use, from one variable', () => {
    const app = compose.services.app!;
    const env = Object.fromEntries(
      Object.entries(app.environment!).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const sfu = sfuConfigFromEnv(env);
    const published = app
      .ports!.map(interpolate)
      .filter((p) => /\/(udp|tcp)$/.test(p))
      .map((p) => {
        const m = /^(\d+)-(\d+):(\d+)-(\d+)\/(udp|tcp)$/.exec(p);
        expect(m, `${p} maps a range onto itself`).not.toBeNull();
        expect([m![1], m![2]]).toEqual([m![3], m![4]]);
        return { min: Number(m![1]), max: Number(m![2]), protocol: m![5] };
      });
    expect(published.map((p) => p.protocol).sort()).toEqual(['tcp', 'udp']);
    for (const range of published) {
      // Whatever the host's core count, every worker's port is published, and no more workers run
      // than the range has ports.
      expect(sfu.rtcPortBase).toBe(range.min);
      expect(sfu.rtcPortMax).toBe(range.max);
      expect(sfu.rtcPortBase + sfu.workers - 1).toBeLessThanOrEqual(range.max);
      expect(() => sfuConfigFromEnv({ ...env, SFU_WORKERS: String(range.max - range.min + 2) })).toThrow(
        /SFU_WORKERS=\d+ needs ports/,
      );
    }
    // Changing the one variable moves both.
    operatorEnv.SFU_RTC_PORTS = '41000-41007';
    try {
      expect(app.ports!.map(interpolate)).toContain('41000-41007:41000-41007/udp');
      expect(
        sfuConfigFromEnv({ SFU_RTC_PORTS: interpolate(app.environment!.SFU_RTC_PORTS!) }).rtcPortMax,
      ).toBe(41007);
    } finally {
      delete operatorEnv.SFU_RTC_PORTS;
    }
  });

  it('runs coturn with the shared secret the app issues credentials from, where TURN_URLS point', () => {
    const app = compose.services.app!;
    const turn = compose.services.turn!;
    const args = turn.command!.map(interpolate);
    expect(turn.network_mode).toBe('host');
    expect(args).toContain('--use-auth-secret');
    expect(args).toContain(`--static-auth-secret=${interpolate(app.environment!.TURN_SECRET!)}`);
    expect(args.some((a) => a.startsWith('--user') || a.startsWith('--lt-cred-mech'))).toBe(false);
    const port = args.find((a) => a.startsWith('--listening-port='))!.split('=')[1];
    const urls = interpolate(app.environment!.TURN_URLS!).split(',');
    expect(urls).toEqual([
      `turn:203.0.113.10:${port}?transport=udp`,
      `turn:203.0.113.10:${port}?transport=tcp`,
    ]);
    expect(args).toContain('--external-ip=203.0.113.10');
    // The announced address is required: compose refuses to start without it (no silent 127.0.0.1).
    const saved = operatorEnv.SFU_ANNOUNCED_ADDRESS;
    delete operatorEnv.SFU_ANNOUNCED_ADDRESS;
    try {
      expect(() => interpolate(app.environment!.SFU_ANNOUNCED_ADDRESS!)).toThrow(
        /SFU_ANNOUNCED_ADDRESS is required/,
      );
    } finally {
      operatorEnv.SFU_ANNOUNCED_ADDRESS = saved!;
    }
  });

  it('refuses to interpolate without the operator secrets', () => {
    const saved = { ...operatorEnv };
    delete operatorEnv.JWT_SECRET;
    expect(() => interpolate(compose.services.app!.environment!.JWT_SECRET!)).toThrow(
      /JWT_SECRET is required/,
    );
    Object.assign(operatorEnv, saved);
  });
});
