// A separate process running the real API (records module) on the real PostgreSQL, so the memory
// test can measure this process's RSS alone. Prints {"url": ...} on its first stdout line.
import { createPostgresDb } from '@telehealth/platform/db/index';
import { startTestApp } from '../testing/app.ts';
import { registerRecordsRoutes } from './routes.ts';

const db = createPostgresDb(process.env.TH_MEMTEST_DB_URL!, { max: 4 });
const app = await startTestApp(db, {
  modules: [registerRecordsRoutes],
  env: { DATA_DIR: process.env.TH_MEMTEST_DATA_DIR!, UPLOAD_MAX_BYTES: String(300 * 1024 * 1024) },
});
process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop()).resume();
