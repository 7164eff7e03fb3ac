import { createAiService, createJobQueue, startAiWorker } from '@telehealth/ai-worker';
import { createBusFromConfig } from '@telehealth/signaling';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { aiAuditHook, connectAiProgress } from './ai/summaries.ts';
import { createTokenService } from '@telehealth/platform/auth/tokens';
import { accountLookup, actorLookup } from './auth/users.ts';
import type { Config } from './config/index.ts';
import type { AppContext } from './context.ts';
import { createPgliteDb, createPostgresDb, migrate, type Db } from '@telehealth/platform/db/index';
import { lockDataDir } from '@telehealth/platform/db/dir-lock';
import { MIGRATIONS_DIR } from '@telehealth/platform/schema';
import { createEmailDispatcher, type EmailDispatcher } from './email/dispatcher.ts';
import { createDevMailbox, createResendTransport } from './email/transports.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { instrumentJobQueue, type InstrumentedJobQueue } from './observability/live-metrics.ts';
import { createMetrics } from './observability/metrics.ts';
import { createMemoryRateLimiter, createRedisRateLimiter } from './security/rate-limit.ts';
import { demoSignupHooks } from './modules.ts';

export interface Runtime {
  ctx: AppContext;
  /** ctx.aiJobs, with what /metrics reads from it. */
  aiJobs: InstrumentedJobQueue;
  dispatcher: EmailDispatcher;
  /** Releases everything opened by openRuntime, in reverse order. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<{ db: Db; release: () => void }> {
  // The message only: a callback's error may quote the data it was handling (PHI).
  const onAfterCommitError = (err: unknown) =>
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'after-commit callback failed');
  if (config.env.DATABASE_URL) {
    return {
      db: createPostgresDb(config.env.DATABASE_URL, {
        max: config.env.DATABASE_POOL_MAX,
        onAfterCommitError,
      }),
      release: () => {},
    };
  }
  const dir = join(config.dataDir, 'pglite');
  const release = lockDataDir(config.dataDir);
  try {
    log.info({ dir }, 'using embedded PGlite database');
    return { db: await createPgliteDb(dir, { onAfterCommitError }), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** Opens the database (migrated), Redis when configured, and the shared services every module uses. */
export async function openRuntime(
  config: Config,
  log = createLogger(config.env.LOG_LEVEL),
): Promise<Runtime> {
  const { db, release } = await openDatabase(config, log);
  const applied = await migrate(db, MIGRATIONS_DIR);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const redis = config.env.REDIS_URL
    ? new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false })
    : undefined;
  redis?.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  const metrics = createMetrics();
  // Timed for /metrics (queue depth and latency, observability/live-metrics.ts).
  const aiJobs = instrumentJobQueue(await createJobQueue({ redisUrl: config.env.REDIS_URL }));
  const ctx: AppContext = {
    config,
    db,
    log,
    metrics,
    tokens: createTokenService(config.jwtSecret, { accounts: accountLookup(db), actors: actorLookup(db) }),
    limiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    ...(redis ? { redis } : {}),
    bus: createBusFromConfig(config.env),
    ai: createAiService(config.env, { onAudit: aiAuditHook(db) }),
    aiJobs,
    now: () => new Date(),
    onUserCreated: config.seedDemo ? demoSignupHooks : [],
    jobs: [],
  };
  connectAiProgress(ctx.aiJobs, ctx.bus);
  if (config.env.AI_WORKER_INPROCESS) await startAiWorker(ctx.aiJobs, ctx.ai);
  const transport = config.env.RESEND_API_KEY
    ? createResendTransport({
        apiKey: config.env.RESEND_API_KEY,
        baseUrl: config.env.RESEND_BASE_URL,
        from: config.env.EMAIL_FROM,
      })
    : createDevMailbox();
  const dispatcher = createEmailDispatcher({ db, transport, log, metrics, pollMs: config.env.EMAIL_POLL_MS });
  return {
    ctx,
    aiJobs,
    dispatcher,
    async close() {
      await dispatcher.stop();
      await Promise.all(ctx.jobs.map((j) => j.stop()));
      await ctx.aiJobs.close();
      await ctx.ai.close();
      await ctx.bus.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await db.close();
      release();
    },
  };
}
