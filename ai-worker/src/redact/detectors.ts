import { fold, isCommonWord, isDictionaryWord, isFrequentWord, memo } from './dictionary.ts';
import { isKeepWord, tokenize, type Tok } from './keep.ts';
import { CITIES, CITY_FIRST_WORDS, CITY_NEEDS_CUE, REGIONS } from './places.ts';
import type { Candidate, KnownPii, PiiType } from './types.ts';
import {
  COMMON_LOWER,
  CHAT_COMMON,
  CREDENTIALS,
  ENGLISH_KIN,
  EPONYMS,
  GIVEN_NAMES,
  HONORIFICS,
  KINSHIP,
  NON_NAME_WORDS,
  SURNAMES,
} from './lexicon.ts';

/**
 * Pattern and context detectors. Each returns candidates (offsets into the input); overlap
 * resolution and placeholder numbering live in redact.ts. Priorities: the patient's own profile
 * values beat everything, structured identifiers beat free-text heuristics.
 */
export const PRIORITY = {
  known: 100,
  email: 90,
  url: 88,
  ip: 86,
  labelledId: 80,
  structuredId: 76,
  labelledPhone: 74,
  phone: 70,
  date: 62,
  age: 62,
  labelledAddress: 56,
  address: 52,
  /** Honorific, form label or "my name is": beats the keep-list ("Dr Whipple", "Patient: BELL, Harry"). */
  strongName: 44,
  place: 42,
  name: 40,
  propagatedName: 36,
} as const;

/** Candidates at or below this priority give way to kept clinical text (keep.ts). */
export const KEEP_YIELDS_BELOW = PRIORITY.place;

/** Where detectors put candidates; carries the text so `push` can trim spans. */
export interface Sink {
  text: string;
  items: Candidate[];
}

const TRIM_CHARS = ' \t\n\r\f\v,;:()[]{}"\'“”‘’-';
const push = (out: Sink, type: PiiType, start: number, end: number, priority: number): void => {
  // Trim surrounding whitespace/punctuation the patterns may have taken along (a leading "." too).
  const t = out.text;
  while (
    start < end &&
    (TRIM_CHARS.includes(t[start]!) || t[start] === '.') &&
    !(type === 'PHONE' && t[start] === '(')
  )
    start++;
  while (end > start && TRIM_CHARS.includes(t[end - 1]!)) end--;
  if (end > start) out.items.push({ type, start, end, priority });
};

function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * Which words and how many digits a text has, computed once per call: most detectors need a cue
 * word or digits, and skipping a regex is the cheapest way to run it (short chat messages pay the
 * fixed cost of ~60 regexes otherwise).
 */
