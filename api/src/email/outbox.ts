import type { Queryable } from '@telehealth/platform/db/index';
import { deliverableAddress } from '../family/mailbox.ts';
import { render, type Attachment, type DomainEmail, type EmailMessage } from './templates.ts';

export interface EnqueueOptions {
  to: string;
  message: EmailMessage | DomainEmail;
  attachments?: Attachment[];
  /** At most one email ever exists per key (reminders, receipts): a second enqueue is a no-op. */
  dedupeKey?: string;
  sendAfter?: Date;
}

/**
 * Writes the email into the outbox on the caller's transaction, so it exists if and only if the
 * change that caused it commits. Returns the id, or undefined when dedupeKey already existed.
 */
export async function enqueueEmail(q: Queryable, o: EnqueueOptions): Promise<string | undefined> {
  // A family member without a mailbox of their own: their guardian reads it (family/mailbox.ts).
  const to = await deliverableAddress(q, o.to);
  if (!to) return undefined;
  const r = 'template' in o.message ? o.message : render(o.message);
  const template = 'template' in o.message ? o.message.template : o.message.kind;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO outbox_emails (to_address, template, subject, html, text_body, attachments, dedupe_key, send_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, now()))
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      to,
      template,
      r.subject,
      r.html,
      r.text,
      JSON.stringify(o.attachments ?? []),
      o.dedupeKey ?? null,
      o.sendAfter ?? null,
    ],
  );
  return rows[0]?.id;
}
