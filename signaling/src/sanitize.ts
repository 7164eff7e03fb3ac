/**
 * Chat text hygiene. Text is stored and sent as plain text (the web app must render it as text, never
 * as HTML); here we only remove what is invisible or deceptive and enforce the length limit.
 */
// C0/C1 controls except \t and \n; \r is folded into \n first.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi overrides/isolates (Trojan-source style spoofing) and zero-width characters other than ZWJ,
// which emoji sequences need.
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export type SanitizeResult = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too_long' };

// Printable ASCII, tabs and newlines: most messages. Nothing in them is rewritten but runs of blank
// lines and the ends, and every character is one code point.
const PLAIN = /^[\x20-\x7E\t\n]*$/;

export function sanitizeChatText(input: string, maxChars: number): SanitizeResult {
  if (PLAIN.test(input)) {
    const text = (input.includes('\n\n\n\n') ? input.replace(/\n{4,}/g, '\n\n\n') : input).trim();
    if (text.length === 0) return { ok: false, reason: 'empty' };
    return text.length > maxChars ? { ok: false, reason: 'too_long' } : { ok: true, text };
  }
  return sanitizeGeneral(input, maxChars);
}

/** The general path; exported so tests can hold the plain-text shortcut to it. */
export function sanitizeGeneral(input: string, maxChars: number): SanitizeResult {
  const text = input
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    // No more than two blank lines in a row; trailing/leading whitespace is noise.
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  // Count code points, not UTF-16 units, so emoji count as one.
  let n = 0;
  for (const _ of text) if (++n > maxChars) return { ok: false, reason: 'too_long' };
  return { ok: true, text };
}
