import { join } from 'node:path';
import { ConfigError, type Config } from '../config/index.ts';
import { createLocalStore } from './local.ts';
import type { ObjectStore } from './types.ts';

export { ObjectNotFoundError, type ObjectStore } from './types.ts';
export { createLocalStore } from './local.ts';

/**
 * The store STORAGE_DRIVER selects: DATA_DIR/files by default, or an S3 bucket. The AWS SDK is only
 * loaded (on first use) when the S3 driver is selected.
 */
export function createObjectStore(config: Config): ObjectStore {
  const env = config.env;
  if (env.STORAGE_DRIVER === 's3') {
    if (!env.S3_BUCKET) throw new ConfigError(['S3_BUCKET: required when STORAGE_DRIVER=s3']);
    let store: Promise<ObjectStore> | undefined;
    const s3 = () =>
      (store ??= import('./s3.ts').then((m) =>
        m.createS3Store({
          client: m.createS3Client({
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
          }),
          bucket: env.S3_BUCKET!,
          prefix: env.S3_PREFIX,
          // A self-hosted endpoint (MinIO) gets its bucket created on first use; on AWS it is provisioned.
          createBucket: Boolean(env.S3_ENDPOINT),
        }),
      ));
    return {
      kind: 's3',
      put: async (key, body) => (await s3()).put(key, body),
      get: async (key) => (await s3()).get(key),
      delete: async (key) => (await s3()).delete(key),
    };
  }
  return createLocalStore(join(config.dataDir, 'files'));
}
