import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, ObjectNotFoundError, type ObjectStore } from './types.ts';

const HIGH_WATER = 64 * 1024;

/** Files under a local directory (default: DATA_DIR/files), written to a temp name then renamed. */
export function createLocalStore(root: string): ObjectStore {
  const pathOf = (key: string) => {
    assertValidKey(key);
    return join(root, key);
  };
  return {
    kind: 'local',
    async put(key, body: Readable) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${randomUUID()}.part`;
      try {
        const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600, highWaterMark: HIGH_WATER });
        await pipeline(body, out);
        // Durable before it becomes visible: a crash must not leave a short file under the real name.
        const fh = await open(tmp, 'r');
        try {
          await fh.sync();
        } finally {
          await fh.close();
        }
        const { size } = await stat(tmp);
        await rename(tmp, path);
        return { bytes: size };
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const path = pathOf(key);
      let fh;
      try {
        fh = await open(path, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(key);
        throw err;
      }
      return fh.createReadStream({ highWaterMark: HIGH_WATER });
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
