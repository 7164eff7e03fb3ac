import { fold, isCommonWord, isDictionaryWord } from './dictionary.ts';
import { isKeepWord } from './keep.ts';
import { CHAT_COMMON, KINSHIP, SURNAMES } from './lexicon.ts';
import { isStop } from './name-words.ts';
import { CITIES, CITY_FIRST_WORDS, CITY_NEEDS_CUE, REGIONS } from './places.ts';
import { PRIORITY, push, type Scan, WS_RE } from './scan.ts';

/** Towns below state level: the gazetteer, and unknown places after a cue phrase. */
/** Town, city or area names: the gazetteer (capitalised, or lower-case in chat) and cue phrases. */
const PLACE_CUE_RE =
  /(?:\b(?:i'?m|i’m|i am|im|we'?re|we are|currently|presently|now|staying|stay|stays|living|live|lives|lived|based|located|settled|moved|shifted|relocated|travell?ing|going|went|came|coming|back|returned|returning|reached|visiting|place|home|house|flat|work|working|studying)\s+(?:back\s+)?(?:home\s+)?(?:in|at|near|to|from)\s+|\b(?:native|resident|residents?)\s+of\s+|\b(?:native place|home town|hometown|village|city|town)\s*(?:is|:|-)\s*)$/i;
const FROM_CUE_RE = /\bfrom\s+$/i;

export function placeBefore(before: string): boolean {
  const m = /([A-Za-z]+)\W*$/.exec(before);
  return !!m && CITIES.has(fold(m[1]!));
}

const PREPOSITIONS = new Set(['in', 'at', 'near', 'to', 'from', 'of', 'is']);
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

export function detectPlaces(scan: Scan): void {
  const { text, out, toks } = scan;
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
