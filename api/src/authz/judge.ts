import type { HttpExpect, SocketExpect } from './types.ts';

/** Socket errors that mean "not yours": an `allow` row must not get one. */
const SOCKET_DENIALS: ReadonlySet<string> = new Set([
  'unauthorized',
  'forbidden',
  'not_found',
  'not_subscribed',
]);

export const describeHttp = (e: HttpExpect): string =>
  typeof e === 'object' ? `${e.status}${e.code ? ` ${e.code}` : ''}` : String(e);

/**
 * Whether an HTTP answer matches the row. `seen` is whether the object is in a 2xx answer
 * (undefined when the row does not say how to tell). A 5xx matches only a row that names its
 * status and code (a deliberate "not configured here"): a crash is never a denial.
 */
export function judgeHttp(
  expect: HttpExpect,
  got: { status: number; code?: string | undefined; seen?: boolean | undefined },
): boolean {
  const { status } = got;
  if (status >= 500 && !(typeof expect === 'object' && expect.code)) return false;
  const success = status >= 200 && status < 400;
  switch (expect) {
    case 'ok':
      return success && got.seen !== false;
    case 'filtered':
      return success && got.seen === false;
    case 'allow':
      return status !== 401 && status !== 403 && status !== 404;
    case 401:
    case 403:
    case 404:
      return status === expect;
    default:
      return status === expect.status && (expect.code === undefined || got.code === expect.code);
  }
}

/** Whether a socket answer (an ack, or an error with its code) matches the row. */
export function judgeSocket(
  expect: SocketExpect,
  got: { ok: true; seen?: boolean | undefined } | { ok: false; code: string },
): boolean {
  switch (expect) {
    case 'ok':
      return got.ok && got.seen !== false;
    case 'filtered':
      return got.ok && got.seen === false;
    case 'allow':
      return got.ok || (!SOCKET_DENIALS.has(got.code) && got.code !== 'internal');
    default:
      return !got.ok && got.code === expect;
  }
}
