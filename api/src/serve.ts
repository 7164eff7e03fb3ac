import { createServer } from 'node:http';
import { createApp } from './app.ts';
import type { Config } from './config/index.ts';
import { domainModules, domainSeeders } from './modules.ts';
import { registerLiveMetrics } from './observability/live-metrics.ts';
import type { Logger } from './observability/logger.ts';
import { startRealtime, type Realtime } from './realtime/index.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { seedDemo } from './seed/demo.ts';
import { loadWebHandler } from './web.ts';

export interface ServeOptions {
  /** Start the mediasoup workers (default true). The signaling benchmark runs without them. */
  sfu?: boolean;
  /** The raw variables the socket tier and the SFU read (default process.env; `config` came from them). */
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  /** The port the origin listens on (PORT, or the one picked for PORT=0). */
  port: number;
  rt: Runtime;
  realtime: Realtime;
  /** Graceful stop: no new connections, sockets closed with 1001, requests drained, runtime closed. */
  close(): Promise<void>;
}

/**
 * Everything `npm start` serves on one origin: the REST API and the web app (Express), the socket
 * tier, the SFU, the background jobs. main.ts adds the process concerns (config errors, signals);
 * the benchmarks and the multi-node tests start the same thing.
 */
export async function startServer(
  config: Config,
  log: Logger,
  opts: ServeOptions = {},
): Promise<RunningServer> {
  const rt = await openRuntime(config, log);
  if (config.seedDemo && (await seedDemo(rt.ctx.db, { seeders: domainSeeders })))
    log.info('seeded demo data (see README for the logins)');
  rt.dispatcher.start();

  const redis = rt.ctx.redis;
  const app = createApp(rt.ctx, {
    modules: domainModules,
    readiness: redis ? { redis: async () => void (await redis.ping()) } : {},
    fallback: await loadWebHandler(log, config.env.WEB_BUILD_DIR),
  });
  // Not listening itself: the front door (uWebSockets.js, realtime/index.ts) owns HOST:PORT, serves
  // the socket natively and hands it every other request.
  const server = createServer(app);
  const realtime = await startRealtime(rt.ctx, server, opts.env ?? process.env, { sfu: opts.sfu ?? true });
  const port = realtime.port;
  registerLiveMetrics(rt.ctx.metrics.registry, {
    signaling: () => realtime.signaling.stats(),
    ...(realtime.sfu ? { sfu: realtime.sfu } : {}),
    db: rt.ctx.db,
    aiJobs: rt.aiJobs,
  });
  log.info(
    { url: config.publicUrl, host: config.env.HOST, port, database: rt.ctx.db.kind },
    'Telehealth Hub is up',
  );
  return {
    port,
    rt,
    realtime,
    async close() {
      await realtime.close();
      await rt.close();
    },
  };
}
