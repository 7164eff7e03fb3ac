import { PRIORITY, push, type Sink } from './scan.ts';

/**
 * An age over 89 written bare right after a person's name: "Mrs Edna Pike, 94, with …", "nani Kamla
 * is 97 now", "Walter (91)". Alone "94" says nothing; after a name it is that person's age. Ages up
 * to 89 are not identifying and stay; a unit after the number (mg, kg, %, /10, bpm) makes it a value.
 */
const AGE_AFTER_NAME_RE =
  /^(?:\s*,\s*|\s+is\s+(?:now\s+)?|\s*\(\s*)(9\d|1[01]\d)(?![\d.,/:]\d|\d|\s*(?:mg|mcg|kg|kgs|g|ml|%|\/|bpm|mmhg|cm|mm|°|lakh|k|units?|iu|x)\b|\s*[%°/])/i;

export function agesAfterNames(text: string, names: Array<[number, number]>, out: Sink): void {
  for (const [, end] of names) {
    const m = AGE_AFTER_NAME_RE.exec(text.slice(end, end + 16));
    if (!m) continue;
    const s = end + m[0].length - m[1]!.length;
    push(out, 'AGE', s, s + m[1]!.length, PRIORITY.age);
  }
}
