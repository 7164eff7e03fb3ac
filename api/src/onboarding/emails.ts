import type { DomainEmail } from '../email/templates.ts';
import { simpleEmail } from '../email/templates.ts';
import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';

/** The admin verified the doctor: patients can find and book them now. In the doctor's language. */
export function doctorVerifiedEmail(m: {
  name: string;
  link: string;
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return {
    template: 'doctor_verified',
    ...simpleEmail(
      tr,
      t('onboarding.verified.subject'),
      t('onboarding.verified.heading'),
      [t('email.hello', { name: m.name }), t('onboarding.verified.body')],
      { label: t('onboarding.verified.action'), url: m.link },
    ),
  };
}

/** The admin could not verify the application; the reason (the admin's words) is about the application only. */
export function doctorRejectedEmail(m: {
  name: string;
  reason: string;
  link: string;
  locale?: Locale | string | null;
}): DomainEmail {
  const tr = translator(m.locale);
  const { t } = tr;
  return {
    template: 'doctor_rejected',
    ...simpleEmail(
      tr,
      t('onboarding.rejected.subject'),
      t('onboarding.rejected.heading'),
      [
        t('email.hello', { name: m.name }),
        t('onboarding.rejected.body'),
        m.reason,
        t('onboarding.rejected.again'),
      ],
      { label: t('onboarding.rejected.action'), url: m.link },
    ),
  };
}
