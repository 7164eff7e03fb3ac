import type { KnownPii } from '../redact/types.ts';
import { createAiService, type SummarizeInput, type SummarizeResult } from '../service.ts';
import type { LlmClient } from '../llm/client.ts';

/**
 * One-off summary without a long-lived service (no quota, no audit): PDF bytes or text in, redacted
 * summary out. With `llm` it uses the model, otherwise the extractive local mode. The host should
 * normally call `createAiService(...).summarizeReport` instead, which adds quota and audit.
 */
export async function summarizeReport(
  input: Uint8Array | string | SummarizeInput,
  opts: { knownPii?: KnownPii; llm?: LlmClient | null } = {},
): Promise<SummarizeResult> {
  const ai = createAiService({}, { llm: opts.llm ?? null });
  try {
    return await ai.summarizeReport(input, { knownPii: opts.knownPii });
  } finally {
    await ai.close();
  }
}
