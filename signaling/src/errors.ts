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

export function pgErrorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}
export const UNIQUE_VIOLATION = '23505';

/** What a log line may say about a caught error: its message only (payloads may carry PHI). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
