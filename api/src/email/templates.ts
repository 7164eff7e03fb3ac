import type { Locale } from '../i18n/locale.ts';
import { translator, type Translator } from '../i18n/translate.ts';

/**
 * Transactional email templates. Account emails are variants of EmailMessage; other domains render
 * their own in their folder (e.g. booking/emails.ts) as a DomainEmail built with emailLayout, para
 * and button below. Rendering is pure so templates are tested without a database.
 *
 * Every e-mail is written in its recipient's language (`locale`, the account's `users.locale`;
 * English when absent): the words come from the server catalogue (i18n/messages.*.ts) through a
 * `translator`, never from strings in the template.
 */
type In = Locale | string | null;
export type EmailMessage =
  | { kind: 'registration_otp'; name: string; code: string; ttlMinutes: number; locale?: In }
  | { kind: 'password_reset'; name: string; link: string; ttlMinutes: number; locale?: In }
  | { kind: 'password_changed'; name: string; locale?: In }
  | {
      /** Text the caller wrote itself, in the recipient's language; the frame follows `locale`. */
      kind: 'generic';
      subject: string;
      heading: string;
      paragraphs: string[];
      action?: { label: string; url: string };
      locale?: In;
    };

export interface Attachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** An email a domain rendered itself; `template` names it in the outbox (e.g. 'booking_confirmed'). */
export interface DomainEmail extends RenderedEmail {
  template: string;
}

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The frame of every e-mail: brand, heading, body and the footer, in the recipient's language. */
export function emailLayout(heading: string, bodyHtml: string, tr: Translator = translator('en')): string {
  return `<!doctype html><html lang="${tr.locale}"><body style="margin:0;background:#f4f6f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b2733">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;padding:32px">
<tr><td><p style="margin:0 0 8px;color:#0b6e6e;font-weight:600">${esc(tr.t('email.brand'))}</p>
<h1 style="font-size:20px;margin:0 0 16px">${esc(heading)}</h1>${bodyHtml}
<p style="margin-top:32px;font-size:12px;color:#5b6b7a">${esc(tr.t('email.footer'))}</p></td></tr>
</table></td></tr></table></body></html>`;
}

export const para = (s: string) => `<p style="line-height:1.5">${esc(s)}</p>`;
export const button = (label: string, url: string) =>
  `<p><a href="${esc(url)}" style="display:inline-block;background:#0b6e6e;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${esc(label)}</a></p>`;

/** An e-mail of paragraphs and an optional button, as HTML and plain text, in `tr`'s language. */
export function simpleEmail(
  tr: Translator,
  subject: string,
  heading: string,
  paragraphs: string[],
  action?: { label: string; url: string },
): RenderedEmail {
  return {
    subject,
    html: emailLayout(
      heading,
      paragraphs.map(para).join('') + (action ? button(action.label, action.url) : ''),
      tr,
    ),
    text: `${heading}\n\n${paragraphs.join('\n\n')}${action ? `\n\n${action.label}: ${action.url}` : ''}\n`,
  };
}

export function render(m: EmailMessage): RenderedEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  switch (m.kind) {
    case 'registration_otp':
      return {
        subject: t('auth.otp.subject', { code: m.code }),
        html: emailLayout(
          t('auth.otp.heading'),
          para(t('email.hello', { name: m.name })) +
            para(t('auth.otp.lead')) +
            `<p style="font-size:28px;letter-spacing:6px;font-weight:700">${esc(m.code)}</p>` +
            para(tr.tn('auth.otp.expires', m.ttlMinutes)),
          tr,
        ),
        text: `${t('email.hello', { name: m.name })}\n\n${t('auth.otp.text', { code: m.code })}\n${tr.tn('auth.otp.expires', m.ttlMinutes)}\n`,
      };
    case 'password_reset': {
      const lines = [t('email.hello', { name: m.name }), t('auth.reset.lead')];
      const expires = tr.tn('auth.reset.expires', m.ttlMinutes);
      return {
        subject: t('auth.reset.subject'),
        html: emailLayout(
          t('auth.reset.heading'),
          lines.map(para).join('') + button(t('auth.reset.action'), m.link) + para(expires),
          tr,
        ),
        text: `${lines[0]}\n\n${t('auth.reset.action')}: ${m.link}\n${expires}\n`,
      };
    }
    case 'password_changed':
      return simpleEmail(tr, t('auth.changed.subject'), t('auth.changed.heading'), [
        t('email.hello', { name: m.name }),
        t('auth.changed.body'),
      ]);
    case 'generic':
      return simpleEmail(tr, m.subject, m.heading, m.paragraphs, m.action);
  }
}

/** Sign-up with an address that has an account (auth/service.ts): told in the account's language. */
export function accountExistsMessage(link: string, locale?: In): EmailMessage {
  const { t } = translator(locale);
  return {
    kind: 'generic',
    subject: t('auth.exists.subject'),
    heading: t('auth.exists.heading'),
    paragraphs: [t('auth.exists.body')],
    action: { label: t('auth.exists.action'), url: link },
    locale,
  };
}
