import type { Handle } from '@sveltejs/kit';
import { socketOrigin, withConnectSources } from '$lib/server/csp.ts';

// The same default as the API's config (api/src/config): PUBLIC_URL, else localhost on PORT.
const SOCKET_ORIGIN = socketOrigin(
  process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || '3000'}`,
);

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const policy = response.headers.get('content-security-policy');
  if (!policy || !SOCKET_ORIGIN) return response;
  // A copy of the headers: a response's own may be immutable.
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', withConnectSources(policy, [SOCKET_ORIGIN]));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
