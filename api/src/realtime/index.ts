import type { Server } from 'node:http';
import { createSfu, sfuConfigFromEnv, type Sfu } from '@telehealth/sfu';
import {
  attachSignalingProxy,
  createDefaultAuthorizer,
  createSignalingServer,
  loadSignalingConfig,
  type SignalingServerWithModules,
} from '@telehealth/signaling';
import { triageForQueue } from '../ai/routes.ts';
import { audit } from '../audit/log.ts';
import { createCallAuthorizer, registerCallHandlers } from '../consultations/calls.ts';
import type { AppContext } from '../context.ts';

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
export async function startRealtime(
  ctx: AppContext,
  http: Server,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Realtime> {
  const base = loadSignalingConfig(env);
  const config = {
    ...base,
    // Behind the same-origin proxy the listener's own port is an internal detail unless pinned.
    WS_PORT: env.WS_PORT ? base.WS_PORT : 0,
    REDIS_URL: ctx.config.env.REDIS_URL,
    WS_ALLOWED_ORIGINS: base.WS_ALLOWED_ORIGINS.length
      ? base.WS_ALLOWED_ORIGINS
      : [new URL(ctx.config.publicUrl).origin],
  };
  let sfu: Sfu | undefined;
  try {
    sfu = await createSfu(sfuConfigFromEnv(env));
  } catch (err) {
    ctx.log.error(
      { err: String(err) },
      'SFU did not start: video calls are unavailable (see README: MEDIASOUP_WORKER_BIN)',
    );
  }
  const callDeps = { db: ctx.db, now: ctx.now };
  const signaling = createSignalingServer(
    {
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
  if (sfu)
    registerCallHandlers(signaling, {
      ...callDeps,
      sfu,
      log: ctx.log,
      followUpDays: config.CHAT_FOLLOWUP_DAYS,
    });
  const port = await signaling.listen();
  attachSignalingProxy(http, {
    host: config.WS_HOST === '0.0.0.0' ? '127.0.0.1' : config.WS_HOST,
    port,
    path: config.WS_PATH,
    refuseOtherPaths: true,
  });
  return {
    signaling,
    ...(sfu ? { sfu } : {}),
    async close() {
      await signaling.close();
      await sfu?.close();
    },
  };
}
