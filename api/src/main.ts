import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { DataDirLockedError } from './db/dir-lock.ts';
import { domainModules, domainSeeders } from './modules.ts';
import { createLogger } from './observability/logger.ts';
import { startRealtime } from './realtime/index.ts';
import { openRuntime } from './runtime.ts';
import { seedDemo } from './seed/demo.ts';
import { loadWebHandler } from './web.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger(config.env.LOG_LEVEL);
  let rt;
  try {
    rt = await openRuntime(config, log);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(75);
    }
    throw err;
  }
  if (config.seedDemo && (await seedDemo(rt.ctx.db, { seeders: domainSeeders })))
    log.info('seeded demo data (see README for the logins)');
  rt.dispatcher.start();

  const redis = rt.ctx.redis;
  const app = createApp(rt.ctx, {
    modules: domainModules,
    readiness: redis ? { redis: async () => void (await redis.ping()) } : {},
    fallback: await loadWebHandler(log),
  });
  const server: Server = app.listen(config.env.PORT, config.env.HOST, () => {
    log.info(
      { url: config.publicUrl, host: config.env.HOST, port: config.env.PORT, database: rt.ctx.db.kind },
      'Telehealth Hub is up',
    );
  });

  const realtime = await startRealtime(rt.ctx, server);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: no new connections, draining requests');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    server.closeIdleConnections();
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    await realtime.close();
    await httpClosed;
    await rt.close();
    log.info('bye');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
