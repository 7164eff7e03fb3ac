import type { ErrorCode } from './protocol.ts';

/** A request failure the client is told about (code + safe message, never PHI). */
export class SignalingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

/** What a log line may say about a caught error: its message only (payloads may carry PHI). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