interface Gate {
  words: Set<string>;
  digits: number;
  /** Longest digit run, single separators (space . - / ( ) +) allowed: "98765 43210" is 10. */
  run: number;
  /** Longest run of capitals A-Z: PAN and IFSC codes need 5 and 4 in a row, most notes have none. */
  caps: number;
}
let gate: Gate = { words: new Set(), digits: 0, run: 0, caps: 0 };
function makeGate(text: string, toks: Tok[]): Gate {
  const words = new Set<string>();
  for (const t of toks) {
    words.add(t.f);
    // "i'm", "e-mail", "r/o" also count by their parts.
    if (t.f.includes('-') || t.f.includes("'") || t.f.includes('’'))
      for (const p of t.f.split(/['’-]/)) words.add(p);
  }
  let digits = 0;
  let run = 0;
  let cur = 0;
  let gap = 0;
  let caps = 0;
  let capCur = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (++capCur > caps) caps = capCur;
    } else capCur = 0;
    if (c >= 48 && c <= 57) {
      digits++;
      cur++;
      gap = 0;
      if (cur > run) run = cur;
    } else if (
      cur > 0 &&
      gap === 0 &&
      (c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43)
    )
      gap = 1;
    else {
      cur = 0;
      gap = 0;
    }
  }
  return { words, digits, run, caps };
}
const hasAny = (list: Iterable<string>): boolean => {
  for (const w of list) if (gate.words.has(w)) return true;
  return false;
};
const gateWords = (s: string): string[] => s.trim().split(/\s+/);

let curToks: Tok[] = [];
const stickyOf = new Map<RegExp, RegExp>();
/** The sticky twin of a global regex (made once): matches anchored where a walk puts lastIndex. */
function sticky(re: RegExp): RegExp {
  let y = stickyOf.get(re);
  if (!y) {
    y = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    stickyOf.set(re, y);
  }
  return y;
}
/**
 * Matches of `re` that start at a token whose folded form is in `first`: the cue regexes are long
 * alternations, and trying them only where their first word stands is far cheaper than a scan.
 */
function matchesAt(re: RegExp, text: string, first: Set<string>): RegExpExecArray[] {
  // Some cues are read twice with different filters (strong and weak honorifics, "my name is"):
  // the matches are the same, so the token walk runs once per text.
  const hit = atCache.get(re);
  if (hit && hit.first === first) return hit.out;
  const y = sticky(re);
  const out: RegExpExecArray[] = [];
  let lastEnd = -1;
  for (const t of curToks) {
    if (t.s < lastEnd || !first.has(t.f)) continue;
    y.lastIndex = t.s;
    const m = y.exec(text);
    if (m) {
      out.push(m);
      lastEnd = t.s + m[0].length;
    }
  }
  atCache.set(re, { first, out });
  return out;
}
/** matchesAt answers for the current text (cleared by detectAll); callers only read them. */
const atCache = new Map<RegExp, { first: Set<string>; out: RegExpExecArray[] }>();
const firstWords = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/**
 * Matches of `re` that reach an anchor (a keyword token or a "#"), tried from up to `back` tokens
 * before it: "<label words> number: value" without trying every word of the note as a label start.
 */
function matchesNear(re: RegExp, text: string, anchors: number[], back: number): RegExpExecArray[] {
  const y = sticky(re);
  const out: RegExpExecArray[] = [];
  let lastEnd = -1;
  let j = 0;
  for (const pos of anchors) {
    if (pos < lastEnd) continue;
    while (j < curToks.length && curToks[j]!.s < pos) j++;
    for (let k = Math.max(0, j - back); k <= j; k++) {
      const st = k < j ? curToks[k]!.s : pos;
      if (st < lastEnd) continue;
      y.lastIndex = st;
      const m = y.exec(text);
      if (m && m.index + m[0].length > pos) {
        out.push(m);
        lastEnd = m.index + m[0].length;
        break;
      }
    }
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const digitsOf = (s: string): string => s.replace(/\D/g, '');

// ---------------------------------------------------------------- simple structured patterns

const EMAIL_LOCAL = /[A-Za-z0-9._%+'-]/;
const EMAIL_STICKY_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
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

function detectEmailsUrlsIps(text: string, out: Sink): void {
  // From each "@": walk back over the local part, then match from there (the regex alone retries
  // at every character of every word).
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && EMAIL_LOCAL.test(text[s - 1]!)) s--;
    if (s === at) continue;
    EMAIL_STICKY_RE.lastIndex = s;
    const m = EMAIL_STICKY_RE.exec(text);
    if (m) push(out, 'EMAIL', s, s + m[0].length, PRIORITY.email);
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
  if (!/[0-9a-f]:[0-9a-f]*:/i.test(text)) return;
  for (const m of allMatches(IPV6_RE, text)) {
    if ((m[0].match(/:/g) ?? []).length < 2 || !/\d/.test(m[0])) continue; // times like 10:30 are not IPv6
    if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(m[0])) continue;
    push(out, 'IP', m.index, m.index + m[0].length, PRIORITY.ip);
  }
}

// ---------------------------------------------------------------- identifiers

const ID_LABEL = String.raw`(?:MRN|MR\s?No|M\.R\.\s?No|Medical Record(?: Number| No)?|UHID|CR\s?No|IP\s?No|OP\s?No|IPD\s?No|OPD\s?No|Reg(?:istration)?\.?\s?No|Hospital\s?(?:No|ID|Number)|Patient\s?(?:ID|No|Number)|Pt\.?\s?ID|Case\s?(?:No|ID)|Lab\s?(?:No|ID)|Sample\s?(?:No|ID)|Accession\s?(?:No|Number|#)|Visit\s?(?:No|ID)|Encounter\s?(?:No|ID)|SSN|Social Security(?: Number| No)?|SS#|Aadhaa?r(?:\s?(?:No|Number|Card(?: No)?))?|UID(?:AI)?(?:\s?No)?|ABHA(?:\s?(?:No|Number|ID|Address))?|Health\s?ID|PAN\s?(?:No|Number|Card(?: No)?)|Passport(?:\s?(?:No|Number))?|Policy(?:\s?(?:No|Number|ID))?|Member(?:ship)?\s?(?:ID|No|Number)|Subscriber\s?ID|Insurance\s?(?:ID|No|Number)|Insurer\s?ID|Group\s?(?:No|Number|ID)|Claim\s?(?:No|Number|ID)|TPA\s?(?:ID|No)|Card\s?(?:No|Number)|Card(?=\s*[:#-]?\s*\d{6,})|PAN(?=\s*[:#-]?\s*[A-Za-z]{5}\d{4}[A-Za-z]\b)|Account\s?(?:No|Number)|A\/c(?:\s?No)?|Acct\.?(?:\s?No)?|Bank\s?A\/c|IBAN|Medicare(?:\s?(?:No|Number|ID))?|Medicaid(?:\s?(?:No|Number|ID))?|MBI|Driver'?s?\s?Licen[cs]e(?:\s?No)?|DL\s?No|Licen[cs]e\s?No|Voter\s?ID|EPIC\s?No|Ration\s?Card(?:\s?No)?|Employee\s?(?:ID|No)|Emp\.?\s?ID|Staff\s?ID|NPI|DEA(?:\s?No)?|Reg\.?\s?No\.?\s?\(?MCI\)?|MCI\s?Reg(?:\.|istration)?\s?No|U\.?H\.?I\.?D\.?|C\.R\.\s?No|NHS\s?(?:No|Number|#)?|NINO|NI\s?(?:No|Number)|National\s?Insurance(?:\s?(?:No|Number))?|Unit\s?No|Hosp\.?\s?No|File\s?No|Rec(?:ord)?\.?\s?(?:No|Number|#)|Record|Ref(?:erence)?\.?(?:\s?(?:No|Number|#)|(?=\s*:))|Pol(?:icy)?\.?\s?No|Member\s?#|Card\s?#|Insurance\s?Card(?:\s?(?:No|Number|#))?|Driving\s?Licen[cs]e(?:\s?No)?|ABHA|PHN|Health\s?Card(?:\s?No)?)`;
const ID_VALUE = String.raw`([A-Z0-9](?:[A-Z0-9]|[./-](?=[A-Z0-9]))*(?:[ -](?=[A-Z0-9])[A-Z0-9]+){0,4})`;
const ID_LABEL_RE = new RegExp(
  String.raw`\b${ID_LABEL}(?![A-Za-z])\.?\s*(?:#|:|-|–|=|\bis\b|\bnumber\b|\bno\.?)?\s*(?:#|:|-)?\s*${ID_VALUE}`,
  'gi',
);
/**
 * Any other "<label> number/no/#/id: value" ("scheme number", "our ref", "card #"): the value is an
 * identifier when it carries enough digits. Phone-ish labels are left to the phone detector.
 */
const GENERIC_ID_RE = new RegExp(
  String.raw`\b((?:[A-Za-z][A-Za-z.']*\s){0,3}?)(?:no\.?|number|num|#|id|code|ref|reference)(?:\s?(?:is|was|=|:|-|–|#))?\s*[:#-]?\s*${ID_VALUE}`,
  'gi',
);
const NOT_ID_LABEL =
  /\b(?:phone|mobile|mob|cell|contact|whatsapp|tel|telephone|landline|fax|helpline|room|bed|ward|floor|token|queue|batch|lot|page|step|flat|house|plot|door|gate|platform|seat|flight|train|bus|version|model|size|pin|zip|postal|post|dose|tablet|my|alt|alternate|alternative|home|work|office|emergency|call|text|reach)\s*$/i;
// NHS number 3-3-4 (mod 11), UK National Insurance number, ABHA 14 digits, national numbers in groups.
const NHS_RE = /(?<![\d-])\d{3}[ -]\d{3}[ -]\d{4}(?![\d-])/g;
const NINO_RE = /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-TW-Z][A-CEGHJ-NP-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const ABHA_RE = /(?<![\d-])\d{2}[ -]\d{4}[ -]\d{4}[ -]\d{4}(?![\d-])/g;
/** Unlabelled prefixed identifiers: "CLM-2024-0099123", "MBR-32878656" (scores like "CURB-65" have few digits). */
const PREFIXED_ID_RE = /\b[A-Z]{2,5}[-/]\d{4,}(?:[-/]\d+)*\b/g;
const GROUPED_12_RE = /(?<![\d+-])\d{4} \d{4} \d{4}(?![\d])/g;

const SSN_RE = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g;
const AADHAAR_RE = /(?<![\d+])[2-9]\d{3}[ -]\d{4}[ -]\d{4}(?![\d])/g;
export function nhsValid(num: string): boolean {
  const d = num.replace(/\D/g, '');
  if (d.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === Number(d[9]) && check !== 10;
}
const AADHAAR_PLAIN_RE = /(?<![\d+])[2-9]\d{11}(?!\d)/g;
const PAN_RE = /\b[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]\b/g;
const PASSPORT_IN_RE = /\b[A-PR-WY][1-9]\d{6}\b/g;
const IFSC_RE = /\b[A-Z]{4}0[A-Z0-9]{6}\b/g;

// Verhoeff checksum: valid Aadhaar numbers carry one, so a bare 12-digit run is only an Aadhaar
// when it validates (lowers false positives on lab accession numbers and the like).
const VD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
export function verhoeffValid(num: string): boolean {
  let c = 0;
  const d = num.split('').reverse();
  for (let i = 0; i < d.length; i++) c = VD[c]![VP[i % 8]![Number(d[i])]!]!;
  return c === 0;
}

const GENERIC_ID_WORDS = gateWords('no number num id code ref reference');
const GENERIC_ID_KEYS = new Set(GENERIC_ID_WORDS);
const ID_LABEL_FIRST =
  firstWords(`mrn mr m medical uhid cr ip op ipd opd reg registration hospital patient pt case lab
  sample accession visit encounter ssn social ss aadhaar aadhar uid uidai abha health pan passport policy member
  membership subscriber insurance insurer group claim tpa card account a acct bank iban medicare medicaid mbi driver
  drivers dl licence license voter epic ration employee emp staff npi dea mci u c nhs nino ni national unit hosp file
  rec record ref reference pol driving phn`);
function detectIds(text: string, out: Sink): void {
  if (gate.digits < 2) return;
  const anchors: number[] = [];
  if (hasAny(GENERIC_ID_WORDS) || text.includes('#')) {
    for (const t of curToks) if (GENERIC_ID_KEYS.has(t.f)) anchors.push(t.s);
    for (let h = text.indexOf('#'); h !== -1; h = text.indexOf('#', h + 1)) anchors.push(h);
    anchors.sort((a, b) => a - b);
  }
  for (const re of [ID_LABEL_RE, GENERIC_ID_RE])
    for (const m of re === ID_LABEL_RE
      ? matchesAt(ID_LABEL_RE, text, ID_LABEL_FIRST)
      : matchesNear(GENERIC_ID_RE, text, anchors, 3)) {
      if (
        re === GENERIC_ID_RE &&
        (!m[1]?.trim() ||
          NOT_ID_LABEL.test(m[1]) ||
          /^\s*(?:the|a|an|your|his|her|their|our)\s*$/i.test(m[1]))
      )
        continue;
      let value = m[m.length - 1] ?? '';
      // Stop the value at a following label-ish word ("MRN 12345 Age 54" keeps only 12345).
      value = value.replace(/\s+[A-Z][a-z]+.*$/, '');
      const trailing = value.match(/^(.*?)(?:\s+(?:DOB|AGE|SEX|MRN|PH|TEL|IP|OP|DATE|NAME|WARD|BED)\b.*)$/i);
      if (trailing) value = trailing[1] ?? value;
      // "CA 25 68 43 D": a final single letter belongs to the number; a final word does not.
      value = value.replace(/[ -][A-Za-z]{2,}(?:[ -].*)?$/, '');
      const dig = value.replace(/\D/g, '').length;
      if (dig < 2 || value.replace(/[\s./-]/g, '').length < 4) continue;
      if (re === GENERIC_ID_RE && dig < 4) continue;
      // A phone number after a generic label ("my no. 98765 43210") is the phone detector's.
      if (
        re === GENERIC_ID_RE &&
        /^(?:\+|0)?[\d\s()-]{10,}$/.test(value) &&
        !/^\d{4} \d{4} \d{4}$/.test(value)
      )
        continue;
      const start = m.index + m[0].length - (m[m.length - 1]?.length ?? 0);
      push(
        out,
        'ID',
        start,
        start + value.length,
        re === ID_LABEL_RE ? PRIORITY.labelledId : PRIORITY.labelledId - 2,
      );
    }
  // National numbers all have 9+ digits in one run.
  const long = gate.run >= 9;
  if (long)
    for (const m of allMatches(NHS_RE, text))
      // "+1 212 313 6123" is a phone number whatever its check digit.
      if (nhsValid(m[0]) && !/(?:\+\d{1,3}|\b1)[\s.-]?$/.test(text.slice(Math.max(0, m.index - 5), m.index)))
        push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId);
  // Each structured pattern below scans the whole text; skip those whose digit or capital runs the
  // text cannot hold (NINO and prefixed IDs need 6 digits in a run, PAN 4, a passport 7).
  if (gate.run >= 6)
    for (const m of allMatches(NINO_RE, text))
      push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId);
  if (long)
    for (const m of allMatches(ABHA_RE, text))
      push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId);
  if (gate.run >= 6)
    for (const m of allMatches(PREFIXED_ID_RE, text))
      if (digitsOf(m[0]).length >= 6)
        push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId - 2);
  if (long)
    for (const m of allMatches(GROUPED_12_RE, text))
      push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId - 1);
  if (long)
    for (const m of allMatches(SSN_RE, text)) push(out, 'ID', m.index, m.index + 11, PRIORITY.structuredId);
  if (long)
    for (const m of allMatches(AADHAAR_RE, text))
      push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId);
  if (long)
    for (const m of allMatches(AADHAAR_PLAIN_RE, text)) {
      if (verhoeffValid(m[0])) push(out, 'ID', m.index, m.index + 12, PRIORITY.structuredId);
    }
  if (gate.caps >= 5 && gate.run >= 4)
    for (const m of allMatches(PAN_RE, text)) push(out, 'ID', m.index, m.index + 10, PRIORITY.structuredId);
  if (gate.caps >= 4)
    for (const m of allMatches(IFSC_RE, text)) push(out, 'ID', m.index, m.index + 11, PRIORITY.structuredId);
  if (gate.run >= 7)
    for (const m of allMatches(PASSPORT_IN_RE, text)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();
      if (before.includes('passport')) push(out, 'ID', m.index, m.index + 8, PRIORITY.structuredId);
    }
}

