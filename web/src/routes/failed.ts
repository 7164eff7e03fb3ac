import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/api.ts';

/**
 * For `api.get(...).catch(failed)` in a load: an API error becomes kit's `error()` with the API's
 * status, code and message, so +error.svelte can show it (a network failure, status 0, as 503).
 * Anything else is a bug and stays an unexpected error.
 */
export function failed(err: unknown): never {
  if (err instanceof ApiError) error(err.status || 503, { code: err.code, message: err.message });
  throw err;
}

/**
 * Like `failed`, but a missing resource (404, or 400 for an id that is not one) is shown with the
 * page's own words ("This doctor could not be found.", and a `detail` line) instead of the API's.
 */
export const missing =
  (message: string, detail?: string) =>
  (err: unknown): never => {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400))
      error(404, { code: 'NOT_FOUND', message, ...(detail ? { detail } : {}) });
    return failed(err);
  };
