import type { SfuErrorCode, SfuResult } from './types.ts';

export const ok = <T>(value: T): SfuResult<T> => ({ ok: true, value });

export const fail = <T = never>(code: SfuErrorCode, message: string): SfuResult<T> => ({
  ok: false,
  code,
  message,
});

export const OK_VOID: SfuResult<void> = { ok: true, value: undefined };

/** The answer to every call on a session that left, was replaced or lost its room's router. */
export const peerClosed = <T = never>(): SfuResult<T> =>
  fail('peer-closed', 'peer session is closed; join again');
