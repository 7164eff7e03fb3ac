/**
 * The languages the server writes in (e-mails, PDFs, calendar invites): the same codes as the
 * users' `locale` column and the web app's catalogues. A locale we do not write in falls back to
 * English rather than failing an e-mail.
 */
export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for Intl: Hindi as written in India (Indian digit grouping, Indian dates). */
export const INTL_TAG: Readonly<Record<Locale, string>> = { en: 'en', hi: 'hi-IN' };

export const isLocale = (s: unknown): s is Locale => (LOCALES as readonly unknown[]).includes(s);

/** A stored `locale` ('hi', 'hi-IN', null) to one we write in. */
export function toLocale(s: string | null | undefined): Locale {
  const base = (s ?? '').toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : 'en';
}
