import { allMatches, digitsOf, firstWords, matchesAt, PRIORITY, push, type Scan } from './scan.ts';

/**
 * Phone numbers: Indian, US and UK shapes, and any number after a phone label. Digit groups are
 * joined by spaces, tabs, dots or hyphens, never a line break ("07700-900127\n62 yrs" is a phone and an age).
 */
const PHONE_LABEL_RE =
  /\b(?:Phone|Ph|Tel|Telephone|Mobile|Mob|Cell|Contact(?: No| Number)?|Call(?: me)?(?: at| on)?|WhatsApp|Whatsapp|Fax|Landline|Emergency Contact(?: No)?)\.?\s*(?:No\.?|Number|#)?\s*[:\-–]?\s*(\+?[\d(][\d \t().-]{5,}\d)/gi;
const PHONE_LABEL_FIRST = firstWords(
  'phone ph tel telephone mobile mob cell contact call whatsapp fax landline emergency',
);
const PHONE_RES = [
  // International with a country code: +91 98765 43210, +1 (415) 555-0134, 0044 20 7946 0958
  /(?<![\w+])(?:\+|00)\d{1,3}[ \t.-]?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,5}(?:[ \t.-]?\d{2,5}){1,4}(?![\w])/g,
  // North American (415) 555-0134 / 415-555-0134 / 415.555.0134
  /(?<![\w])\(\d{3}\) ?\d{3}[ \t.-]?\d{4}(?!\d)/g,
  /(?<![\w.-])(?:1[ \t.-])?\d{3}[.-]\d{3}[.-]\d{4}(?![\w]|[.-]\d)/g,
  // Indian mobile: 98765 43210, 98765-43210, 9876543210, 09876543210
  /(?<![\w.])0?[6-9]\d{4}[ \t-]?\d{5}(?![\w]|\.\d)/g,
  // Indian landline with STD code: 022-2345 6789, 080 2345 6789, (011) 23456789
  /(?<![\w.])\(?0\d{2,4}\)?[ \t-]\d{3,4}[ \t-]?\d{4}(?![\w]|\.\d)/g,
  // Indian mobile with the country code but no plus: 91-98765 43210, 9198765 43210
  /(?<![\w.+-])91[ \t-]?[6-9]\d{4}[ \t-]?\d{5}(?![\w]|\.\d)/g,
  // UK: 07700 900123, 07700-900123, 07398 456 362, 01223 270334, 0161 496 0000, 020 7946 0958
  /(?<![\w.+-])0\d{4}[ \t-]?\d{3}[ \t-]?\d{3}(?![\w]|[.-]\d)/g,
  /(?<![\w.+-])0\d{3}[ \t-]?\d{3}[ \t-]?\d{4}(?![\w]|[.-]\d)/g,
  /(?<![\w.+-])0\d{2}[ \t-]?\d{4}[ \t-]?\d{4}(?![\w]|[.-]\d)/g,
  // North American with spaces: 773 995 9660 (an NHS number with a valid check digit is an ID first)
  /(?<![\w.+-])[2-9]\d{2} [2-9]\d{2} \d{4}(?![\w]|[.-]\d)/g,
];

export function detectPhones(scan: Scan): void {
  const { text, out, gate } = scan;
  if (gate.run < 7) return;
  for (const m of matchesAt(scan, PHONE_LABEL_RE, PHONE_LABEL_FIRST)) {
    const v = m[1] ?? '';
    const n = digitsOf(v).length;
    if (n < 7 || n > 15) continue;
    const start = m.index + m[0].length - v.length;
    push(out, 'PHONE', start, start + v.length, PRIORITY.labelledPhone);
  }
  for (const re of PHONE_RES) {
    for (const m of allMatches(re, text)) {
      const n = digitsOf(m[0]).length;
      if (n < 8 || n > 15) continue;
      push(out, 'PHONE', m.index, m.index + m[0].length, PRIORITY.phone);
    }
  }
}
