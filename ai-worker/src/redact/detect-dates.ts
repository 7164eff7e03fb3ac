import { allMatches, gateWords, hasAny, PRIORITY, push, type Scan } from './scan.ts';

/** Dates, and ages over 89 (the only ages that identify, HIPAA Safe Harbor). */
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const DATE_RES = [
  // 12/03/2024, 12-03-24, 3.4.2024 (same separator twice, so "13.5-17.5" ranges never match)
  /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)/g,
  // 2024-03-12, 2024/03/12
  /(?<![\d./-])\d{4}([/.-])\d{1,2}\1\d{1,2}(?![\d]|[./-]\d)/g,
  // 12 March 2024, 12th of Mar, 2024, 12-Mar-2024, 12 Mar
  new RegExp(
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?[\s-]+${MONTH}\.?(?:[\s,-]+(?:\d{4}|'\d{2}))?\b`,
    'gi',
  ),
  // March 12, 2024 / Mar 12th / March 2024
  new RegExp(String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?`, 'gi'),
  new RegExp(String.raw`\b${MONTH}\.?,?\s+(?:of\s+)?\d{4}\b`, 'gi'),
];
// "May" alone is far more often the verb; only redact May-dates with a digit attached (handled above).

const AGE_RES = [
  /\b(9\d|1[0-2]\d)(?=\s*(?:-|\s)?\s*(?:years?|yrs?|yr|y\/o|y\.o\.?|yo|year-old|-year-old|years-old)\b)/gi,
  /\b(?:age[d:]?|aged|age\s*[:=-]|age\s*\/\s*sex\s*[:=-]?)\s*(9\d|1[0-2]\d)\b/gi,
  /\b(9\d|1[0-2]\d)(?=\s*(?:Y|Yrs?)\b)/g,
  /\b(9\d|1[0-2]\d)(?=\s*\/?\s*(?:M|F|male|female)\b)/g,
  /\b(9\d|1[0-2]\d)(?=(?:st|nd|rd|th) birthday\b)/gi,
  // "my nani is 101", "grandad turned 94": a person, then a bare number past 89 (not a weight,
  // a percentage, a temperature or a reading).
  /\b(?:nani|nanima|nana|dadi|dadima|dada|grandma|grandpa|granny|gran|grandmother|grandfather|grandad|granddad|abuela|abuelo|nonna|nonno|oma|opa|mum|mom|mother|dad|father|he|she|patient|aunt|aunty|auntie|uncle)\s+(?:is|was|turned|turns|is now|will be|just turned)\s+(9\d|1[0-2]\d)\b(?![ \t]*(?:%|mg|kg|kgs|lbs?|bpm|°|degrees?|percent|mmhg|\/|\.\d|F\b|C\b))/gi,
];

const MONTH_WORDS = gateWords(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december',
);
const NINETY_PLUS_RE = /(?<!\d)(?:9\d|1[0-2]\d)(?!\d)/;
export function detectDatesAndAges(scan: Scan): void {
  const { text, out, gate } = scan;
  if (gate.digits === 0) return;
  const months = hasAny(scan, MONTH_WORDS);
  for (const re of DATE_RES) {
    if (!months && re !== DATE_RES[0] && re !== DATE_RES[1]) continue;
    for (const m of allMatches(re, text)) {
      if (re === DATE_RES[0]) {
        const a = Number(m[1]);
        const b = Number(m[3]);
        // Day-month or month-day must be plausible; versions like 1.2.10 stay.
        if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) continue;
      }
      push(out, 'DATE', m.index, m.index + m[0].length, PRIORITY.date);
    }
  }
  // Only ages over 89 are identifiers: no such number, no age.
  if (NINETY_PLUS_RE.test(text))
    for (const re of AGE_RES) {
      for (const m of allMatches(re, text)) {
        // "101F" / "99 F" after fever or temperature is a temperature, not a 101-year-old woman.
        if (
          re === AGE_RES[3] &&
          /(?:temp|temperature|fever|pyrexia|febrile|\bT\b|°)[^.\n]{0,20}$/i.test(
            text.slice(Math.max(0, m.index - 30), m.index),
          )
        )
          continue;
        const g = m[1] ?? m[0];
        const start = m.index + m[0].lastIndexOf(g);
        push(out, 'AGE', start, start + g.length, PRIORITY.age);
      }
    }
}
