import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

const MB = 1024 * 1024;
const TOTAL = 200 * MB;
const CHUNK = 256 * 1024;

/** 200 MB generated on the fly (never allocated whole), starting like a PDF; hashes what it sends. */
function generatedPdf(total: number, hash: ReturnType<typeof createHash>) {
  let sent = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(CHUNK, total - sent);
      const b = Buffer.allocUnsafe(n);
      b.fill(sent / CHUNK);
      if (sent === 0) b.write('%PDF-1.7\n');
      b.writeUInt32BE(sent / CHUNK, n - 4);
      sent += n;
      hash.update(b);
      this.push(b);
    },
  });
}

const status = (pid: number) => readFileSync(`/proc/${pid}/status`, 'utf8');
const kb = (s: string, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(s)![1]) * 1024;

// Linux only (reads /proc). The server runs in a child process so its RSS is the vault's alone.
describe.skipIf(process.platform !== 'linux')('streaming a 200 MB file through the vault', () => {
  let t: TestDb;
  let child: ChildProcess;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    t = await createTestPostgres({ max: 2 });
    await seedDemo(t.db);
    dataDir = mkdtempSync(join(tmpdir(), 'th-memtest-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./memory-server.fixture.ts', import.meta.url))],
      {
        env: { ...process.env, TH_MEMTEST_DB_URL: t.url, TH_MEMTEST_DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    url = (JSON.parse(first) as { url: string }).url;
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin?.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await t?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps server memory growth under 64 MB for a 200 MB upload and download', async () => {
    const c = createClient(url);
    await c.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    const pid = child.pid!;

    const upload = (total: number, hash = createHash('sha256')) =>
      new Promise<{ status: number; body: { id: string; sizeBytes: number } }>((resolve, reject) => {
        const req = request(`${url}/api/v1/records/files?filename=big.pdf`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${c.token}`,
            'content-type': 'application/octet-stream',
            'content-length': String(total),
          },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        generatedPdf(total, hash).pipe(req);
      });
    const download = async (id: string) => {
      const res = await fetch(`${url}/api/v1/records/files/${id}/content`, {
        headers: { authorization: `Bearer ${c.token}` },
      });
      const h = createHash('sha256');
      let n = 0;
      for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
        h.update(part);
        n += part.length;
      }
      return { status: res.status, bytes: n, sha: h.digest('hex') };
    };

    // Warm up every code path (JIT, pools, lazy imports) so the baseline is the steady state.
    for (let i = 0; i < 2; i++) {
      const w = await upload(8 * MB);
      expect(w.status).toBe(201);
      expect((await download(w.body.id)).bytes).toBe(8 * MB);
    }
    await new Promise((r) => setTimeout(r, 200));
    const baseline = kb(status(pid), 'VmRSS');
    let sampledPeak = baseline;
    const sampler = setInterval(() => {
      try {
        sampledPeak = Math.max(sampledPeak, kb(status(pid), 'VmRSS'));
      } catch {
        /* exited */
      }
    }, 25);
    // Reset the kernel's high-water mark so VmHWM covers the transfer only (falls back to sampling).
    let hwmReset = true;
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      hwmReset = false;
    }

    const started = Date.now();
    const sent = createHash('sha256');
    const up = await upload(TOTAL, sent);
    expect(up.status).toBe(201);
    expect(up.body.sizeBytes).toBe(TOTAL);
    const down = await download(up.body.id);
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    expect(down).toEqual({ status: 200, bytes: TOTAL, sha: sent.digest('hex') });

    const peak = Math.max(sampledPeak, hwmReset ? kb(status(pid), 'VmHWM') : 0);
    const growth = peak - baseline;
    console.log(
      `200 MB up+down in ${seconds.toFixed(1)} s; server RSS baseline ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, growth ${(growth / MB).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(64 * MB);
  }, 120_000);
});
