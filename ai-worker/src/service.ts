import type { AiAuditEntry, AuditHook } from './audit.ts';
import { AiConfigSchema, type AiConfig } from './config.ts';
import { createLlmClient, type LlmClient } from './llm/client.ts';
import {
  SUMMARY_PROMPT_VERSION,
  SUMMARY_SYSTEM,
  TRANSCRIBE_PROMPT_VERSION,
  TRANSCRIBE_SYSTEM,
  TRIAGE_PROMPT_VERSION,
  TRIAGE_SYSTEM,
} from './llm/prompts.ts';
import { createMemoryQuota, createRedisQuota, type QuotaStore } from './quota.ts';
import { redact } from './redact/redact.ts';
import type { KnownPii, RedactionResult } from './redact/types.ts';
import { extractiveSummary } from './summarize/extractive.ts';
import { findAbnormalValues } from './summarize/labs.ts';
import { extractPdfText, isPdf } from './summarize/pdf.ts';
import { LlmSummarySchema, LlmTranscriptionSchema, type Summary } from './summarize/schema.ts';
import { PATIENT_MESSAGES, triageRules } from './triage/rules.ts';
import { loadCaseIndex } from './triage/cases.ts';
import { applyScreen } from './triage/screen.ts';
import type { CaseIndex } from './triage/similar.ts';
import {
  LlmTriageSchema,
  maxPriority,
  TriageInputSchema,
  type TriageInput,
  type TriageResult,
} from './triage/schema.ts';

export interface CallContext {
  userId?: string;
  recordId?: string;
  /** The patient's profile values: always redacted before anything leaves. */
  knownPii?: KnownPii;
  /** Other names the host knows (relatives, clinician) to redact too. */
  extraNames?: string[];
  /** Long jobs report stages here; the worker forwards them to the queue (→ socket bus). */
  onProgress?: (p: { pct: number; stage: string }) => void;
}

export type SummarizeInput =
  | { kind: 'pdf'; data: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'image'; data: Uint8Array; mimeType: string };

export type SummarizeResult =
  | { ok: true; summary: Summary }
  | { ok: false; error: 'quota_exceeded'; retryAt: string }
  | { ok: false; error: 'disabled' | 'unsupported_input' | 'no_text' };

export interface AiServiceDeps {
  onAudit?: AuditHook;
  /** Defaults to Redis when config.REDIS_URL is set, else in-memory. */
  quota?: QuotaStore;
  /** Inject a client (tests); otherwise built from config when GROQ_API_KEY is set. */
  llm?: LlmClient | null;
  now?: () => Date;
  /** Labelled descriptions for the similar-cases layer; default the shipped ones, null for rules only. */
  cases?: CaseIndex | null;
}

export interface AiService {
  readonly mode: 'llm' | 'rules';
  readonly features: { triage: boolean; summarize: boolean; imageAnalysis: boolean };
  redact(text: string, opts?: { knownPii?: KnownPii; extraNames?: string[] }): RedactionResult;
  triage(input: TriageInput, ctx?: CallContext): Promise<TriageResult>;
  summarizeReport(input: SummarizeInput | Uint8Array | string, ctx?: CallContext): Promise<SummarizeResult>;
  close(): Promise<void>;
}

