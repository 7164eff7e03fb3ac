import { en, type MessageKey } from './en.ts';
import { hi } from './hi.ts';
import { fill, pluralKey, type PluralBase } from '@telehealth/platform/messages';

export const LOCALES = [
  { code: 'en', label: 'English', tag: 'en' },
  { code: 'hi', label: 'हिन्दी', tag: 'hi-IN' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];
export type { MessageKey };
export type PluralKey = PluralBase<MessageKey>;

/** Every language has every key (the types of hi.ts and the area files say so): no English fallback. */
const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, hi };
const STORAGE_KEY = 'th.locale';

export const isLocale = (s: unknown): s is Locale => LOCALES.some((l) => l.code === s);

function initial(): Locale {
  if (typeof window === 'undefined') return 'en';
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  const browser = navigator.language.toLowerCase();
  return LOCALES.find((l) => browser.startsWith(l.code))?.code ?? 'en';
}

/** The UI language: the signed-in user's `locale` from /me, else the last choice on this device. */
export const i18n = $state({ locale: initial() as Locale });

export function setLocale(l: string) {
  if (!isLocale(l)) return;
  i18n.locale = l;
  localStorage.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l;
}

/** Whether `key` is a message (for keys built from data, e.g. a notification's kind). */
export const hasKey = (key: string): key is MessageKey => key in en;

/** Translate `key`, filling `{name}` placeholders. Reactive: reads the current locale. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(dictionaries[i18n.locale][key], params);
}

/**
 * A counted message: `tn('doctors.results', 3)` picks `doctors.results_one` or `_other` by the
 * language's plural rules (Intl.PluralRules) and fills `{n}` with the count in the UI's digits.
 */
export function tn(base: PluralKey, count: number, params?: Record<string, string | number>): string {
  const dict = dictionaries[i18n.locale];
  const key = pluralKey(intlLocale(), base, count, (k) => k in dict) as MessageKey;
  return fill(dict[key], { ...params, n: new Intl.NumberFormat(intlLocale()).format(count) });
}

/** BCP 47 tag for Intl formatters. */
export const intlLocale = (): string => LOCALES.find((l) => l.code === i18n.locale)?.tag ?? 'en';
