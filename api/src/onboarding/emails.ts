import { render, type DomainEmail } from '../email/templates.ts';

/** The admin verified the doctor: patients can find and book them now. */
export function doctorVerifiedEmail(m: { name: string; link: string }): DomainEmail {
  return {
    template: 'doctor_verified',
    ...render({
      kind: 'generic',
      subject: 'You are verified on Telehealth Hub',
      heading: 'You are verified',
      paragraphs: [
        `Hello ${m.name},`,
        'Our team has verified your registration. Patients can now find you, book your open hours and consult you by video.',
      ],
      action: { label: 'Open your agenda', url: m.link },
    }),
  };
}

/** The admin could not verify the application; the reason is about the application only. */
export function doctorRejectedEmail(m: { name: string; reason: string; link: string }): DomainEmail {
  return {
    template: 'doctor_rejected',
    ...render({
      kind: 'generic',
      subject: 'Your Telehealth Hub application needs attention',
      heading: 'Your application needs attention',
      paragraphs: [
        `Hello ${m.name},`,
        'We could not verify your application to consult on Telehealth Hub yet, for this reason:',
        m.reason,
        'You can correct your details and submit them again; we review every resubmission.',
      ],
      action: { label: 'Review my application', url: m.link },
    }),
  };
}
