import { createAiService, createJobQueue, startAiWorker } from '@telehealth/ai-worker';
import { createMemoryBus } from '@telehealth/signaling';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { aiAuditHook } from '../ai/summaries.ts';
import { createApp, type AppOptions } from '../app.ts';
import { createTokenService } from '@telehealth/platform/auth/tokens';
import { accountLookup, actorLookup } from '../auth/users.ts';
import { loadConfig } from '../config/index.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '@telehealth/platform/db/index';
import { createEmailDispatcher } from '../email/dispatcher.ts';
import { createDevMailbox, type MailTransport } from '../email/transports.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../security/rate-limit.ts';

export interface TestApp {
  url: string;
  ctx: AppContext;
  /** Delivers every pending email now (the dev mailbox unless a transport was given). */
  flushEmails(): Promise<number>;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  JWT_SECRET: 'test-secret-test-secret-test-secret-42',
  RECORDS_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** The real app on a random port over the given database, with the dev mailbox. */
export async function startTestApp(
  db: Db,
  opts: AppOptions & {
    env?: Record<string, string>;
    limiter?: RateLimiter;
    transport?: MailTransport;
    onUserCreated?: AppContext['onUserCreated'];
    /** Another AI queue (BullMQ on Redis); without `aiWorker: false` the app also consumes it. */
    aiJobs?: AppContext['aiJobs'];
    aiWorker?: boolean;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...TEST_SECRETS, ...opts.env });
  const ctx: AppContext = {
    config,
    db,
    log: createLogger('silent'),
    metrics: createMetrics(),
    tokens: createTokenService(config.jwtSecret, { accounts: accountLookup(db), actors: actorLookup(db) }),
    limiter: opts.limiter ?? createMemoryRateLimiter(),
    bus: createMemoryBus(),
    ai: createAiService(config.env, { llm: null, onAudit: aiAuditHook(db) }),
    aiJobs: opts.aiJobs ?? (await createJobQueue()),
    now: () => new Date(),
    ...(opts.onUserCreated ? { onUserCreated: opts.onUserCreated } : {}),
    jobs: [],
  };
  if (opts.aiWorker !== false) await startAiWorker(ctx.aiJobs, ctx.ai);
  const app = createApp(ctx, opts);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const dispatcher = createEmailDispatcher({
    db,
    transport: opts.transport ?? createDevMailbox(),
    log: ctx.log,
    pollMs: 1000,
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ctx,
    flushEmails: () => dispatcher.drainOnce(),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(ctx.jobs.map((j) => j.stop()));
      await ctx.aiJobs.close();
      await ctx.ai.close();
      await ctx.bus.close();
    },
  };
}
