import { render, type DomainEmail } from '../email/templates.ts';

export const familyLinks = (publicUrl: string) => {
  const base = publicUrl.replace(/\/$/, '');
  return {
    /** Where an invited family member chooses their password. */
    join: (token: string) => `${base}/family/join?token=${encodeURIComponent(token)}`,
  };
};

export const INVITE_TTL_DAYS = 7;

/**
 * A family member is given a login of their own: the link sets their password on the account the
 * guardian made for them, so their visits and records stay theirs.
 */
export function dependentInviteEmail(m: { name: string; guardianName: string; link: string }): DomainEmail {
  return {
    template: 'family_invite',
    ...render({
      kind: 'generic',
      subject: `${m.guardianName} gave you your own Telehealth Hub login`,
      heading: 'Your own login',
      paragraphs: [
        `Hello ${m.name},`,
        `${m.guardianName} has been booking your visits on Telehealth Hub. You can now sign in yourself: choose a password with the link below. Your visits and records stay as they are.`,
        `The link works once and for ${INVITE_TTL_DAYS} days. If you did not expect this, ignore this email.`,
      ],
      action: { label: 'Choose my password', url: m.link },
    }),
  };
}
