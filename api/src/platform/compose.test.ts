import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema, loadConfig } from '../config/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Service {
  image?: string;
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

  it('refuses to interpolate without the operator secrets', () => {
    const saved = { ...operatorEnv };
    delete operatorEnv.JWT_SECRET;
    expect(() => interpolate(compose.services.app!.environment!.JWT_SECRET!)).toThrow(
      /JWT_SECRET is required/,
    );
    Object.assign(operatorEnv, saved);
  });
});
