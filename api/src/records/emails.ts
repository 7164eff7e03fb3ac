import { simpleEmail, type DomainEmail } from '../email/templates.ts';
import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';

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
 * the app. In the patient's language.
 */
export function emergencyAccessEmail(m: {
  patientName: string;
  doctorName: string;
  expiresAt: Date;
  link: string;
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return {
    template: 'records_emergency_access',
    ...simpleEmail(
      tr,
      t('records.emergency.subject'),
      t('records.emergency.heading'),
      [
        t('email.hello', { name: m.patientName }),
        t('records.emergency.body', { doctor: m.doctorName, until: tr.utc(m.expiresAt) }),
        t('records.emergency.review'),
        t('records.emergency.unknown'),
      ],
      { label: t('records.emergency.action'), url: m.link },
    ),
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
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return {
    template: 'records_emergency_access_admin',
    ...simpleEmail(
      tr,
      t('records.emergencyAdmin.subject'),
      t('records.emergencyAdmin.subject'),
      [
        t('records.emergencyAdmin.body', {
          doctor: m.doctorName,
          reason: m.reasonCode,
          until: tr.utc(m.expiresAt),
        }),
        t('records.emergencyAdmin.ask'),
      ],
      { label: t('records.emergencyAdmin.action'), url: m.link },
    ),
  };
}
