import { join } from 'node:path';
import { ConfigError, type Config } from '../config/index.ts';
import { createLocalStore } from './local.ts';
import { createS3Client, createS3Store } from './s3.ts';
import type { ObjectStore } from './types.ts';

export { ObjectNotFoundError, type ObjectStore } from './types.ts';
export { createLocalStore } from './local.ts';
export { createS3Client, createS3Store } from './s3.ts';

/** The store STORAGE_DRIVER selects: DATA_DIR/files by default, or an S3 bucket. */
export function createObjectStore(config: Config): ObjectStore {
  const env = config.env;
  if (env.STORAGE_DRIVER === 's3') {
    const missing = (['S3_BUCKET'] as const).filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when STORAGE_DRIVER=s3`));
    return createS3Store({
      client: createS3Client({
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
    });
  }
  return createLocalStore(join(config.dataDir, 'files'));
}
