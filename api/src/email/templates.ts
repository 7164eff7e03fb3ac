/**
 * Transactional email templates. Account emails are variants of EmailMessage; other domains render
 * their own in their folder (e.g. booking/emails.ts) as a DomainEmail built with emailLayout, para
 * and button below. Rendering is pure so templates are tested without a database.
 */
export type EmailMessage =
  | { kind: 'registration_otp'; name: string; code: string; ttlMinutes: number }
  | { kind: 'password_reset'; name: string; link: string; ttlMinutes: number }
  | { kind: 'password_changed'; name: string }
  | {
      kind: 'generic';
      subject: string;
      heading: string;
      paragraphs: string[];
      action?: { label: string; url: string };
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

export function emailLayout(heading: string, bodyHtml: string): string {
  return `<!doctype html><html><body style="margin:0;background:#f4f6f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b2733">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;padding:32px">
<tr><td><p style="margin:0 0 8px;color:#0b6e6e;font-weight:600">Telehealth Hub</p>
<h1 style="font-size:20px;margin:0 0 16px">${esc(heading)}</h1>${bodyHtml}
<p style="margin-top:32px;font-size:12px;color:#5b6b7a">You receive this email because of activity on your Telehealth Hub account.</p></td></tr>
</table></td></tr></table></body></html>`;
}

export const para = (s: string) => `<p style="line-height:1.5">${esc(s)}</p>`;
export const button = (label: string, url: string) =>
  `<p><a href="${esc(url)}" style="display:inline-block;background:#0b6e6e;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${esc(label)}</a></p>`;

export function render(m: EmailMessage): RenderedEmail {
  switch (m.kind) {
    case 'registration_otp':
      return {
        subject: `${m.code} is your Telehealth Hub verification code`,
        html: emailLayout(
          'Confirm your email',
          para(`Hello ${m.name},`) +
            para('Enter this code to finish creating your account:') +
            `<p style="font-size:28px;letter-spacing:6px;font-weight:700">${esc(m.code)}</p>` +
            para(`It expires in ${m.ttlMinutes} minutes. If you did not sign up, ignore this email.`),
        ),
        text: `Hello ${m.name},\n\nYour Telehealth Hub verification code is ${m.code}.\nIt expires in ${m.ttlMinutes} minutes. If you did not sign up, ignore this email.\n`,
      };
    case 'password_reset':
      return {
        subject: 'Reset your Telehealth Hub password',
        html: emailLayout(
          'Reset your password',
          para(`Hello ${m.name},`) +
            para('Someone asked to reset the password of your account. If it was you, continue here:') +
            button('Choose a new password', m.link) +
            para(
              `The link works once and expires in ${m.ttlMinutes} minutes. If it was not you, ignore this email.`,
            ),
        ),
        text: `Hello ${m.name},\n\nReset your password: ${m.link}\nThe link works once and expires in ${m.ttlMinutes} minutes. If it was not you, ignore this email.\n`,
      };
    case 'password_changed':
      return {
        subject: 'Your Telehealth Hub password was changed',
        html: emailLayout(
          'Password changed',
          para(`Hello ${m.name},`) +
            para(
              'Your password was just changed and every device was signed out. If this was not you, contact support now.',
            ),
        ),
        text: `Hello ${m.name},\n\nYour password was just changed and every device was signed out. If this was not you, contact support now.\n`,
      };
    case 'generic':
      return {
        subject: m.subject,
        html: emailLayout(
          m.heading,
          m.paragraphs.map(para).join('') + (m.action ? button(m.action.label, m.action.url) : ''),
        ),
        text: `${m.heading}\n\n${m.paragraphs.join('\n\n')}${m.action ? `\n\n${m.action.label}: ${m.action.url}` : ''}\n`,
      };
  }
}
