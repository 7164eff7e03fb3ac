import { AiConfigSchema } from '@telehealth/ai-worker/config';
import { SignalingConfigSchema } from '@telehealth/signaling/config';
import { z } from 'zod';
import { TrustProxySchema } from './trust-proxy.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

/**
 * Every environment variable the platform reads, in one place. Each workspace's own options are
 * derived from this parse; nothing else reads process.env.
 */
const CoreEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  // Where the web app's build lives, relative to web/ (its `npm run build` honours the same variable).
  WEB_BUILD_DIR: z.string().min(1).default('build'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  JWT_SECRET: secret(32).optional(),
  RECORDS_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes, base64 (openssl rand -base64 32)')
    .optional(),
  RECORDS_MASTER_KEY_ID: z.string().min(1).default('k1'),
  // Retired master keys still needed to unwrap data keys until `npm run keys:rotate`: "id:base64,id:base64".
  RECORDS_PREVIOUS_KEYS: z
    .string()
    .regex(/^[\w.-]+:[A-Za-z0-9+/]{43}=(,[\w.-]+:[A-Za-z0-9+/]{43}=)*$/, 'must be id:base64[,id:base64...]')
    .optional(),
  EMERGENCY_ACCESS_HOURS: z.coerce.number().int().min(1).max(24).default(4),
  EMERGENCY_ACCESS_DAILY_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  ADMIN_BREAK_GLASS_MINUTES: z.coerce.number().int().min(5).max(240).default(60),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(52_428_800),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  S3_PREFIX: z
    .string()
    .regex(/^([a-z0-9][a-z0-9_-]*\/)*$/, 'must end with /')
    .default(''),
  COOKIE_SECURE: bool.optional(),
  // Whose X-Forwarded-For is believed (per-IP limits, audit IPs): nobody unless set (see trust-proxy.ts).
  TRUST_PROXY: TrustProxySchema,
  // Bearer token for GET /metrics; without it /metrics is open outside production and off in production.
  METRICS_TOKEN: secret(16).optional(),
  SEED_DEMO: bool.optional(),
  EMAIL_FROM: z.string().default('Telehealth Hub <no-reply@telehealth.local>'),
  RESEND_API_KEY: z.string().min(1).optional(),
  // Production without RESEND_API_KEY refuses to start unless this is true: the dev mailbox is admin-readable.
  EMAIL_ALLOW_DEV_MAILBOX: bool.default(false),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** Consume AI jobs in this process; false when separate `npm start -w ai-worker` processes do. */
  AI_WORKER_INPROCESS: bool.default(true),
  OTP_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  BOOKING_FULL_REFUND_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  BOOKING_LATE_REFUND_PERCENT: z.coerce.number().int().min(0).max(100).default(50),
  BOOKING_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  BOOKING_SWEEP_MS: z.coerce.number().int().min(1000).default(60_000),
  // A booked visit's call window: the patient may join this many minutes before the start, the doctor
  // that many, and the room stays open CALL_GRACE_MINUTES after the end (then the visit is completed
  // or a no-show). Browser tests shorten them to reach a call minutes after booking.
  CALL_PATIENT_EARLY_MINUTES: z.coerce.number().int().min(0).max(120).default(10),
  CALL_DOCTOR_EARLY_MINUTES: z.coerce.number().int().min(0).max(240).default(30),
  CALL_GRACE_MINUTES: z.coerce.number().int().min(0).max(240).default(60),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_BASE: z.url().optional(),
  RAZORPAY_KEY_ID: z.string().min(1).optional(),
  RAZORPAY_KEY_SECRET: z.string().min(1).optional(),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(1).optional(),
  RAZORPAY_API_BASE: z.url().optional(),
  PAYMENT_RAZORPAY_CURRENCIES: z
    .string()
    .default('INR')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  PAYMENT_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  PAYMENT_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // Where cancellation refunds go (the amount is booking's, BOOKING_*_REFUND_*): 'original' = wallet part to the wallet, card part to the card.
  PAYMENT_REFUND_DESTINATION: z.enum(['original', 'wallet']).default('original'),
});

/** The SFU's variables (sfu/src/config.ts turns them into its options and checks the rest). */
const SfuEnvSchema = z.object({
  SFU_WORKERS: z.coerce.number().int().min(1).max(128).optional(),
  SFU_LISTEN_IP: z.string().min(1).optional(),
  SFU_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  SFU_RTC_PORT_BASE: z.coerce.number().int().min(0).max(65000).optional(),
  // The published UDP+TCP range (compose publishes the same variable): worker i uses first+i.
  SFU_RTC_PORTS: z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, 'must be first-last, e.g. 40000-40003')
    .optional(),
  SFU_MAX_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).optional(),
  SFU_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).optional(),
  SFU_LOG_LEVEL: z.enum(['debug', 'warn', 'error', 'none']).optional(),
  TURN_URLS: z
    .string()
    .regex(/^turns?:/, 'must be turn: or turns: URLs, comma-separated')
    .optional(),
  // coturn's static-auth-secret: per-call credentials (TURN REST API), never a password in the browser.
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_CREDENTIAL_TTL_S: z.coerce.number().int().min(60).max(86_400).optional(),
  // Refused by sfuDeploymentProblems (static passwords); declared so the message can name them.
  TURN_USERNAME: z.string().min(1).optional(),
  TURN_CREDENTIAL: z.string().min(1).optional(),
  MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
});

/** The workspaces' own variables join the core ones, so one parse at boot validates everything. */
export const EnvSchema = CoreEnvSchema.extend(SignalingConfigSchema.shape)
  .extend(SfuEnvSchema.shape)
  .extend(AiConfigSchema.shape);

export type Env = z.infer<typeof EnvSchema>;
