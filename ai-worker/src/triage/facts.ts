/**
 * Numbers patients type, read from normalised text: a child's age in days, weeks, months or years
 * ("3 week old", "2 mahine ki beti", "baby is 7 weeks"), a temperature in °C or °F, a glucose meter
 * reading (mg/dL, mmol/L, "HI"/"LO"), blood ketones, a counted breathing rate, weeks of pregnancy, and
 * how many tablets were swallowed. Pure functions over one string.
 */

export interface Facts {
  /** Age in years of the child the text is about, when it states one. */
  childAgeYears?: number;
  /** Highest temperature mentioned, °C. */
  temperatureC?: number;
  /** Lowest and highest glucose readings, mg/dL. */
  glucoseMin?: number;
  glucoseMax?: number;
  meterHi: boolean;
  meterLo: boolean;
  /** Blood ketones, mmol/L. */
  ketones?: number;
  /** Breaths per minute, when counted. */
  respiratoryRate?: number;
  pregnancyWeeks?: number;
  /** Largest number of tablets/pills said to be taken at once. */
  tabletCount?: number;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
  ek: 1,
  do: 2,
  teen: 3,
  char: 4,
  chaar: 4,
  paanch: 5,
  panch: 5,
  chhe: 6,
  saat: 7,
  aath: 8,
  nau: 9,
  das: 10,
  bees: 20,
  // Hindi fractions: "dedh saal" is a year and a half, "dhai" two and a half.
  dedh: 1.5,
  dhai: 2.5,
};
const NUM = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const num = (s: string): number => NUMBER_WORDS[s] ?? Number(s);

const DAY = 'days?|din|dino|dinon|d';
const WEEK = 'weeks?|wks?|w|hafte|hafta|haftay';
const MONTH = 'months?|mths?|mos?|m|mahine|mahina|maheene|mahino';
const YEAR = 'years?|yrs?|yr|yo|y|saal|sal|varsh|baras';
const OLD =
  'old|ka|ki|ke|aged|baby|babies|infant|son|daughter|boy|girl|beta|beti|bachcha|bachchi|baccha|bachche|newborn|kid|child|toddler';
const CHILD =
  'baby|infant|son|daughter|boy|girl|child|kid|toddler|grandson|granddaughter|beta|beti|bachcha|bachchi|baccha|bachche|he|she';

function ageIn(unit: string, n: number): number {
  if (new RegExp(`^(?:${DAY})$`).test(unit)) return n / 365;
  if (new RegExp(`^(?:${WEEK})$`).test(unit)) return (n * 7) / 365;
  if (new RegExp(`^(?:${MONTH})$`).test(unit)) return n / 12;
  return n;
}

const AGE_PATTERNS: RegExp[] = [
  // "3 week old", "2 mahine ki beti", "9 month old", "4 yo", "7 saal ka"
  new RegExp(`(?:^| )${NUM} (${DAY}|${WEEK}|${MONTH}|${YEAR}) (?:${OLD})(?= |$)`, 'g'),
  // "baby is 7 weeks", "my son is 12", "she is 8 weeks"
  new RegExp(
    `(?:^| )(?:${CHILD}) (?:is|was|aged|age) (?:about |around |just |only )?${NUM}(?: (${DAY}|${WEEK}|${MONTH}|${YEAR}))?(?= |$)(?! (?:pregnant|along|gone|late|overdue|ago|back|pehle))`,
    'g',
  ),
  // "3yo", "3 yo": years old
  new RegExp(`(?:^| )${NUM} (yo)(?= |$)`, 'g'),
  // "aged 6 weeks", "baby 4 months", "my 2yo"
  new RegExp(
    `(?:^| )(?:aged|age|baby|infant|newborn|my|our) ${NUM} (${DAY}|${WEEK}|${MONTH}|yo|yr|yrs)(?= |$)`,
    'g',
  ),
];

export function childAge(text: string): number | undefined {
  let best: number | undefined;
  for (const re of AGE_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      // "since 2 weeks baby has cough" is a duration, not an age.
      if (/(?:since|for|from|last|past|about|over) $/.test(text.slice(Math.max(0, m.index - 8), m.index + 1)))
        continue;
      const n = num(m[1]!);
      const unit = m[2] ?? 'years';
      const years = ageIn(unit, n);
      // Only a child's age: an adult's age in the text is the writer's, not a patient's.
      if (!Number.isFinite(years) || years >= 16) continue;
      if (unit === 'years' && /(?:^| )(?:he|she) (?:is|was)/.test(m[0]) && n > 15) continue;
      best = best === undefined ? years : Math.min(best, years);
    }
  }
  if (
    best === undefined &&
    /(?:^| )(?:newborn|new born|navjaat|just born|born (?:yesterday|today|last night))(?= |$)/.test(text)
  )
    best = 0.02;
  const born = /(?:^| )born (\d+) (days?|weeks?) ago/.exec(text);
  if (born) best = Math.min(best ?? Infinity, ageIn(born[2]!, Number(born[1])));
  return best;
}