// ---------------------------------------------------------------- phones

const PHONE_LABEL_RE =
  /\b(?:Phone|Ph|Tel|Telephone|Mobile|Mob|Cell|Contact(?: No| Number)?|Call(?: me)?(?: at| on)?|WhatsApp|Whatsapp|Fax|Landline|Emergency Contact(?: No)?)\.?\s*(?:No\.?|Number|#)?\s*[:\-–]?\s*(\+?[\d(][\d\s().-]{5,}\d)/gi;
const PHONE_LABEL_FIRST = firstWords(
  'phone ph tel telephone mobile mob cell contact call whatsapp fax landline emergency',
);
const PHONE_RES = [
  // International with a country code: +91 98765 43210, +1 (415) 555-0134, 0044 20 7946 0958
  /(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}(?![\w])/g,
  // North American (415) 555-0134 / 415-555-0134 / 415.555.0134
  /(?<![\w])\(\d{3}\)\s?\d{3}[\s.-]?\d{4}(?!\d)/g,
  /(?<![\w.-])(?:1[\s.-])?\d{3}[.-]\d{3}[.-]\d{4}(?![\w]|[.-]\d)/g,
  // Indian mobile: 98765 43210, 98765-43210, 9876543210, 09876543210
  /(?<![\w.])0?[6-9]\d{4}[\s-]?\d{5}(?![\w]|\.\d)/g,
  // Indian landline with STD code: 022-2345 6789, 080 2345 6789, (011) 23456789
  /(?<![\w.])\(?0\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{4}(?![\w]|\.\d)/g,
  // Indian mobile with the country code but no plus: 91-98765 43210, 9198765 43210
  /(?<![\w.+-])91[\s-]?[6-9]\d{4}[\s-]?\d{5}(?![\w]|\.\d)/g,
  // UK: 07700 900123, 07700-900123, 07398 456 362, 01223 270334, 0161 496 0000, 020 7946 0958
  /(?<![\w.+-])0\d{4}[\s-]?\d{3}[\s-]?\d{3}(?![\w]|[.-]\d)/g,
  /(?<![\w.+-])0\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w]|[.-]\d)/g,
  /(?<![\w.+-])0\d{2}[\s-]?\d{4}[\s-]?\d{4}(?![\w]|[.-]\d)/g,
  // North American with spaces: 773 995 9660 (an NHS number with a valid check digit is an ID first)
  /(?<![\w.+-])[2-9]\d{2} [2-9]\d{2} \d{4}(?![\w]|[.-]\d)/g,
];

