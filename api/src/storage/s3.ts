import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform } from 'node:stream';
import { assertValidKey, ObjectNotFoundError, type ObjectStore } from './types.ts';

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix inside the bucket, e.g. `records/`. */
  prefix?: string;
  /** Multipart part size (S3 minimum 5 MiB); memory per upload is about partSize × (queueSize + 1). */
  partSize?: number;
  queueSize?: number;
  /** Create the bucket on first write when it does not exist (self-hosted MinIO). */
  createBucket?: boolean;
}

export interface S3Settings {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}

/**
 * A client for AWS S3 or an S3-compatible store (MinIO). Checksums only when an operation requires
 * them: flexible-checksum trailers are not understood by every S3-compatible server.
 */
export function createS3Client(s: S3Settings, extra: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle ?? Boolean(s.endpoint),
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...extra,
  });
}

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** Streams to S3 with a multipart upload (lib-storage) and back with GetObject. */
export function createS3Store(o: S3StoreOptions): ObjectStore {
  const prefix = o.prefix ?? '';
  let bucketReady: Promise<void> | undefined;
  const ensureBucket = () =>
    (bucketReady ??= (async () => {
      try {
        await o.client.send(new HeadBucketCommand({ Bucket: o.bucket }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await o.client.send(new CreateBucketCommand({ Bucket: o.bucket }));
      }
    })().catch((err) => {
      bucketReady = undefined;
      throw err;
    }));
  const fullKey = (key: string) => {
    assertValidKey(key);
    return `${prefix}${key}`;
  };
  return {
    kind: 's3',
    async put(key, body) {
      if (o.createBucket) await ensureBucket();
      let bytes = 0;
      const counted = body.pipe(
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            bytes += chunk.length;
            cb(null, chunk);
          },
        }),
      );
      body.once('error', (err) => counted.destroy(err));
      const upload = new Upload({
        client: o.client,
        params: {
          Bucket: o.bucket,
          Key: fullKey(key),
          Body: counted,
          ContentType: 'application/octet-stream',
        },
        partSize: o.partSize ?? 5 * 1024 * 1024,
        queueSize: o.queueSize ?? 2,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (err) {
        body.destroy();
        throw err;
      }
      return { bytes };
    },
    async get(key) {
      try {
        const r = await o.client.send(new GetObjectCommand({ Bucket: o.bucket, Key: fullKey(key) }));
        if (!(r.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
        return r.Body;
      } catch (err) {
        if (isNotFound(err)) throw new ObjectNotFoundError(key);
        throw err;
      }
    },
    async delete(key) {
      await o.client.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: fullKey(key) }));
    },
  };
}
