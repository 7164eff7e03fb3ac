import {
  DISCLAIMER,
  maxPriority,
  TriageInputSchema,
  type ParsedTriageInput,
  type Priority,
  type RedFlag,
  type Specialty,
  type TriageInput,
  type TriageResult,
} from './schema.ts';

/**
 * Deterministic red-flag layer, after NHS 111 / ESI / WHO ETAT style "call an ambulance now"
 * criteria. It always runs and can only raise priority. Matching is on clauses with a simple
 * negation check ("no chest pain", "denies sweating") so that negated findings do not fire.
 */

const NEGATION =
  /\b(?:no|not|denies|denied|deny|without|negative for|never|nor|absence of|free of|nahi|nahin|na)\b[^.;,!?]*$/;

/** Non-negated match of any pattern in the text. */
function has(text: string, ...patterns: RegExp[]): boolean {
  for (const re of patterns) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let m: RegExpExecArray | null;
    while ((m = g.exec(text)) !== null) {
      const clauseStart = Math.max(
        text.lastIndexOf('.', m.index),
        text.lastIndexOf(';', m.index),
        text.lastIndexOf('\n', m.index),
        text.lastIndexOf(' but ', m.index),
      );
      const before = text.slice(clauseStart + 1, m.index);
      if (!NEGATION.test(before.slice(-60))) return true;
      if (m[0].length === 0) g.lastIndex++;
    }
  }
  return false;
}

