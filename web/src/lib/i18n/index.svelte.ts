import { en, type MessageKey } from './en.ts';
import { hi } from './hi.ts';

export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];
export type { MessageKey };

const dictionaries: Record<Locale, Partial<Record<MessageKey, string>>> = { en, hi };
const STORAGE_KEY = 'th.locale';

const isLocale = (s: unknown): s is Locale => LOCALES.some((l) => l.code === s);

function initial(): Locale {
  if (typeof window === 'undefined') return 'en';
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

/** The UI language: the signed-in user's `locale` from /me, else the last choice on this device. */
export const i18n = $state({ locale: initial() as Locale });

export function setLocale(l: string) {
  if (!isLocale(l)) return;
  i18n.locale = l;
  localStorage.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l;
}

/** Translate `key`, filling `{name}` placeholders. Reactive: reads the current locale. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const s = dictionaries[i18n.locale][key] ?? en[key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** BCP 47 tag for Intl formatters. */
export const intlLocale = () => (i18n.locale === 'hi' ? 'hi-IN' : 'en');
