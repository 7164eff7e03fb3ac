import { z } from 'zod';

// Strings from the environment, or booleans from an already-parsed config (parse is idempotent).
const bool = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
]);

/**
 * The AI worker's environment. The host parses process.env (or its own merged env) with this
 * schema and passes the result to `createAiService` / `startAiWorker`; nothing in ai-worker reads
 * process.env except the standalone entry points (CLI, main.ts).
 */
export const AiConfigSchema = z.object({
  /** No key → local rules/extractive modes answer, the app still starts. */
  GROQ_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined)),
  /**
   * Root of any OpenAI-compatible server. groq-sdk appends `/openai/v1/chat/completions` itself,
   * so a trailing `/openai/v1` given here is stripped (see `normaliseBaseUrl`).
   */
  GROQ_BASE_URL: z.url().default('https://api.groq.com'),
  AI_MODEL: z.string().min(1).default('llama-3.3-70b-versatile'),
  /** Multimodal model for report images; image analysis stays off without it. */
  AI_VISION_MODEL: z.string().min(1).optional(),
  /** `json_schema` (strict structured outputs) or `json_object` for servers without it. */
  AI_RESPONSE_FORMAT: z.enum(['json_schema', 'json_object']).default('json_schema'),
  AI_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(8_000),
  AI_FEATURE_TRIAGE: bool.default(true),
  AI_FEATURE_SUMMARIZE: bool.default(true),
  AI_FEATURE_IMAGE_ANALYSIS: bool.default(false),
  AI_SUMMARY_QUOTA_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
});

export type AiConfig = z.infer<typeof AiConfigSchema>;

/** Parses an env-like record; unknown keys are ignored so the host can pass its whole env. */
export function loadAiConfig(env: Record<string, string | undefined>): AiConfig {
  return AiConfigSchema.parse(env);
}

/** groq-sdk adds `/openai/v1/...`; accept both `https://host` and `https://host/openai/v1`. */
export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/openai\/v1$/, '');
}
