import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { hi } from './hi.ts';
import { PLURAL_SUFFIX, placeholders } from '@telehealth/platform/messages';

/**
 * The catalogues are data the compiler only half checks: `Record<MessageKey, string>` catches a
 * missing Hindi key, but not an extra one, a spread that overrides, an English string pasted in
 * as the "translation" or a placeholder that was translated. These tests do.
 */
const LANGS = { en: { tag: 'en', dict: en }, hi: { tag: 'hi-IN', dict: hi } } as const;

/** Messages that are the same in every language: file formats and brand names. */
const SAME_EVERYWHERE = new Set(['records.pdf']);

/** Each area file exports `<area>En` and `<area>Hi`; a new area file is picked up by this glob. */
const areas = Object.entries(
  import.meta.glob<Record<string, Record<string, string>>>(['./*.ts', '!./*.test.ts', '!./*.svelte.ts'], {
    eager: true,
  }),
).flatMap(([file, mod]) =>
  Object.keys(mod)
    .filter((name) => name.endsWith('En') && `${name.slice(0, -2)}Hi` in mod)
    .map((name) => ({ file, name: name.slice(0, -2), en: mod[name]!, hi: mod[`${name.slice(0, -2)}Hi`]! })),
);

const sorted = (o: object) => Object.keys(o).sort();

describe('message catalogues', () => {
  it('finds the area files (journey and the seven areas)', () => {
    expect(areas.map((a) => a.name)).toEqual(expect.arrayContaining(['journey', 'guests', 'vault', 'money']));
  });

  it.each(areas.map((a) => [a.file, a] as const))('%s: Hindi and English have the same keys', (_, a) => {
    expect(sorted(a.hi)).toEqual(sorted(a.en));
  });

  it('hi.ts has exactly the keys of en.ts', () => {
    expect(sorted(hi)).toEqual(sorted(en));
  });

  it('every message has the same placeholders in every language, and no empty text', () => {
    const wrong = Object.keys(en).flatMap((key) =>
      Object.entries(LANGS).flatMap(([lang, { dict }]) => {
        const s = dict[key as keyof typeof dict];
        const ok =
          s.trim() !== '' && placeholders(s).join() === placeholders(en[key as keyof typeof en]).join();
        return ok ? [] : [`${lang} ${key}: ${s}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('no Hindi message is an English string left in place (Latin letters and no Devanagari)', () => {
    const untranslated = Object.keys(en).filter((k) => {
      const h = hi[k as keyof typeof hi].replace(/\{\w+\}/g, '');
      return !SAME_EVERYWHERE.has(k) && /[A-Za-z]/.test(h) && !/[\u0900-\u097F]/.test(h);
    });
    expect(untranslated).toEqual([]);
  });

  it('every counted message has each plural form its language uses', () => {
    for (const { tag, dict } of Object.values(LANGS)) {
      const bases = new Set(
        Object.keys(dict).flatMap((k) => (PLURAL_SUFFIX.test(k) ? [k.replace(PLURAL_SUFFIX, '')] : [])),
      );
      expect(bases.size).toBeGreaterThan(0);
      for (const base of bases)
        for (const category of new Intl.PluralRules(tag).resolvedOptions().pluralCategories)
          expect(Object.keys(dict), `${tag} ${base}`).toContain(`${base}_${category}`);
    }
  });
});
