import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

/**
 * The production image runs `node dist/server.mjs` (scripts/build-server.mjs, Dockerfile): the
 * compiled bundle must start on plain Node, without tsx or the TypeScript sources' loader, find its
 * migrations and answer. Docker itself cannot run here; this is the part of the image it proves.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const out = join(ROOT, 'dist', `test-${randomBytes(4).toString('hex')}`);
const dataDir = mkdtempSync(join(tmpdir(), 'th-bundle-'));
let db: TestDb;
beforeAll(async () => {
  db = await createTestPostgres({ max: 1 });
});
afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  await db?.drop();
});

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/** The HEALTHCHECK's exec form from the Dockerfile. */
function healthcheck(): string[] {
  const m = /^HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  if (!m) throw new Error('no HEALTHCHECK CMD in the Dockerfile');
  return JSON.parse(m[1]!) as string[];
}

describe('the production image (Dockerfile)', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it('builds in one stage and runs the compiled bundle from production dependencies in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/node scripts\/build-server\.mjs dist/);
    // The runtime stage gets the assembled output only: no sources, no tsx.
    expect(final).not.toMatch(/^COPY (?!--from=build)/m);
    expect(final).not.toMatch(/tsx/);
    expect(final).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/server\.mjs"\]$/m);
    expect(final).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(final).toMatch(/^USER node$/m);
    expect(healthcheck()[0]).toBe('node');
  });

  it('takes an offline-built mediasoup worker as a build argument and runs with it', () => {
    expect(stages[0]).toMatch(/^ARG MEDIASOUP_WORKER_BIN=/m);
    expect(final).toMatch(/MEDIASOUP_WORKER_BIN=\/opt\/mediasoup\/mediasoup-worker/);
  });
});

describe('the compiled server bundle', () => {
  it('builds into one module with only npm packages left as imports', () => {
    const r = spawnSync(process.execPath, ['scripts/build-server.mjs', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const code = readFileSync(join(out, 'server.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*["']@telehealth\//);
    expect(code).not.toMatch(/from\s*["'][^"']+\.ts["']/);
  }, 60_000);

  it('starts on plain node (no tsx), migrates, answers /health and /ready, and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', join(out, 'server.mjs')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        // As in the image's deployment: PostgreSQL (the bundle migrates it from platform/migrations).
        DATABASE_URL: db.url!,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        SFU_WORKERS: '1',
        SFU_RTC_PORT_BASE: '0',
        ...(process.env.MEDIASOUP_WORKER_BIN
          ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN }
          : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const until = Date.now() + 60_000;
      let health: Response | undefined;
      while (Date.now() < until && child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (health?.ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(health?.status, output).toBe(200);
      expect(await health!.json()).toEqual({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).status).toBe(200);
      // The image's HEALTHCHECK command, as written in the Dockerfile, against this server.
      const check = healthcheck();
      const probe = spawnSync(check[0] === 'node' ? process.execPath : check[0]!, check.slice(1), {
        env: { PATH: process.env.PATH, PORT: String(port) },
        encoding: 'utf8',
      });
      expect(probe.status, probe.stderr).toBe(0);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
