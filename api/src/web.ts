import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import type { Logger } from './observability/logger.ts';

const HANDLER = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** The SvelteKit app (adapter-node build) on the same origin as the API, when it has been built. */
export async function loadWebHandler(log: Logger): Promise<RequestHandler | undefined> {
  if (!existsSync(HANDLER)) {
    log.warn('web app is not built (npm run build -w web); serving the API only');
    return undefined;
  }
  const mod = (await import(HANDLER)) as { handler: RequestHandler };
  return mod.handler;
}
