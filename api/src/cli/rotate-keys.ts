// `npm run keys:rotate`: re-wraps every file's data key under RECORDS_MASTER_KEY / RECORDS_MASTER_KEY_ID,
// unwrapping with the keys in RECORDS_PREVIOUS_KEYS. Files themselves are not re-encrypted.
import { loadConfig } from '../config/index.ts';
import { MasterKeyUnavailableError } from '../records/crypto.ts';
import { keyringFromConfig } from '../records/files.ts';
import { rotateDataKeys } from '../records/rotation.ts';
import { openRuntime } from '../runtime.ts';

const config = loadConfig();
const rt = await openRuntime(config);
let code = 0;
try {
  const r = await rotateDataKeys(rt.ctx.db, keyringFromConfig(config));
  console.log(JSON.stringify(r));
  if (r.remaining > 0) {
    console.error(
      `${r.remaining} data key(s) still under an old master key (locked by a running upload?); run again.`,
    );
    code = 1;
  }
} catch (err) {
  if (err instanceof MasterKeyUnavailableError)
    console.error(`${err.message}. Nothing after the failing batch was changed.`);
  else console.error(err);
  code = 2;
} finally {
  await rt.close();
}
process.exit(code);
