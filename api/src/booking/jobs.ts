import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/index.ts';
import { purgeIdempotencyKeys } from '../http/idempotency.ts';

/**
 * Marks lapsed holds 'expired' (at most `limit` per call). Cosmetic: a lapsed hold already stops
 * blocking anyone, because every booking expires overlapping lapsed holds in its own transaction.
 */
export async function expireLapsedHolds(q: Queryable, limit = 500): Promise<number> {
  const r = await q.query(
    `WITH lapsed AS (
       UPDATE appointments SET status = 'expired', expired_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM appointments WHERE status = 'pending' AND hold_expires_at <= now()
                    ORDER BY hold_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id)
     INSERT INTO appointment_events (appointment_id, kind) SELECT id, 'expired' FROM lapsed`,
    [limit],
  );
  return r.rowCount;
}

/**
 * The booking sweeper, started by the host process: every BOOKING_SWEEP_MS it expires lapsed holds
 * and purges old idempotency keys. Safe on several nodes at once (SKIP LOCKED).
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
    const purgedKeys = await purgeIdempotencyKeys(ctx.db);
    if (expired || purgedKeys) ctx.log.info({ expired, purgedKeys }, 'booking sweep');
    return { expired, purgedKeys };
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
