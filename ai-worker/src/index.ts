// Public API of @telehealth/ai-worker for the host (api/) process.
export { AiConfigSchema, loadAiConfig, normaliseBaseUrl, type AiConfig } from './config.ts';
export { redact } from './redact/redact.ts';
export {
  PII_TYPES,
  KnownPiiSchema,
  type KnownPii,
  type PiiType,
  type RedactedEntity,
  type RedactionResult,
  type RedactOptions,
} from './redact/types.ts';
export { triageRules as triage, detectRedFlags, queueLaneFor, RED_FLAG_RULES } from './triage/rules.ts';
export {
  TriageInputSchema,
  TriageResultSchema,
  PrioritySchema,
  SpecialtySchema,
  DISCLAIMER,
  type TriageInput,
  type TriageResult,
  type Priority,
  type Specialty,
  type RedFlag,
} from './triage/schema.ts';
export {
  applyScreen,
  localiseScreen,
  screenActionText,
  screenFindings,
  selectScreenQuestions,
  type LocalisedScreenQuestion,
  type ScreenQuestion,
  type ScreenSubject,
} from './triage/screen.ts';
export {
  SCREEN_ANSWERS,
  SCREEN_CODES,
  SCREEN_LANGS,
  SCREEN_QUESTIONS,
  ScreenAnswersSchema,
  type ScreenAnswer,
  type ScreenAnswers,
  type ScreenCode,
  type ScreenLang,
} from './triage/screen-questions.ts';
export { recordOverride, TriageOverrideSchema, type TriageOverride } from './triage/override.ts';
export { summarizeReport } from './summarize/index.ts';
export { SummarySchema, AbnormalValueSchema, type Summary, type AbnormalValue } from './summarize/schema.ts';
export { extractPdfText } from './summarize/pdf.ts';
export {
  createAiService,
  type AiService,
  type AiServiceDeps,
  type CallContext,
  type SummarizeInput,
  type SummarizeResult,
} from './service.ts';
export { createLlmClient, type LlmClient, type LlmOutcome } from './llm/client.ts';
export { TRIAGE_PROMPT_VERSION, SUMMARY_PROMPT_VERSION } from './llm/prompts.ts';
export { createJobQueue } from './queue/index.ts';
export type { JobQueue, JobProgress, JobContext, AiJobName, AddOptions } from './queue/types.ts';
export { startAiWorker, JOB_PRIORITY, type TriageJobData, type SummarizeJobData } from './worker.ts';
export { createMemoryQuota, createRedisQuota, type QuotaStore } from './quota.ts';
export type { AiAuditEntry, AuditHook } from './audit.ts';
