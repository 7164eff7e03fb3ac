/**
 * One entry per AI call, handed to the host's hook (which persists it). Deliberately holds no
 * prompt, input text or output text: only who, what record, which model, how long, what happened.
 */
export interface AiAuditEntry {
  at: string;
  operation: 'triage' | 'summarize' | 'image_transcription';
  userId: string | null;
  recordId: string | null;
  mode: 'llm' | 'rules' | 'extractive';
  model: string | null;
  promptVersion: string | null;
  latencyMs: number;
  outcome: 'ok' | 'fallback' | 'quota_exceeded' | 'disabled' | 'error';
  /** For fallbacks/errors: timeout, bad_json, schema_mismatch, http_error, network, no_text, … */
  errorCode: string | null;
  attempts: number;
  /** Count and types of entities redacted before the call (no values). */
  redactedEntities: number;
}

export type AuditHook = (entry: AiAuditEntry) => void | Promise<void>;
