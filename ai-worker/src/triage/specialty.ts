import type { Evidence } from './evidence.ts';
import type { Priority, Specialty } from './schema.ts';

/**
 * The suggested specialty, read only from what the patient affirms: "cough, no chest pain" is a
 * chest-physician question, not a cardiology one (issue #14, item 6). First matching cue wins.
 */
const SPECIALTY_CUES: ReadonlyArray<readonly [Specialty, RegExp]> = [
  [
    'cardiology',
    /(?:^| )(?:chest pain|palpitat\w*|heart|angina|bp high|high bp|bp|hypertension|seene|chhati)(?= |$)/,
  ],
  [
    'neurology',
    /(?:^| )(?:headaches?|migraine|seizures?|fits|numb\w*|tingl\w*|dizz\w*|vertigo|tremor|stroke|weakness|memory|sir dard|sirdard|chakkar|mirgi|lakwa)(?= |$)/,
  ],
  [
    'pulmonology',
    /(?:^| )(?:cough\w*|breath\w*|wheez\w*|asthma|sputum|lungs?|copd|khansi|saans|phlegm)(?= |$)/,
  ],
  [
    'gastroenterology',
    /(?:^| )(?:stomach|abdominal|abdomen|belly|vomit\w*|diarrh\w*|constipat\w*|acidity|heartburn|jaundice|stools?|motions?|ulti|pet|gas|indigestion|kabz|piles|dast)(?= |$)/,
  ],
  [
    'dermatology',
    /(?:^| )(?:rash\w*|itch\w*|acne|skin|eczema|psoriasis|hair fall|hairfall|pimples?|moles?|dandruff|khujli|daad|muhase|warts?|masse|verruca|nails?)(?= |$)/,
  ],
  [
    'psychiatry',
    /(?:^| )(?:anxi\w*|depress\w*|panic|sleep|insomnia|suicid\w*|self harm|stress\w*|mood|low|neend)(?= |$)/,
  ],
  [
    'obstetrics_gynecology',
    /(?:^| )(?:pregnan\w*|periods?|menstru\w*|vaginal|pelvic|fetal|white discharge|pcos|pcod|safed pani|contracepti\w*|the pill)(?= |$)/,
  ],
  [
    'orthopedics',
    /(?:^| )(?:joints?|knees?|back pain|backache|fracture|sprain|shoulders?|neck pain|bones?|ankles?|hips?|ghutno|kamar|aediyan|heels?)(?= |$)/,
  ],
  [
    'ent',
    /(?:^| )(?:ears?|earache|throat|sinus\w*|tonsil\w*|nose ?bleeds?|hearing|blocked nose|kaan|gala|snor\w*)(?= |$)/,
  ],
  ['ophthalmology', /(?:^| )(?:eyes?|vision|blurr\w*|aankh\w*)(?= |$)/],
  [
    'urology',
    /(?:^| )(?:urin\w*|burning micturition|kidney stones?|testic\w*|prostate|scrot\w*|wee|pee|peshab)(?= |$)/,
  ],
  ['endocrinology', /(?:^| )(?:diabet\w*|sugar|thyroid|glucose|weight gain|tsh)(?= |$)/],
];

/** The normalised text with every negated word left out. */
export function affirmedText(e: Evidence): string {
  return e.analysis.tokens
    .filter((_t, i) => !e.analysis.negatedTokens.has(i))
    .map((t) => t.text)
    .join(' ');
}

export function specialtyFor(e: Evidence, priority: Priority): Specialty {
  if (priority === 'emergency') return 'emergency_medicine';
  if (e.age < 16) return 'pediatrics';
  const text = affirmedText(e);
  for (const [s, re] of SPECIALTY_CUES) if (re.test(text)) return s;
  return 'general_medicine';
}
