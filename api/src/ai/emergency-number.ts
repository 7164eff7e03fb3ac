/**
 * The emergency number to show a patient, from what the app knows of their country: the phone's
 * country code, else the browser's time zone (the same signals the wallet uses for currency).
 * null when neither says: the screen then gives the general 112 / 999 / 911 guidance instead of
 * guessing a number that may ring nowhere.
 */
const BY_PREFIX: readonly (readonly [prefix: string, number: string])[] = [
  ['+91', '112'], // India: ERSS single emergency number
  ['+44', '999'], // United Kingdom (112 also works)
  ['+353', '112'], // Ireland (999 also works)
  ['+61', '000'], // Australia
  ['+64', '111'], // New Zealand
  ['+1', '911'], // United States and Canada
];

const BY_ZONE: readonly (readonly [zone: RegExp, number: string])[] = [
  // Browsers may report India's zone by its older ICU name.
  [/^Asia\/(?:Kolkata|Calcutta)$/, '112'],
  [/^Europe\/(?:London|Belfast)$/, '999'],
  // 112 answers everywhere in the EU and most of Europe.
  [/^Europe\//, '112'],
  [/^Australia\//, '000'],
  [/^Pacific\/Auckland$/, '111'],
  [
    /^America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Indiana\/.+|Kentucky\/.+|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|Regina|St_Johns)$/,
    '911',
  ],
  [/^Pacific\/Honolulu$/, '911'],
];

export function emergencyNumberFor(user: { phone?: string | null; timezone?: string | null }): string | null {
  const phone = (user.phone ?? '').replace(/[\s-]/g, '');
  // No prefix in the table is a prefix of another, so the order does not matter.
  for (const [prefix, number] of BY_PREFIX) if (phone.startsWith(prefix)) return number;
  const zone = user.timezone ?? '';
  for (const [re, number] of BY_ZONE) if (re.test(zone)) return number;
  return null;
}
