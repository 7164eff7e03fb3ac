import type { Server } from 'node:http';
import {
  createBusFromConfig,
  createSignalingServer,
  loadSignalingConfig,
  type SignalingServerWithModules,
} from '@telehealth/signaling';
import type { AppContext } from '../context.ts';
import { proxyWebSocketUpgrades } from './ws-proxy.ts';

export interface Realtime {
  signaling: SignalingServerWithModules;
  close(): Promise<void>;
}

/**
 * Starts the socket tier beside the HTTP server and makes it reachable at WS_PATH on the same
 * origin. Browsers may only open sockets from the app's own origin unless WS_ALLOWED_ORIGINS says more.
 */
export async function startRealtime(ctx: AppContext, http: Server, env: NodeJS.ProcessEnv = process.env): Promise<Realtime> {
  const base = loadSignalingConfig(env);
  const config = {
    ...base,
    // Behind the same-origin proxy the listener's own port is an internal detail unless pinned.
    WS_PORT: env.WS_PORT ? base.WS_PORT : 0,
    REDIS_URL: ctx.config.env.REDIS_URL,
    WS_ALLOWED_ORIGINS: base.WS_ALLOWED_ORIGINS.length ? base.WS_ALLOWED_ORIGINS : [new URL(ctx.config.publicUrl).origin],
  };
  const bus = createBusFromConfig(config);
  const signaling = createSignalingServer({ db: ctx.db, tokens: ctx.tokens, bus, logger: ctx.log }, config);
  const port = await signaling.listen();
  proxyWebSocketUpgrades(http, config.WS_PATH, { host: config.WS_HOST === '0.0.0.0' ? '127.0.0.1' : config.WS_HOST, port });
  return {
    signaling,
    async close() {
      await signaling.close();
      await bus.close();
    },
  };
}
