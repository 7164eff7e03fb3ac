import type { Db } from '@telehealth/platform/db/index';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Attachment } from './templates.ts';
import type { MailTransport } from './transports.ts';

export const MAX_EMAIL_ATTEMPTS = 8;
/** A claimed email is invisible to other dispatchers for this long; a crash mid-send retries after it. */
const LEASE_SECONDS = 60;

/** 30 s, 1 min, 2 min ... capped at 1 h. */
export const backoffSeconds = (attempt: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));

interface Row {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text_body: string;
  attachments: Attachment[];
  attempts: number;
}

export function createEmailDispatcher(deps: {
  db: Db;
  transport: MailTransport;
  log: Logger;
  metrics?: Metrics;
  pollMs: number;
  batch?: number;
}) {
  const { db, transport, log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  /** Sends everything due now; returns how many were handed off. Safe to run on many nodes. */
  async function drainOnce(): Promise<number> {
    const { rows } = await db.query<Row>(
      `UPDATE outbox_emails SET attempts = attempts + 1, send_after = now() + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM outbox_emails WHERE status = 'pending' AND send_after <= now()
                    ORDER BY send_after LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, to_address, subject, html, text_body, attachments, attempts`,
      [deps.batch ?? 20, LEASE_SECONDS],
    );
    let sent = 0;
    for (const r of rows) {
      const mail = {
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        html: r.html,
        text: r.text_body,
        attachments: r.attachments,
      };
      try {
        await db.tx(async (q) => {
          const out = await transport.send(mail, q);
          if (out.ok) {
            await q.query(
              `UPDATE outbox_emails SET status = 'sent', sent_at = now(), provider_message_id = $2, last_error = NULL WHERE id = $1`,
              [r.id, out.providerId],
            );
            sent++;
            deps.metrics?.emailsSent.inc({ transport: transport.name, outcome: 'sent' });
          } else {
            await markFailure(q, r, out.retryable, out.error);
          }
        });
      } catch (err) {
        await markFailure(db, r, true, err instanceof Error ? err.name : 'error');
      }
    }
    return sent;
  }

  async function markFailure(q: Pick<Db, 'query'>, r: Row, retryable: boolean, error: string) {
    const final = !retryable || r.attempts >= MAX_EMAIL_ATTEMPTS;
    deps.metrics?.emailsSent.inc({ transport: transport.name, outcome: final ? 'failed' : 'retry' });
    log.warn({ emailId: r.id, attempts: r.attempts, final, error }, 'email send failed');
    await q.query(
      `UPDATE outbox_emails SET status = $2, last_error = $3, send_after = now() + make_interval(secs => $4) WHERE id = $1`,
      [r.id, final ? 'failed' : 'pending', error.slice(0, 500), backoffSeconds(r.attempts)],
    );
  }

  const tick = async () => {
    if (stopped) return;
    running = drainOnce().catch((err) => {
      log.error({ err }, 'email dispatcher failed');
      return 0;
    });
    await running;
    running = undefined;
    if (!stopped) timer = setTimeout(tick, deps.pollMs);
  };

  return {
    drainOnce,
    start() {
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
export type EmailDispatcher = ReturnType<typeof createEmailDispatcher>;
