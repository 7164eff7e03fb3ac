import { auth } from '$lib/auth.svelte.ts';
import { loadCapabilities } from '$lib/capabilities.svelte.ts';
import { DEPS } from './deps.ts';
import type { LayoutLoad } from './$types';

// The app renders in the browser: the access token lives only in memory, so the server has nothing
// user-specific to render. Kit still serves the shell with CSP nonces on its bootstrap script.
export const ssr = false;
export const prerender = false;

/**
 * Every load below may call the API with the access token, so the session is restored (one refresh
 * call when this browser signed in before) before any of them runs; they wait for it with `parent()`.
 * Which API features exist (`has()`) is known by then too, since some loads pick endpoints by it.
 * A session that ends invalidates DEPS.session, which reruns this and every load that awaited it.
 */
export const load: LayoutLoad = async ({ depends }) => {
  depends(DEPS.session);
  await Promise.all([auth.init(), loadCapabilities()]);
};
