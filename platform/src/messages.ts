/**
 * Message catalogues, shared by the web app and the server (e-mails, PDFs, invites): placeholders
 * and plural forms, so both sides fill and count the same way.
 *
 * Plural forms. A counted message has one key per CLDR plural category it needs, `base_one`,
 * `base_other` (and `_few`, `_many`… for a language that has them); Intl.PluralRules picks the
 * category for the count in the UI's language, and `_other` is the form every language has.
 */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** `'doctors.results'` for `'doctors.results_other'`: the bases `tn()` accepts. */
export type PluralBase<K extends string> = K extends `${infer B}_other` ? B : never;

/** The key of `base` for `count` in `locale` (a BCP 47 tag), or `base_other` when that form is absent. */
export function pluralKey(
  locale: string,
  base: string,
  count: number,
  has: (key: string) => boolean,
): string {
  const key = `${base}_${new Intl.PluralRules(locale).select(count)}`;
  return has(key) ? key : `${base}_other`;
}

/** The `{name}` placeholders of a message, sorted: a translation must use the same ones. */
export const placeholders = (s: string) =>
  [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** Fills `{name}` placeholders; an unknown one stays visible so a missing parameter is noticed. */
export const fill = (s: string, params?: Record<string, string | number>) =>
  params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
