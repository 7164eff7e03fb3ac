import type { AppContext } from '../context.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { purgeIdempotencyKeys } from '../http/idempotency.ts';
import { LAPSED_SQL } from './states.ts';

/**
 * Marks lapsed holds 'expired' (at most `limit` per call). Cosmetic: a lapsed hold already stops
 * blocking anyone, because every booking expires overlapping lapsed holds in its own transaction.
 */
export async function expireLapsedHolds(q: Queryable, limit = 500): Promise<number> {
  const r = await q.query(
    `WITH lapsed AS (
       UPDATE appointments SET status = 'expired', expired_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM appointments WHERE ${LAPSED_SQL}
                    ORDER BY hold_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id)
     INSERT INTO appointment_events (appointment_id, kind) SELECT id, 'expired' FROM lapsed`,
    [limit],
  );
  return r.rowCount;
}

/**
 * Confirmed visits whose call window closed `graceMin` minutes after their end: those whose
 * consultation took place (the call started) become 'completed', those the patient never checked in
 * to become 'no_show' (the doctor can also record one from the agenda). A patient who checked in but
 * whose doctor never started the call is left for support: neither is true. At most `limit` per call.
 */
export async function settleLapsedVisits(q: Queryable, graceMin: number, limit = 500): Promise<number> {
  const r = await q.query(
    `WITH due AS (
       SELECT a.id, EXISTS (SELECT 1 FROM consultations c WHERE c.appointment_id = a.id AND c.started_at IS NOT NULL) AS met
       FROM appointments a
       WHERE a.status = 'confirmed' AND a.ends_at + make_interval(mins => $1) < now()
         AND (a.checked_in_at IS NULL OR EXISTS (SELECT 1 FROM consultations c WHERE c.appointment_id = a.id AND c.started_at IS NOT NULL))
       ORDER BY a.ends_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED),
     settled AS (
       UPDATE appointments a
          SET status = CASE WHEN due.met THEN 'completed' ELSE 'no_show' END,
              completed_at = CASE WHEN due.met THEN now() END,
              no_show_at = CASE WHEN due.met THEN NULL ELSE now() END,
              updated_at = now()
         FROM due WHERE a.id = due.id
       RETURNING a.id, a.status)
     INSERT INTO appointment_events (appointment_id, kind, data) SELECT id, status, '{"auto": true}'::jsonb FROM settled`,
    [graceMin, limit],
  );
  return r.rowCount;
}

/**
 * The booking sweeper, started by the host process: every BOOKING_SWEEP_MS it expires lapsed holds,
 * settles visits whose call window closed (completed or no-show) and purges old idempotency keys.
 * Safe on several nodes at once (SKIP LOCKED).
 */
export function startBookingJobs(
  ctx: Pick<AppContext, 'db' | 'log' | 'config'>,
  opts: { intervalMs?: number } = {},
) {
  const intervalMs = opts.intervalMs ?? ctx.config.env.BOOKING_SWEEP_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function runOnce() {
    const expired = await expireLapsedHolds(ctx.db);
    const settled = await settleLapsedVisits(ctx.db, ctx.config.env.CALL_GRACE_MINUTES);
    const purgedKeys = await purgeIdempotencyKeys(ctx.db);
    if (expired || settled || purgedKeys) ctx.log.info({ expired, settled, purgedKeys }, 'booking sweep');
    return { expired, settled, purgedKeys };
  }

  const tick = async () => {
    if (stopped) return;
    running = runOnce().catch((err: unknown) =>
      ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'booking sweep failed'),
    );
    await running;
    running = undefined;
    if (!stopped) {
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(tick, 0);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
