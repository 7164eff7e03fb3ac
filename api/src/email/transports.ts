import { Resend } from 'resend';
import type { Queryable } from '@telehealth/platform/db/index';
import type { Attachment } from './templates.ts';

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
}

export type SendOutcome = { ok: true; providerId: string } | { ok: false; retryable: boolean; error: string };

export interface MailTransport {
  readonly name: 'resend' | 'dev';
  /** `q` is the transaction that will mark the email sent, so a local transport commits with it. */
  send(mail: OutgoingEmail, q: Queryable): Promise<SendOutcome>;
}

/** Without an email provider, mail lands in a mailbox table that admins read in the app. */
export function createDevMailbox(): MailTransport {
  return {
    name: 'dev',
    async send(m, q) {
      await q.query(
        `INSERT INTO dev_mailbox (email_id, to_address, subject, html, text_body, attachments)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email_id) DO NOTHING`,
        [m.id, m.to, m.subject, m.html, m.text, JSON.stringify(m.attachments)],
      );
      return { ok: true, providerId: `dev:${m.id}` };
    },
  };
}

export function createResendTransport(opts: {
  apiKey: string;
  baseUrl?: string;
  from: string;
}): MailTransport {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  return {
    name: 'resend',
    async send(m) {
      // The outbox id is the idempotency key: a retry after a lost response cannot send twice.
      const { data, error } = await resend.emails.send(
        {
          from: opts.from,
          to: [m.to],
          subject: m.subject,
          html: m.html,
          text: m.text,
          attachments: m.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        },
        { idempotencyKey: `outbox-${m.id}` },
      );
      if (error || !data) {
        const status = (error as { statusCode?: number } | null)?.statusCode;
        const retryable = !status || status === 429 || status >= 500;
        return { ok: false, retryable, error: `${error?.name ?? 'error'}${status ? ` (${status})` : ''}` };
      }
      return { ok: true, providerId: data.id };
    },
  };
}