const C = {
  chestPain: [
    /chest (?:pain|tightness|pressure|heaviness|discomfort)|pain in (?:my |the |his |her )?chest|heart pain|angina|seene? (?:me|mein|main) dard/,
  ],
  sweating: [/sweat|diaphore|clammy|perspir/],
  radiation: [
    /(?:radiat|spread|going|moving|goes|shoot)\w* (?:to|into|down|up)(?: to)? (?:my |the |his |her )?(?:left |right )?(?:arm|jaw|neck|back|shoulder)|(?:left arm|jaw) pain/,
  ],
  breathless: [
    /breathless|short(?:ness)? of breath|difficulty (?:in )?breathing|can'?t breathe|cannot breathe|unable to breathe|trouble breathing|hard to breathe|breathing (?:difficulty|problem)|saans|dyspn|sob\b/,
  ],
  severeBreath: [
    /can'?t (?:speak|talk) (?:in )?(?:full )?sentences|(?:lips|face|fingers) (?:are |is |turning |turned |going )*(?:blue|grey|gray)|cyanos|gasping|severe(?:ly)? (?:breathless|short of breath|difficulty breathing)|struggling to breathe|choking|can'?t breathe at all/,
  ],
  stroke: [
    /face (?:is )?(?:droop|drooping|fallen|dropped)|facial droop|slurred speech|speech (?:is )?slurred|(?:sudden )?difficulty speaking|weakness (?:in|of|on) (?:one|the left|the right|left|right)(?: side| arm| leg)?|one[- ]sided weakness|numb(?:ness)? (?:on|of) one side|sudden (?:confusion|vision loss|loss of vision|blindness)|mouth (?:droop|drooping)|\bstroke\b|paralys|can'?t (?:lift|raise) (?:his|her|my|one) arm/,
  ],
  thunderclap: [/worst headache|sudden(?:,)? severe headache|thunderclap/],
  anaphylaxis: [
    /(?:swelling|swollen) (?:of )?(?:the |my |his |her )?(?:lips?|tongue|throat|face)|(?:lips?|tongue|throat|face) (?:is |are )?(?:swelling|swollen)|throat (?:is )?(?:closing|tight)|anaphyla|(?:hives|rash)\b.*\b(?:breath|wheez)/,
  ],
  heavyBleeding: [
    /(?:heavy|severe|profuse|uncontrolled|a lot of|lots of|massive) bleeding|bleeding (?:heavily|won'?t stop|that won'?t stop|not stopping|non[- ]stop|a lot)|soak(?:ing|ed) (?:through )?(?:a |the |my )?(?:pad|towel|cloth)|vomit(?:ing|ed)? (?:up )?blood|blood in (?:my |the )?vomit|coughing up (?:a lot of )?blood|ha?ematemesis|black tarry stool|mela?ena/,
  ],
  suicidal: [
    /suicid|kill (?:myself|me)|end (?:my|it) (?:life|all)|want to die|wanna die|self[- ]harm|harm(?:ing)? myself|hurt(?:ing)? myself|cut(?:ting)? myself|took (?:an )?overdose|no reason to live|better off dead/,
  ],
  seizure: [/seizure|convuls|\bfits?\b|fitting|jerking (?:movements|of)|epileptic attack/],
  unconscious: [
    /unconscious|unresponsive|passed out|not waking|won'?t wake|collapsed|loss of consciousness|blacked out|fainted/,
  ],
  confusion: [/(?:sudden|new|acute) confusion|confused and|very drowsy|disoriented/],
  fever: [/fever|febrile|high temp|temperature of|bukhar|pyrexia/],
  pregnancy: [/pregnan|weeks pregnant|expecting a baby|antenatal/],
  vaginalBleeding: [/bleeding|spotting|blood (?:from|in) (?:the )?vagina/],
  severeAbdo: [
    /severe (?:abdominal|stomach|belly|tummy|lower abdominal) pain|(?:abdominal|stomach|belly|tummy) pain (?:is )?(?:severe|unbearable|the worst)|rigid abdomen/,
  ],
  stiffNeck: [/stiff neck|neck (?:stiffness|is stiff)|can'?t bend (?:my |his |her )?neck/],
  rash: [/non[- ]?blanching rash|rash (?:that )?(?:doesn'?t|does not|won'?t) fade|purpur|petechia/],
  headInjury: [/head injury|hit (?:my|his|her|their) head|fell on (?:my|his|her) head|head trauma/],
  headInjuryRed: [/vomit|confus|drows|unconscious|passed out|seizure|bleeding from (?:the )?(?:ear|nose)/],
  fetal: [
    /(?:baby|fetal|foetal) (?:is )?(?:not moving|moving less|hasn'?t moved)|reduced (?:fetal|foetal|baby'?s?) movements?/,
  ],
  testicular: [
    /(?:sudden|severe) (?:testic|scrot)\w* pain|testicular torsion|(?:sudden|severe) pain in (?:my |his )?(?:testicle|scrotum|ball)/,
  ],
  poisoning: [
    /poison|swallowed (?:bleach|pesticide|kerosene|acid|pills|tablets|battery)|drank (?:bleach|pesticide|kerosene|acid)|ingested/,
  ],
  burns: [
    /severe burns?|burns? (?:on|over|to) (?:the |his |her |my )?(?:face|chest|large)|electric(?:al)? (?:shock|burn)/,
  ],
  visionHeadache: [/(?:blurred|blurry) vision|seeing (?:spots|flashing)/],
  headache: [/headache|head pain|sir dard/],
  vomiting: [/vomit|throwing up|can'?t keep (?:anything|fluids|water) down/],
  persistentVomiting: [
    /can'?t keep (?:anything|fluids|water) down|vomit(?:ing|ed)? (?:everything|all day|continuously|\d+ times)|persistent vomiting/,
  ],
  dehydration: [/no urine|not (?:passed|passing) urine|very dizzy|sunken eyes|no tears/],
  bloodInUrineStool: [/blood in (?:my |the )?(?:urine|stool|poo)|ha?ematuria|rectal bleeding/],
  severePain: [/severe pain|unbearable pain|worst pain|pain (?:is )?(?:10|9)\/10/],
};

const SPECIALTY_CUES: Array<[Specialty, RegExp]> = [
  ['cardiology', /chest pain|palpitation|heart|angina|bp high|blood pressure|hypertension/],
  ['neurology', /headache|migraine|seizure|numb|tingling|dizz|vertigo|tremor|stroke|weakness|memory/],
  ['pulmonology', /cough|breath|wheez|asthma|sputum|lung|copd/],
  [
    'gastroenterology',
    /stomach|abdominal|belly|vomit|diarrh|loose motion|constipat|acidity|heartburn|jaundice|stool/,
  ],
  ['dermatology', /rash|itch|acne|skin|eczema|psoriasis|hair fall|pimple|mole/],
  ['psychiatry', /anxi|depress|panic|sleep|insomnia|suicid|self[- ]harm|stress|mood/],
  ['obstetrics_gynecology', /pregnan|period|menstru|vaginal|pelvic|fetal|white discharge|pcos|pcod/],
  ['orthopedics', /joint|knee|back pain|fracture|sprain|shoulder|neck pain|bone|ankle|hip/],
  ['ent', /ear|throat|sinus|tonsil|nose bleed|hearing|sore throat|blocked nose/],
  ['ophthalmology', /\beye|vision|blurr|red eye/],
  ['urology', /urin|burning micturition|kidney stone|testic|prostate|scrot/],
  ['endocrinology', /diabet|sugar|thyroid|glucose|weight gain/],
];

function specialtyFor(text: string, age: number, priority: Priority): Specialty {
  if (priority === 'emergency') return 'emergency_medicine';
  if (age < 16) return 'pediatrics';
  for (const [s, re] of SPECIALTY_CUES) if (re.test(text)) return s;
  return 'general_medicine';
}

interface Rule {
  code: string;
  label: string;
  priority: Priority;
  when: (t: string, i: ParsedTriageInput) => boolean;
}

const pregnant = (t: string, i: ParsedTriageInput) => i.pregnant === true || has(t, ...C.pregnancy);
const feverish = (t: string, i: ParsedTriageInput) =>
  has(t, ...C.fever) || (i.vitals?.temperatureC ?? 0) >= 38;

export const RED_FLAG_RULES: Rule[] = [
  {
    code: 'cardiac_chest_pain',
    label: 'Chest pain with sweating, radiation or breathlessness',
    priority: 'emergency',
    when: (t) =>
      has(t, ...C.chestPain) && (has(t, ...C.sweating) || has(t, ...C.radiation) || has(t, ...C.breathless)),
  },
  {
    code: 'stroke_signs',
    label: 'Possible stroke (face, arm, speech, sudden vision loss or confusion)',
    priority: 'emergency',
    when: (t) => has(t, ...C.stroke),
  },
  {
    code: 'thunderclap_headache',
    label: 'Sudden, severe ("worst ever") headache',
    priority: 'emergency',
    when: (t) => has(t, ...C.thunderclap),
  },
  {
    code: 'severe_breathlessness',
    label: 'Severe breathlessness',
    priority: 'emergency',
    when: (t, i) =>
      has(t, ...C.severeBreath) || (i.vitals?.spo2 ?? 100) < 90 || (i.vitals?.respiratoryRate ?? 0) > 30,
  },
  {
    code: 'anaphylaxis',
    label: 'Possible anaphylaxis (swelling of lips, tongue or throat, or rash with breathing trouble)',
    priority: 'emergency',
    when: (t) => has(t, ...C.anaphylaxis),
  },
  {
    code: 'heavy_bleeding',
    label: 'Heavy or uncontrolled bleeding, or vomiting blood',
    priority: 'emergency',
    when: (t) => has(t, ...C.heavyBleeding),
  },
  {
    code: 'suicidal_thoughts',
    label: 'Thoughts of suicide or self-harm',
    priority: 'emergency',
    when: (t) => has(t, ...C.suicidal),
  },
  { code: 'seizure', label: 'Seizure or fits', priority: 'emergency', when: (t) => has(t, ...C.seizure) },
  {
    code: 'unconscious',
    label: 'Collapse, fainting or unresponsiveness',
    priority: 'emergency',
    when: (t) => has(t, ...C.unconscious),
  },
  {
    code: 'acute_confusion',
    label: 'Sudden confusion or drowsiness',
    priority: 'emergency',
    when: (t) => has(t, ...C.confusion),
  },
  {
    code: 'infant_fever',
    label: 'Fever in a baby under 3 months',
    priority: 'emergency',
    when: (t, i) => i.age < 0.25 && feverish(t, i),
  },
  {
    code: 'young_infant_fever',
    label: 'Fever in a baby 3–6 months old',
    priority: 'urgent',
    when: (t, i) => i.age >= 0.25 && i.age < 0.5 && feverish(t, i),
  },
  {
    code: 'pregnancy_bleeding',
    label: 'Bleeding in pregnancy',
    priority: 'emergency',
    when: (t, i) => pregnant(t, i) && has(t, ...C.vaginalBleeding),
  },
  {
    code: 'pregnancy_abdominal_pain',
    label: 'Severe abdominal pain in pregnancy',
    priority: 'emergency',
    when: (t, i) => pregnant(t, i) && has(t, ...C.severeAbdo),
  },
  {
    code: 'pre_eclampsia_signs',
    label: 'Headache with visual disturbance in pregnancy',
    priority: 'emergency',
    when: (t, i) => pregnant(t, i) && has(t, ...C.headache) && has(t, ...C.visionHeadache),
  },
  {
    code: 'reduced_fetal_movements',
    label: 'Reduced fetal movements',
    priority: 'emergency',
    when: (t) => has(t, ...C.fetal),
  },
  {
    code: 'meningitis_signs',
    label: 'Fever with stiff neck or a rash that does not fade',
    priority: 'emergency',
    when: (t, i) => has(t, ...C.rash) || (feverish(t, i) && has(t, ...C.stiffNeck)),
  },
  {
    code: 'head_injury_red_flags',
    label: 'Head injury with vomiting, confusion or drowsiness',
    priority: 'emergency',
    when: (t) => has(t, ...C.headInjury) && has(t, ...C.headInjuryRed),
  },
  {
    code: 'testicular_torsion',
    label: 'Sudden severe testicular pain',
    priority: 'emergency',
    when: (t) => has(t, ...C.testicular),
  },
  {
    code: 'poisoning_overdose',
    label: 'Poisoning or overdose',
    priority: 'emergency',
    when: (t) => has(t, ...C.poisoning),
  },
  {
    code: 'severe_burns',
    label: 'Severe or electrical burns',
    priority: 'emergency',
    when: (t) => has(t, ...C.burns),
  },
  {
    code: 'severe_abdominal_pain',
    label: 'Severe abdominal pain',
    priority: 'urgent',
    when: (t) => has(t, ...C.severeAbdo),
  },
  // Vitals
  {
    code: 'hypotension',
    label: 'Low blood pressure (systolic < 90)',
    priority: 'emergency',
    when: (_t, i) => (i.vitals?.systolicBp ?? 120) < 90,
  },
  {
    code: 'extreme_heart_rate',
    label: 'Heart rate above 130 or below 40',
    priority: 'emergency',
    when: (_t, i) => (i.vitals?.heartRate ?? 80) > 130 || (i.vitals?.heartRate ?? 80) < 40,
  },
  {
    code: 'hypoglycaemia',
    label: 'Blood sugar below 54 mg/dL',
    priority: 'emergency',
    when: (_t, i) => (i.vitals?.bloodGlucoseMgDl ?? 100) < 54,
  },
  {
    code: 'low_oxygen',
    label: 'Oxygen saturation 90–93%',
    priority: 'urgent',
    when: (_t, i) => (i.vitals?.spo2 ?? 100) < 94 && (i.vitals?.spo2 ?? 100) >= 90,
  },
  {
    code: 'very_high_fever',
    label: 'Temperature 40 °C or higher',
    priority: 'urgent',
    when: (_t, i) => (i.vitals?.temperatureC ?? 37) >= 40,
  },
  {
    code: 'hyperglycaemia',
    label: 'Blood sugar above 400 mg/dL',
    priority: 'urgent',
    when: (_t, i) => (i.vitals?.bloodGlucoseMgDl ?? 100) > 400,
  },
  // Same-day problems
  { code: 'chest_pain', label: 'Chest pain', priority: 'urgent', when: (t) => has(t, ...C.chestPain) },
  {
    code: 'breathlessness',
    label: 'Breathlessness',
    priority: 'urgent',
    when: (t) => has(t, ...C.breathless),
  },
  {
    code: 'prolonged_fever',
    label: 'Fever for more than 3 days',
    priority: 'urgent',
    when: (t, i) =>
      feverish(t, i) && ((i.durationHours ?? 0) > 72 || /\b(?:[4-9]|\d{2,}) days\b|a week|weeks/.test(t)),
  },
  {
    code: 'fever_elderly',
    label: 'Fever at 65 or older',
    priority: 'urgent',
    when: (t, i) => i.age >= 65 && feverish(t, i),
  },
  {
    code: 'persistent_vomiting',
    label: 'Persistent vomiting',
    priority: 'urgent',
    when: (t) => has(t, ...C.persistentVomiting),
  },
  {
    code: 'dehydration',
    label: 'Signs of dehydration',
    priority: 'urgent',
    when: (t) => has(t, ...C.dehydration),
  },
  {
    code: 'blood_in_urine_or_stool',
    label: 'Blood in urine or stool',
    priority: 'urgent',
    when: (t) => has(t, ...C.bloodInUrineStool),
  },
  { code: 'severe_pain', label: 'Severe pain', priority: 'urgent', when: (t) => has(t, ...C.severePain) },
  {
    code: 'pregnancy_concern',
    label: 'Symptoms during pregnancy',
    priority: 'urgent',
    when: (t, i) => pregnant(t, i) && (has(t, ...C.vomiting) || feverish(t, i) || has(t, ...C.headache)),
  },
];

export function detectRedFlags(input: ParsedTriageInput): RedFlag[] {
  const t = input.symptoms.toLowerCase();
  return RED_FLAG_RULES.filter((r) => r.when(t, input)).map(({ code, label, priority }) => ({
    code,
    label,
    priority,
  }));
}

export const PATIENT_MESSAGES: Record<Priority, { action: TriageResult['action']; message: string }> = {
  emergency: {
    action: 'call_emergency_services',
    message:
      'Call emergency services now (112 in India, 911 in the US) or go to the nearest emergency department. Do not wait for an online consultation.',
  },
  urgent: {
    action: 'see_doctor_today',
    message: 'Please see a doctor today. If things get worse, call emergency services.',
  },
  routine: {
    action: 'book_appointment',
    message: 'Book an appointment with a doctor. If new or worse symptoms appear, seek care sooner.',
  },
};

/** Rules-only triage: always available, no network. */
export function triageRules(raw: TriageInput): TriageResult {
  const input = TriageInputSchema.parse(raw);
  const flags = detectRedFlags(input);
  let priority: Priority = 'routine';
  for (const f of flags) priority = maxPriority(priority, f.priority);
  const t = input.symptoms.toLowerCase();
  const specialty = specialtyFor(t, input.age, priority);
  const reasons = flags.length
    ? flags.map((f) => f.label)
    : ['No red-flag symptoms found in the description'];
  const confidence =
    priority === 'emergency'
      ? 0.9
      : priority === 'urgent'
        ? 0.7
        : specialty === 'general_medicine'
          ? 0.4
          : 0.55;
  const m = PATIENT_MESSAGES[priority];
  return {
    priority,
    reasons,
    redFlags: flags,
    suggestedSpecialty: specialty,
    confidence,
    source: 'rules',
    promptVersion: null,
    disclaimer: DISCLAIMER,
    action: m.action,
    patientMessage: m.message,
  };
}

/** Where a triaged patient may be queued: an emergency is never a routine booking. */
export function queueLaneFor(
  result: Pick<TriageResult, 'priority'>,
): 'emergency_redirect' | 'same_day' | 'routine' {
  return result.priority === 'emergency'
    ? 'emergency_redirect'
    : result.priority === 'urgent'
      ? 'same_day'
      : 'routine';
}
