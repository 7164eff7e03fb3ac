import Groq, { APIConnectionTimeoutError, APIError } from 'groq-sdk';
import { z } from 'zod';
import { normaliseBaseUrl } from '../config.ts';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type LlmErrorCode = 'timeout' | 'network' | 'http_error' | 'bad_json' | 'schema_mismatch';
export type LlmOutcome<T> =
  | { ok: true; value: T; model: string; latencyMs: number; attempts: number }
  | { ok: false; error: LlmErrorCode; status?: number; model: string; latencyMs: number; attempts: number };

export interface LlmRequest<T> {
  schema: z.ZodType<T>;
  schemaName: string;
  system: string;
  user: string | ContentPart[];
  model?: string;
}

export interface LlmClient {
  readonly model: string;
  completeJson<T>(req: LlmRequest<T>): Promise<LlmOutcome<T>>;
}

export interface LlmClientOptions {
  apiKey: string;
  baseUrl: string;
  model: string;
  timeoutMs?: number;
  /** Attempts after the first; the issue asks for exactly one. */
  retries?: number;
  responseFormat?: 'json_schema' | 'json_object';
}

/** Pulls JSON out of a reply that may be wrapped in ``` fences or prose. */
function parseJsonLoose(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    const fenced = s.match(/```(?:json)?\s*([\s\S]*?)```/);
    const body = fenced?.[1] ?? s.slice(s.indexOf('{'), s.lastIndexOf('}') + 1);
    return JSON.parse(body);
  }
}

/**
 * groq-sdk against any OpenAI-compatible server. The SDK's own retries are off: one retry here
 * covers transport failures AND unusable output (bad JSON, schema mismatch), which the SDK cannot
 * see. Auth and other 4xx errors are not retried.
 */
export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const timeoutMs = opts.timeoutMs ?? 8_000;
  const retries = opts.retries ?? 1;
  const groq = new Groq({
    apiKey: opts.apiKey,
    baseURL: normaliseBaseUrl(opts.baseUrl),
    timeout: timeoutMs,
    maxRetries: 0,
  });

  async function once<T>(
    req: LlmRequest<T>,
    model: string,
  ): Promise<
    { ok: true; value: T } | { ok: false; error: LlmErrorCode; status?: number; retryable: boolean }
  > {
    const jsonSchema = z.toJSONSchema(req.schema) as Record<string, unknown>;
    delete jsonSchema.$schema;
    try {
      const res = await groq.chat.completions.create(
        {
          model,
          temperature: 0,
          messages: [
            { role: 'system', content: req.system },
            // The SDK's user content type accepts text/image parts.
            { role: 'user', content: req.user as never },
          ],
          response_format:
            opts.responseFormat === 'json_object'
              ? { type: 'json_object' }
              : {
                  type: 'json_schema',
                  json_schema: { name: req.schemaName, schema: jsonSchema, strict: false },
                },
        },
        { timeout: timeoutMs, maxRetries: 0 },
      );
      const content = res.choices?.[0]?.message?.content ?? '';
      let parsed: unknown;
      try {
        parsed = parseJsonLoose(content);
      } catch {
        return { ok: false, error: 'bad_json', retryable: true };
      }
      const v = req.schema.safeParse(parsed);
      return v.success
        ? { ok: true, value: v.data }
        : { ok: false, error: 'schema_mismatch', retryable: true };
    } catch (e) {
      if (e instanceof APIConnectionTimeoutError) return { ok: false, error: 'timeout', retryable: true };
      if (e instanceof APIError && typeof e.status === 'number') {
        return {
          ok: false,
          error: 'http_error',
          status: e.status,
          retryable: e.status >= 500 || e.status === 429 || e.status === 408,
        };
      }
      return { ok: false, error: 'network', retryable: true };
    }
  }

  return {
    model: opts.model,
    async completeJson<T>(req: LlmRequest<T>): Promise<LlmOutcome<T>> {
      const model = req.model ?? opts.model;
      const t0 = performance.now();
      let attempts = 0;
      for (;;) {
        attempts++;
        const r = await once(req, model);
        const latencyMs = Math.round(performance.now() - t0);
        if (r.ok) return { ok: true, value: r.value, model, latencyMs, attempts };
        if (!r.retryable || attempts > retries)
          return { ok: false, error: r.error, status: r.status, model, latencyMs, attempts };
      }
    },
  };
}
