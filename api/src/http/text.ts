import { z } from 'zod';

/**
 * Text hygiene for request fields, in the zod schemas themselves so the rule that runs is the one
 * the OpenAPI document publishes (as a `pattern`).
 *
 * Identity text (names, titles, anything shown as who someone is) refuses every C0 and C1 control
 * character and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 * a name must not reorder what is displayed around it ("Dr. Evil\u202Eelihp" reads as someone else)
 * or carry line breaks into lists, e-mails and logs. Free text keeps \n and \t (CRLF becomes \n)
 * and refuses the other controls. NUL is refused everywhere by the body guard (json-guard.ts) first.
 */
const IDENTITY_ALLOWED = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/u;
const FREE_TEXT_ALLOWED = /^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]*$/u;

export const IDENTITY_TEXT_MESSAGE = 'must not contain control or bidirectional formatting characters';
export const FREE_TEXT_MESSAGE = 'must not contain control characters other than line breaks and tabs';

/** A name or other identity field: trimmed, length-bounded, no controls, no bidi formatting. */
export const identityText = ({ min = 1, max }: { min?: number; max: number }) =>
  z.string().trim().min(min).max(max).regex(IDENTITY_ALLOWED, IDENTITY_TEXT_MESSAGE);

/** Free text (a bio, a note): line breaks and tabs allowed, other controls refused. */
export const safeText = ({ min = 0, max }: { min?: number; max: number }) =>
  z
    .string()
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .min(min)
    .max(max)
    .regex(FREE_TEXT_ALLOWED, FREE_TEXT_MESSAGE);
