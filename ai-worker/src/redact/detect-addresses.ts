import { placeBefore } from './detect-towns.ts';
import { CITIES } from './places.ts';
import { allMatches, firstWords, gateWords, hasAny, matchesAt, PRIORITY, push, type Scan } from './scan.ts';

/** Addresses: labelled lines, street lines, PIN/ZIP/postcode fields, chat delivery addresses. */
const STREET_SUFFIX = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Marg|Path|Gali|Nagar|Colony|Layout|Enclave|Vihar|Bagh|Puram|Halli|Peth|Chowk|Cross|Main|Sector)`;
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
const STREET_RE = new RegExp(
  String.raw`\b\d{1,6}[A-Za-z]?(?:[,/-]\d+)*,?\s+(?:[A-Z][A-Za-z'.]*\s+){0,4}${STREET_SUFFIX}\b\.?`,
  'g',
);
const ZIP_TAIL_RE = new RegExp(
  String.raw`(?:\b(?:${US_STATES})|,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)\.?,?\s+\d{5}(?:-\d{4})?(?![\d-])`,
  'g',
);
const PIN_RE = /(?<![\w.,/-])(?:[1-9]\d{5}|[1-9]\d{2}\s\d{3})(?![\d.,]\d|\d)/g;
const ADDRESS_START_WORDS =
  /\b(?:Flat|Apt|Apartment|House|H\.?\s?No|Plot|Door|D\.?\s?No|Block|Sector|Building|Bldg|Tower|Floor|Villa|Unit|Suite|#\s?\d|Near|Nr\.?|Opp\.?|Opposite|Behind|Ward No|Village|Vill\.?|Post|P\.O\.|Taluk|Tehsil|Dist\.?|District)\b/i;
const ADDRESS_LABEL_RE =
  /\b(?:(?:Residential|Permanent|Home|Current|Postal|Mailing|Communication|NOK|Patient)\s+)?(?:Address|Addr\.?|Add\.)\s*(?:is\s*)?[:\-–]?\s*(?=[#\dA-Za-z])|\b(?:send|deliver|ship|courier|post)\s+(?:(?:it|the\s+\w+|my\s+\w+|them)\s+)?to\s+(?=(?:flat|house|h\.?\s?no\.?|plot|apt|apartment|door|no\.?|#)?\s*(?:no\.?\s*)?\d)|\b(?:R\/o|Resident of|residing at|resides at|lives at|living at|staying at|moved to)\s*[:\-]?\s*/gi;
const ADDRESS_STOP_RE =
  /\s{2,}|[.!?](?:\s|$)(?<![\s.][A-Za-z]\.\s)(?<!\b(?:No|St|Rd|Nr|Opp|Apt)\.\s)|\s+-\s(?!\d)|,?\s+(?:can|could|is|are|pls|plz|please|thanks|thank|ok|okay|what|how|when|why|for|i|im|my|we|he|she|they|it|mri|had|have|has|also|but|so|dr|doctor|sir|mam|u|you|any|will|would|should|call|text|reply|currently|tonight|today)\b(?![-'])|\s\|\s|\b(?:Phone|Ph|Tel|Mobile|Mob|Email|E-mail|DOB|Age|Sex|MRN|UHID|Contact|Occupation|Religion|Diagnosis|Date|Ward|Bed|Admitted|Consultant)\b\s*[:\-.]|\b(?:Phone|Ph|Tel|Mobile|Mob|Email|E-mail|Cell|WhatsApp|Aadhaar|PAN|Passport|DOB)\b|\.\s+(?=[A-Z][a-z]+\s+[a-z])/;
const POSTAL_TAIL_RE =
  /^(.*?(?:\b[1-9]\d{5}\b|\b[1-9]\d{2}\s\d{3}\b|\b\d{5}(?:-\d{4})?\b)(?:,?\s*(?:India|USA|U\.S\.A\.|United States))?)/;

// "PIN: 400352", "pincode - 751278", "ZIP 93736", "zip code: 02118", "postcode M18 9NB", "Post Code - DE11 7AT".
const UK_POSTCODE = String.raw`(?:[A-Za-z]{1,2}\d[A-Za-z\d]?|[A-Za-z]{1,2}\d{1,2}) ?\d[A-Za-z]{2}`;
const POSTAL_LABEL_RE = new RegExp(
  String.raw`\b(?:pin\s?code|pincode|pin|zip\s?code|zip|postcode|post\s?code|postal\s?code|eircode)\b\.?\s*(?:no\.?|number|is)?\s*[:\-–=#]?\s*((?:[1-9]\d{2}\s?\d{3}|\d{5}(?:-\d{4})?)(?![\d])|${UK_POSTCODE}\b)`,
  'gi',
);
const UK_POSTCODE_RE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d{1,2}) ?\d[A-Z]{2}\b/g;
const UK_POSTCODE_LOWER_RE = /\b[a-z]{1,2}\d{1,2}[a-z]? \d(?!mg|ml|dl|kg|cm|mm)[a-z]{2}\b/g;

const ADDRESS_LABEL_WORDS = gateWords(
  'address addr add send deliver ship courier post r o resident residing resides lives living staying moved',
);
const POSTAL_WORDS = gateWords('pin pincode code zip zipcode postcode post postal eircode');
const POSTAL_FIRST = new Set(POSTAL_WORDS);
const ADDRESS_LABEL_FIRST =
  firstWords(`address addr add residential permanent home current postal mailing communication nok
  patient send deliver ship courier post r resident residing resides lives living staying moved`);
// Built once here rather than per address part inside the loop below.
const ADDRESS_TAIL_RE = new RegExp(
  String.raw`(?:\b\d{1,5}[A-Za-z]?(?:[/-]\d+)?\s+[A-Z].*|${ADDRESS_START_WORDS.source}.*)$`,
  'i',
);
const STREET_SUFFIX_WORD_RE = new RegExp(String.raw`\b${STREET_SUFFIX}\b`, 'i');
const hasAnyCity = (scan: Scan): boolean => {
  for (const w of scan.gate.words) if (CITIES.has(w)) return true;
  return false;
};
/**
 * An Indian locality by its suffix, with no house number before it ("Kalyani Nagar", "Rajaji Puram",
 * "Saket Colony"): these suffixes name places, never people or drugs. Gated on the suffix words.
 */
const LOCALITY_SUFFIX_WORDS = gateWords('nagar colony layout enclave vihar puram bagh peth halli ganj');
const LOCALITY_RE =
  /(?<![\w-])(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)? ){1,2}(?:Nagar|Colony|Layout|Enclave|Vihar|Puram|Bagh|Peth|Halli|Ganj)\b/g;

const DRUG_LINE_RE =
  /\b(?:mg|ml|mmol|g\/dl|units|tablet|patient|pain|fever|mcg|iu|od|bd|bid|tds|tid|qid|sos|prn|stat|inj|tab|tabs|cap|caps|syp)\b/i;

export function detectAddresses(scan: Scan): void {
  const { text, out, gate } = scan;
  if (hasAny(scan, LOCALITY_SUFFIX_WORDS))
    for (const m of allMatches(LOCALITY_RE, text))
      push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.address);
  if (gate.digits === 0 && !hasAny(scan, ADDRESS_LABEL_WORDS)) return;
  if (hasAny(scan, POSTAL_WORDS))
    for (const m of matchesAt(scan, POSTAL_LABEL_RE, POSTAL_FIRST)) {
      const v = m[1] ?? '';
      push(out, 'ADDRESS', m.index + m[0].length - v.length, m.index + m[0].length, PRIORITY.labelledAddress);
    }
  for (const m of allMatches(UK_POSTCODE_RE, text)) {
    // Outward codes need a letter area and an inward "9AA"; "CURB 65"-like strings never match.
    if (/^(?:HB|GCS|BP|HR|RR|CD|TB|UK|US|MD|IU|NG|EF|QT|PR|ST)\d/.test(m[0])) continue;
    push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.address);
  }
  if (gate.digits > 0 && hasAnyCity(scan))
    for (const m of allMatches(UK_POSTCODE_LOWER_RE, text)) {
      // Lower-case postcodes only after a town or an address line ("liverpool l20 3sn").
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (/(?:,|\n|\b[a-z]{4,})\s*$/.test(before) && placeBefore(before))
        push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.address);
    }
  // Labelled: take the rest of the line, up to a postal code or another field.
  if (hasAny(scan, ADDRESS_LABEL_WORDS))
    for (const m of matchesAt(scan, ADDRESS_LABEL_RE, ADDRESS_LABEL_FIRST)) {
      const start = m.index + m[0].length;
      const lineEnd = text.indexOf('\n', start);
      let seg = text.slice(
        start,
        lineEnd === -1 ? Math.min(text.length, start + 200) : Math.min(lineEnd, start + 200),
      );
      // Letters put the address over several lines; continue while the next lines look like address lines.
      if (seg.trim().length < 70 && lineEnd !== -1 && !POSTAL_TAIL_RE.test(seg)) {
        let pos = lineEnd + 1;
        for (let k = 0; k < 3; k++) {
          const next = text.indexOf('\n', pos);
          const line = text.slice(pos, next === -1 ? text.length : next);
          if (!line.trim() || line.length > 80 || /[:]/.test(line) || !/^[\s\dA-Z#]/.test(line)) break;
          seg = text.slice(start, next === -1 ? text.length : next);
          pos = next + 1;
          if (POSTAL_TAIL_RE.test(line) || next === -1) break;
        }
      }
      const stop = seg.search(ADDRESS_STOP_RE);
      if (stop >= 0) seg = seg.slice(0, stop);
      const postal = seg.match(POSTAL_TAIL_RE);
      if (postal?.[1]) seg = postal[1];
      if (/[A-Za-z0-9]/.test(seg)) push(out, 'ADDRESS', start, start + seg.length, PRIORITY.labelledAddress);
    }
  // Street lines, extended forward through ", City, ST 12345" / ", City - 560001".
  for (const m of allMatches(STREET_RE, text)) {
    let end = m.index + m[0].length;
    const tail = text
      .slice(end, end + 120)
      .match(
        /^(?:(?:,[ \t]*|[ \t]+)(?:(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w-]+|[A-Z][A-Za-z.]*|\d+(?:st|nd|rd|th)\s+(?:Cross|Main|Floor|Block|Stage|Phase))){0,8}(?:,?\s*(?:[A-Z]{2}\s+)?(?:-\s*)?\d{5}(?:-\d{4})?\b|,?\s*(?:-\s*)?[1-9]\d{2}\s?\d{3}\b)?/,
      );
    if (tail) end += tail[0].length;
    push(out, 'ADDRESS', m.index, end, PRIORITY.address);
  }
  // Unlabelled Indian/US postal tails: walk back from the PIN/ZIP over address-looking segments.
  const anchors: Array<[number, number]> = [];
  for (const m of allMatches(PIN_RE, text)) anchors.push([m.index, m.index + m[0].length]);
  for (const m of allMatches(ZIP_TAIL_RE, text)) anchors.push([m.index, m.index + m[0].length]);
  for (const [aStart, aEnd] of anchors) {
    // A digit group right before is part of a phone or ID number, not a postal code.
    if (/\d[\s-]?$/.test(text.slice(Math.max(0, aStart - 2), aStart))) continue;
    const lineStart = text.lastIndexOf('\n', aStart - 1) + 1;
    const colon = text.lastIndexOf(':', aStart - 1);
    const before = text.slice(Math.max(lineStart, colon + 1, aStart - 160), aStart);
    // Need a street/building cue or a comma-separated run of capitalised place names.
    const parts = before.split(/,/);
    let take = 0;
    let cue = false;
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = parts[i] ?? '';
      const t = p.trim();
      if (
        i === parts.length - 1 &&
        (t === '' || /^[-–]$/.test(t) || /^[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*\s*[-–]?$/.test(t))
      ) {
        take += p.length + (i < parts.length - 1 ? 1 : 0);
        continue;
      }
      // Doses and schedules ("Pan 40 IV OD, Creon 25000"): a drug line, not an address line.
      const drugLine = DRUG_LINE_RE.test(t);
      const looks =
        t.length > 0 && t.length <= 60 && /^[#\dA-Z]/.test(t) && !/[.!?]\s+[A-Z]/.test(t) && !drugLine;
      if (!looks) {
        if (drugLine) break;
        // The first segment may start mid-sentence ("He lives at 12 MG Road"): keep its address-like tail.
        const sub = p.match(ADDRESS_TAIL_RE);
        if (sub) {
          take += sub[0].length + 1;
          cue = true;
        }
        break;
      }
      if (ADDRESS_START_WORDS.test(t) || /^\d/.test(t) || STREET_SUFFIX_WORD_RE.test(t)) cue = true;
      take += p.length + 1;
    }
    if (!cue || take === 0) continue;
    const start = aStart - Math.min(take, before.length);
    let end = aEnd;
    const country = text.slice(end).match(/^,?\s*(?:India|USA|U\.S\.A\.|United States)\b/);
    if (country) end += country[0].length;
    push(out, 'ADDRESS', start, end, PRIORITY.address);
  }
}
