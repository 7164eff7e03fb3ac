import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';
import { translator } from '../i18n/translate.ts';

/**
 * The guest invitation (issue 18), in the recipient's language (`locale`): who invites, to whose
 * consultation, the link. No health information.
 */
export function guestInviteEmail(o: {
  locale: string;
  inviterName: string;
  doctorName: string;
  link: string;
  ttlMinutes: number;
}): DomainEmail {
  const tr = translator(o.locale);
  const heading = tr.t('guest.invite.heading');
  const action = tr.t('guest.invite.action');
  const paragraphs = [
    tr.t('guest.invite.body', { from: o.inviterName, doctor: o.doctorName }),
    tr.t('guest.invite.how'),
    tr.t('guest.invite.once', { mins: o.ttlMinutes }),
  ];
  return {
    template: 'call_guest_invite',
    subject: tr.t('guest.invite.subject', { from: o.inviterName }),
    html: emailLayout(heading, paragraphs.map(para).join('') + button(action, o.link), tr),
    text: `${heading}\n\n${paragraphs.join('\n\n')}\n\n${action}: ${o.link}\n`,
  };
}
