import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  jwtSecret: string;
  recordsMasterKey: string;
}

/**
 * Development convenience: secrets missing from the environment are generated once and kept in
 * DATA_DIR/secrets.json (mode 0600), so tokens and encrypted files survive restarts.
 */
export function loadOrCreateDevSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(dataDir, { recursive: true });
  const s: Secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    recordsMasterKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}
