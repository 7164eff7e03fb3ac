// `npm run audit:verify`: walks the audit hash chain and reports the first broken link.
// Exit 0 when intact, 1 when broken (the JSON on stdout names the entry), 2 on error. Read-only.
import { verifyAuditChain } from '../audit/index.ts';
import { loadConfig } from '../config/index.ts';
import { openRuntime } from '../runtime.ts';

const rt = await openRuntime(loadConfig());
try {
  const r = await verifyAuditChain(rt.ctx.db);
  console.log(JSON.stringify(r));
  if (!r.ok) {
    const b = r.firstBroken!;
    console.error(
      `Audit chain broken at entry #${b.seq}${b.id ? ` (${b.id})` : ''}: ${b.problem.replace(/_/g, ' ')}.`,
    );
    process.exitCode = 1;
  } else console.error(`Audit chain intact: ${r.checked} entries verified.`);
} catch (err) {
  console.error(err);
  process.exitCode = 2;
} finally {
  await rt.close();
}
// Exit now: an open handle (a pool, a timer) must not keep a finished command alive.
process.exit();
