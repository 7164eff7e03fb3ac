import { sfuDeploymentProblems } from '@telehealth/sfu/config';
import { resolve } from 'node:path';
import { EnvSchema, type Env } from './schema.ts';
import { loadOrCreateDevSecrets } from './secrets.ts';

export { EnvSchema, type Env };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  env: Env;
  isProduction: boolean;
  dataDir: string;
  publicUrl: string;
  jwtSecret: string;
  recordsMasterKey: Buffer;
  cookieSecure: boolean;
  seedDemo: boolean;
}

/** Variables a production deployment must set explicitly: generated values would not be shared or kept. */
const PRODUCTION_REQUIRED = ['JWT_SECRET', 'RECORDS_MASTER_KEY', 'DATABASE_URL', 'PUBLIC_URL'] as const;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (compose files write `FOO: ${FOO:-}`).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  // Media settings that would make calls fail silently for remote browsers (sfu/src/config.ts).
  const sfuProblems = sfuDeploymentProblems(present, { production: isProduction });
  if (sfuProblems.length) throw new ConfigError(sfuProblems);
  if (isProduction) {
    const missing = PRODUCTION_REQUIRED.filter((k) => !env[k]);
    if (missing.length) {
      throw new ConfigError(missing.map((k) => `${k}: required when NODE_ENV=production`));
    }
    // Without a provider mail lands in the dev mailbox, which admins can read: reset links included.
    if (!env.RESEND_API_KEY && !env.EMAIL_ALLOW_DEV_MAILBOX)
      throw new ConfigError([
        'RESEND_API_KEY: required when NODE_ENV=production (or set EMAIL_ALLOW_DEV_MAILBOX=true to deliver to the admin-readable dev mailbox)',
      ]);
  }
  const dataDir = resolve(env.DATA_DIR);
  const dev =
    !isProduction && (!env.JWT_SECRET || !env.RECORDS_MASTER_KEY)
      ? loadOrCreateDevSecrets(dataDir)
      : undefined;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    env,
    isProduction,
    dataDir,
    publicUrl,
    jwtSecret: env.JWT_SECRET ?? dev!.jwtSecret,
    recordsMasterKey: Buffer.from(env.RECORDS_MASTER_KEY ?? dev!.recordsMasterKey, 'base64'),
    cookieSecure: env.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    seedDemo: env.SEED_DEMO ?? !isProduction,
  };
}
