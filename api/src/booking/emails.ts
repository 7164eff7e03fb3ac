import { simpleEmail, type DomainEmail } from '../email/templates.ts';
import type { Locale } from '../i18n/locale.ts';
import { translator, type Translator } from '../i18n/translate.ts';

/**
 * Booking emails. Deliberately thin on health information: who, when and a link; the reason for a
 * visit never goes into an email. Written in the recipient's language (`locale`): words from the
 * server catalogue, the time through Intl in that language and the recipient's zone.
 */

/** Where booking e-mails and invites send people: pages of the app, one builder each. */
export const bookingLinks = (publicUrl: string) => {
  const base = publicUrl.replace(/\/$/, '');
  return {
    appointment: (id: string) => `${base}/appointments/${id}`,
    /** "Book another time" after a cancellation: the doctor's profile with its free slots. */
    doctor: (id: string) => `${base}/doctors/${id}`,
  };
};

/** "Monday, March 15, 2027 at 9:00 AM (America/New_York)", in `locale` ("सोमवार, 15 मार्च 2027 …"). */
export function formatWhen(d: Date, zone: string, locale?: Locale | string | null): string {
  return translator(locale).when(d, zone);
}

interface Base {
  name: string;
  /** The other party: "Dr. Asha Rao" for the patient, the patient's name for the doctor. */
  withName: string;
  /** Formatted with `formatWhen` in the recipient's zone and language. */
  when: string;
  link: string;
  /** The recipient's language (users.locale); English when absent. */
  locale?: Locale | string | null;
}

/** Who cancelled, as the recipient reads it: themselves, or the other party's role. */
export type CancelledBy = 'you' | 'patient' | 'doctor' | 'admin';

const mail = (
  template: string,
  tr: Translator,
  subject: string,
  heading: string,
  paragraphs: string[],
  action?: { label: string; url: string },
): DomainEmail => ({ template, ...simpleEmail(tr, subject, heading, paragraphs, action) });

export function bookingConfirmedEmail(m: Base & { priceText?: string }): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return mail(
    'booking_confirmed',
    tr,
    t('booking.confirmed.subject', { with: m.withName }),
    t('booking.confirmed.heading'),
    [
      t('email.hello', { name: m.name }),
      t('booking.confirmed.body', { with: m.withName, when: m.when }),
      ...(m.priceText ? [t('booking.confirmed.fee', { amount: m.priceText })] : []),
      t('booking.confirmed.invite'),
    ],
    { label: t('booking.view'), url: m.link },
  );
}

export function bookingRescheduledEmail(m: Base & { previousWhen: string }): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return mail(
    'booking_rescheduled',
    tr,
    t('booking.rescheduled.subject', { with: m.withName }),
    t('booking.rescheduled.heading'),
    [
      t('email.hello', { name: m.name }),
      t('booking.rescheduled.body', { with: m.withName, previous: m.previousWhen, when: m.when }),
      t('booking.rescheduled.invite'),
    ],
    { label: t('booking.view'), url: m.link },
  );
}

/** `refund`: for the patient of a paid visit, the amount coming back (formatted) or none. */
export function bookingCancelledEmail(
  m: Base & { cancelledBy: CancelledBy; refund?: { amount: string } | 'none' },
): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  const refund =
    m.refund === 'none'
      ? [t('booking.cancelled.noRefund')]
      : m.refund
        ? [t('booking.cancelled.refund', { amount: m.refund.amount })]
        : [];
  return mail(
    'booking_cancelled',
    tr,
    t('booking.cancelled.subject', { with: m.withName }),
    t('booking.cancelled.heading'),
    [
      t('email.hello', { name: m.name }),
      t('booking.cancelled.body', {
        with: m.withName,
        when: m.when,
        by: t(`booking.cancelled.by.${m.cancelledBy}`),
      }),
      ...refund,
      t('booking.cancelled.invite'),
    ],
    { label: t('booking.cancelled.action'), url: m.link },
  );
}

export function bookingReminderEmail(m: Base & { lead: '24h' | '1h' }): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return mail(
    `booking_reminder_${m.lead}`,
    tr,
    t(`booking.reminder.subject.${m.lead}`, { with: m.withName }),
    t(`booking.reminder.heading.${m.lead}`),
    [
      t('email.hello', { name: m.name }),
      t('booking.reminder.body', { with: m.withName, when: m.when }),
      t('booking.reminder.tip'),
    ],
    { label: t('booking.reminder.action'), url: m.link },
  );
}

/** The doctor asks to move a booked visit; the patient accepts or declines in the app. */
export function rescheduleProposedEmail(m: Base & { currentWhen: string }): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return mail(
    'booking_reschedule_proposed',
    tr,
    t('booking.moveProposed.subject', { with: m.withName }),
    t('booking.moveProposed.heading'),
    [
      t('email.hello', { name: m.name }),
      t('booking.moveProposed.body', { with: m.withName, current: m.currentWhen, when: m.when }),
      t('booking.moveProposed.choice'),
    ],
    { label: t('booking.moveProposed.action'), url: m.link },
  );
}

/** The doctor proposes a follow-up visit; the patient books it in one click from the app. */
export function followUpProposedEmail(m: Base): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return mail(
    'booking_follow_up_proposed',
    tr,
    t('booking.followUp.subject', { with: m.withName }),
    t('booking.followUp.heading'),
    [
      t('email.hello', { name: m.name }),
      t('booking.followUp.body', { with: m.withName, when: m.when }),
      t('booking.followUp.choice'),
    ],
    { label: t('booking.followUp.action'), url: m.link },
  );
}
