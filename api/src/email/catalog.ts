/**
 * Every e-mail the platform sends, rendered from sample data with the same link builders the
 * services use, and who receives it. The browser test (web/e2e/email-links.test.ts) opens every
 * link of every entry as that recipient and requires a real page; catalog.test.ts fails when a
 * template is sent somewhere in the code but missing here. No I/O.
 */
import { bookingLinks } from '../booking/emails.ts';
import {
  bookingCancelledEmail,
  bookingConfirmedEmail,
  bookingReminderEmail,
  bookingRescheduledEmail,
  followUpProposedEmail,
  rescheduleProposedEmail,
} from '../booking/emails.ts';
import { doctorRejectedEmail, doctorVerifiedEmail } from '../onboarding/emails.ts';
import { dependentInviteEmail, familyLinks } from '../family/emails.ts';
import { receiptEmail, receiptLink, refundEmail } from '../payments/emails.ts';
import { emergencyAccessAdminEmail, emergencyAccessEmail, recordsLinks } from '../records/emails.ts';
import { render, type RenderedEmail } from './templates.ts';
import { guestInviteEmail } from '../consultations/emails.ts';

export type Recipient = 'patient' | 'doctor' | 'admin' | 'anyone';

/** Real ids for the links (the test books and pays a visit first so the pages have something). */
export interface EmailFixture {
  publicUrl: string;
  appointmentId: string;
  doctorId: string;
  paymentId: string;
}

export interface CatalogEntry {
  /** The outbox `template` (a DomainEmail's template, or an account EmailMessage's kind). */
  template: string;
  /** A variant of one template with other links (the cancellation's patient and doctor copies). */
  variant?: string;
  recipient: Recipient;
  render(f: EmailFixture): RenderedEmail;
}

const who = {
  name: 'Priya Sharma',
  withName: 'Dr. Asha Rao',
  when: 'Monday, March 15, 2027 at 9:00 AM (Asia/Kolkata)',
};
const base = (f: EmailFixture) => f.publicUrl.replace(/\/$/, '');

