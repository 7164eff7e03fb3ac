import { detectChatNames, GREETING_FIRST } from './detect-chat-names.ts';
import { isDictionaryWord } from './dictionary.ts';
import { isKeepWord } from './keep.ts';
import { CHAT_COMMON, CREDENTIALS, EPONYMS, GIVEN_NAMES, HONORIFICS, SURNAMES } from './lexicon.ts';
import { CAP_WORD_RE, INITIAL_RE, isStop, nameFromCue, SURNAME_STOPS, TITLE_SURNAMES } from './name-words.ts';
import { CITIES, REGIONS } from './places.ts';
import {
  allMatches,
  escapeRe,
  firstWords,
  gateWords,
  hasAny,
  PRIORITY,
  push,
  type Scan,
  WS_RE,
} from './scan.ts';

/** Names from cues: honorifics, form labels, relations, credentials, ages, and the gazetteer (chat cues: detect-chat-names.ts). */
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

const ROLE_RE =
  /\b(?:[Mm]idwife|[Nn]urse|[Pp]hysio(?:therapist)?|[Pp]harmacist|[Pp]orter|HCA|[Pp]aramedic|[Dd]ietitian|[Dd]ietician|[Dd]oula|[Cc]haperone|[Ii]nterpreter|[Rr]eceptionist|[Hh]ealth [Vv]isitor|[Ss]ocial [Ww]orker|[Cc]ounsell?or|[Tt]herapist|[Ss]onographer|[Rr]adiographer|[Pp]hlebotomist|[Tt]echnician|ASHA(?: worker)?|ANM)\s+(?=[A-Z][a-z])/g;
const ROLE_WORDS = gateWords(
  'midwife nurse physio physiotherapist pharmacist porter hca paramedic dietitian dietician doula chaperone interpreter receptionist visitor worker counsellor counselor therapist sonographer radiographer phlebotomist technician asha anm',
);
const ROLE_FIRST = firstWords(
  'midwife nurse physio physiotherapist pharmacist porter hca paramedic dietitian dietician doula chaperone interpreter receptionist health social counsellor counselor therapist sonographer radiographer phlebotomist technician asha anm',
);

const RELATION_RE =
  /\b(?:my|his|her|their|our|the patient's|patient's|pt's|your)\s+(?:wife|husband|son|daughter|mother|father|mom|mum|mummy|dad|daddy|papa|brother|sister|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|nani|dadi|nana|dada|uncle|aunt|aunty|auntie|friend|neighbou?r|partner|caregiver|carer|nephew|niece|cousin|colleague|boss|fiance|fiancée|girlfriend|boyfriend|bhai|didi|bhabhi|son-in-law|daughter-in-law|mother-in-law|father-in-law|child|baby|kid|twin)\s*,?\s*(?:is\s+|named\s+|called\s+)?/gi;

const INDIAN_REL_RE = /\b(?:S|D|W|C|H)\s?\/\s?[Oo]\.?\s*(?:(?:Mr|Mrs|Shri|Sri|Smt|Late)\.?\s+)?/g;

const SELF_RE =
  /\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame is|[Mm]yself|[Mm]y self|[Tt]his is|I am|I'm|[Ii]t's|[Ii]ts|[Cc]alled|[Nn]amed|[Ss]peaking with|[Ss]poke (?:to|with))\s+/g;

