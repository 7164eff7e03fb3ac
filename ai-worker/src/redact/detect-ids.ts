import {
  allMatches,
  digitsOf,
  firstWords,
  gateWords,
  hasAny,
  matchesAt,
  matchesNear,
  PRIORITY,
  push,
  type Scan,
} from './scan.ts';

/** Identifiers: labelled IDs of any scheme, and national numbers recognised by shape and checksum. */
const ID_LABEL = String.raw`(?:MRN|MR\s?No|M\.R\.\s?No|Medical Record(?: Number| No)?|UHID|CR\s?No|IP\s?No|OP\s?No|IPD\s?No|OPD\s?No|Reg(?:istration)?\.?\s?No|Hospital\s?(?:No|ID|Number)|Patient\s?(?:ID|No|Number)|Pt\.?\s?ID|Case\s?(?:No|ID)|Lab\s?(?:No|ID)|Sample\s?(?:No|ID)|Accession\s?(?:No|Number|#)|Visit\s?(?:No|ID)|Encounter\s?(?:No|ID)|SSN|Social Security(?: Number| No)?|SS#|Aadhaa?r(?:\s?(?:No|Number|Card(?: No)?))?|UID(?:AI)?(?:\s?No)?|ABHA(?:\s?(?:No|Number|ID|Address))?|Health\s?ID|PAN\s?(?:No|Number|Card(?: No)?)|Passport(?:\s?(?:No|Number))?|Policy(?:\s?(?:No|Number|ID))?|Member(?:ship)?\s?(?:ID|No|Number)|Subscriber\s?ID|Insurance\s?(?:ID|No|Number)|Insurer\s?ID|Group\s?(?:No|Number|ID)|Claim\s?(?:No|Number|ID)|TPA\s?(?:ID|No)|Card\s?(?:No|Number)|Card(?=\s*[:#-]?\s*\d(?:[ -]?\d){5,})|PAN(?=\s*[:#-]?\s*[A-Za-z]{5}\d{4}[A-Za-z]\b)|Account\s?(?:No|Number)|A\/c(?:\s?No)?|Acct\.?(?:\s?No)?|Bank\s?A\/c|IBAN|Medicare(?:\s?(?:No|Number|ID))?|Medicaid(?:\s?(?:No|Number|ID))?|MBI|Driver'?s?\s?Licen[cs]e(?:\s?No)?|DL\s?No|Licen[cs]e\s?No|Voter\s?ID|EPIC\s?No|Ration\s?Card(?:\s?No)?|Employee\s?(?:ID|No)|Emp\.?\s?ID|Staff\s?ID|NPI|DEA(?:\s?No)?|Reg\.?\s?No\.?\s?\(?MCI\)?|MCI\s?Reg(?:\.|istration)?\s?No|U\.?H\.?I\.?D\.?|C\.R\.\s?No|NHS\s?(?:No|Number|#)?|NINO|NI\s?(?:No|Number)|National\s?Insurance(?:\s?(?:No|Number))?|Unit\s?No|Hosp\.?\s?No|File\s?No|Rec(?:ord)?\.?\s?(?:No|Number|#)|Record|Ref(?:erence)?\.?(?:\s?(?:No|Number|#)|(?=\s*:))|Pol(?:icy)?\.?\s?No|Member\s?#|Card\s?#|Insurance\s?Card(?:\s?(?:No|Number|#))?|Driving\s?Licen[cs]e(?:\s?No)?|ABHA|PHN|Health\s?Card(?:\s?No)?)`;
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
  String.raw`\b((?:[A-Za-z][A-Za-z.']*\s){0,3}?)(?:(?:no|number|num|id|code|ref|reference)(?![A-Za-z])\.?|#)(?:\s?(?:is|was|=|:|-|–|#))?\s*[:#-]?\s*${ID_VALUE}`,
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
/**
 * A scheme's code after any label, known or not ("IPD 2026-IPD-55123", "card MH-VC-77310"): capitals
 * and digits joined by hyphens, optionally with digit groups after a space. Codes carry at least
 * five digits and a capital letter; clinical codes (ICD-10, CURB-65, L4-L5, E11.9) carry fewer.
 */
const CODE_RE =
  /(?<![\p{L}\p{N}@._/-])[A-Z0-9]+(?:-[A-Z0-9]+)+(?: \d[A-Z0-9]*(?:-[A-Z0-9]+)*)*(?![\p{L}\p{N}@_]|[-/.][\p{L}\p{N}])/gu;
const MONTH_SEG_RE = /^(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)$/;
/** Letters that make a count a dose or a unit, not a code ("25000-IU", "500-MG"). */
const UNIT_SEG_RE = /^\d*(?:IU|MG|MCG|ML|KG|G|L|U|MM|CM|MMHG|MEQ|MMOL|K|M|X)$/;
function codeShaped(code: string): boolean {
  if (!/[A-Z]/.test(code) || digitsOf(code).length < 5) return false;
  for (const seg of code.split(/[ -]/)) if (MONTH_SEG_RE.test(seg) || UNIT_SEG_RE.test(seg)) return false;
  return true;
}
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
/** Could this digit string be a phone number (Indian mobile, a trunk or country prefix, US groups)? */
function phoneShaped(value: string): boolean {
  if (/^\d{4} \d{4} \d{4}$/.test(value)) return false;
  const d = digitsOf(value);
  return (
    /^[+0(]/.test(value) ||
    (d.length === 10 && /^[6-9]/.test(d)) ||
    /^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(value) ||
    d.length > 10
  );
}

export function detectIds(scan: Scan): void {
  const { text, out, toks, gate } = scan;
  if (gate.digits < 2) return;
  const anchors: number[] = [];
  if (hasAny(scan, GENERIC_ID_WORDS) || text.includes('#')) {
    for (const t of toks) if (GENERIC_ID_KEYS.has(t.f)) anchors.push(t.s);
    for (let h = text.indexOf('#'); h !== -1; h = text.indexOf('#', h + 1)) anchors.push(h);
    anchors.sort((a, b) => a - b);
  }
  for (const re of [ID_LABEL_RE, GENERIC_ID_RE])
    for (const m of re === ID_LABEL_RE
      ? matchesAt(scan, ID_LABEL_RE, ID_LABEL_FIRST)
      : matchesNear(scan, GENERIC_ID_RE, anchors, 3)) {
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
      // "CA 25 68 43 D": a final single letter belongs to the number; a final word after a space
      // does not. Hyphen-joined capitals stay: scheme codes read "STAR-88213-HL", "MH-VC-77310".
      value = value.replace(/ [A-Za-z]{2,}(?: .*)?$/, '');
      value = value.replace(/-[A-Za-z]*[a-z][A-Za-z]*(?:[ -].*)?$/, '');
      const dig = value.replace(/\D/g, '').length;
      if (dig < 2 || value.replace(/[\s./-]/g, '').length < 4) continue;
      if (re === GENERIC_ID_RE && dig < 4) continue;
      // A phone number after a generic label ("my no. 98765 43210") is the phone detector's; a
      // number shaped like no phone ("beneficiary id 4471 2290 18") stays an ID.
      if (re === GENERIC_ID_RE && /^(?:\+|0)?[\d\s()-]{10,}$/.test(value) && phoneShaped(value)) continue;
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
  if (gate.digits >= 5 && gate.caps >= 1)
    for (const m of allMatches(CODE_RE, text))
      if (codeShaped(m[0])) push(out, 'ID', m.index, m.index + m[0].length, PRIORITY.structuredId - 2);
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
