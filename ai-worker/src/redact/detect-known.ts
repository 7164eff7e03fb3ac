import { allMatches, digitsOf, escapeRe, PRIORITY, push, type Sink } from './scan.ts';
import { type KnownPii } from './types.ts';

/** The patient's own profile values, found however they are written: they beat every other detector. */
function flexibleLiteral(value: string): RegExp {
  // Whitespace and punctuation between words may differ ("12, MG Road" vs "12 MG Rd").
  const parts = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(escapeRe);
  return new RegExp(String.raw`(?<![\w])${parts.join(String.raw`[\s,]+`)}(?![\w])`, 'gi');
}

export function detectKnown(text: string, known: KnownPii, extraNames: string[], out: Sink): void {
  const names = [known.name, ...extraNames].filter((n): n is string => !!n && n.trim().length > 1);
  for (const name of names) {
    for (const m of allMatches(flexibleLiteral(name), text))
      push(out, 'NAME', m.index, m.index + m[0].length, PRIORITY.known);
    for (const tok of name.split(/[\s.]+/)) {
      if (tok.length < 2 || (tok.length < 3 && !/^[A-Z]/.test(tok))) continue;
      const re = new RegExp(String.raw`(?<![\w@.])${escapeRe(tok)}(?:['’]s)?(?![\w@])`, 'gi');
      for (const m of allMatches(re, text)) push(out, 'NAME', m.index, m.index + tok.length, PRIORITY.known);
    }
  }
  if (known.email && known.email.includes('@')) {
    const email = known.email.trim();
    for (const m of allMatches(new RegExp(escapeRe(email), 'gi'), text))
      push(out, 'EMAIL', m.index, m.index + m[0].length, PRIORITY.known);
    const local = email.split('@')[0] ?? '';
    if (local.length >= 4) {
      const re = new RegExp(String.raw`(?<![\w.])${escapeRe(local)}(?![\w])`, 'gi');
      for (const m of allMatches(re, text))
        push(out, 'EMAIL', m.index, m.index + m[0].length, PRIORITY.known);
    }
  }
  if (known.phone) {
    const want = digitsOf(known.phone);
    const core = want.length > 10 ? want.slice(-10) : want;
    if (core.length >= 6) {
      // Any run of digits/separators whose digits contain the number, however it is written.
      for (const m of allMatches(/\+?\d[\d\s().-]{4,}\d/g, text)) {
        const d = digitsOf(m[0]);
        const at = d.indexOf(core);
        if (at < 0) continue;
        // Map the digit window back onto the characters of the match.
        let seen = 0;
        let s = -1;
        let e = -1;
        for (let i = 0; i < m[0].length; i++) {
          if (!/\d/.test(m[0][i]!)) continue;
          if (seen === 0 && at === 0 && s < 0) s = i;
          if (seen === at && s < 0) s = i;
          seen++;
          if (seen === at + core.length) {
            e = i + 1;
            break;
          }
        }
        // Include a country code prefix that sits right before the core digits.
        const prefix = m[0].slice(0, s).match(/(?:\+|00)?\d{1,3}[\s.-]?$/);
        const from = prefix && digitsOf(prefix[0]) === d.slice(0, at) ? s - prefix[0].length : s;
        push(out, 'PHONE', m.index + from, m.index + e, PRIORITY.known);
      }
    }
  }
  if (known.address) {
    for (const m of allMatches(flexibleLiteral(known.address), text))
      push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.known);
    // Parts of the address mentioned on their own ("near Sai Residency", "PIN 560038").
    for (const part of known.address.split(/[,\n]+/)) {
      const p = part.trim();
      if (p.length < 4 || /^(?:india|usa|united states)$/i.test(p)) continue;
      for (const m of allMatches(flexibleLiteral(p), text))
        push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.known);
    }
  }
}