const SELF_LOWER_OK = /^(?:my name is|my name's|name is|myself|my self)/i;

const GREETING_RE =
  /\b(?:Dear|Hi|Hello|Hey|Hii+|Thanks|Thank you|Thanking you|Regards|Sincerely|Cheers|Best|Best wishes|Warm regards|Kind regards|Best regards|With regards|Yours sincerely|Yours faithfully|Yours truly|Respectfully|Signed|Good morning|Good evening|Namaste|Sent by)\b\s*,?\s*/gi;

// These three look for their anchor first (a credential, an age, a reporting verb) and then walk back
// over capitalised words: a regex that starts at every capital letter was most of the run time.
const CRED_TAIL_RE = new RegExp(String.raw`\s*,?\s+(?:${CREDENTIALS.map(escapeRe).join('|')})\b`, 'g');

// The age itself first (starts only at digits), then the joint before it (", " / " is a " / " (").
const AGE_NUMBER_RE =
  /(?<!\d)\d{1,3}\s*[-\s]?(?:years?|yrs?|yr|y\/o|yo|y\.o\.|months?|mo|M\b|F\b|\/\s?[MF]\b|-year-old|year-old)/g;

const AGE_SEX_GLUED_RE = /\d[MF]\b/;
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

const SELF_WORDS = gateWords('name myself self this i it its called named speaking spoke');

const GREETING_WORDS = gateWords(
  'dear hi hello hey hii hiii thanks thank thanking regards sincerely cheers best wishes yours respectfully signed good namaste sent',
);

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

const LOWER_HONORIFIC_WORDS = ['dr', 'mr', 'mrs', 'ms', 'doc'];

export function detectNames(scan: Scan): void {
  const { text, out, toks, gate } = scan;
  const honorific = hasAny(scan, HONORIFIC_WORDS);
  if (honorific)
    nameFromCue(
      scan,
      HONORIFIC_RE,
      { upper: true, honorific: true },
      (m) => !WEAK_HONORIFIC_RE.test(m[0]),
      PRIORITY.strongName,
      HONORIFIC_FIRST,
    );
  if (honorific)
    nameFromCue(
      scan,
      HONORIFIC_RE,
      { upper: true },
      (m) => WEAK_HONORIFIC_RE.test(m[0]),
      PRIORITY.name,
      HONORIFIC_FIRST,
    );
  if (hasAny(scan, LOWER_HONORIFIC_WORDS))
    nameFromCue(
      scan,
      HONORIFIC_LOWER_RE,
      { lower: true, upper: true, honorific: true },
      undefined,
      PRIORITY.strongName,
    );
  if (/[:\-–]/.test(text))
    nameFromCue(
      scan,
      NAME_LABEL_RE,
      { upper: true, inverted: true },
      undefined,
      PRIORITY.strongName,
      LABEL_FIRST,
    );
  if (hasAny(scan, CONTACT_WORDS))
    nameFromCue(scan, CONTACT_IS_RE, { upper: true }, undefined, PRIORITY.name, CONTACT_FIRST);
  // A care role before a capitalised name works like a title ("midwife Will Bishop", "Physio Anna
  // Wells"): the name may be an everyday word or an eponym, as after "Dr".
  // The first word must be a known given name or no dictionary word ("Nurse Practitioner" is a job).
  if (hasAny(scan, ROLE_WORDS))
    nameFromCue(
      scan,
      ROLE_RE,
      { honorific: true },
      (m) => {
        const w =
          /^[A-Za-z'’-]+/.exec(scan.text.slice(m.index + m[0].length, m.index + m[0].length + 30))?.[0] ?? '';
        return GIVEN_NAMES.has(w.toLowerCase()) || !isDictionaryWord(w);
      },
      PRIORITY.strongName,
      ROLE_FIRST,
    );
  if (hasAny(scan, RELATION_WORDS)) {
    nameFromCue(scan, RELATION_BARE_RE, {}, undefined, PRIORITY.name, RELATION_BARE_FIRST);
    nameFromCue(
      scan,
      RELATION_RE,
      { lowerStrict: true, upper: true },
      undefined,
      PRIORITY.name,
      RELATION_FIRST,
    );
  }
  if (text.includes('/'))
    nameFromCue(scan, INDIAN_REL_RE, { upper: true }, undefined, PRIORITY.name, INDIAN_REL_FIRST);
  const self = hasAny(scan, SELF_WORDS);
  if (self)
    nameFromCue(scan, SELF_RE, { maxTokens: 3 }, (m) => !SELF_LOWER_OK.test(m[0]), PRIORITY.name, SELF_FIRST);
  if (self)
    nameFromCue(
      scan,
      SELF_RE,
      { upper: true, lower: true, maxTokens: 3 },
      (m) => SELF_LOWER_OK.test(m[0]),
      PRIORITY.strongName,
      SELF_FIRST,
    );
  if (hasAny(scan, GREETING_WORDS))
    nameFromCue(
      scan,
      GREETING_RE,
      { upper: true, lowerStrict: true, crossNewline: true, maxTokens: 3 },
      undefined,
      PRIORITY.name,
      GREETING_FIRST,
    );
  detectChatNames(scan);

  if (hasAny(scan, CRED_WORDS))
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
  // "38M", "29F" are one token each, so the unit word gate alone misses them.
  if (gate.digits > 0 && (hasAny(scan, AGE_UNIT_WORDS) || AGE_SEX_GLUED_RE.test(text)))
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
  if (hasAny(scan, REPORT_WORDS))
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
