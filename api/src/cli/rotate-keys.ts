// `npm run keys:rotate`: re-wraps every file's and health profile's data key under RECORDS_MASTER_KEY /
// RECORDS_MASTER_KEY_ID, unwrapping with the keys in RECORDS_PREVIOUS_KEYS. Nothing is re-encrypted.
import { loadConfig } from '../config/index.ts';
import { MasterKeyUnavailableError } from '../records/crypto.ts';
import { keyringFromConfig } from '../records/files.ts';
import { rotateProfileKeys } from '../profile/rotation.ts';
import { rotateDataKeys } from '../records/rotation.ts';
import { openRuntime } from '../runtime.ts';

const config = loadConfig();
const rt = await openRuntime(config);
try {
  const ring = keyringFromConfig(config);
  const r = await rotateDataKeys(rt.ctx.db, ring);
  const profiles = await rotateProfileKeys(rt.ctx.db, ring);
  console.log(JSON.stringify({ ...r, profiles }));
  const remaining = r.remaining + profiles.remaining;
  if (remaining > 0) {
    console.error(
      `${remaining} data key(s) still under an old master key (locked by a running upload or save?); run again.`,
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
