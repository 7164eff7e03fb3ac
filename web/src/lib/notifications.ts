import { dateTime } from './format.ts';
import { hasKey, t } from './i18n/index.svelte.ts';

/**
 * A notification's words in the UI's language. The server stores a title and body in English
 * with each row (the socket tier has no catalogue); a kind the app knows is written from
 * `notif.<kind>.title` / `.body` with the row's `data` (names, times) instead, so the bell follows
 * the language the reader chose, also for rows made before they changed it. A kind the app does
 * not know yet shows the server's text.
 */
export interface NoteWords {
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What a body may name: people and times from `data`, times in the UI's locale. */
function params(data: Record<string, unknown>): Record<string, string> {
  const expires = str(data.expiresAt);
  return {
    doctor: str(data.doctorName),
    reason: str(data.reasonCode),
    time: expires ? dateTime(expires) : '',
  };
}

export function noteTitle(n: NoteWords): string {
  const key = `notif.${n.kind}.title`;
  return hasKey(key) ? t(key, params(n.data)) : n.title;
}

export function noteBody(n: NoteWords): string {
  const key = `notif.${n.kind}.body`;
  const p = params(n.data);
  // A body that needs a name the row does not carry (rows from before the name was added) stays as sent.
  if (!hasKey(key) || (/\{doctor\}/.test(t(key, {})) && !p.doctor)) return n.body;
  return t(key, p);
}
