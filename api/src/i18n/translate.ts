import { formatMoney } from '@telehealth/platform/money';
import { fill, pluralKey, type PluralBase } from '@telehealth/platform/messages';
import { INTL_TAG, toLocale, type Locale } from './locale.ts';
import { en, type ServerMessageKey } from './messages.en.ts';
import { hi } from './messages.hi.ts';

const CATALOGUES: Readonly<Record<Locale, Record<ServerMessageKey, string>>> = { en, hi };

type Params = Record<string, string | number>;

/**
 * Everything a template needs to write in its recipient's language: the words (`t`, `tn`) and
 * dates, times and money through Intl in that language. Pure: no I/O, so templates stay testable.
 */
export interface Translator {
  locale: Locale;
  /** BCP 47 tag for Intl ('hi-IN'). */
  tag: string;
  t(key: ServerMessageKey, params?: Params): string;
  tn(base: PluralBase<ServerMessageKey>, count: number, params?: Params): string;
  /** "Monday, 15 March 2027 at 9:00 am (Asia/Kolkata)": a local time with its zone named. */
  when(d: Date, zone: string): string;
  /** "15 Mar 2027, 13:00 UTC": instants no one local owns (an emergency grant's end). */
  utc(d: Date): string;
  money(minor: number, currency: string): string;
}

/** A zone Intl does not know (a bad row) must not fail an e-mail: it is written in UTC instead. */
function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

export function translator(locale: Locale | string | null | undefined): Translator {
  const l = toLocale(locale);
  const dict = CATALOGUES[l];
  const tag = INTL_TAG[l];
  return {
    locale: l,
    tag,
    t: (key, params) => fill(dict[key], params),
    tn: (base, count, params) =>
      fill(dict[pluralKey(tag, base, count, (k) => k in dict) as ServerMessageKey], {
        ...params,
        n: new Intl.NumberFormat(tag).format(count),
      }),
    when: (d, zone) => {
      const z = safeZone(zone);
      const s = new Intl.DateTimeFormat(tag, { timeZone: z, dateStyle: 'full', timeStyle: 'short' }).format(
        d,
      );
      return `${s} (${z})`;
    },
    utc: (d) =>
      `${new Intl.DateTimeFormat(tag, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(d)} UTC`,
    money: (minor, currency) => formatMoney(minor, currency, tag),
  };
}
