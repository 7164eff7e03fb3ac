import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import type { Logger } from './observability/logger.ts';

const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/**
 * The SvelteKit app (adapter-node build) on the same origin as the API, when it has been built.
 * `buildDir` is WEB_BUILD_DIR, relative to web/ like the adapter's own `out`.
 */
export async function loadWebHandler(log: Logger, buildDir: string): Promise<RequestHandler | undefined> {
  const handler = resolve(WEB_ROOT, buildDir, 'handler.js');
  if (!existsSync(handler)) {
    log.warn('web app is not built (npm run build -w web); serving the API only');
    return undefined;
  }
  const mod = (await import(pathToFileURL(handler).href)) as { handler: RequestHandler };
  return mod.handler;
}
