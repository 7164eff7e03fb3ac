import { placeholders } from '@telehealth/platform/messages';
import { dateTime } from './format.ts';
import { hasKey, i18n, t } from './i18n/index.svelte.ts';

/**
 * A notification's words in the UI's language. The server stores a title and body in English
 * with each row (the socket tier has no catalogue); in another language a kind the app knows is
 * written from `notif.<kind>.title` / `.body` (`.body.<variant>` when the row names one) with the
 * row's `data` (names, times in the UI's locale), so the bell follows the language the reader
 * chose, also for rows made before they changed it. A kind the app does not know, or a row without
 * the data its words need, shows the server's text.
 */
export interface NoteWords {
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the words may name, from `data`; times in the UI's locale. */
function params(data: Record<string, unknown>): Record<string, string> {
  const at = str(data.startsAt) || str(data.expiresAt);
  return {
    name: str(data.name),
    doctor: str(data.doctorName),
    reason: str(data.reasonCode),
    time: at ? dateTime(at) : '',
  };
}

/** The message for `key` when it exists and every placeholder it needs has a value. */
function written(key: string, p: Record<string, string>): string | null {
  if (i18n.locale === 'en' || !hasKey(key)) return null;
  const template = t(key);
  return placeholders(template).every((name) => p[name]) ? t(key, p) : null;
}

export function noteTitle(n: NoteWords): string {
  return written(`notif.${n.kind}.title`, params(n.data)) ?? n.title;
}

export function noteBody(n: NoteWords): string {
  const p = params(n.data);
  const variant = str(n.data.variant);
  return (
    (variant ? written(`notif.${n.kind}.body.${variant}`, p) : null) ??
    written(`notif.${n.kind}.body`, p) ??
    n.body
  );
}