/** Defence in depth: refuse to send a prompt that still contains a profile value. */
function leaksKnownPii(prompt: string, known?: KnownPii): boolean {
  if (!known) return false;
  const p = prompt.toLowerCase();
  const digits = prompt.replace(/\D/g, '');
  for (const tok of (known.name ?? '').split(/\s+/))
    if (
      tok.length >= 3 &&
      new RegExp(`\\b${tok.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(p)
    )
      return true;
  if (known.email && p.includes(known.email.toLowerCase())) return true;
  const ph = (known.phone ?? '').replace(/\D/g, '').slice(-10);
  if (ph.length >= 7 && digits.includes(ph)) return true;
  return false;
}

export function createAiService(
  configInput: Partial<AiConfig> | AiConfig,
  deps: AiServiceDeps = {},
): AiService {
  const config = AiConfigSchema.parse(configInput);
  const llm: LlmClient | null =
    deps.llm !== undefined
      ? deps.llm
      : config.GROQ_API_KEY
        ? createLlmClient({
            apiKey: config.GROQ_API_KEY,
            baseUrl: config.GROQ_BASE_URL,
            model: config.AI_MODEL,
            timeoutMs: config.AI_TIMEOUT_MS,
            responseFormat: config.AI_RESPONSE_FORMAT,
          })
        : null;
  const quota = deps.quota ?? (config.REDIS_URL ? createRedisQuota(config.REDIS_URL) : createMemoryQuota());
  const now = deps.now ?? (() => new Date());
  // Built on the first symptom check (about half a second), not at start: most hosts' tests never ask.
  let shippedCases: CaseIndex | undefined;
  const casesFor = (): CaseIndex | undefined =>
    deps.cases === null ? undefined : (deps.cases ?? (shippedCases ??= loadCaseIndex()));
  const features = {
    triage: config.AI_FEATURE_TRIAGE,
    summarize: config.AI_FEATURE_SUMMARIZE,
    imageAnalysis: config.AI_FEATURE_IMAGE_ANALYSIS && !!config.AI_VISION_MODEL,
  };

  async function audit(e: Omit<AiAuditEntry, 'at'>): Promise<void> {
    if (!deps.onAudit) return;
    try {
      await deps.onAudit({ at: now().toISOString(), ...e });
    } catch {
      // An audit sink failure must not break the patient-facing answer; the host's hook should alert.
    }
  }

  async function triage(raw: TriageInput, ctx: CallContext = {}): Promise<TriageResult> {
    const input = TriageInputSchema.parse(raw);
    const t0 = performance.now();
    const rules = applyScreen(triageRules(input, { cases: casesFor() }), input);
    const base = { operation: 'triage' as const, userId: ctx.userId ?? null, recordId: ctx.recordId ?? null };
    // Emergencies answer at once: a model can't lower them and the patient must not wait.
    if (!llm || !features.triage || rules.priority === 'emergency') {
      await audit({
        ...base,
        mode: 'rules',
        model: null,
        promptVersion: null,
        latencyMs: Math.round(performance.now() - t0),
        outcome: features.triage || !llm ? 'ok' : 'disabled',
        errorCode: null,
        attempts: 0,
        redactedEntities: 0,
      });
      return rules;
    }
    const red = redact(input.symptoms, { knownPii: ctx.knownPii, extraNames: ctx.extraNames });
    const user = JSON.stringify({
      symptoms: red.text,
      age: input.age >= 90 ? '90 or older' : input.age,
      sex: input.sex,
      durationHours: input.durationHours ?? null,
      pregnant: input.pregnant ?? null,
      vitals: input.vitals ?? null,
    });
    if (leaksKnownPii(user, ctx.knownPii)) {
      await audit({
        ...base,
        mode: 'rules',
        model: null,
        promptVersion: null,
        latencyMs: Math.round(performance.now() - t0),
        outcome: 'fallback',
        errorCode: 'pii_guard',
        attempts: 0,
        redactedEntities: red.entities.length,
      });
      return rules;
    }
    const out = await llm.completeJson({
      schema: LlmTriageSchema,
      schemaName: 'triage',
      system: TRIAGE_SYSTEM,
      user,
    });
    const common = {
      ...base,
      model: out.model,
      promptVersion: TRIAGE_PROMPT_VERSION,
      latencyMs: Math.round(performance.now() - t0),
      attempts: out.attempts,
      redactedEntities: red.entities.length,
    };
    if (!out.ok) {
      await audit({ ...common, mode: 'rules', outcome: 'fallback', errorCode: out.error });
      return rules;
    }
    // The model can only raise: the final priority is the higher of the two, the red flags and the
    // safety net's cue codes stay, and an emergency never reaches this point (answered above).
    const priority = maxPriority(rules.priority, out.value.priority);
    const m = PATIENT_MESSAGES[priority];
    await audit({ ...common, mode: 'llm', outcome: 'ok', errorCode: null });
    return {
      priority,
      reasons: [...rules.redFlags.map((f) => f.label), ...out.value.reasons],
      redFlags: rules.redFlags,
      suggestedSpecialty: priority === 'emergency' ? 'emergency_medicine' : out.value.suggestedSpecialty,
      confidence: out.value.confidence,
      source: 'llm',
      promptVersion: TRIAGE_PROMPT_VERSION,
      disclaimer: rules.disclaimer,
      action: m.action,
      patientMessage: m.message,
      ...(rules.unmatchedSeverityCues ? { unmatchedSeverityCues: rules.unmatchedSeverityCues } : {}),
    };
  }

  async function summarizeReport(
    rawInput: SummarizeInput | Uint8Array | string,
    ctx: CallContext = {},
  ): Promise<SummarizeResult> {
    const t0 = performance.now();
    const input: SummarizeInput =
      typeof rawInput === 'string'
        ? { kind: 'text', text: rawInput }
        : rawInput instanceof Uint8Array
          ? isPdf(rawInput)
            ? { kind: 'pdf', data: rawInput }
            : { kind: 'text', text: Buffer.from(rawInput).toString('utf8') }
          : rawInput;
    const base = {
      operation: 'summarize' as const,
      userId: ctx.userId ?? null,
      recordId: ctx.recordId ?? null,
    };
    const elapsed = () => Math.round(performance.now() - t0);
    const progress = (pct: number, stage: string) => ctx.onProgress?.({ pct, stage });
    if (!features.summarize) {
      await audit({
        ...base,
        mode: 'extractive',
        model: null,
        promptVersion: null,
        latencyMs: 0,
        outcome: 'disabled',
        errorCode: null,
        attempts: 0,
        redactedEntities: 0,
      });
      return { ok: false, error: 'disabled' };
    }
    if (ctx.userId) {
      const q = await quota.take(
        `summarize:${ctx.userId}`,
        config.AI_SUMMARY_QUOTA_PER_HOUR,
        3_600_000,
        now().getTime(),
      );
      if (!q.allowed) {
        await audit({
          ...base,
          mode: 'extractive',
          model: null,
          promptVersion: null,
          latencyMs: elapsed(),
          outcome: 'quota_exceeded',
          errorCode: null,
          attempts: 0,
          redactedEntities: 0,
        });
        return { ok: false, error: 'quota_exceeded', retryAt: new Date(q.resetAt).toISOString() };
      }
    }
    progress(10, 'extracting');
    let text: string;
    let transcriptionConfidence = 1;
    if (input.kind === 'text') text = input.text;
    else if (input.kind === 'pdf') {
      const pdf = await extractPdfText(input.data);
      text = pdf.text;
      transcriptionConfidence = pdf.confidence;
    } else {
      // Images need a multimodal model; the pixels themselves cannot be redacted beforehand, so
      // this path only runs when the operator turned AI_FEATURE_IMAGE_ANALYSIS on.
      if (!features.imageAnalysis || !llm) {
        await audit({
          ...base,
          operation: 'image_transcription',
          mode: 'extractive',
          model: null,
          promptVersion: null,
          latencyMs: elapsed(),
          outcome: 'disabled',
          errorCode: 'no_vision_model',
          attempts: 0,
          redactedEntities: 0,
        });
        return { ok: false, error: 'unsupported_input' };
      }
      const url = `data:${input.mimeType};base64,${Buffer.from(input.data).toString('base64')}`;
      const tr = await llm.completeJson({
        schema: LlmTranscriptionSchema,
        schemaName: 'transcription',
        system: TRANSCRIBE_SYSTEM,
        user: [
          { type: 'text', text: 'Transcribe this report.' },
          { type: 'image_url', image_url: { url } },
        ],
        model: config.AI_VISION_MODEL,
      });
      await audit({
        ...base,
        operation: 'image_transcription',
        mode: 'llm',
        model: tr.model,
        promptVersion: TRANSCRIBE_PROMPT_VERSION,
        latencyMs: tr.latencyMs,
        outcome: tr.ok ? 'ok' : 'error',
        errorCode: tr.ok ? null : tr.error,
        attempts: tr.attempts,
        redactedEntities: 0,
      });
      if (!tr.ok) return { ok: false, error: 'no_text' };
      text = tr.value.text;
      transcriptionConfidence = tr.value.confidence;
    }
    if (!text.trim()) {
      await audit({
        ...base,
        mode: 'extractive',
        model: null,
        promptVersion: null,
        latencyMs: elapsed(),
        outcome: 'error',
        errorCode: 'no_text',
        attempts: 0,
        redactedEntities: 0,
      });
      return { ok: false, error: 'no_text' };
    }
    progress(35, 'redacting');
    const red = redact(text, { knownPii: ctx.knownPii, extraNames: ctx.extraNames });
    const local = extractiveSummary(red.text, transcriptionConfidence);
    if (!llm || leaksKnownPii(red.text, ctx.knownPii)) {
      progress(100, 'done');
      await audit({
        ...base,
        mode: 'extractive',
        model: null,
        promptVersion: null,
        latencyMs: elapsed(),
        outcome: llm ? 'fallback' : 'ok',
        errorCode: llm ? 'pii_guard' : null,
        attempts: 0,
        redactedEntities: red.entities.length,
      });
      return { ok: true, summary: local };
    }
    progress(60, 'summarizing');
    const out = await llm.completeJson({
      schema: LlmSummarySchema,
      schemaName: 'report_summary',
      system: SUMMARY_SYSTEM,
      user: red.text.slice(0, 60_000),
    });
    progress(100, 'done');
    if (!out.ok) {
      await audit({
        ...base,
        mode: 'extractive',
        model: out.model,
        promptVersion: SUMMARY_PROMPT_VERSION,
        latencyMs: elapsed(),
        outcome: 'fallback',
        errorCode: out.error,
        attempts: out.attempts,
        redactedEntities: red.entities.length,
      });
      return { ok: true, summary: local };
    }
    await audit({
      ...base,
      mode: 'llm',
      model: out.model,
      promptVersion: SUMMARY_PROMPT_VERSION,
      latencyMs: elapsed(),
      outcome: 'ok',
      errorCode: null,
      attempts: out.attempts,
      redactedEntities: red.entities.length,
    });
    // Values the rules found against printed ranges are kept even if the model missed them.
    const seen = new Set(out.value.abnormalValues.map((a) => a.name.toLowerCase()));
    const extra = findAbnormalValues(red.text).abnormal.filter((a) => !seen.has(a.name.toLowerCase()));
    return {
      ok: true,
      summary: {
        summary: out.value.summary,
        keyFindings: out.value.keyFindings,
        abnormalValues: [
          ...out.value.abnormalValues.map((a) => ({
            ...a,
            unit: a.unit ?? null,
            referenceRange: a.referenceRange ?? null,
          })),
          ...extra,
        ],
        followUpNeeded: out.value.followUpNeeded || extra.length > 0,
        transcriptionConfidence,
        promptVersion: SUMMARY_PROMPT_VERSION,
        source: 'llm',
      },
    };
  }

  return {
    mode: llm ? 'llm' : 'rules',
    features,
    redact: (text, opts) => redact(text, opts),
    triage,
    summarizeReport,
    close: () => quota.close(),
  };
}