const GLUCOSE_CONTEXT = /^(?:sugar|sugars|glucose|bsl|bgl|cbg|rbs|fbs|grbs|ppbs|glucometer|meter|bg|bm)$/;

const FEVER_CONTEXT =
  /(?:^| )(?:fever\w*|temp|temperature|bukhar|thermometer|reading|pyrexia|taap|tap|hot|garam|deg|degree|degrees|celsius|fahrenheit)(?= |$)/;

export function temperature(text: string): number | undefined {
  let best: number | undefined;
  const words = text.split(' ');
  for (const [i, w] of words.entries()) {
    if (!/^\d{2,3}(?:\.\d+)?$/.test(w)) continue;
    const v = Number(w);
    const before = words.slice(Math.max(0, i - 4), i).join(' ');
    const after = words.slice(i + 1, i + 3).join(' ');
    if (words.slice(Math.max(0, i - 4), i).some((b) => GLUCOSE_CONTEXT.test(b))) continue;
    if (
      /^(?:mg|mmol|units|tablets|tabs|pills|%|times|minutes|mins|hours|hrs|days|bpm|kg|ml|a minute|per)/.test(
        after,
      )
    )
      continue;
    // "38.2 under her arm", "37.9 in the ear": where the thermometer was.
    const site = /^(?:under|in|on) (?:\S+ )?(?:arm|armpit|tongue|ear|forehead|mouth|bottom)/.test(
      words.slice(i + 1, i + 5).join(' '),
    );
    const unitAfter = /^(?:deg|degree|degrees|c|f|celsius|fahrenheit)(?= |$)/.test(after);
    // "my 4 week old is 38.4": a one-decimal number in the body-temperature range, said of someone.
    const stated =
      /^(?:3[5-9]|4[0-2])\.\d$/.test(w) && /(?:^| )(?:is|was|of|at|about|around|reading)$/.test(before);
    if (!unitAfter && !site && !stated && !FEVER_CONTEXT.test(` ${before} `)) continue;
    let c: number | undefined;
    if (v >= 34 && v <= 43.5) c = v;
    else if (v >= 93 && v <= 110) c = Math.round((((v - 32) * 5) / 9) * 10) / 10;
    if (c !== undefined) best = best === undefined ? c : Math.max(best, c);
  }
  return best;
}

export function glucose(text: string): Pick<Facts, 'glucoseMin' | 'glucoseMax' | 'meterHi' | 'meterLo'> {
  const words = text.split(' ');
  let min: number | undefined;
  let max: number | undefined;
  for (const [i, w] of words.entries()) {
    if (!/^\d{1,3}(?:\.\d+)?$/.test(w)) continue;
    const before = words.slice(Math.max(0, i - 4), i);
    if (!before.some((b) => GLUCOSE_CONTEXT.test(b))) continue;
    // "type 1", "type 2": a kind of diabetes, not a reading.
    if (words[i - 1] === 'type') continue;
    const after = words.slice(i + 1, i + 2).join(' ');
    if (
      /^(?:years?|yrs?|saal|days?|din|weeks?|months?|hours?|hrs|times|units|tablets|tabs|mg\/kg)$/.test(after)
    )
      continue;
    let v = Number(w);
    const mmol = /^mmol/.test(after) || (v < 35 && !/^mg/.test(after));
    if (mmol) v = v * 18;
    if (v < 10 || v > 1500) continue;
    min = min === undefined ? v : Math.min(min, v);
    max = max === undefined ? v : Math.max(max, v);
  }
  // A meter that reads "HI" or "LO" is beyond its range (about > 600 or < 20 mg/dL).
  const meterHi =
    /(?:^| )(?:meter|glucometer|sugar|glucose|reading|machine)(?: \S+){0,3} hi(?= |$)/.test(text) ||
    /(?:^| )(?:meter|glucometer|machine)(?: \S+){0,2} (?:says|shows|showing|reads|reading) high(?= |$)/.test(
      text,
    );
  const meterLo = /(?:^| )(?:meter|glucometer|sugar|glucose|reading|machine)(?: \S+){0,3} lo(?= |$)/.test(
    text,
  );
  return { glucoseMin: min, glucoseMax: max, meterHi, meterLo };
}

