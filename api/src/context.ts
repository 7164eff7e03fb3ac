import type { AiService, JobQueue } from '@telehealth/ai-worker';
import type { Bus } from '@telehealth/signaling';
import type { Redis } from 'ioredis';
import type { Config } from './config/index.ts';
import type { Db, Queryable } from '@telehealth/platform/db/index';
import type { TokenService } from '@telehealth/platform/auth/tokens';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { RateLimiter } from './security/rate-limit.ts';

/** Runs in the transaction that creates an account (e.g. demo wallet credit). */
export type UserCreatedHook = (
  q: Queryable,
  user: { id: string; role: string; timezone: string; phone: string | null },
) => Promise<void>;

/** What every domain module is handed: dependencies are passed, never imported as singletons. */
export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  metrics: Metrics;
  tokens: TokenService;
  limiter: RateLimiter;
  redis?: Redis;
  /** Live fan-out to sockets (Redis pub/sub across nodes, in-process otherwise); announces only. */
  bus: Bus;
  /** PII redaction, triage and summaries: an LLM when configured, local rules otherwise. */
  ai: AiService;
  /** Durable AI jobs: BullMQ on Redis when configured, in-process otherwise (same interface). */
  aiJobs: JobQueue;
  now: () => Date;
  onUserCreated?: readonly UserCreatedHook[];
  /** Background jobs modules start (sweepers, reconcilers); stopped before the database closes. */
  jobs: { stop(): Promise<void> }[];
}
