import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadConfig } from '../config/index.ts';
import { TEST_SECRETS } from '../testing/app.ts';
import { createObjectStore } from './index.ts';
import { createLocalStore } from './local.ts';
import { createS3Client, createS3Store } from './s3.ts';
import { ObjectNotFoundError, type ObjectStore } from './types.ts';

const collect = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

/** A generated stream of `total` bytes in `chunk`-sized pieces, optionally failing part-way. */
function generated(total: number, chunk = 64 * 1024, failAt?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAt !== undefined && sent >= failAt) return void this.destroy(new Error('client went away'));
      if (sent >= total) return void this.push(null);
      const n = Math.min(chunk, total - sent);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i += 4096) b[i] = (sent + i) & 0xff;
      sent += n;
      this.push(b);
    },
  });
}

async function contract(store: ObjectStore) {
  const data = Buffer.from('encrypted bytes, as far as the store knows');
  expect(await store.put('ab/cd/file-1', Readable.from([data]))).toEqual({ bytes: data.length });
  expect(await collect(await store.get('ab/cd/file-1'))).toEqual(data);
  await expect(store.get('ab/cd/missing')).rejects.toBeInstanceOf(ObjectNotFoundError);
  await store.delete('ab/cd/file-1');
  await store.delete('ab/cd/file-1');
  await expect(store.get('ab/cd/file-1')).rejects.toBeInstanceOf(ObjectNotFoundError);
  await expect(store.put('../escape', Readable.from([data]))).rejects.toThrow(/Invalid object key/);
  await expect(store.get('a/../../etc/passwd')).rejects.toThrow(/Invalid object key/);
}

