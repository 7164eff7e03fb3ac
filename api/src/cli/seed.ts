// `npm run seed`: replaces the demo accounts and their data in the configured database.
import { loadConfig } from '../config/index.ts';
import { openRuntime } from '../runtime.ts';
import { seedDemo } from '../seed/demo.ts';
import { domainSeeders } from '../modules.ts';

const rt = await openRuntime(loadConfig());
try {
  const ids = await seedDemo(rt.ctx.db, { force: true, seeders: domainSeeders });
  console.log(
    JSON.stringify({ seeded: true, doctors: ids?.doctorIds.length, patients: ids?.patientIds.length }),
  );
} finally {
  await rt.close();
}
