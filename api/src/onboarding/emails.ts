import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';

/** The admin verified the doctor: patients can find and book them now. */
export function doctorVerifiedEmail(m: { name: string; link: string }): DomainEmail {
  const lines = [
    `Hello ${m.name},`,
    'Our team has verified your registration. Patients can now find you, book your open hours and consult you by video.',
  ];
  return {
    template: 'doctor_verified',
    subject: 'You are verified on Telehealth Hub',
    html: emailLayout('You are verified', lines.map(para).join('') + button('Open your agenda', m.link)),
    text: `${lines.join('\n\n')}\n\nOpen your agenda: ${m.link}\n`,
  };
}

/** The admin could not verify the application; the reason is about the application only. */
export function doctorRejectedEmail(m: { name: string; reason: string; link: string }): DomainEmail {
  const lines = [
    `Hello ${m.name},`,
    'We could not verify your application to consult on Telehealth Hub yet, for this reason:',
    m.reason,
    'You can correct your details and submit them again; we review every resubmission.',
  ];
  return {
    template: 'doctor_rejected',
    subject: 'Your Telehealth Hub application needs attention',
    html: emailLayout(
      'Your application needs attention',
      lines.map(para).join('') + button('Review my application', m.link),
    ),
    text: `${lines.join('\n\n')}\n\nReview my application: ${m.link}\n`,
  };
}
