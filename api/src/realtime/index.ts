import type { Server } from 'node:http';
import { createSfu, sfuConfigFromEnv, type Sfu } from '@telehealth/sfu';
import {
  createBusFromConfig,
  createDefaultAuthorizer,
  createSignalingServer,
  loadSignalingConfig,
  type SignalingServerWithModules,
} from '@telehealth/signaling';
import { createCallAuthorizer, registerCallHandlers } from '../consultations/calls.ts';
import type { AppContext } from '../context.ts';
import { proxyWebSocketUpgrades } from './ws-proxy.ts';

export interface Realtime {
  signaling: SignalingServerWithModules;
  sfu?: Sfu;
  close(): Promise<void>;
}

/**
 * Starts the socket tier and the SFU beside the HTTP server and makes the socket reachable at
 * WS_PATH on the same origin. Browsers may only open sockets from the app's own origin unless
 * WS_ALLOWED_ORIGINS says more. Without a mediasoup worker the platform still runs; calls answer
 * `unavailable`.
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
  let sfu: Sfu | undefined;
  try {
    sfu = await createSfu(sfuConfigFromEnv(env));
  } catch (err) {
    ctx.log.error({ err: String(err) }, 'SFU did not start: video calls are unavailable (see README: MEDIASOUP_WORKER_BIN)');
  }
  const bus = createBusFromConfig(config);
  const callDeps = { db: ctx.db, now: ctx.now };
  const signaling = createSignalingServer(
    { db: ctx.db, tokens: ctx.tokens, bus, logger: ctx.log, authorize: createCallAuthorizer(callDeps, createDefaultAuthorizer(ctx.db)) },
    config,
  );
  if (sfu) registerCallHandlers(signaling, { ...callDeps, sfu, log: ctx.log });
  const port = await signaling.listen();
  proxyWebSocketUpgrades(http, config.WS_PATH, { host: config.WS_HOST === '0.0.0.0' ? '127.0.0.1' : config.WS_HOST, port });
  return {
    signaling,
    ...(sfu ? { sfu } : {}),
    async close() {
      await signaling.close();
      await bus.close();
      await sfu?.close();
    },
  };
}