export function ketones(text: string): number | undefined {
  const m =
    /(?:^| )ketones? (?:(?:are|is|of|at|level|reading|were|was|about|around|showing|shows|says|blood) ){0,3}(\d+(?:\.\d+)?)(?= |$)/.exec(
      text,
    );
  return m ? Number(m[1]) : undefined;
}

export function respiratoryRate(text: string): number | undefined {
  const m =
    /(?:^| )(?:breath\w*|saans|rr|resp\w*)(?: \S+){0,6} (\d{2,3})(?: breaths?)? (?:a|per|\/) ?(?:minute|min)(?= |$)/.exec(
      text,
    ) ?? /(?:^| )(\d{2,3}) breaths? (?:a |per )?(?:minute|min)(?= |$)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function pregnancyWeeks(text: string): number | undefined {
  const w =
    /(?:^| )(\d{1,2}) (?:weeks?|wks?|wk|w|hafte) (?:\S+ )?(?:pregnant|pregnancy|along|gone|gestation)(?= |$)/.exec(
      text,
    ) ?? /(?:^| )(?:pregnant|pregnancy)(?: \S+){0,2} (\d{1,2}) (?:weeks?|wks?|wk|w|hafte)(?= |$)/.exec(text);
  if (w) return Number(w[1]);
  const m =
    /(?:^| )(\d) (?:months?|mahine|mahina) (?:\S+ )?(?:pregnant|pregnancy|garbhvati)(?= |$)/.exec(text) ??
    /(?:^| )(?:pregnant|pregnancy)(?: \S+){0,2} (\d) (?:months?|mahine|mahina)(?= |$)/.exec(text);
  if (m) return Math.round(Number(m[1]) * 4.35);
  // "34 weeks, baby moving less": a message that opens with a number of weeks is a gestation.
  const lead =
    /^(?:i am |im |at |she is )?(\d{1,2}) ?(?:weeks?|wks?|wk|w)(?= |$)(?! (?:ago|old|back|late|since|now|of))/.exec(
      text,
    );
  if (lead && Number(lead[1]) >= 4 && Number(lead[1]) <= 42) return Number(lead[1]);
  return undefined;
}

const TABLET_WORDS =
  'tables|packets?|packs?|bottles?|boxes?|tablets?|tabs?|pills?|capsules?|caps|goli|goliyan|goliya|golis|strips?|sleeping|paracetamol|acetaminophen|tylenol|crocin|dolo|calpol|panadol|ibuprofen|brufen|advil|aspirin|disprin|co codamol|codeine|tramadol|diazepam|alprazolam|alprax|xanax|clonazepam|lorazepam|zolpidem|amitriptyline|sertraline|fluoxetine|citalopram|escitalopram|quetiapine|olanzapine|lithium|metformin|amlodipine|atenolol|propranolol|digoxin|iron|insulin|bp|meds|medicines?|antihistamines?|antidepressants?|painkillers?|vitamins?|cetirizine|loratadine|piriton|promethazine|phenergan|naproxen|mefenamic|meftal';

const TABLET_COUNT = new RegExp(
  `(?:^| )${NUM} (?:x )?(?:of )?(?:(?:my|his|her|the|their|mums?|dads?|grandads?|grandmas?|nanis?|dadis?|dadi|nani|ki|ke|wali|of) ){0,3}(?:(?!(?:and|at|or|then|every|to|a|in) )[a-z]+ ){0,2}(?:${TABLET_WORDS})(?= |$)`,
  'g',
);

export function tabletCount(text: string): number | undefined {
  let best: number | undefined;
  for (const m of text.matchAll(TABLET_COUNT)) {
    // "10 mg tablets" is a strength; "20 tablets left" is a supply.
    if (/ (?:mg|mcg|ml|g|gm|units|iu) /.test(` ${m[0]} `)) continue;
    if (
      /^ (?:left|remaining|bachi|bache|in the (?:pack|box|strip))/.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 20),
      )
    )
      continue;
    // "2 strips", "a packet": a strip or pack holds about ten.
    const n = num(m[1]!) * (/ (?:strips?|packets?|packs?|bottles?|boxes?)(?= |$)/.test(m[0]) ? 10 : 1);
    if (!Number.isFinite(n) || n > 500) continue;
    best = best === undefined ? n : Math.max(best, n);
  }
  return best;
}

export function readFacts(text: string): Facts {
  return {
    childAgeYears: childAge(text),
    temperatureC: temperature(text),
    ...glucose(text),
    ketones: ketones(text),
    respiratoryRate: respiratoryRate(text),
    pregnancyWeeks: pregnancyWeeks(text),
    tabletCount: tabletCount(text),
  };
}
