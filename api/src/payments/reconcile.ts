import { GatewayError } from './gateways/types.ts';
import type { PaymentsDeps } from './ports.ts';
import type { PaymentRow } from './rows.ts';
import { refreshRefund, settleFailure, settleFetchedCharge, submitRefund } from './settle.ts';

export interface ReconcileReport {
  checked: number;
  settled: number;
  failed: number;
  canceled: number;
  autoRefunded: number;
  stillOpen: number;
  errors: number;
  refundsSubmitted: number;
  refundsCompleted: number;
}

/**
 * Settles drift between us and the gateways. Pending payments older than N minutes are looked up at
 * the gateway: money that arrived (webhook lost, process killed between charge and confirmation) is
 * applied — confirming the appointment when its slot is still free, refunding otherwise — and
 * abandoned checkouts are cancelled at the gateway and their wallet reservations released. Refunds
 * whose gateway submission did not get through are retried (idempotent per refund id).
 */
export async function reconcileOnce(
  deps: PaymentsDeps,
  opts: { olderThanMinutes?: number; limit?: number; refundRetryAfterSeconds?: number } = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    checked: 0,
    settled: 0,
    failed: 0,
    canceled: 0,
    autoRefunded: 0,
    stillOpen: 0,
    errors: 0,
    refundsSubmitted: 0,
    refundsCompleted: 0,
  };
  const minutes = opts.olderThanMinutes ?? deps.reconcileAfterMinutes;
  const { rows } = await deps.db.query<PaymentRow>(
    // Also, at any age, checkouts whose appointment was cancelled meanwhile: release their wallet part now.
    `SELECT p.* FROM payments p LEFT JOIN appointments a ON a.id = p.appointment_id
     WHERE p.status = 'pending' AND (p.created_at < now() - make_interval(mins => $1) OR a.status = 'cancelled')
     ORDER BY p.created_at LIMIT $2`,
    [minutes, opts.limit ?? 100],
  );
  for (const p of rows) {
    report.checked++;
    try {
      if (!p.gateway || !p.gateway_ref) {
        // Recorded, but the gateway charge was never created (crash or timeout): nobody can pay it.
        const r = await deps.db.tx((q) =>
          settleFailure(q, p.id, {
            status: 'failed',
            code: 'CHECKOUT_NOT_STARTED',
            message: 'No gateway charge was created',
          }),
        );
        if (r.outcome === 'failed') report.failed++;
        continue;
      }
      const gw = deps.gateways.get(p.gateway);
      if (!gw) {
        report.stillOpen++;
        continue;
      }
      let state = await gw.fetchCharge(p.gateway_ref);
      if (state.status === 'pending') {
        // Abandoned: stop the charge so no money can arrive, then read it once more (it may have
        // succeeded in between, which cancel cannot undo).
        await gw.cancelCharge(p.gateway_ref);
        state = await gw.fetchCharge(p.gateway_ref);
        if (state.status === 'pending')
          state = { ...state, status: 'canceled', failureMessage: 'Checkout abandoned' };
      }
      if (state.status === 'processing') {
        report.stillOpen++;
        continue;
      }
      if (state.status === 'succeeded') {
        const r = await settleFetchedCharge(deps, p.id, p.gateway_ref, state);
        if (r.outcome.startsWith('auto_refunded')) report.autoRefunded++;
        else report.settled++;
        continue;
      }
      const r = await deps.db.tx((q) =>
        settleFailure(q, p.id, {
          status: state.status === 'failed' ? 'failed' : 'canceled',
          code: state.status === 'failed' ? 'PAYMENT_FAILED' : 'EXPIRED',
          message: state.failureMessage ?? 'The payment was not completed in time',
        }),
      );
      if (r.outcome === 'failed') report.failed++;
      else if (r.outcome === 'canceled') report.canceled++;
    } catch (err) {
      report.errors++;
      deps.log.warn(
        {
          paymentId: p.id,
          err: (err as Error).message,
          kind: err instanceof GatewayError ? err.kind : 'other',
        },
        'reconcile: payment left for the next run',
      );
    }
  }
  const refunds = await deps.db.query<{ id: string }>(
    `SELECT id FROM payment_refunds WHERE status = 'pending' AND gateway_minor > 0 AND updated_at <= now() - make_interval(secs => $1)
     ORDER BY created_at LIMIT 100`,
    [opts.refundRetryAfterSeconds ?? 30],
  );
  for (const r of refunds.rows) {
    const out = await submitRefund(deps, r.id);
    if (out === 'succeeded' || out === 'processing') report.refundsSubmitted++;
  }
  // Refunds the gateway accepted but whose completion webhook never came.
  const processing = await deps.db.query<{ id: string }>(
    `SELECT id FROM payment_refunds WHERE status = 'processing' AND updated_at <= now() - make_interval(secs => $1)
     ORDER BY created_at LIMIT 100`,
    [opts.refundRetryAfterSeconds ?? 30],
  );
  for (const r of processing.rows) {
    try {
      const out = await refreshRefund(deps, r.id);
      if (out === 'refund_succeeded' || out === 'refund_failed') report.refundsCompleted++;
    } catch (err) {
      report.errors++;
      deps.log.warn(
        { refundId: r.id, err: (err as Error).message },
        'reconcile: refund status lookup failed',
      );
    }
  }
  return report;
}

/** Runs reconcileOnce every `intervalSeconds` (one run at a time); stop() waits for the current run. */
export function startReconciler(deps: PaymentsDeps, intervalSeconds: number) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcileOnce(deps)
      .then((r) => {
        if (r.checked || r.refundsSubmitted) deps.log.info({ ...r }, 'payments reconciled');
      })
      .catch((err) => deps.log.warn({ err: (err as Error).message }, 'reconcile run failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