export const EMAIL_CATALOG: readonly CatalogEntry[] = [
  {
    template: 'registration_otp',
    recipient: 'anyone',
    render: () => render({ kind: 'registration_otp', name: who.name, code: '123456', ttlMinutes: 10 }),
  },
  {
    template: 'password_reset',
    recipient: 'anyone',
    render: (f) =>
      render({
        kind: 'password_reset',
        name: who.name,
        link: `${base(f)}/reset-password?token=sample`,
        ttlMinutes: 30,
      }),
  },
  {
    template: 'password_changed',
    recipient: 'anyone',
    render: () => render({ kind: 'password_changed', name: who.name }),
  },
  {
    // auth/service.ts: sign-up with an address that already has an account.
    template: 'generic',
    variant: 'account_exists',
    recipient: 'anyone',
    render: (f) =>
      render({
        kind: 'generic',
        subject: 'You already have a Telehealth Hub account',
        heading: 'You already have an account',
        paragraphs: ['Someone tried to create an account with this email address.'],
        action: { label: 'Sign in', url: `${base(f)}/login` },
      }),
  },
  {
    // family/routes.ts: a guardian gives a family member their own login.
    template: 'family_invite',
    recipient: 'anyone',
    render: (f) =>
      dependentInviteEmail({
        name: 'Kamala Sharma',
        guardianName: who.name,
        link: familyLinks(f.publicUrl).join('sample'),
      }),
  },
  ...(['patient', 'doctor'] as const).flatMap((side): CatalogEntry[] => [
    {
      template: 'booking_confirmed',
      variant: side,
      recipient: side,
      render: (f) =>
        bookingConfirmedEmail({ ...who, link: bookingLinks(f.publicUrl).appointment(f.appointmentId) }),
    },
    {
      template: 'booking_rescheduled',
      variant: side,
      recipient: side,
      render: (f) =>
        bookingRescheduledEmail({
          ...who,
          previousWhen: who.when,
          link: bookingLinks(f.publicUrl).appointment(f.appointmentId),
        }),
    },
    {
      template: 'booking_cancelled',
      variant: side,
      recipient: side,
      // The patient is sent to book another time, the doctor to the cancelled visit (booking/service.ts).
      render: (f) =>
        bookingCancelledEmail({
          ...who,
          cancelledBy: 'doctor',
          link:
            side === 'patient'
              ? bookingLinks(f.publicUrl).doctor(f.doctorId)
              : bookingLinks(f.publicUrl).appointment(f.appointmentId),
        }),
    },
  ]),
  ...(['24h', '1h'] as const).map((lead): CatalogEntry => ({
    template: `booking_reminder_${lead}`,
    recipient: 'patient',
    render: (f) =>
      bookingReminderEmail({ ...who, lead, link: bookingLinks(f.publicUrl).appointment(f.appointmentId) }),
  })),
  {
    template: 'booking_reschedule_proposed',
    recipient: 'patient',
    render: (f) =>
      rescheduleProposedEmail({
        ...who,
        currentWhen: who.when,
        link: bookingLinks(f.publicUrl).appointment(f.appointmentId),
      }),
  },
  {
    template: 'booking_follow_up_proposed',
    recipient: 'patient',
    render: (f) =>
      followUpProposedEmail({ ...who, link: bookingLinks(f.publicUrl).appointment(f.appointmentId) }),
  },
  {
    template: 'payment_receipt',
    recipient: 'patient',
    render: (f) =>
      receiptEmail({
        name: who.name,
        paymentId: f.paymentId,
        what: `a consultation with ${who.withName} on ${who.when}`,
        currency: 'INR',
        amountMinor: 50_000,
        walletMinor: 50_000,
        gatewayMinor: 0,
        link: receiptLink(f.paymentId, f.publicUrl),
      }),
  },
  {
    template: 'payment_refund',
    recipient: 'patient',
    render: (f) =>
      refundEmail({
        name: who.name,
        paymentId: f.paymentId,
        currency: 'INR',
        walletMinor: 50_000,
        gatewayMinor: 0,
        reason: 'Your appointment was cancelled by the doctor.',
        link: receiptLink(f.paymentId, f.publicUrl),
      }),
  },
  {
    template: 'records_emergency_access',
    recipient: 'patient',
    render: (f) =>
      emergencyAccessEmail({
        patientName: who.name,
        doctorName: who.withName,
        expiresAt: new Date('2027-03-15T13:00:00Z'),
        link: recordsLinks(f.publicUrl).access,
      }),
  },
  {
    template: 'records_emergency_access_admin',
    recipient: 'admin',
    render: (f) =>
      emergencyAccessAdminEmail({
        doctorName: who.withName,
        reasonCode: 'patient_cannot_consent',
        expiresAt: new Date('2027-03-15T13:00:00Z'),
        link: recordsLinks(f.publicUrl).emergencyReview,
      }),
  },
  {
    template: 'doctor_verified',
    recipient: 'doctor',
    render: (f) => doctorVerifiedEmail({ name: who.withName, link: `${base(f)}/doctor` }),
  },
  {
    template: 'doctor_rejected',
    recipient: 'doctor',
    render: (f) =>
      doctorRejectedEmail({
        name: who.withName,
        reason: 'The registration number does not match the register.',
        link: `${base(f)}/doctor/onboarding`,
      }),
  },
  {
    // consultations/guest-routes.ts: a guest (interpreter, carer) invited into a call; no account.
    template: 'call_guest_invite',
    recipient: 'anyone',
    render: (f) =>
      guestInviteEmail({
        locale: 'en',
        inviterName: who.withName,
        doctorName: who.withName,
        link: `${base(f)}/call/join?invite=sample-invitation-token`,
        ttlMinutes: 120,
      }),
  },
];

/**
 * Sent with no link at all, rendered outside this package (signaling/src/queue/handlers.ts writes
 * the "it is your turn" e-mail into the outbox itself): nothing for a browser to open.
 */
export const LINKLESS_ELSEWHERE = ['queue.called'] as const;

/** Every absolute link of an e-mail: the HTML's hrefs and the plain text's URLs, once each. */
export function emailLinks(m: RenderedEmail): string[] {
  const hrefs = [...m.html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replaceAll('&amp;', '&'));
  const texts = [...m.text.matchAll(/https?:\/\/[^\s)>"]+/g)].map((x) => x[0].replace(/[.,;:]+$/, ''));
  return [...new Set([...hrefs, ...texts])];
}
