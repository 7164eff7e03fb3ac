/**
 * Which API features this server has (booking, payments, records...), read from the OpenAPI document.
 * Domains land independently, so navigation and pages show what the server can actually do.
 */
export const capabilities = $state({ loaded: false, paths: [] as string[] });

let loading: Promise<void> | null = null;

export function loadCapabilities(): Promise<void> {
  loading ??= fetch('/api/v1/openapi.json')
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, unknown> }) => {
      capabilities.paths = Object.keys(doc.paths ?? {}).map((p) => p.replace(/^\/api\/v1/, ''));
    })
    .catch(() => {})
    .finally(() => (capabilities.loaded = true));
  return loading;
}

/** True when the API has a route starting with `prefix` (e.g. '/appointments'). */
export const has = (prefix: string) =>
  capabilities.paths.some((p) => p === prefix || p.startsWith(`${prefix}/`) || p.startsWith(`${prefix}{`));
