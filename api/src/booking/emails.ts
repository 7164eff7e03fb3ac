import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';

/**
 * Booking emails. Deliberately thin on health information: who, when and a link; the reason for a
 * visit never goes into an email.
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

/** "Monday, March 15, 2027 at 9:00 AM (America/New_York)" */
export function formatWhen(d: Date, zone: string): string {
  const s = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(d);
  return `${s} (${zone})`;
}

interface Base {
  name: string;
  /** The other party: "Dr. Asha Rao" for the patient, the patient's name for the doctor. */
  withName: string;
  when: string;
  link: string;
}

const mail = (
  template: string,
  subject: string,
  heading: string,
  paragraphs: string[],
  action?: { label: string; url: string },
): DomainEmail => ({
  template,
  subject,
  html: emailLayout(
    heading,
    paragraphs.map(para).join('') + (action ? button(action.label, action.url) : ''),
  ),
  text: `${heading}\n\n${paragraphs.join('\n\n')}${action ? `\n\n${action.label}: ${action.url}` : ''}\n`,
});

export function bookingConfirmedEmail(m: Base & { priceText?: string }): DomainEmail {
  return mail(
    'booking_confirmed',
    `Confirmed: consultation with ${m.withName}`,
    'Your consultation is booked',
    [
      `Hello ${m.name},`,
      `Your video consultation with ${m.withName} is confirmed for ${m.when}.`,
      ...(m.priceText ? [`Fee: ${m.priceText}.`] : []),
      'The attached invitation adds it to your calendar. We will remind you 24 hours and 1 hour before.',
    ],
    { label: 'View appointment', url: m.link },
  );
}

export function bookingRescheduledEmail(m: Base & { previousWhen: string }): DomainEmail {
  return mail(
    'booking_rescheduled',
    `Moved: consultation with ${m.withName}`,
    'Your consultation has a new time',
    [
      `Hello ${m.name},`,
      `Your consultation with ${m.withName} has moved from ${m.previousWhen} to ${m.when}.`,
      'The attached invitation updates your calendar.',
    ],
    { label: 'View appointment', url: m.link },
  );
}

export function bookingCancelledEmail(m: Base & { cancelledBy: string; refundText?: string }): DomainEmail {
  return mail(
    'booking_cancelled',
    `Cancelled: consultation with ${m.withName}`,
    'Your consultation is cancelled',
    [
      `Hello ${m.name},`,
      `Your consultation with ${m.withName} on ${m.when} was cancelled by ${m.cancelledBy}.`,
      ...(m.refundText ? [m.refundText] : []),
      'The attached update removes it from your calendar.',
    ],
    { label: 'Book another time', url: m.link },
  );
}

export function bookingReminderEmail(m: Base & { lead: '24h' | '1h' }): DomainEmail {
  const soon = m.lead === '1h' ? 'in one hour' : 'tomorrow';
  return mail(
    `booking_reminder_${m.lead}`,
    `Reminder: consultation with ${m.withName} ${soon}`,
    `Your consultation is ${soon}`,
    [
      `Hello ${m.name},`,
      `This is a reminder of your video consultation with ${m.withName} on ${m.when}.`,
      'Join from the appointment page a few minutes early to check your camera and microphone.',
    ],
    { label: 'Open appointment', url: m.link },
  );
}

/** The doctor asks to move a booked visit; the patient accepts or declines in the app. */
export function rescheduleProposedEmail(m: Base & { currentWhen: string }): DomainEmail {
  return mail(
    'booking_reschedule_proposed',
    `${m.withName} proposes a new time`,
    'Your doctor proposes a new time',
    [
      `Hello ${m.name},`,
      `${m.withName} asks to move your consultation of ${m.currentWhen} to ${m.when}.`,
      'Accept the new time or keep yours from the appointment page. If it does not suit you, you can also cancel for a full refund.',
    ],
    { label: 'Review the new time', url: m.link },
  );
}

/** The doctor proposes a follow-up visit; the patient books it in one click from the app. */
export function followUpProposedEmail(m: Base): DomainEmail {
  return mail(
    'booking_follow_up_proposed',
    `${m.withName} proposes a follow-up`,
    'A follow-up consultation is proposed',
    [
      `Hello ${m.name},`,
      `${m.withName} proposes a follow-up consultation on ${m.when}.`,
      'You can book it in one click from your appointment page.',
    ],
    { label: 'Book the follow-up', url: m.link },
  );
}
