import { render, type DomainEmail } from '../email/templates.ts';

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

/** "2027-03-15 13:00 UTC": when a grant ends, in the e-mails and the bell alike. */
export const utcMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

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
  return {
    template: 'records_emergency_access',
    ...render({
      kind: 'generic',
      subject: 'A doctor used emergency access to your records',
      heading: 'Emergency access to your records',
      paragraphs: [
        `Hello ${m.patientName},`,
        `${m.doctorName} used emergency access to open your medical records. The access ends automatically at ${utcMinute(m.expiresAt)}.`,
        'Our team reviews every emergency access. You can see the stated reason and every record that was opened in your account.',
        'If you do not know why this happened, contact support.',
      ],
      action: { label: 'Review access to my records', url: m.link },
    }),
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
  return {
    template: 'records_emergency_access_admin',
    ...render({
      kind: 'generic',
      subject: 'Emergency access to review',
      heading: 'Emergency access to review',
      paragraphs: [
        `${m.doctorName} used emergency access to a patient's records (reason: ${m.reasonCode}). The access ends at ${utcMinute(m.expiresAt)}.`,
        'Please review it: approve it, or flag it to end the access and quarantine anything written under it.',
      ],
      action: { label: 'Review emergency access', url: m.link },
    }),
  };
}