describe('local object store', () => {
  const root = mkdtempSync(join(tmpdir(), 'th-store-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const store = createLocalStore(root);

  it('keeps the ObjectStore contract', () => contract(store));

  it('writes private files and leaves nothing behind when the stream fails', async () => {
    await store.put('x/ok', generated(200_000));
    expect(statSync(join(root, 'x/ok')).mode & 0o777).toBe(0o600);
    await expect(store.put('x/broken', generated(1_000_000, 64 * 1024, 300_000))).rejects.toThrow(
      'client went away',
    );
    expect(readdirSync(join(root, 'x'))).toEqual(['ok']);
    expect(readFileSync(join(root, 'x/ok'))).toHaveLength(200_000);
  });
});

/**
 * An in-memory S3 behind the SDK's request-handler seam: the real client, signing, multipart logic
 * of lib-storage and XML parsing all run, only the network is replaced.
 */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Map<number, Buffer>>();
  const buckets = new Set<string>();
  const calls: string[] = [];
  const bodyOf = async (b: unknown): Promise<Buffer> => {
    if (b === undefined || b === null) return Buffer.alloc(0);
    if (typeof b === 'string') return Buffer.from(b);
    if (b instanceof Uint8Array) return Buffer.from(b);
    return collect(b as Readable);
  };
  const xml = (s: string) => `<?xml version="1.0" encoding="UTF-8"?>${s}`;
  const reply = (statusCode: number, body: string | Buffer = '', headers: Record<string, string> = {}) => ({
    response: {
      statusCode,
      reason: '',
      headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
      body: Readable.from([typeof body === 'string' ? Buffer.from(body) : body]),
    },
  });
  const handler = {
    async handle(req: {
      method: string;
      path: string;
      query?: Record<string, string | null>;
      body?: unknown;
    }) {
      const [, bucket = '', ...rest] = req.path.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const q = req.query ?? {};
      const body = await bodyOf(req.body);
      let op = `${req.method} ${key ? 'object' : 'bucket'}`;
      if ('uploads' in q) op = 'CreateMultipartUpload';
      else if (q.partNumber) op = 'UploadPart';
      else if (q.uploadId && req.method === 'POST') op = 'CompleteMultipartUpload';
      else if (q.uploadId && req.method === 'DELETE') op = 'AbortMultipartUpload';
      calls.push(op);
      if (!key) {
        if (req.method === 'HEAD') return buckets.has(bucket) ? reply(200) : reply(404);
        if (req.method === 'PUT') return (buckets.add(bucket), reply(200));
      }
      if (!buckets.has(bucket))
        return reply(404, xml('<Error><Code>NoSuchBucket</Code><Message>no bucket</Message></Error>'));
      const id = `${bucket}/${key}`;
      switch (op) {
        case 'CreateMultipartUpload': {
          const uploadId = `u${uploads.size + 1}`;
          uploads.set(uploadId, new Map());
          return reply(
            200,
            xml(
              `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
            ),
          );
        }
        case 'UploadPart':
          uploads.get(q.uploadId!)!.set(Number(q.partNumber), body);
          return reply(200, '', { etag: `"p${q.partNumber}"` });
        case 'CompleteMultipartUpload': {
          const parts = uploads.get(q.uploadId!)!;
          objects.set(id, Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((n) => parts.get(n)!)));
          uploads.delete(q.uploadId!);
          return reply(
            200,
            xml(
              `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`,
            ),
          );
        }
        case 'AbortMultipartUpload':
          uploads.delete(q.uploadId!);
          return reply(204);
        case 'PUT object':
          objects.set(id, body);
          return reply(200, '', { etag: '"x"' });
        case 'GET object': {
          const o = objects.get(id);
          if (!o) return reply(404, xml('<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>'));
          return reply(200, o, { 'content-type': 'application/octet-stream' });
        }
        case 'DELETE object':
          objects.delete(id);
          return reply(204);
      }
      return reply(400, xml('<Error><Code>Unsupported</Code><Message>fake</Message></Error>'));
    },
  };
  return { objects, uploads, buckets, calls, handler };
}

describe('S3 object store (SDK against an in-memory fake, no network)', () => {
  const fake = fakeS3();
  const client = createS3Client(
    { endpoint: 'http://s3.test:9000', region: 'us-east-1', accessKeyId: 'ak', secretAccessKey: 'sk' },
    { requestHandler: fake.handler as never },
  );
  const store = createS3Store({ client, bucket: 'vault', prefix: 'records/', createBucket: true });

  it('keeps the ObjectStore contract and creates its bucket on first write', async () => {
    await contract(store);
    expect(fake.buckets.has('vault')).toBe(true);
    expect(fake.calls.slice(0, 2)).toEqual(['HEAD bucket', 'PUT bucket']);
  });

  it('streams large objects as a multipart upload under the key prefix', async () => {
    const total = 11 * 1024 * 1024 + 123;
    const expected = createHash('sha256');
    for await (const c of generated(total)) expected.update(c as Buffer);
    expect(await store.put('big/one', generated(total))).toEqual({ bytes: total });
    expect(fake.calls.filter((c) => c === 'UploadPart')).toHaveLength(3);
    expect(fake.objects.has('vault/records/big/one')).toBe(true);
    const got = createHash('sha256');
    for await (const c of await store.get('big/one')) got.update(c as Buffer);
    expect(got.digest('hex')).toBe(expected.digest('hex'));
  });

  it('aborts the multipart upload when the source stream fails', async () => {
    await expect(
      store.put('big/broken', generated(20 * 1024 * 1024, 64 * 1024, 12 * 1024 * 1024)),
    ).rejects.toThrow();
    expect(fake.objects.has('vault/records/big/broken')).toBe(false);
    expect(fake.uploads.size).toBe(0);
  });
});

describe('createObjectStore', () => {
  const base = { NODE_ENV: 'test', ...TEST_SECRETS, DATA_DIR: mkdtempSync(join(tmpdir(), 'th-store-cfg-')) };
  it('defaults to DATA_DIR/files and needs a bucket for S3', () => {
    expect(createObjectStore(loadConfig(base)).kind).toBe('local');
    expect(() => createObjectStore(loadConfig({ ...base, STORAGE_DRIVER: 's3' }))).toThrow(
      /S3_BUCKET: required/,
    );
    expect(
      createObjectStore(
        loadConfig({ ...base, STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://minio:9000' }),
      ).kind,
    ).toBe('s3');
    expect(() => loadConfig({ ...base, STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
  });
});
