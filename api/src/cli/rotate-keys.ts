// `npm run keys:rotate`: re-wraps every file's data key under RECORDS_MASTER_KEY / RECORDS_MASTER_KEY_ID,
// unwrapping with the keys in RECORDS_PREVIOUS_KEYS. Files themselves are not re-encrypted.
import { loadConfig } from '../config/index.ts';
import { MasterKeyUnavailableError } from '../records/crypto.ts';
import { keyringFromConfig } from '../records/files.ts';
import { rotateDataKeys } from '../records/rotation.ts';
import { openRuntime } from '../runtime.ts';

const config = loadConfig();
const rt = await openRuntime(config);
try {
  const r = await rotateDataKeys(rt.ctx.db, keyringFromConfig(config));
  console.log(JSON.stringify(r));
  if (r.remaining > 0) {
    console.error(
      `${r.remaining} data key(s) still under an old master key (locked by a running upload?); run again.`,
    );
    process.exitCode = 1;
  }
} catch (err) {
  if (err instanceof MasterKeyUnavailableError)
    console.error(`${err.message}. Nothing after the failing batch was changed.`);
  else console.error(err);
  process.exitCode = 2;
} finally {
  await rt.close();
}
// Exit now: an open handle (a pool, a timer) must not keep a finished command alive.
process.exit();