function detectPhones(text: string, out: Sink): void {
  if (gate.run < 7) return;
  for (const m of matchesAt(PHONE_LABEL_RE, text, PHONE_LABEL_FIRST)) {
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

// ---------------------------------------------------------------- dates and ages

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
  /\b(?:nani|nana|dadi|dada|grandma|grandpa|granny|gran|grandmother|grandfather|grandad|granddad|abuela|abuelo|nonna|nonno|oma|opa|mum|mom|mother|dad|father|he|she|patient|aunt|aunty|auntie|uncle)\s+(?:is|was|turned|turns|is now|will be|just turned)\s+(9\d|1[0-2]\d)\b(?![ \t]*(?:%|mg|kg|kgs|lbs?|bpm|°|degrees?|percent|mmhg|\/|\.\d|F\b|C\b))/gi,
];

const MONTH_WORDS = gateWords(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december',
);
const NINETY_PLUS_RE = /(?<!\d)(?:9\d|1[0-2]\d)(?!\d)/;
function detectDatesAndAges(text: string, out: Sink): void {
  if (gate.digits === 0) return;
  const months = hasAny(MONTH_WORDS);
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

// ---------------------------------------------------------------- addresses

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
const hasAnyCity = (): boolean => {
  for (const w of gate.words) if (CITIES.has(w)) return true;
  return false;
};
function detectAddresses(text: string, out: Sink): void {
  if (gate.digits === 0 && !hasAny(ADDRESS_LABEL_WORDS)) return;
  if (hasAny(POSTAL_WORDS))
    for (const m of matchesAt(POSTAL_LABEL_RE, text, POSTAL_FIRST)) {
      const v = m[1] ?? '';
      push(out, 'ADDRESS', m.index + m[0].length - v.length, m.index + m[0].length, PRIORITY.labelledAddress);
    }
  for (const m of allMatches(UK_POSTCODE_RE, text)) {
    // Outward codes need a letter area and an inward "9AA"; "CURB 65"-like strings never match.
    if (/^(?:HB|GCS|BP|HR|RR|CD|TB|UK|US|MD|IU|NG|EF|QT|PR|ST)\d/.test(m[0])) continue;
    push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.address);
  }
  if (gate.digits > 0 && hasAnyCity())
    for (const m of allMatches(UK_POSTCODE_LOWER_RE, text)) {
      // Lower-case postcodes only after a town or an address line ("liverpool l20 3sn").
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (/(?:,|\n|\b[a-z]{4,})\s*$/.test(before) && placeBefore(before))
        push(out, 'ADDRESS', m.index, m.index + m[0].length, PRIORITY.address);
    }
  // Labelled: take the rest of the line, up to a postal code or another field.
  if (hasAny(ADDRESS_LABEL_WORDS))
    for (const m of matchesAt(ADDRESS_LABEL_RE, text, ADDRESS_LABEL_FIRST)) {
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
      const looks =
        t.length > 0 &&
        t.length <= 60 &&
        /^[#\dA-Z]/.test(t) &&
        !/[.!?]\s+[A-Z]/.test(t) &&
        !/\b(?:mg|ml|mmol|g\/dl|units|tablet|patient|pain|fever)\b/i.test(t);
      if (!looks) {
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

// ---------------------------------------------------------------- towns and cities

/** Town, city or area names: the gazetteer (capitalised, or lower-case in chat) and cue phrases. */
const PLACE_CUE_RE =
  /(?:\b(?:i'?m|i’m|i am|im|we'?re|we are|currently|presently|now|staying|stay|stays|living|live|lives|lived|based|located|settled|moved|shifted|relocated|travell?ing|going|went|came|coming|back|returned|returning|reached|visiting|place|home|house|flat|work|working|studying)\s+(?:back\s+)?(?:home\s+)?(?:in|at|near|to|from)\s+|\b(?:native|resident|residents?)\s+of\s+|\b(?:native place|home town|hometown|village|city|town)\s*(?:is|:|-)\s*)$/i;
const FROM_CUE_RE = /\bfrom\s+$/i;

function placeBefore(before: string): boolean {
  const m = /([A-Za-z]+)\W*$/.exec(before);
  return !!m && CITIES.has(fold(m[1]!));
}

const PREPOSITIONS = new Set(['in', 'at', 'near', 'to', 'from', 'of', 'is']);
const WS_RE = /\s/;
/** A comma, then only whitespace, within the 3 characters before `at` (/,\s*$/ on that slice, unsliced). */
function commaBefore(text: string, at: number): boolean {
  const lo = Math.max(0, at - 3);
  let k = at - 1;
  while (k >= lo && WS_RE.test(text[k]!)) k--;
  return k >= lo && text[k] === ',';
}
const ADDRESS_PART_TAIL =
  /(?:^|\s)((?:flat|house|h\.?\s?no\.?|plot|door|d\.?\s?no\.?|apt|apartment|unit|block|sector|#|no\.?\s?\d|\d)[^,]*)$/i;
/**
 * Start of comma-separated address parts right before a town on the same line ("house no 45, sector
 * 21, gurgaon"), the furthest of which starts like an address, or -1.
 */
function addressLineBefore(text: string, townStart: number): number {
  const lineStart = text.lastIndexOf('\n', townStart - 1) + 1;
  const from = Math.max(lineStart, townStart - 140);
  const before = text.slice(from, townStart);
  if (!/,\s*$/.test(before)) return -1;
  const parts: Array<[number, number]> = [];
  const sep = /,\s*/g;
  let s = 0;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(before)) !== null) {
    parts.push([s, m.index]);
    s = m.index + m[0].length;
  }
  let found = -1;
  for (let k = parts.length - 1, n = 0; k >= 0 && n < 5; k--, n++) {
    const [ps, pe] = parts[k]!;
    const p = before.slice(ps, pe);
    // A sentence end inside the part ends the address; "No. 8", "H.No. 3", "St. John" do not.
    const clean = p.length <= 40 && !/[a-z]{3}[.!?]\s|[!?]\s/.test(p) && p.split(' ').length <= 5;
    const tail = ADDRESS_PART_TAIL.exec(p);
    // In a long part only an address word starts the address ("pls send the kit to flat 9").
    if (tail && (clean || !/^\d/.test(tail[1]!))) found = from + pe - tail[1]!.length;
    if (!clean) break;
    // Chat words before the address part: the address began there.
    if (tail && tail[1]!.length < p.trim().length && !/^[A-Z\d#]/.test(p.trim())) break;
  }
  return found;
}

function detectPlaces(text: string, out: Sink, toks: Tok[]): void {
  let prevWord = '';
  let prevEnd = -10;
  for (const t of toks) {
    const m = { index: t.s };
    const raw = t.raw.endsWith("'s") || t.raw.endsWith('’s') ? t.raw.slice(0, -2) : t.raw;
    // Every cue ends in a preposition, "is", ":" or "-" right before the word.
    let prep = false;
    if (PREPOSITIONS.has(prevWord) && /^\s+$/.test(text.slice(prevEnd, m.index))) prep = true;
    else {
      let k = m.index - 1;
      while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
      if (k >= 0 && (text[k] === ':' || text[k] === '-')) prep = true;
    }
    prevWord = raw.length <= 4 ? raw.toLowerCase() : '';
    prevEnd = m.index + raw.length;
    const cap0 = raw.charCodeAt(0);
    if (raw.length < 3 || (cap0 >= 48 && cap0 <= 57)) continue;
    const cap = (cap0 >= 65 && cap0 <= 90) || (cap0 >= 192 && cap0 <= 222);
    // Lower-case words matter only after a cue or a comma (an address line); capitalised ones may be
    // gazetteer towns.
    if (!prep && !cap && !commaBefore(text, t.s)) continue;
    let f = fold(raw);
    let end = m.index + raw.length;
    // Multi-word names: "new delhi", "salt lake city", "milton keynes".
    if (CITY_FIRST_WORDS.has(f)) {
      const rest = /^[ -]([A-Za-z]+)(?:[ -]([A-Za-z]+))?/.exec(text.slice(end, end + 30));
      if (rest) {
        const two = `${f}-${rest[1]!.toLowerCase()}`;
        const three = rest[2] ? `${two}-${rest[2].toLowerCase()}` : '';
        if (three && CITIES.has(three)) {
          f = three;
          end += rest[0].length;
        } else if (CITIES.has(two)) {
          f = two;
          end += rest[0].length - (rest[2] ? rest[2].length + 1 : 0);
        }
      }
    }
    const isCity = CITIES.has(f);
    if (isCity) {
      // "East Delhi", "North London", "Navi Mumbai": the direction belongs to the place.
      const dir = /(?:^|[^A-Za-z])((?:East|West|North|South|Central|Greater|Old|Navi|Upper|Lower)\s)$/.exec(
        text.slice(Math.max(0, m.index - 9), m.index),
      );
      if (dir) m.index -= dir[1]!.length;
      // An address written out before the town in chat ("house no 45, sector 21, gurgaon").
      // (Place priority: kept clinical text such as "score 2, Wells score 4" still wins.)
      if (!CITY_NEEDS_CUE.has(f)) {
        const line = addressLineBefore(text, m.index);
        if (line >= 0) push(out, 'ADDRESS', line, end, PRIORITY.place);
      }
      // Gazetteer towns: capitalised anywhere; in lower case or when also a word/name, only after a cue.
      if (cap && !CITY_NEEDS_CUE.has(f)) push(out, 'ADDRESS', m.index, end, PRIORITY.place);
      else if (prep) {
        const before = text.slice(Math.max(0, m.index - 40), m.index);
        if (PLACE_CUE_RE.test(before) || FROM_CUE_RE.test(before))
          push(out, 'ADDRESS', m.index, end, PRIORITY.place);
      }
      continue;
    }
    if (!prep || REGIONS.has(f) || isStop(raw) || KINSHIP.has(f) || CHAT_COMMON.has(f) || isKeepWord(raw))
      continue;
    // Unknown places after a cue: a capitalised word no dictionary knows, or a lower-case one that
    // is not everyday English ("staying in Gurugram", "travelling back to vadodara").
    if (cap ? isDictionaryWord(raw) && !SURNAMES.has(f) : isCommonWord(f) || isDictionaryWord(raw)) continue;
    if (!PLACE_CUE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    let e = end;
    const next = /^ ([A-Z][a-z]+)/.exec(text.slice(e, e + 20));
    if (cap && next && !isDictionaryWord(next[1]!) && !isStop(next[1]!)) e += next[0].length;
    push(out, 'ADDRESS', m.index, e, PRIORITY.place);
  }
}

// ---------------------------------------------------------------- names

// Latin letters with the accents names carry (Siobhán, González, Müller, José).
const CAP = String.raw`(?:[A-Z]['’])?[A-ZÀ-ÖØ-Þ][a-zA-ZÀ-ÖØ-öø-ÿ]*[a-zß-öø-ÿ][a-zA-ZÀ-ÖØ-öø-ÿ]*(?:-[A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]+)?`;
const CAP_WORD_RE = new RegExp(`^${CAP}$`);
const UPPER_WORD_RE = /^(?:[A-Z]['’])?[A-ZÀ-ÖØ-Þ]{2,}(?:['’-][A-ZÀ-ÖØ-Þ]+)?$/;
const INITIAL_RE = /^[A-Z]\.?$/;
const LOWER_WORD_RE = /^[a-zß-öø-ÿ]{3,}(?:['’-][a-zß-öø-ÿ]+)?$/;
const NAME_TOKEN_RE = /^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*/;
const CRED_SET = new Set(CREDENTIALS.map((c) => c.toLowerCase()));
const HONORIFIC_SET = new Set(HONORIFICS.map((h) => h.toLowerCase()));

const isStop = memo((w: string): boolean => {
  const lw = w.toLowerCase().replace(/[.’']$/, '');
  return NON_NAME_WORDS.has(lw) || CRED_SET.has(lw) || HONORIFIC_SET.has(lw);
});
/**
 * A lower-case chat word that could be a name: not everyday English (SUBTLEX), not Hinglish or chat
 * shorthand, not a kinship word, not a listed clinical word; gazetteer names always could.
 */
const couldBeLowerName = (tok: string): boolean => {
  const f = fold(tok);
  if (GIVEN_NAMES.has(f) || SURNAMES.has(f)) return true;
  return (
    f.length >= 3 &&
    !COMMON_LOWER.has(f) &&
    !CHAT_COMMON.has(f) &&
    !KINSHIP.has(f) &&
    !ENGLISH_KIN.has(f) &&
    !isCommonWord(f) &&
    !NON_NAME_WORDS.has(f) &&
    !isKeepWord(tok) &&
    !(isDictionaryWord(tok) && isCommonWord(f.replace(/(?:s|es|ed|ing)$/, '')))
  );
};
/**
 * After a strong chat cue ("<x> here", "<x> bhaiya", "thank u <x> mam", a sign-off) an everyday word
 * can still be a name ("sunny", "rose"); only the most frequent words, function words and chat words
 * are ruled out.
 */
const couldBeNameAfterStrongCue = (tok: string): boolean => {
  const f = fold(tok);
  if (couldBeLowerName(tok)) return true;
  return (
    f.length >= 3 &&
    !COMMON_LOWER.has(f) &&
    !CHAT_COMMON.has(f) &&
    !KINSHIP.has(f) &&
    !ENGLISH_KIN.has(f) &&
    !NON_NAME_WORDS.has(f) &&
    !isKeepWord(tok) &&
    !isFrequentWord(f)
  );
};
/** Surname-like words that double as note vocabulary ("Dr Ward", "Ms MAUREEN WARD"). */
/** Titles that are also common South Asian surnames ("Harpreet Sheikh", "bunty sheikh"). */
const TITLE_SURNAMES = new Set(['sheikh', 'shaikh', 'begum']);
const SURNAME_STOPS = new Set([
  ...TITLE_SURNAMES,
  'west',
  'north',
  'south',
  'ward',
  'street',
  'may',
  'june',
  'april',
  'august',
  'grace',
  'bell',
  'hall',
  'lane',
]);
/** After "Dr"/"Mr", these are not a name ("Dr on call", "Dr sahab"). */
const NOT_AFTER_HONORIFIC = new Set(
  `on of the a an to and or in at for is was has had said says call duty please pls sahab saab sir madam ji
  name patient appointment consultation report prescription told advised ne ko ka ki se bhi ji`.split(/\s+/),
);

interface RunOpts {
  /** "SURNAME, GIVEN" as forms print it. */
  inverted?: boolean;
  upper?: boolean;
  lower?: boolean;
  /** Lower-case tokens only when they could be a name by couldBeLowerName (chat cues). */
  lowerStrict?: boolean;
  /** Right after an honorific: the first token may be a surname that is also a word ("Dr Ward"). */
  honorific?: boolean;
  crossNewline?: boolean;
  maxTokens?: number;
}

/**
 * Reads a run of name-like tokens starting at `pos` (after optional spaces). Returns the span of the
 * run or null. Initials may appear anywhere but the run must contain a real word.
 */
export function readNameRun(text: string, pos: number, opts: RunOpts = {}): [number, number] | null {
  const max = opts.maxTokens ?? 4;
  let i = pos;
  const ws = opts.crossNewline ? /[ \t\r\n]/ : /[ \t]/;
  while (i < text.length && ws.test(text[i]!)) i++;
  let start = -1;
  let end = -1;
  let words = 0;
  let lowers = 0;
  for (let n = 0; n < max; n++) {
    const m = NAME_TOKEN_RE.exec(text.slice(i, i + 40));
    if (!m) break;
    let tok = m[0];
    // Trailing period belongs to the token only for initials (sentence end otherwise).
    while (tok.length > 2 && /[.'’-]$/.test(tok)) tok = tok.slice(0, -1);
    if (tok.endsWith("'s") || tok.endsWith('’s')) tok = tok.slice(0, -2);
    const lw = tok.toLowerCase();
    // Inside a run, or right after an honorific, a surname that is also a note word still counts.
    const stop = isStop(tok) && !((n > 0 || opts.honorific) && SURNAME_STOPS.has(lw));
    let ok = false;
    if (opts.honorific && n === 0 && NOT_AFTER_HONORIFIC.has(lw)) ok = false;
    // Clinical words end a run unless a real honorific stands before them ("Dr Whipple" is a person).
    else if (!opts.honorific && !opts.inverted && isKeepWord(tok)) ok = false;
    else if (INITIAL_RE.test(tok) && n < max - 1) ok = true;
    else if (CAP_WORD_RE.test(tok) && !stop) ok = true;
    else if (opts.upper && UPPER_WORD_RE.test(tok) && !stop) ok = true;
    else if (opts.lower && LOWER_WORD_RE.test(tok) && !COMMON_LOWER.has(tok) && !stop && lowers < 2) {
      ok = true;
      lowers++;
    } else if (
      opts.lowerStrict &&
      LOWER_WORD_RE.test(tok) &&
      !stop &&
      lowers < 2 &&
      (couldBeLowerName(tok) || (n > 0 && TITLE_SURNAMES.has(lw)))
    ) {
      ok = true;
      lowers++;
    }
    if (!ok) break;
    if (start < 0) start = i;
    i += tok.length;
    if (!INITIAL_RE.test(tok)) {
      words++;
      end = i;
    } else if (words > 0) end = i; // "Sharma A." style
    // Single space (or ". " after an initial) between tokens; no crossing lines inside a name.
    const gap = (opts.inverted && words === 1 && n === 0 ? /^,? {1,2}/ : /^ {1,2}/).exec(
      text.slice(i, i + 3),
    );
    if (!gap) break;
    i += gap[0].length;
  }
  if (words === 0 || start < 0) return null;
  // Eponym guard: "Parkinson's disease", "Bell palsy".
  const after = text.slice(end, end + 24);
  if (
    /^['’]?s?\s+(?:disease|syndrome|sign|palsy|test|scale|score|criteria|phenomenon|reflex|maneuver|manoeuvre|classification|fracture)\b/i.test(
      after,
    )
  )
    return null;
  return [start, end];
}

const HONORIFIC_RE = new RegExp(String.raw`\b(?:${HONORIFICS.join('|')})\b\.?\s+`, 'g');
/** Titles that also head non-names ("Baby APGAR 8", "Sister ward", "Master plan"). */
const WEAK_HONORIFIC_RE = /^(?:Baby|Master|Sister|Nurse|Madam|Sir|Doctor|Begum|Janab|Sheikh|Pt|Sr|Km)\b/;
const HONORIFIC_LOWER_RE = /\b(?:dr|mr|mrs|ms|doc)\.?\s+/g;
const NAME_LABEL_RE =
  /\b(?:Patient(?:'s)? Name|Name of (?:the )?(?:Patient|Child|Guardian|Father|Mother|Husband|Spouse|Relative|Informant|Doctor|Consultant)|Pt\.? Name|Patient|Pt|Name|Full Name|Guardian(?:'s)?(?: Name)?|Attendant(?: Name)?|Informant|Relative(?: Name)?|Next of Kin|NOK|Emergency Contact(?: Person| Name)?|Contact Person|Caregiver|Care giver|Father(?:'s)?(?: Name)?|Mother(?:'s)?(?: Name)?|Husband(?:'s)?(?: Name)?|Wife(?:'s)?(?: Name)?|Spouse(?: Name)?|Son|Daughter|Referred [Bb]y|Referring (?:Doctor|Physician|Consultant|Clinician)|Ref(?:\.|erred)?\s?(?:By|by|Dr\.?)|Consultant(?: Name)?|Attending(?: Physician| Doctor)?|Treating (?:Doctor|Physician|Consultant)|Primary Care(?: Physician| Provider)?|PCP|Physician|Doctor|Clinician|Provider|Signed(?: by)?|Signature|Dictated by|Transcribed by|Reported by|Verified by|Checked by|Approved by|Authori[sz]ed by|Pathologist|Radiologist|Surgeon|Anaesthetist|Anesthetist|Resident|Nurse|Requested by|Ordered by|Collected by|Seen by|Examined by|Prepared by|From|To|Attn|Cc|Sender|Recipient|Insured|Policy ?holder|Subscriber|Member Name|Beneficiary|Employee Name|Caller|Ordering (?:Provider|Physician|Doctor)|Requesting (?:Provider|Physician|Doctor)|Rendering Provider|Patient Full Name|Legal Name|Preferred Name|Alias|Mother's Maiden Name|Maiden Name|Witness|Interpreter|Member name|Name of (?:the )?insured|Insured name|Mother|Father|Baby|Treating doctor|Next of kin|NOK|Re|RE)\s*[:\-–]\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Shri|Sri|Smt|Kum|Kumari|Master|Baby|MR|MRS|MS|DR)\.?\s+)?/gi;
const CONTACT_IS_RE =
  /\b(?:emergency contact|next of kin|contact person|caregiver|guardian|nok|informant|attendant|primary carer|carer|power of attorney|health care proxy)\s+(?:is|was|will be)\s+/gi;
const RELATION_BARE_RE =
  /\b(?:[Ww]ife|[Hh]usband|[Ss]on|[Dd]aughter|[Mm]other|[Ff]ather|[Bb]rother|[Ss]ister|[Gg]randson|[Gg]randdaughter|[Gg]randmother|[Gg]randfather|[Nn]ephew|[Nn]iece|[Cc]ousin|[Uu]ncle|[Aa]unt|[Pp]artner|[Ff]riend|[Nn]eighbou?r|[Cc]aregiver|[Cc]arer|[Ss]pouse|[Gg]uardian|[Ff]iancée?|[Cc]olleague)\s*,?\s+(?=[A-Z])/g;
const RELATION_RE =
  /\b(?:my|his|her|their|our|the patient's|patient's|pt's|your)\s+(?:wife|husband|son|daughter|mother|father|mom|mum|mummy|dad|daddy|papa|brother|sister|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|nani|dadi|nana|dada|uncle|aunt|aunty|auntie|friend|neighbou?r|partner|caregiver|carer|nephew|niece|cousin|colleague|boss|fiance|fiancée|girlfriend|boyfriend|bhai|didi|bhabhi|son-in-law|daughter-in-law|mother-in-law|father-in-law|child|baby|kid|twin)\s*,?\s*(?:is\s+|named\s+|called\s+)?/gi;
const INDIAN_REL_RE = /\b(?:S|D|W|C|H)\s?\/\s?[Oo]\.?\s*(?:(?:Mr|Mrs|Shri|Sri|Smt|Late)\.?\s+)?/g;
const SELF_RE =
  /\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame is|[Mm]yself|[Tt]his is|I am|I'm|[Ii]t's|[Ii]ts|[Cc]alled|[Nn]amed|[Ss]peaking with|[Ss]poke (?:to|with))\s+/g;
const SELF_LOWER_OK = /^(?:my name is|my name's|name is|myself)/i;
/** Chat self-introductions in lower case: "hi im nandini iyer", "this is faisal here", "main simran". */
const SELF_CHAT_RE = /\b(?:i am|i'm|i’m|im|i m|this is|its|it's|it’s|main|mai|mera naam|mera name|naam)\s+/g;
/** "<name> here", "<name> this side", "<name> again" after a greeting or the start of a message. */
const NAME_HERE_RE = new RegExp(
  String.raw`(?:^|[\n,.!?;:]|\b(?:hi+|hello|hey+|dear|sir|mam|maam|madam|doc|doctor|namaste|namaskar|vanakkam|morning|evening|afternoon|this is|its|it's|i am|i'm|im|ji))[ \t]*,?[ \t]*([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+)?)[ \t]+(?:here|this side|again|from yesterday)\b`,
  'gi',
);
/** Sign-offs and thanks in chat: "thank u anil sir", "thanks ishita", "regards, bhavna pandey". */
// Sticky: tried only where a thanks word starts (found among the tokens).
const THANKS_RE =
  /(?:thank (?:u|you|uu)|thanks|thank|thanku|thnx|thx|ty|tysm|regards|cheers|dhanyavaad|dhanyavad|dhanyawad|shukriya|best|warm regards|kind regards|love)\b[ \t,.!-]*(?:\n[ \t]*)?/iy;
const THANKS_SET = new Set(
  'thank thanks thanku thnx thx ty tysm regards cheers dhanyavaad dhanyavad dhanyawad shukriya best warm kind love'.split(
    ' ',
  ),
);
/** Kinship words that are also English words or names: cues only in lower case. */
const KIN_LOWER_ONLY = new Set([
  'anna',
  'mai',
  'ben',
  'di',
  'tai',
  'bua',
  'mama',
  'baba',
  'beta',
  'mol',
  'mon',
  'kaka',
  'dada',
  'nana',
]);
/** "DAVIS, Stephanie" / "GONZÁLEZ, Lars": a capitalised surname, a comma, a given name. */
const INVERTED_RE =
  /(?<![\w'’-])([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+),[ \t]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)?)(?![\w-])/g;
const GREETING_RE =
  /\b(?:Dear|Hi|Hello|Hey|Hii+|Thanks|Thank you|Thanking you|Regards|Sincerely|Cheers|Best|Best wishes|Warm regards|Kind regards|Best regards|With regards|Yours sincerely|Yours faithfully|Yours truly|Respectfully|Signed|Good morning|Good evening|Namaste|Sent by)\b\s*,?\s*/gi;
// These three look for their anchor first (a credential, an age, a reporting verb) and then walk back
// over capitalised words: a regex that starts at every capital letter was most of the run time.
const CRED_TAIL_RE = new RegExp(String.raw`\s*,?\s+(?:${CREDENTIALS.map(escapeRe).join('|')})\b`, 'g');
// The age itself first (starts only at digits), then the joint before it (", " / " is a " / " (").
const AGE_NUMBER_RE =
  /(?<!\d)\d{1,3}\s*[-\s]?(?:years?|yrs?|yr|y\/o|yo|y\.o\.|months?|mo|M\b|F\b|\/\s?[MF]\b|-year-old|year-old)/g;
const AGE_JOINT_RE = /(?:\s*,\s*(?:an?\s+)?|\s+(?:is|was)\s+an?\s+|\s*\(\s*)$/;
const REPORT_VERB_TAIL_RE =
  /\s+(?:said|says|reports|reported|called|calls|complains|complained|states|stated|told|mentioned|visited|came|brought|accompanied|wants|asked|has been|was seen|will|is worried)\b/g;
/** Letters of TOKEN_BACK's class: A-Z, a-z and Latin-1 letters (not × or ÷). */
const isNameLetter = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);
/** A letter, an apostrophe or a hyphen: what a name token is made of. */
const isNameChar = (c: number): boolean => isNameLetter(c) || c === 39 || c === 0x2019 || c === 45;

/**
 * The word that ends at `pos` (a trailing "." included for initials), or -1: a letter then name
 * characters, not glued to a "." or another word before it. Looks at most 40 characters back.
 * Walked by char codes: a regex ending in "$" over a slice retried at every start position and
 * was one of the costliest patterns in the redactor.
 */
function tokenStartBefore(text: string, pos: number): number {
  const limit = Math.max(0, pos - 40);
  let s = pos > limit && text.charCodeAt(pos - 1) === 46 ? pos - 1 : pos;
  while (s > limit && isNameChar(text.charCodeAt(s - 1))) s--;
  if (s === pos || !isNameLetter(text.charCodeAt(s))) return -1;
  if (s > limit && text.charCodeAt(s - 1) === 46) return -1;
  return s;
}

/** Start offsets of the capitalised words / initials right before `end`, nearest first (at most `max`). */
function capWordsBefore(text: string, end: number, max: number): number[] {
  const starts: number[] = [];
  let pos = end;
  for (let n = 0; n < max; n++) {
    const start = tokenStartBefore(text, pos);
    if (start < 0) break;
    const tok = text.slice(start, pos);
    if (!(CAP_WORD_RE.test(tok) || /^[A-Z]\.$/.test(tok))) break;
    starts.push(start);
    // Whitespace (up to 8 characters) between the words.
    let g = start;
    while (g > 0 && start - g < 8 && WS_RE.test(text[g - 1]!)) g--;
    if (g === start) break;
    pos = g;
  }
  return starts;
}

function nameFromCue(
  text: string,
  out: Sink,
  re: RegExp,
  opts: RunOpts,
  allow?: (m: RegExpExecArray) => boolean,
  priority: number = PRIORITY.name,
  first?: Set<string>,
): void {
  for (const m of first ? matchesAt(re, text, first) : allMatches(re, text)) {
    if (allow && !allow(m)) continue;
    const run = readNameRun(text, m.index + m[0].length, opts);
    if (run) push(out, 'NAME', run[0], run[1], priority);
  }
}

/** A token beside a chat cue: capitalised and not a note word, or lower-case and possibly a name. */
function chatNameToken(tok: string, strong = false): boolean {
  const t = tok.replace(/['’]s$/, '');
  if (strong && LOWER_WORD_RE.test(t)) return couldBeNameAfterStrongCue(t);
  if (CAP_WORD_RE.test(t) || UPPER_WORD_RE.test(t))
    return (
      (!isStop(t) || TITLE_SURNAMES.has(t.toLowerCase())) &&
      !isKeepWord(t) &&
      !KINSHIP.has(fold(t)) &&
      !CHAT_COMMON.has(fold(t)) &&
      (couldBeLowerName(t.toLowerCase()) || !isDictionaryWord(t))
    );
  return LOWER_WORD_RE.test(t) && couldBeLowerName(t);
}

/** NAME_HERE_RE run only on a short window before each "here"/"this side"/"again"/"from yesterday". */
function nameHereMatches(text: string, toks: Tok[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let done = -1;
  for (let i = 1; i < toks.length; i++) {
    const f = toks[i]!.f;
    if (f !== 'here' && f !== 'side' && f !== 'again' && f !== 'yesterday') continue;
    const ws = i >= 5 ? toks[i - 5]!.s : 0;
    if (toks[i]!.e <= done) continue;
    const win = text.slice(ws, toks[i]!.e + 1);
    NAME_HERE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAME_HERE_RE.exec(win)) !== null) {
      const lead = m[0].slice(0, m[0].indexOf(m[1]!));
      // "^" matched the window start, not the text start: no cue there.
      if (ws > 0 && m.index === 0 && lead.trim() === '') continue;
      m.index += ws;
      out.push(m);
    }
    done = toks[i]!.e;
  }
  return out;
}

const RELATION_NOUNS = firstWords(`wife husband son daughter mother father mom mum dad brother sister grandson
  granddaughter grandmother grandfather grandma grandpa friend partner nephew niece cousin uncle aunt bhai didi beta
  beti bahu`);
const NAME_RELATION_BRACKET_RE =
  /(?<![\w'’-])([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?) \((?:son|daughter|wife|husband|mother|father|mum|mom|dad|brother|sister|partner|friend|neighbou?r|carer|nephew|niece|grandson|granddaughter|grandmother|grandfather|uncle|aunt|cousin|guardian|relative)\)/g;
const STAFF_FROM_RE =
  /(?<![\w'’-])([A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]+(?:-[a-zß-öø-ÿ]+)?) from (?:the |your |ur )?(?:front desk|front office|reception|pharmacy|lab|laboratory|billing|accounts|help ?desk|admin|office|clinic|insurance desk|records)\b/gi;
const SIGN_OFF_RE = /(?:\n|\s[-–]\s?)[ \t]*([A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]{2,})[\s.!?🙏😊🙂😢😷😀-🙏]*$/u;

function detectChatNames(text: string, out: Sink, toks: Tok[]): void {
  if (hasAny(CHAT_SELF_WORDS))
    nameFromCue(
      text,
      out,
      SELF_CHAT_RE,
      { lowerStrict: true, maxTokens: 2 },
      (m) => {
        // "i am" / "this is" followed by a capitalised word is handled by SELF_RE.
        const next = text.slice(m.index + m[0].length, m.index + m[0].length + 1);
        return /[a-zß-öø-ÿ]/.test(next);
      },
      PRIORITY.name,
      SELF_CHAT_FIRST,
    );
  for (const m of nameHereMatches(text, toks)) {
    const g = m[1]!;
    const toks = g.split(' ');
    let keep = toks.length;
    // "again" and "this side" are strong enough for an everyday word ("sunny again"); "here" is not
    // ("this is urgent here").
    const lead = m[0].slice(0, m[0].indexOf(g));
    const strongTail = !/here$/i.test(m[0]) && (m.index === 0 || /[a-z]/i.test(lead));
    while (keep > 0 && !chatNameToken(toks[keep - 1]!, strongTail)) keep--;
    if (keep === 0) continue;
    // Both tokens must look like a name when there are two ("sandeep sharma this side").
    const first = toks.length === 2 && keep === 2 && chatNameToken(toks[0]!) ? 0 : keep - 1;
    const span = toks.slice(first, keep).join(' ');
    const start = m.index + m[0].lastIndexOf(g) + (first === 1 ? toks[0]!.length + 1 : 0);
    push(out, 'NAME', start, start + span.length, PRIORITY.name);
  }
  // "brought by Lewis (son)": a name with the relation in brackets after it.
  if (text.includes('('))
    for (const m of allMatches(NAME_RELATION_BRACKET_RE, text)) {
      const name = m[1]!;
      if (name.split(' ').every((w) => chatNameToken(w, true)))
        push(out, 'NAME', m.index, m.index + name.length, PRIORITY.name);
    }
  // "rhys from the front desk said": staff named by where they work.
  if (text.includes(' from '))
    for (const m of allMatches(STAFF_FROM_RE, text)) {
      const name = m[1]!;
      if (chatNameToken(name, true)) {
        const start = m.index + m[0].indexOf(name);
        push(out, 'NAME', start, start + name.length, PRIORITY.name);
      }
    }
  // "priyanka's husband rohit": someone's relative, named.
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    if (!(t.raw.endsWith("'s") || t.raw.endsWith('’s')) || !RELATION_NOUNS.has(toks[i + 1]!.f)) continue;
    if (text.slice(t.e, toks[i + 1]!.s) !== ' ') continue;
    const run = readNameRun(text, toks[i + 1]!.e, { lowerStrict: true, upper: true, maxTokens: 2 });
    if (run && /^[ \t]+$/.test(text.slice(toks[i + 1]!.e, run[0])))
      push(out, 'NAME', run[0], run[1], PRIORITY.name);
  }
  for (const t of toks) {
    if (!THANKS_SET.has(t.f)) continue;
    THANKS_RE.lastIndex = t.s;
    const m = THANKS_RE.exec(text);
    if (!m) continue;
    // "Thanks, Dr X" is the honorific's; "best regards" is a phrase, not "best" + name.
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if ((/^(?:dr|doc)\b/i.test(rest) || /^best$/i.test(m[0].trim())) && !/,/.test(m[0])) continue;
    const run = readNameRun(text, m.index + m[0].length, { lowerStrict: true, maxTokens: 2 });
    if (run) {
      push(out, 'NAME', run[0], run[1], PRIORITY.name);
      continue;
    }
    // "thanks sunny" at the end, "thank u sunny mam": an everyday word is a name there too.
    const w = /^([a-zß-öø-ÿ]{3,})(?=\s*(?:$|[.!?,]*\s*$|\s+(?:sir|mam|maam|madam|ji|bhaiya|didi)\b))/.exec(
      text.slice(m.index + m[0].length, m.index + m[0].length + 40),
    );
    if (w && couldBeNameAfterStrongCue(w[1]!))
      push(out, 'NAME', m.index + m[0].length, m.index + m[0].length + w[1]!.length, PRIORITY.name);
  }
  // A name signing off the message: "... - amanda", "...\npranav".
  const sign = SIGN_OFF_RE.exec(text);
  if (
    sign &&
    chatNameToken(sign[1]!) &&
    !THANKS_SET.has(fold(sign[1]!)) &&
    !GREETING_FIRST.has(fold(sign[1]!))
  ) {
    const start = sign.index + sign[0].indexOf(sign[1]!);
    push(out, 'NAME', start, start + sign[1]!.length, PRIORITY.name);
  }
  // Kinship words, found among the note's tokens (a regex of ~130 alternatives was slow):
  // "karthik bhaiya", "Geeta ji" (name before) and "nani sushila", "uncle raju" (name after).
  for (let i = 0; i < toks.length; i++) {
    const k = toks[i]!;
    const english = ENGLISH_KIN.has(k.f);
    if ((!KINSHIP.has(k.f) && !english) || k.raw.includes("'") || k.raw.includes('’')) continue;
    if (KIN_LOWER_ONLY.has(k.f) && k.raw !== k.raw.toLowerCase()) continue;
    const pv = toks[i - 1];
    if (
      !english &&
      pv &&
      pv.raw.length >= 3 &&
      /^[ \t]+$/.test(text.slice(pv.e, k.s)) &&
      /^[A-Za-zÀ-ÖØ-öø-ÿ]/.test(pv.raw)
    ) {
      const g = pv.raw;
      if (chatNameToken(g, true) && !KINSHIP.has(pv.f)) {
        let start = pv.s;
        // A second name token before ("Usha Banerjee") joins the run when the first is a surname.
        const pp = toks[i - 2];
        if (pp && SURNAMES.has(pv.f) && text.slice(pp.e, pv.s) === ' ' && chatNameToken(pp.raw)) start = pp.s;
        push(out, 'NAME', start, pv.e, PRIORITY.name);
      }
    }
    // "kavita ki beti", "ramesh ke papa": a name, a Hindi possessive, a kinship word.
    const pp2 = toks[i - 2];
    if (
      pv &&
      pp2 &&
      (pv.f === 'ki' || pv.f === 'ka' || pv.f === 'ke') &&
      text.slice(pp2.e, k.s) === ` ${pv.raw} ` &&
      chatNameToken(pp2.raw) &&
      !KINSHIP.has(pp2.f)
    )
      push(out, 'NAME', pp2.s, pp2.e, PRIORITY.name);
    const nx = toks[i + 1];
    if (nx && /^[ \t]+$/.test(text.slice(k.e, nx.s)) && !KINSHIP.has(nx.f)) {
      const run = readNameRun(text, k.e, { lowerStrict: true, maxTokens: 2 });
      if (
        run &&
        text
          .slice(run[0], run[1])
          .split(' ')
          .every((t) => chatNameToken(t))
      )
        push(out, 'NAME', run[0], run[1], PRIORITY.name);
    }
  }
  if (/[A-ZÀ-Þ], [A-ZÀ-Þ]/.test(text))
    for (const m of allMatches(INVERTED_RE, text)) {
      const sur = m[1]!;
      const given = m[2]!;
      if (isStop(sur) || isKeepWord(sur) || sur.length < 2 || !/[AEIOUYÀ-Þ]/.test(sur)) continue;
      if (isCommonWord(fold(sur)) && !SURNAMES.has(fold(sur))) continue;
      if (isStop(given) || isKeepWord(given)) continue;
      if (isCommonWord(given.toLowerCase()) && !GIVEN_NAMES.has(given.toLowerCase())) continue;
      push(out, 'NAME', m.index, m.index + m[0].length, PRIORITY.strongName);
    }
}

function tokensInGazetteer(span: string): { given: number; sur: number; stop: number; total: number } {
  const toks = span.split(/\s+/).filter((t) => !INITIAL_RE.test(t));
  let given = 0;
  let sur = 0;
  let stop = 0;
  toks.forEach((t, i) => {
    const lw = t.toLowerCase();
    if (GIVEN_NAMES.has(lw)) given++;
    // After a given name a title that is also a surname is the surname ("Harpreet Sheikh").
    if (i > 0 && TITLE_SURNAMES.has(lw)) sur++;
    else {
      if (SURNAMES.has(lw)) sur++;
      if (isStop(t) || EPONYMS.has(lw)) stop++;
    }
  });
  return { given, sur, stop, total: toks.length };
}

const HONORIFIC_WORDS = HONORIFICS.map((h) => h.toLowerCase());
const CONTACT_WORDS = gateWords(
  'contact kin caregiver guardian nok informant attendant carer attorney proxy',
);
const RELATION_WORDS =
  gateWords(`wife husband son daughter mother father mom mum mummy dad daddy papa brother sister
  grandson granddaughter grandmother grandfather grandma grandpa nani dadi nana dada uncle aunt aunty auntie friend
  neighbour neighbor partner caregiver carer nephew niece cousin colleague boss fiance fianc girlfriend boyfriend bhai
  didi bhabhi law child baby kid twin spouse guardian fiancée`);
const SELF_WORDS = gateWords('name myself this i it its called named speaking spoke');
const GREETING_WORDS = gateWords(
  'dear hi hello hey hii hiii thanks thank thanking regards sincerely cheers best wishes yours respectfully signed good namaste sent',
);
const CHAT_SELF_WORDS = gateWords('i im m this its it main mai mera naam');
const AGE_UNIT_WORDS = gateWords('years year yrs yr yo y o months month mo m f old');
const CRED_WORDS = CREDENTIALS.map((c) => c.toLowerCase().replace(/-.*/, ''));
const REPORT_WORDS = gateWords(
  'said says reports reported called calls complains complained states stated told mentioned visited came brought accompanied wants asked has was will is',
);

const HONORIFIC_FIRST = new Set(HONORIFIC_WORDS);
const LABEL_FIRST =
  firstWords(`patient name pt full guardian attendant informant relative next nok emergency contact
  caregiver care father mother husband wife spouse son daughter referred referring ref consultant attending treating
  primary pcp physician doctor clinician provider signed signature dictated transcribed reported verified checked
  approved authorised authorized pathologist radiologist surgeon anaesthetist anesthetist resident nurse requested
  ordered collected seen examined prepared from to attn cc sender recipient insured policy policyholder subscriber
  member beneficiary employee caller ordering requesting rendering legal preferred alias maiden witness interpreter
  baby re`);
const CONTACT_FIRST = firstWords(
  'emergency next contact caregiver guardian nok informant attendant primary carer power health',
);
const RELATION_BARE_FIRST =
  firstWords(`wife husband son daughter mother father brother sister grandson granddaughter
  grandmother grandfather nephew niece cousin uncle aunt partner friend neighbour neighbor caregiver carer spouse
  guardian fiance fiancee colleague`);
const RELATION_FIRST = firstWords('my his her their our the patient pt your');
const INDIAN_REL_FIRST = firstWords('s d w c h');
const SELF_FIRST = firstWords("my name myself this i i'm i’m it it's it’s its called named speaking spoke");
const GREETING_FIRST =
  firstWords(`dear hi hello hey hii hiii hiiii thanks thank thanking regards sincerely cheers best
  warm kind with yours respectfully signed good namaste sent`);
const SELF_CHAT_FIRST = firstWords("i i'm i’m im this its it it's it’s main mai mera naam");

const LOWER_HONORIFIC_WORDS = ['dr', 'mr', 'mrs', 'ms', 'doc'];
function detectNames(text: string, out: Sink, toks: Tok[]): void {
  curToks = toks;
  const honorific = hasAny(HONORIFIC_WORDS);
  if (honorific)
    nameFromCue(
      text,
      out,
      HONORIFIC_RE,
      { upper: true, honorific: true },
      (m) => !WEAK_HONORIFIC_RE.test(m[0]),
      PRIORITY.strongName,
      HONORIFIC_FIRST,
    );
  if (honorific)
    nameFromCue(
      text,
      out,
      HONORIFIC_RE,
      { upper: true },
      (m) => WEAK_HONORIFIC_RE.test(m[0]),
      PRIORITY.name,
      HONORIFIC_FIRST,
    );
  if (hasAny(LOWER_HONORIFIC_WORDS))
    nameFromCue(
      text,
      out,
      HONORIFIC_LOWER_RE,
      { lower: true, upper: true, honorific: true },
      undefined,
      PRIORITY.strongName,
    );
  if (/[:\-–]/.test(text))
    nameFromCue(
      text,
      out,
      NAME_LABEL_RE,
      { upper: true, inverted: true },
      undefined,
      PRIORITY.strongName,
      LABEL_FIRST,
    );
  if (hasAny(CONTACT_WORDS))
    nameFromCue(text, out, CONTACT_IS_RE, { upper: true }, undefined, PRIORITY.name, CONTACT_FIRST);
  if (hasAny(RELATION_WORDS)) {
    nameFromCue(text, out, RELATION_BARE_RE, {}, undefined, PRIORITY.name, RELATION_BARE_FIRST);
    nameFromCue(
      text,
      out,
      RELATION_RE,
      { lowerStrict: true, upper: true },
      undefined,
      PRIORITY.name,
      RELATION_FIRST,
    );
  }
  if (text.includes('/'))
    nameFromCue(text, out, INDIAN_REL_RE, { upper: true }, undefined, PRIORITY.name, INDIAN_REL_FIRST);
  const self = hasAny(SELF_WORDS);
  if (self)
    nameFromCue(
      text,
      out,
      SELF_RE,
      { maxTokens: 3 },
      (m) => !SELF_LOWER_OK.test(m[0]),
      PRIORITY.name,
      SELF_FIRST,
    );
  if (self)
    nameFromCue(
      text,
      out,
      SELF_RE,
      { upper: true, lower: true, maxTokens: 3 },
      (m) => SELF_LOWER_OK.test(m[0]),
      PRIORITY.strongName,
      SELF_FIRST,
    );
  if (hasAny(GREETING_WORDS))
    nameFromCue(
      text,
      out,
      GREETING_RE,
      { upper: true, lowerStrict: true, crossNewline: true, maxTokens: 3 },
      undefined,
      PRIORITY.name,
      GREETING_FIRST,
    );
  detectChatNames(text, out, toks);

  if (hasAny(CRED_WORDS))
    for (const m of allMatches(CRED_TAIL_RE, text)) {
      const starts = capWordsBefore(text, m.index, 4);
      if (starts.length === 0) continue;
      const from = starts[starts.length - 1]!;
      const span = text.slice(from, m.index);
      const words = span.split(/\s+/);
      // Drop leading stop words ("Consultant Anil Rao, MD" → "Anil Rao").
      let k = 0;
      while (k < words.length && !/^[A-Z]\.$/.test(words[k]!) && isStop(words[k]!)) k++;
      if (k >= words.length) continue;
      const kept = words.slice(k).join(' ');
      if (!words.slice(k).some((w) => CAP_WORD_RE.test(w))) continue;
      const start = from + span.lastIndexOf(kept);
      push(out, 'NAME', start, start + kept.length, PRIORITY.name);
    }
  if (gate.digits > 0 && hasAny(AGE_UNIT_WORDS))
    for (const a of allMatches(AGE_NUMBER_RE, text)) {
      const j = AGE_JOINT_RE.exec(text.slice(Math.max(0, a.index - 16), a.index));
      if (!j) continue;
      const m = { index: a.index - j[0].length };
      const starts = capWordsBefore(text, m.index, 4);
      if (starts.length === 0) continue;
      const from = starts[starts.length - 1]!;
      const g = text.slice(from, m.index);
      const words = g.split(/\s+/);
      if (!words.some((w) => CAP_WORD_RE.test(w))) continue;
      let k = 0;
      while (
        k < words.length &&
        !/^[A-Z]\.$/.test(words[k]!) &&
        (isStop(words[k]!) || EPONYMS.has(words[k]!.toLowerCase()))
      )
        k++;
      if (k >= words.length) continue;
      const kept = words.slice(k).join(' ');
      if (
        kept
          .split(/\s+/)
          .some((w, i) => isStop(w) && !/^[A-Z]\.$/.test(w) && !(i > 0 && SURNAME_STOPS.has(w.toLowerCase())))
      )
        continue;
      const start = from + g.lastIndexOf(kept);
      push(out, 'NAME', start, start + kept.length, PRIORITY.name);
    }
  if (hasAny(REPORT_WORDS))
    for (const m of allMatches(REPORT_VERB_TAIL_RE, text)) {
      const starts = capWordsBefore(text, m.index, 2).filter((st) =>
        CAP_WORD_RE.test(text.slice(st, st + 40).split(/\s/)[0]!),
      );
      if (starts.length === 0) continue;
      let from = starts[starts.length - 1]!;
      // Not the first word of a sentence or of the text (that capital says nothing).
      const before = text.slice(Math.max(0, from - 2), from);
      if (from === 0 || /^[.!?]\s$/.test(before) || /\n$/.test(before)) {
        if (starts.length < 2) continue;
        from = starts[0]!;
        const b2 = text.slice(Math.max(0, from - 2), from);
        if (from === 0 || /^[.!?]\s$/.test(b2)) continue;
      }
      const g = text.slice(from, m.index);
      const toks = g.split(/\s+/);
      if (toks.some((t) => isStop(t) || EPONYMS.has(t.toLowerCase()) || isKeepWord(t))) continue;
      push(out, 'NAME', from, m.index, PRIORITY.name);
    }
  // Gazetteer: runs of capitalised words containing a known given name or surname.
  // Capitalised words and initials from the shared tokens (a regex starting at every capital was the
  // single most expensive pattern): single ones below, runs of 2-4 joined by one space here.
  const units: Array<{ s: number; e: number; word: string; poss: boolean }> = [];
  for (const t of toks) {
    const c0 = t.raw.charCodeAt(0);
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 192 && c0 <= 222))) continue;
    const poss = t.raw.endsWith("'s") || t.raw.endsWith('’s');
    const w = poss ? t.raw.slice(0, -2) : t.raw;
    if (CAP_WORD_RE.test(w)) units.push({ s: t.s, e: t.s + w.length, word: w, poss });
    else if (w.length === 1 && w >= 'A' && w <= 'Z' && text[t.e] === '.')
      units.push({ s: t.s, e: t.e + 1, word: w + '.', poss: false });
  }
  const runs: Array<{ 0: string; index: number }> = [];
  for (let a = 0; a < units.length;) {
    let b = a + 1;
    while (
      b < units.length &&
      b - a < 4 &&
      !units[b - 1]!.poss &&
      text.slice(units[b - 1]!.e, units[b]!.s) === ' '
    )
      b++;
    if (b - a >= 2) runs.push({ 0: text.slice(units[a]!.s, units[b - 1]!.e), index: units[a]!.s });
    a = b;
  }
  for (const m of runs) {
    const words = m[0].split(' ');
    // Trim stop words at both ends ("Emergency Department Ravi Kumar" → "Ravi Kumar").
    let a = 0;
    let b = words.length;
    while (a < b && (isStop(words[a]!) || EPONYMS.has(words[a]!.toLowerCase()))) a++;
    while (
      b > a &&
      ((isStop(words[b - 1]!) && !(b - 1 > a && TITLE_SURNAMES.has(words[b - 1]!.toLowerCase()))) ||
        EPONYMS.has(words[b - 1]!.toLowerCase()))
    )
      b--;
    if (b - a < 1) continue;
    const kept = words.slice(a, b);
    if (kept.some((w) => REGIONS.has(w.toLowerCase()) || CITIES.has(w.toLowerCase()))) continue;
    const g = tokensInGazetteer(kept.join(' '));
    if (g.stop > 0) continue;
    // Known names, or words no dictionary knows (unseen names, surnames, places).
    const unknown = kept.filter((w) => !INITIAL_RE.test(w) && !isDictionaryWord(w)).length;
    if (g.given + g.sur === 0 && unknown === 0) continue;
    if (kept.filter((w) => !INITIAL_RE.test(w)).length < (g.given > 0 || unknown > 0 ? 1 : 2)) continue;
    const offset = words.slice(0, a).reduce((s, w) => s + w.length + 1, 0);
    const kStr = kept.join(' ');
    const start = m.index + offset;
    const after = text.slice(start + kStr.length, start + kStr.length + 24);
    if (/^['’]?s?\s+(?:disease|syndrome|sign|palsy|test|scale)\b/i.test(after)) continue;
    push(out, 'NAME', start, start + kStr.length, PRIORITY.name);
  }
  for (const u of units) {
    if (u.word.endsWith('.') || /^\d/.test(text[u.e] ?? '')) continue;
    const m = { 0: u.word, index: u.s };
    const lw = m[0].toLowerCase();
    if (isStop(m[0]) || EPONYMS.has(lw) || REGIONS.has(lw) || CHAT_COMMON.has(lw) || CITIES.has(lw)) continue;
    if (!GIVEN_NAMES.has(lw) && isDictionaryWord(m[0])) continue;
    push(out, 'NAME', m.index, m.index + m[0].length, PRIORITY.name);
  }
}

/** Every other mention of a detected name's tokens (surname alone, first name in lowercase chat…). */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
export function propagateNames(text: string, names: Array<[number, number]>, out: Sink): void {
  const tokens = new Set<string>();
  for (const [s, e] of names) {
    for (const t of text.slice(s, e).split(/[\s.]+/)) {
      const clean = t.replace(/['’]s$/, '');
      if (clean.length >= 3 && !isStop(clean) && !EPONYMS.has(clean.toLowerCase()) && !isKeepWord(clean))
        tokens.add(clean);
    }
  }
  if (tokens.size === 0) return;
  // indexOf per token rather than a regex per token or a scan of every word: most tokens occur once.
  const lower = text.toLowerCase();
  for (const t of tokens) {
    const lt = t.toLowerCase();
    // Common words that are also names ("Will", "Mark") only as written.
    const exact = COMMON_LOWER.has(lt);
    for (let at = lower.indexOf(lt); at !== -1; at = lower.indexOf(lt, at + 1)) {
      const before = at > 0 ? text[at - 1]! : '';
      const after = text[at + t.length] ?? '';
      if (before && (WORD_CHAR.test(before) || before === '@' || before === '.')) continue;
      if (after && (WORD_CHAR.test(after) || after === '@')) continue;
      if (exact && text.slice(at, at + t.length) !== t) continue;
      push(out, 'NAME', at, at + t.length, PRIORITY.propagatedName);
    }
  }
}

// ---------------------------------------------------------------- the patient's own profile values

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

export function detectAll(text: string, out: Sink, toks: Tok[] = tokenize(text)): void {
  gate = makeGate(text, toks);
  curToks = toks;
  atCache.clear();
  detectEmailsUrlsIps(text, out);
  detectIds(text, out);
  detectPhones(text, out);
  detectDatesAndAges(text, out);
  detectAddresses(text, out);
  detectPlaces(text, out, toks);
  detectNames(text, out, toks);
}
