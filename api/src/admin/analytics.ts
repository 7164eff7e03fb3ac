import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { RouteBuilder } from '../http/route.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Analytics = z
  .object({
    from: z.string(),
    to: z.string(),
    appointmentsPerDay: z.array(
      z.object({ day: Day, booked: z.number().int(), cancelled: z.number().int() }),
    ),
    /** Paid appointments' prices, per currency, in minor units. */
    revenuePerDay: z.array(z.object({ day: Day, currency: z.string(), amountMinor: z.number().int() })),
    queueWaitsPerDay: z.array(
      z.object({ day: Day, visits: z.number().int(), medianWaitSeconds: z.number().nullable() }),
    ),
    noShow: z.object({ noShows: z.number().int(), attended: z.number().int(), rate: z.number().nullable() }),
  })
  .meta({ id: 'Analytics' });

/** Operational figures for the admin dashboard; aggregates only, no patient data. */
export function registerAnalyticsRoutes(route: RouteBuilder, ctx: AppContext) {
  route({
    method: 'get',
    path: '/admin/analytics',
    summary: 'Appointments, revenue, queue waits and no-show rate per UTC day',
    tags: ['admin'],
    access: ['admin'],
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    response: Analytics,
    handler: async ({ query }) => {
      const to = ctx.now();
      const from = new Date(to.getTime() - query.days * 86_400_000);
      const range = [from, to];
      const [appts, revenue, waits, noShow] = await Promise.all([
        ctx.db.query<{ day: string; booked: number; cancelled: number }>(
          `SELECT to_char(date_trunc('day', starts_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
                  count(*) FILTER (WHERE status IN ('confirmed', 'completed', 'no_show'))::int AS booked,
                  count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
             FROM appointments WHERE starts_at >= $1 AND starts_at < $2 GROUP BY 1 ORDER BY 1`,
          range,
        ),
        ctx.db.query<{ day: string; currency: string; amount_minor: number }>(
          `SELECT to_char(date_trunc('day', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency,
                  sum(price_minor - COALESCE(refund_due_minor, 0))::bigint AS amount_minor
             FROM appointments WHERE confirmed_at >= $1 AND confirmed_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
          range,
        ),
        ctx.db.query<{ day: string; visits: number; median_wait_s: number | null }>(
          `SELECT to_char(date_trunc('day', called_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS visits,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM called_at - enqueued_at))::float8 AS median_wait_s
             FROM queue_entries WHERE called_at >= $1 AND called_at < $2 GROUP BY 1 ORDER BY 1`,
          range,
        ),
        ctx.db.query<{ no_shows: number; attended: number }>(
          `SELECT count(*) FILTER (WHERE status = 'no_show')::int AS no_shows,
                  count(*) FILTER (WHERE status = 'completed')::int AS attended
             FROM appointments WHERE starts_at >= $1 AND starts_at < $2`,
          range,
        ),
      ]);
      const n = noShow.rows[0]!;
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        appointmentsPerDay: appts.rows,
        revenuePerDay: revenue.rows.map((r) => ({
          day: r.day,
          currency: r.currency.trim(),
          amountMinor: r.amount_minor,
        })),
        queueWaitsPerDay: waits.rows.map((r) => ({
          day: r.day,
          visits: r.visits,
          medianWaitSeconds: r.median_wait_s === null ? null : Math.round(r.median_wait_s),
        })),
        noShow: {
          noShows: n.no_shows,
          attended: n.attended,
          rate: n.no_shows + n.attended ? n.no_shows / (n.no_shows + n.attended) : null,
        },
      };
    },
  });
}
