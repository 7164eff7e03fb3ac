import type { Server } from 'node:http';
import { createSfu, sfuConfigFromEnv, SfuStartError, type Sfu } from '@telehealth/sfu';
import {
  createDefaultAuthorizer,
  createHttpBridge,
  createSignalingServer,
  loadSignalingConfig,
  type SignalingServerWithModules,
} from '@telehealth/signaling';
import { triageForQueue } from '../ai/routes.ts';
import { audit } from '../audit/log.ts';
import { createCallAuthorizer, registerCallHandlers } from '../consultations/calls.ts';
import type { AppContext } from '../context.ts';
import { createCallRouting, type CallRouting } from './call-routing.ts';
import { callWindowPolicy } from '../booking/window.ts';

export interface Realtime {
  signaling: SignalingServerWithModules;
  sfu?: Sfu;
  /** Room placement and call requests across nodes (with REDIS_URL). */
  routing?: CallRouting;
  /** The origin's port (HOST:PORT, or the one picked for PORT=0). */
  port: number;
  /** Stops accepting, closes sockets (1001), waits for HTTP requests in flight. */
  close(): Promise<void>;
}

/**
 * The origin's front door: the socket tier's uWebSockets.js listener binds HOST:PORT, serves
 * WS_PATH natively and hands every other request to `http` (the Express app, not listening itself)
 * in-process (signaling/src/http-bridge.ts), so WebSocket frames never pass through Node streams.
 * Browsers may only open sockets from the app's own origin unless WS_ALLOWED_ORIGINS says more.
 * Starts the SFU too; without a mediasoup worker the platform still runs and calls answer
 * `unavailable`.
 */
export async function startRealtime(
  ctx: AppContext,
  http: Server,
  env: NodeJS.ProcessEnv = process.env,
  opts: { sfu?: boolean } = {},
): Promise<Realtime> {
  const base = loadSignalingConfig(env);
  const config = {
    ...base,
    WS_HOST: ctx.config.env.HOST,
    WS_PORT: ctx.config.env.PORT,
    REDIS_URL: ctx.config.env.REDIS_URL,
    WS_ALLOWED_ORIGINS: base.WS_ALLOWED_ORIGINS.length
      ? base.WS_ALLOWED_ORIGINS
      : [new URL(ctx.config.publicUrl).origin],
  };
  let sfu: Sfu | undefined;
  try {
    if (opts.sfu !== false) sfu = await createSfu(sfuConfigFromEnv(env));
  } catch (err) {
    // The reason names what to fix: the worker binary, a port another process holds, the address.
    ctx.log.error(
      { reason: err instanceof SfuStartError ? err.reason : 'other', err: (err as Error).message },
      'SFU did not start: video calls are unavailable',
    );
  }
  // Booked visits' call windows come from the config (CALL_*_MINUTES), as the appointment API shows them.
  const callDeps = { db: ctx.db, now: ctx.now, policy: callWindowPolicy(ctx.config.env) };
  const bridge = createHttpBridge(http, { localPort: () => signaling.port });
  const signaling = createSignalingServer(
    {
      http: bridge.handle,
      db: ctx.db,
      tokens: ctx.tokens,
      bus: ctx.bus,
      logger: ctx.log,
      authorize: createCallAuthorizer(callDeps, createDefaultAuthorizer(ctx.db)),
      resolveTriage: ({ patientId, triageId }) => triageForQueue(ctx.db, patientId, triageId),
      // Doctors moving patients in their queue land in the hash-chained audit log.
      audit,
      // Checking in is for a paid appointment with this doctor that starts within the next hours.
      verifyAppointmentCheckIn: async ({ patientId, doctorId, appointmentId }) =>
        (
          await ctx.db.query(
            `SELECT 1 FROM appointments WHERE id = $1 AND patient_id = $2 AND doctor_id = $3 AND status = 'confirmed'
               AND starts_at BETWEEN now() - interval '1 hour' AND now() + interval '12 hours'`,
            [appointmentId, patientId, doctorId],
          )
        ).rowCount > 0,
    },
    config,
  );
  // With Redis there may be other nodes: a room lives on one node's SFU and the other nodes run
  // its participants' call requests there (call-routing.ts).
  const routing =
    sfu && ctx.redis
      ? createCallRouting(signaling, {
          redis: ctx.redis,
          bus: ctx.bus,
          prefix: config.WS_CHANNEL_PREFIX,
          sfu,
          log: ctx.log,
        })
      : undefined;
  if (sfu)
    registerCallHandlers(routing?.server ?? signaling, {
      ...callDeps,
      sfu,
      log: ctx.log,
      followUpDays: config.CHAT_FOLLOWUP_DAYS,
    });
  await routing?.start();
  const port = await signaling.listen();
  return {
    signaling,
    ...(sfu ? { sfu } : {}),
    ...(routing ? { routing } : {}),
    port,
    async close() {
      await signaling.close();
      await bridge.idle();
      await routing?.close();
      await sfu?.close();
    },
  };
}
