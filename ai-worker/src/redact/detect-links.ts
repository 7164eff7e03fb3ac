import { allMatches, PRIORITY, push, type Scan } from './scan.ts';

/** E-mail addresses, URLs (with or without a scheme) and IP addresses. */
const EMAIL_LOCAL = /[A-Za-z0-9._%+'-]/;
const EMAIL_STICKY_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
/** "local@scheme" with no dot after the scheme word (ABHA addresses, UPI handles). */
const HANDLE_STICKY_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z][A-Za-z0-9]{1,15}(?![A-Za-z0-9@-]|\.[A-Za-z0-9])/y;
/** A bare domain with a path ("bit.ly/3xYz", "instagram.com/someone"): no scheme, but a link all the same. */
const BARE_URL_RE =
  /\b(?:[a-z0-9-]+\.)+(?:com|org|net|in|co|uk|io|me|ly|gl|app|health|info|us|ca|au|gov|edu)(?:\.[a-z]{2})?\/[^\s<>"')\]]*/gi;
/** A top-level domain then "/": a literal "." first, so the scan is cheap; most notes have none. */
const BARE_URL_GATE_RE =
  /\.(?:com|org|net|in|co|uk|io|me|ly|gl|app|health|info|us|ca|au|gov|edu)(?:\.[a-z]{2})?\//i;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const IPV4_RE = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b(?!\.\d)/g;
const IPV6_RE =
  /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?\b/gi;

export function detectEmailsUrlsIps(scan: Scan): void {
  const { text, out, gate } = scan;
  // From each "@": walk back over the local part, then match from there (the regex alone retries
  // at every character of every word).
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && EMAIL_LOCAL.test(text[s - 1]!)) s--;
    if (s === at) continue;
    EMAIL_STICKY_RE.lastIndex = s;
    const m = EMAIL_STICKY_RE.exec(text);
    if (m) push(out, 'EMAIL', s, s + m[0].length, PRIORITY.email);
    else {
      // A handle with no top-level domain is a scheme's address, not an e-mail: ABHA
      // ("name.x12@abdm", "@sbx"), UPI ("98xxxx@okaxis"). It names the person all the same.
      HANDLE_STICKY_RE.lastIndex = s;
      const h = HANDLE_STICKY_RE.exec(text);
      if (h && at - s >= 3) push(out, 'ID', s, s + h[0].length, PRIORITY.email);
    }
  }
  if (text.includes('http') || text.includes('www.') || text.includes('HTTP') || text.includes('WWW.'))
    for (const m of allMatches(URL_RE, text)) {
      const raw = m[0].replace(/[.,;:!?]+$/, '');
      push(out, 'URL', m.index, m.index + raw.length, PRIORITY.url);
    }
  if (BARE_URL_GATE_RE.test(text))
    for (const m of allMatches(BARE_URL_RE, text)) {
      // Not the domain part of an e-mail address or of a URL already found.
      if (m.index > 0 && /[@/.]/.test(text[m.index - 1]!)) continue;
      const raw = m[0].replace(/[.,;:!?]+$/, '');
      push(out, 'URL', m.index, m.index + raw.length, PRIORITY.url - 1);
    }
  if (gate.digits < 4) return;
  for (const m of allMatches(IPV4_RE, text)) {
    // A version-like "1.2.3.4" right after a letter (e.g. "v1.2.3.4") is not an address.
    if (/[A-Za-z]$/.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    push(out, 'IP', m.index, m.index + m[0].length, PRIORITY.ip);
  }
  // Two colons at least, found by indexOf: the gate regex alone ran over every character of every note.
  const colon = text.indexOf(':');
  if (colon < 0 || text.indexOf(':', colon + 1) < 0 || !/[0-9a-f]:[0-9a-f]*:/i.test(text)) return;
  for (const m of allMatches(IPV6_RE, text)) {
    if ((m[0].match(/:/g) ?? []).length < 2 || !/\d/.test(m[0])) continue; // times like 10:30 are not IPv6
    if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(m[0])) continue;
    push(out, 'IP', m.index, m.index + m[0].length, PRIORITY.ip);
  }
}
