import { fold, isCommonWord, isDictionaryWord } from './dictionary.ts';
import { isKeepWord, type Tok } from './keep.ts';
import { CHAT_COMMON, ENGLISH_KIN, GIVEN_NAMES, KINSHIP, SURNAMES } from './lexicon.ts';
import {
  CAP_WORD_RE,
  couldBeLowerName,
  couldBeNameAfterStrongCue,
  isStop,
  LOWER_WORD_RE,
  nameFromCue,
  readNameRun,
  TITLE_SURNAMES,
  UPPER_WORD_RE,
} from './name-words.ts';
import { allMatches, firstWords, gateWords, hasAny, PRIORITY, push, type Scan } from './scan.ts';

/**
 * Names in chat, often in lower case: self-introductions, "<name> here/this side/again", thanks and
 * sign-offs, kinship words beside a name, staff named by where they work.
 */
/** "DAVIS, Stephanie" / "GONZÁLEZ, Lars": a capitalised surname, a comma, a given name. */
const INVERTED_RE =
  /(?<![\w'’-])([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+),[ \t]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)?)(?![\w-])/g;
export const GREETING_FIRST =
  firstWords(`dear hi hello hey hii hiii hiiii thanks thank thanking regards sincerely cheers best
  warm kind with yours respectfully signed good namaste sent`);
/** Chat self-introductions in lower case: "hi im nandini iyer", "this is faisal here", "main simran". */
const SELF_CHAT_RE = /\b(?:i am|i'm|i’m|im|i m|this is|its|it's|it’s|main|mai|mera naam|mera name|naam)\s+/g;

/**
 * "<name> here", "<name> this side", "<name> again", "<name> bol rahi hun" after a greeting or the
 * start of a message.
 */
const NAME_HERE_RE = new RegExp(
  String.raw`(?:^|[\n,.!?;:]|\b(?:hi+|hello|hey+|dear|sir|mam|maam|madam|doc|doctor|namaste|namaskar|vanakkam|morning|evening|afternoon|this is|its|it's|i am|i'm|im|ji))[ \t]*,?[ \t]*([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+)?)[ \t]+(?:here|this side|again|from yesterday|bol (?:raha|rahi|rha|rhi) (?:hoon|hun|hu|hoo|hai|h))\b`,
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

const SPEAKING_END = new Set(['hoon', 'hun', 'hu', 'hoo', 'hai', 'h']);
/** NAME_HERE_RE run only on a short window before each "here"/"this side"/"again"/"from yesterday". */
function nameHereMatches(text: string, toks: Tok[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let done = -1;
  for (let i = 1; i < toks.length; i++) {
    const f = toks[i]!.f;
    // "… bol rahi hun": the Hinglish "<name> speaking", anchored on its last word.
    if (f !== 'here' && f !== 'side' && f !== 'again' && f !== 'yesterday' && !SPEAKING_END.has(f)) continue;
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

export function detectChatNames(scan: Scan): void {
  const { text, out, toks } = scan;
  if (hasAny(scan, CHAT_SELF_WORDS))
    nameFromCue(
      scan,
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

const CHAT_SELF_WORDS = gateWords('i im m this its it main mai mera naam');

const SELF_CHAT_FIRST = firstWords("i i'm i’m im this its it it's it’s main mai mera naam");
