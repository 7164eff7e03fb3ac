import { PRIORITY, push, type Scan } from './scan.ts';

/**
 * Names written in Devanagari (Hindi, Marathi): the Latin detectors see no capitals and no
 * dictionary there. Cues, each enough: an honorific or a kinship word before a name ("श्रीमती X",
 * "नानी X"), "जी" after one, "मेरा नाम X है", and a given word before a common family name ("X वर्मा").
 * Towns: a word before "से"/"में" right after a self-introduction is left to the Latin cues; not here.
 */

const WORD_RE = /[\u0900-\u097F]+/g;
const HONORIFIC = new Set([
  'श्री',
  'श्रीमती',
  'सुश्री',
  'कुमारी',
  'डॉ',
  'डॉ.',
  'डा.',
  'स्व.',
  'श्रीमान',
  'मिस्टर',
  'मिसेज',
]);
const KIN_BEFORE = new Set([
  'दादी',
  'नानी',
  'दादा',
  'नाना',
  'मौसी',
  'बुआ',
  'चाचा',
  'चाची',
  'मामा',
  'मामी',
  'भैया',
  'दीदी',
  'भाभी',
  'ताई',
  'ताऊ',
  'अम्मा',
]);
/** Common family names (also the second word of "Kumari" names); a word before one is a given name. */
const FAMILY = new Set(
  `शर्मा वर्मा गुप्ता सिंह कुमार कुमारी यादव मिश्रा मिश्र पांडेय पाण्डेय पांडे तिवारी दुबे द्विवेदी त्रिपाठी शुक्ला चौहान ठाकुर
  जैन अग्रवाल श्रीवास्तव सक्सेना खान पटेल शाह मेहता जोशी चौधरी राठौर राय देवी बाई बेगम अंसारी कुरैशी सिद्दीकी रेड्डी
  नायर पिल्लई देसाई कुलकर्णी पाटिल पवार जाधव शिंदे गायकवाड़ भट्ट भट दास बोस घोष सेन मुखर्जी बनर्जी चटर्जी कपूर खन्ना
  मल्होत्रा चोपड़ा भाटिया अरोड़ा गिल संधू ढिल्लों बाजवा प्रसाद झा ओझा सिन्हा ठाकरे नागर मीणा मीना गहलोत बघेल`.split(
    /\s+/,
  ),
);
/** Words that are never names, whatever cue stands before them. */
const NOT_NAME = new Set(
  `जी है हैं हूँ हूं था थी थे को का की के से में पर ने और भी तो ही नहीं बहुत बात कल आज अभी डॉक्टर साहब साहिब मैडम सर
  मेरा मेरी मेरे हमारा हमारी नाम हाँ हां नमस्ते धन्यवाद ठीक अच्छा माता बच्चा बच्ची बेटा बेटी पति पत्नी माँ मां पिता पापा मम्मी`.split(
    /\s+/,
  ),
);

const CASE_MARKERS = new Set(['को', 'का', 'की', 'के', 'ने', 'जी', 'से']);

interface W {
  s: number;
  e: number;
  w: string;
}

const nameWord = (x: W | undefined): x is W =>
  !!x && !NOT_NAME.has(x.w) && !HONORIFIC.has(x.w) && !KIN_BEFORE.has(x.w);

export function detectDevanagariNames(scan: Scan): void {
  const { text, out } = scan;
  // Most notes have no Devanagari at all: one character-class test decides.
  if (!/[\u0900-\u097F]/.test(text)) return;
  const ws: W[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text)) !== null) {
    let w = m[0];
    let e = m.index + w.length;
    // "डॉ." keeps its full stop as part of the title.
    if (text[e] === '.' && (w === 'डॉ' || w === 'डा' || w === 'स्व')) {
      w += '.';
      e++;
    }
    ws.push({ s: m.index, e, w });
  }
  const adjacent = (a: W, b: W): boolean => /^[ \t]{1,2}$/.test(text.slice(a.e, b.s));
  /** One or two name words from index i; the second only when it is a family name or a name word too. */
  const run = (i: number, priority: number): void => {
    const a = ws[i];
    if (!nameWord(a)) return;
    let end = a.e;
    const b = ws[i + 1];
    if (b && adjacent(a, b) && FAMILY.has(b.w)) end = b.e;
    push(out, 'NAME', a.s, end, priority);
  };
  const caseMarked = (i: number): boolean => {
    const a = ws[i]!;
    const b = ws[i + 1];
    if (/^\s*[,،।]/.test(text.slice(a.e, a.e + 3))) return true;
    if (!b || !adjacent(a, b)) return false;
    return CASE_MARKERS.has(b.w) || (FAMILY.has(b.w) && !!ws[i + 2] && CASE_MARKERS.has(ws[i + 2]!.w));
  };
  for (let i = 0; i < ws.length; i++) {
    const x = ws[i]!;
    const nx = ws[i + 1];
    if (HONORIFIC.has(x.w) && nx && adjacent(x, nx)) run(i + 1, PRIORITY.strongName);
    else if (KIN_BEFORE.has(x.w) && nx && adjacent(x, nx) && caseMarked(i + 1))
      // "नानी कमला को …" names her; "नानी बेहोश हो गई" describes her: a case marker or comma must follow.
      run(i + 1, PRIORITY.name);
    else if (x.w === 'नाम' && nx && nx.w === 'है' && i > 0 && ws[i - 1]!.w === 'मेरा') {
      // "मेरा नाम है X" word order.
      if (ws[i + 2]) run(i + 2, PRIORITY.strongName);
    } else if (x.w === 'नाम' && i > 0 && (ws[i - 1]!.w === 'मेरा' || ws[i - 1]!.w === 'मेरी') && nx)
      run(i + 1, PRIORITY.strongName);
    else if (nx && nx.w === 'जी' && adjacent(x, nx) && nameWord(x)) {
      const pv = ws[i - 1];
      // "X Y जी": the family name and the given name before it.
      const start = pv && adjacent(pv, x) && nameWord(pv) && FAMILY.has(x.w) ? pv.s : x.s;
      push(out, 'NAME', start, x.e, PRIORITY.name);
    } else if (nx && FAMILY.has(nx.w) && adjacent(x, nx) && nameWord(x) && !FAMILY.has(x.w))
      push(out, 'NAME', x.s, nx.e, PRIORITY.name);
  }
}
