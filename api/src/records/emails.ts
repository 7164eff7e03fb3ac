import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';

/** Where records e-mails send people: pages of the app, one builder each (the e-mail catalog uses them too). */
export const recordsLinks = (publicUrl: string) => {
  const base = publicUrl.replace(/\/$/, '');
  return {
    /** Who opened my records, and on what basis (emergency access among them). */
    access: `${base}/records/access`,
    /** The admins' review of emergency accesses. */
    emergencyReview: `${base}/admin/emergency-access`,
  };
};

/**
 * The patient learns at once that a doctor opened their records in an emergency. The stated reason
 * stays out of the email (it may be clinical and email is not a private channel); it is shown in
 * the app.
 */
export function emergencyAccessEmail(m: {
  patientName: string;
  doctorName: string;
  expiresAt: Date;
  link: string;
}): DomainEmail {
  const until = `${m.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `Hello ${m.patientName},`,
    `${m.doctorName} used emergency access to open your medical records. The access ends automatically at ${until}.`,
    'Our team reviews every emergency access. You can see the stated reason and every record that was opened in your account.',
    'If you do not know why this happened, contact support.',
  ];
  return {
    template: 'records_emergency_access',
    subject: 'A doctor used emergency access to your records',
    html: emailLayout(
      'Emergency access to your records',
      lines.map(para).join('') + button('Review access to my records', m.link),
    ),
    text: `${lines.join('\n\n')}\n\nReview: ${m.link}\n`,
  };
}

/**
 * Every admin is told at once that a doctor broke the glass, so the review does not wait for someone
 * to open the review page. Neither the patient nor the stated text is in it: the coded reason only.
 */
export function emergencyAccessAdminEmail(m: {
  doctorName: string;
  reasonCode: string;
  expiresAt: Date;
  link: string;
}): DomainEmail {
  const until = `${m.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `${m.doctorName} used emergency access to a patient's records (reason: ${m.reasonCode}). The access ends at ${until}.`,
    'Please review it: approve it, or flag it to end the access and quarantine anything written under it.',
  ];
  return {
    template: 'records_emergency_access_admin',
    subject: 'Emergency access to review',
    html: emailLayout(
      'Emergency access to review',
      lines.map(para).join('') + button('Review emergency access', m.link),
    ),
    text: `${lines.join('\n\n')}\n\nReview: ${m.link}\n`,
  };
}
