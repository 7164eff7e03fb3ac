import { formatMoney } from '@telehealth/platform/money';
import { intlLocale } from './i18n/index.svelte.ts';

/** Integer minor units → localised money ("₹500.00", "¥1,000"): the server's formatter, in the UI's locale. */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, intlLocale());
}

/** A number in the UI's locale, with at most `maxDigits` decimals ("1,234.5"; Hindi groups "1,23,456"). */
export function decimal(n: number, maxDigits = 0, minDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(), {
    maximumFractionDigits: maxDigits,
    minimumFractionDigits: minDigits,
  }).format(n);
}

/** A ratio (0.125) as a percentage in the UI's locale ("12.5%"). */
export function percent(ratio: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A file size in KB or MB with the locale's digits and the unit Intl names in that language. */
export function fileSize(bytes: number): string {
  const mb = bytes > 1_048_576;
  return new Intl.NumberFormat(intlLocale(), {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / 1_048_576 : Math.max(1, Math.round(bytes / 1024)));
}

export function dateTime(iso: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

export function date(iso: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

export function time(iso: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function weekday(iso: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** ISO 639 code → the language's name in the UI language ("hi" → "Hindi"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function initials(name: string): string {
  return name
    .replace(/^Dr\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

/** The browser's IANA time zone (for sign-up defaults and slot display). */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
