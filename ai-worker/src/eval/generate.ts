import { GIVEN_NAMES, SURNAMES } from '../redact/lexicon.ts';
import type { KnownPii, PiiType } from '../redact/types.ts';

/**
 * Deterministic generator of labelled synthetic clinical notes for the redaction bench.
 *
 * Honesty rules: notes come in two splits. `dev` uses the templates and name lists the detector was
 * tuned on. `holdout` uses different templates (other styles, other cue phrasings) and names drawn
 * from lists that are asserted disjoint from the detector's gazetteer and from the dev lists, so its
 * numbers measure generalisation, not memorisation. The bench reports both.
 */

export interface GoldEntity {
  type: PiiType;
  start: number;
  end: number;
}
export interface EvalNote {
  id: string;
  split: 'dev' | 'holdout' | 'blind';
  template: string;
  text: string;
  entities: GoldEntity[];
  /** The patient's profile as the platform would know it. */
  knownPii: KnownPii;
}

// ---------------------------------------------------------------- randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const chance = (r: Rng, p: number): boolean => r() < p;

// ---------------------------------------------------------------- name lists

const list = (s: string): string[] => s.trim().split(/\s+/);
const DEV = {
  inGiven: list(
    'Ravi Priya Sunita Rajesh Anita Vikram Deepika Suresh Kavita Arjun Meena Rahul Pooja Sanjay Lakshmi Nikhil Usha Mohan Shweta Aditya',
  ),
  inSur: list(
    'Sharma Verma Gupta Iyer Nair Reddy Patel Joshi Kulkarni Banerjee Chopra Menon Pillai Yadav Mishra Desai',
  ),
  usGiven: list(
    'James Mary Robert Linda Michael Susan David Karen Thomas Nancy Daniel Lisa Kevin Laura Brian Emily',
  ),
  usSur: list('Smith Johnson Brown Garcia Miller Davis Wilson Anderson Taylor Moore Clark Lewis Walker Hall'),
};
// Held-out names: rarer given names and surnames, none in the detector's gazetteer.
const HOLD = {
  inGiven: list(
    'Kothandaraman Vasundhara Tejaswini Bhuvanesh Ishwari Lalitha Hemant Chandrakala Dhruv Nirmala Gurpreet Harpreet Sukhwinder Parvathi Venkatesh Madhuri Tanmay Saraswati Omkar Revathi Yashwant Jahnavi Keshav Mrinalini',
  ),
  inSur: list(
    'Ramaswamy Bhattacharya Deshmukh Gokhale Subramanian Venkataraman Chakraborty Hegde Shetty Rangarajan Kashyap Dhillon Sandhu Grewal Balakrishnan Mahadevan Krishnamurthy Palaniappan Chaudhary Tripathi Saxena Bhandari Lokhande Wadhwa',
  ),
  usGiven: list(
    'Dolores Marvin Leticia Clifford Roxanne Wendell Bernadette Desmond Imogen Thaddeus Rosalind Everett Ingrid Leopold Marguerite Percival Philippa Ambrose Odette Cornelius',
  ),
  usSur: list(
    'Okonkwo Castellano Fitzgerald Lindqvist Abernathy Kowalczyk Vanderbilt Oyelaran Haverford Delacroix Brannigan Quintero Whitfield Szymanski Ashworth Pemberton Gallagher Montague Thibodeaux Rutherford',
  ),
};
// Blind split: written after the detector was tuned, evaluated once; new names and new templates.
const BLIND = {
  inGiven: list(
    'Anirudh Vaidehi Prabhakar Sharmila Jayant Kamakshi Ritwik Damayanti Shantanu Hemlata Abhijit Pramila Siddharth Urmila Rajendra Tanuja Devendra Malati',
  ),
  inSur: list(
    'Rajagopalan Mukhopadhyay Kondapalli Ahluwalia Thakkar Parulekar Ramachandran Sengupta Bhosale Kamath Vaswani Dasgupta Srinivasan Acharya Jhaveri Nambiar',
  ),
  usGiven: list(
    'Fenella Horace Winifred Ignatius Clementine Barnaby Henrietta Lucius Ottoline Jasper Mirabel Ezekiel Araminta Cuthbert Petronella Lysander',
  ),
  usSur: list(
    'Fenwick Pomeroy Aldridge Beauchamp Kettering Wolcott Harrowgate Dunmore Trelawney Blackwood Cavendish Lockridge Merriweather Thistlewood Ravensworth Halloran',
  ),
};
for (const n of [
  ...HOLD.inGiven,
  ...HOLD.inSur,
  ...HOLD.usGiven,
  ...HOLD.usSur,
  ...BLIND.inGiven,
  ...BLIND.inSur,
  ...BLIND.usGiven,
  ...BLIND.usSur,
]) {
  const l = n.toLowerCase();
  if (GIVEN_NAMES.has(l) || SURNAMES.has(l))
    throw new Error(`holdout name ${n} is in the detector gazetteer`);
  if ([...DEV.inGiven, ...DEV.inSur, ...DEV.usGiven, ...DEV.usSur].includes(n))
    throw new Error(`holdout name ${n} is in dev`);
}

interface Person {
  first: string;
  last: string;
  full: string;
}
type Region = 'in' | 'us';
function person(r: Rng, split: EvalNote['split'], region: Region): Person {
  const L = split === 'dev' ? DEV : split === 'holdout' ? HOLD : BLIND;
  const first = pick(r, region === 'in' ? L.inGiven : L.usGiven);
  const last = pick(r, region === 'in' ? L.inSur : L.usSur);
  return { first, last, full: `${first} ${last}` };
}

// ---------------------------------------------------------------- PII value formats

function phone(r: Rng, region: Region): string {
  if (region === 'in') {
    const m = `${pick(r, ['9', '8', '7', '6'])}${digits(r, 9)}`;
    const std = pick(r, ['080', '022', '044', '011', '040', '0484']);
    const land = digits(r, std.length === 4 ? 7 : 8);
    return pick(r, [
      `+91 ${m.slice(0, 5)} ${m.slice(5)}`,
      `+91-${m}`,
      m,
      `0${m.slice(0, 5)} ${m.slice(5)}`,
      `${m.slice(0, 5)}-${m.slice(5)}`,
      `${std}-${land}`,
      `(${std}) ${land.slice(0, 4)} ${land.slice(4)}`,
      `+91 ${std.slice(1)} ${land}`,
    ]);
  }
  const a = `${int(r, 2, 9)}${digits(r, 2)}`;
  const b = `${int(r, 2, 9)}${digits(r, 2)}`;
  const c = digits(r, 4);
  return pick(r, [
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `+1 ${a} ${b} ${c}`,
    `${a}.${b}.${c}`,
    `+1 (${a}) ${b}-${c}`,
    `1-${a}-${b}-${c}`,
  ]);
}

function email(r: Rng, p: Person, split: EvalNote['split']): string {
  const f = p.first.toLowerCase();
  const l = p.last.toLowerCase();
  const dom =
    split === 'blind'
      ? pick(r, ['zoho.in', 'fastmail.com', 'aol.com'])
      : split === 'dev'
        ? pick(r, ['gmail.com', 'yahoo.co.in', 'hotmail.com', 'outlook.com'])
        : pick(r, ['rediffmail.com', 'proton.me', 'icloud.com', 'mail.co.uk', 'hospital.org.in']);
  const user = pick(r, [
    `${f}.${l}`,
    `${f[0]}${l}${int(r, 1, 99)}`,
    `${f}_${l[0]}`,
    `${l}.${f}${int(r, 70, 99)}`,
  ]);
  return `${user}@${dom}`;
}

function address(r: Rng, region: Region): string {
  if (region === 'in') {
    const city = pick(r, [
      ['Bengaluru', '560038'],
      ['Hyderabad', '500034'],
      ['Chennai', '600020'],
      ['Pune', '411004'],
      ['Mumbai', '400050'],
      ['Kochi', '682016'],
      ['New Delhi', '110017'],
      ['Jaipur', '302015'],
      ['Lucknow', '226010'],
    ] as const);
    const area = pick(r, [
      'Indiranagar',
      'Banjara Hills',
      'Adyar',
      'Kothrud',
      'Bandra West',
      'Kadavanthra',
      'Malviya Nagar',
      'Gomti Nagar',
      'Koramangala',
    ]);
    const pin = chance(r, 0.2) ? `${city[1].slice(0, 3)} ${city[1].slice(3)}` : city[1];
    return pick(r, [
      `Flat ${int(r, 1, 12)}${pick(r, ['A', 'B', 'C'])}, ${pick(r, ['Sai Residency', 'Green Park Apartments', 'Lake View Towers', 'Shanti Niketan'])}, ${int(r, 1, 18)}th Cross, ${area}, ${city[0]} ${pin}`,
      `H.No. ${int(r, 1, 20)}-${int(r, 1, 9)}-${int(r, 100, 999)}, Road No. ${int(r, 1, 12)}, ${area}, ${city[0]} - ${pin}`,
      `${int(r, 1, 250)}, ${pick(r, ['Gandhi Road', 'MG Road', 'Nehru Street', 'Station Road', 'Temple Street'])}, ${area}, ${city[0]}, ${pin}`,
      `Plot ${int(r, 1, 300)}, Sector ${int(r, 1, 60)}, ${area}, ${city[0]} ${pin}`,
    ]);
  }
  const city = pick(r, [
    ['Springfield', 'IL', '62704'],
    ['Boston', 'MA', '02118'],
    ['Austin', 'TX', '78701'],
    ['Columbus', 'OH', '43215'],
    ['Portland', 'OR', '97205'],
  ] as const);
  return pick(r, [
    `${int(r, 10, 9999)} ${pick(r, ['Maple', 'Oak', 'Cedar', 'Pine', 'Elm', 'Lincoln'])} ${pick(r, ['Avenue', 'Street', 'Drive', 'Lane', 'Road'])}, ${city[0]}, ${city[1]} ${city[2]}`,
    `${int(r, 10, 9999)} ${pick(r, ['Washington', 'Park', 'Lake', 'Hillside'])} ${pick(r, ['Blvd', 'St', 'Ave'])}, Apt ${int(r, 1, 40)}${pick(r, ['', 'B'])}, ${city[0]}, ${city[1]} ${city[2]}`,
  ]);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
function date(r: Rng, region: Region): string {
  const d = int(r, 1, 28);
  const m = int(r, 1, 12);
  const y = int(r, 2019, 2025);
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const mon = MONTHS[m - 1]!;
  return region === 'in'
    ? pick(r, [
        `${dd}/${mm}/${y}`,
        `${dd}-${mm}-${y}`,
        `${d} ${mon} ${y}`,
        `${dd}.${mm}.${y}`,
        `${d}-${mon.slice(0, 3)}-${y}`,
      ])
    : pick(r, [
        `${mm}/${dd}/${y}`,
        `${mon} ${d}, ${y}`,
        `${y}-${mm}-${dd}`,
        `${mon.slice(0, 3)} ${d}, ${y}`,
        `${m}/${d}/${String(y).slice(2)}`,
      ]);
}
function dob(r: Rng, region: Region, age: number): string {
  const y = 2025 - age;
  const d = int(r, 1, 28);
  const m = int(r, 1, 12);
  return region === 'in'
    ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
    : `${MONTHS[m - 1]} ${d}, ${y}`;
}

function mrn(r: Rng): string {
  return pick(r, [
    digits(r, 8),
    `${pick(r, ['APL', 'MAX', 'KH', 'SGH'])}-${int(r, 2019, 2025)}-${digits(r, 6)}`,
    `${int(r, 10, 99)}/${digits(r, 5)}`,
    `MR${digits(r, 7)}`,
  ]);
}
const ssn = (r: Rng): string => `${int(r, 100, 899)}-${digits(r, 2)}-${digits(r, 4)}`;
const aadhaar = (r: Rng): string => `${int(r, 2, 9)}${digits(r, 3)} ${digits(r, 4)} ${digits(r, 4)}`;
const pan = (r: Rng): string => {
  const A = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const L = () => A[int(r, 0, A.length - 1)]!;
  return `${L()}${L()}${L()}P${L()}${digits(r, 4)}${L()}`;
};
const passport = (r: Rng): string => `${pick(r, ['K', 'M', 'P', 'T', 'Z'])}${int(r, 1, 9)}${digits(r, 6)}`;
const policy = (r: Rng): string =>
  pick(r, [
    `SH/${int(r, 2020, 2025)}/${digits(r, 6)}`,
    `${pick(r, ['XGH', 'BCB', 'UHC'])}${digits(r, 9)}`,
    `P-${digits(r, 4)}-${digits(r, 4)}`,
  ]);
const account = (r: Rng): string => digits(r, int(r, 11, 14));

// ---------------------------------------------------------------- clinical filler (must survive redaction)

const DRUGS = [
  'Metformin 500 mg BD',
  'Amlodipine 5 mg OD',
  'Atorvastatin 20 mg HS',
  'Pantoprazole 40 mg OD before breakfast',
  'Dolo 650 SOS',
  'Azithromycin 500 mg OD x 3 days',
  'Insulin glargine 12 units at night',
  'Levothyroxine 50 mcg OD',
  'Salbutamol inhaler 2 puffs PRN',
  'Aspirin 75 mg OD',
  'Clopidogrel 75 mg OD',
  'Telmisartan 40 mg OD',
];
const DIAG = [
  'Type 2 Diabetes Mellitus',
  'Essential Hypertension',
  'Community Acquired Pneumonia',
  'Acute Gastroenteritis',
  'Dengue fever without warning signs',
  'Hypothyroidism',
  'Unstable Angina',
  "Parkinson's disease",
  "Bell's palsy",
  'Iron deficiency anaemia',
  'COPD with acute exacerbation',
  "Crohn's disease",
];
const LABS = [
  ['Hemoglobin', '10.2', 'g/dL', '13.0 - 17.0'],
  ['Total WBC count', '11800', '/cumm', '4000 - 11000'],
  ['Platelet count', '1.2', 'lakh/cumm', '1.5 - 4.5'],
  ['Fasting Blood Sugar', '148', 'mg/dL', '70 - 100'],
  ['HbA1c', '8.1', '%', '4.0 - 5.6'],
  ['Serum Creatinine', '1.4', 'mg/dL', '0.7 - 1.3'],
  ['TSH', '6.8', 'uIU/mL', '0.4 - 4.0'],
  ['Serum Sodium', '134', 'mmol/L', '135 - 145'],
  ['ALT (SGPT)', '32', 'U/L', '7 - 56'],
  ['Total Cholesterol', '182', 'mg/dL', '< 200'],
] as const;
const VITALS = () => ['BP 138/86 mmHg', 'HR 92/min', 'SpO2 97% on room air', 'Temp 99.4 F', 'RR 18/min'];

// ---------------------------------------------------------------- note builder

class Note {
  text = '';
  entities: GoldEntity[] = [];
  t(s: string): this {
    this.text += s;
    return this;
  }
  p(type: PiiType, value: string): this {
    this.entities.push({ type, start: this.text.length, end: this.text.length + value.length });
    this.text += value;
    return this;
  }
}

interface Ctx {
  r: Rng;
  split: EvalNote['split'];
  region: Region;
  pt: Person;
  rel: Person;
  doc: Person;
  phone: string;
  email: string;
  address: string;
  age: number;
}
type Template = (n: Note, c: Ctx) => void;
/** Ages over 89 are identifiers; younger ones are clinical content and stay. */
const ageText = (n: Note, c: Ctx, suffix: string): Note =>
  c.age > 89 ? n.p('AGE', String(c.age)).t(suffix) : n.t(`${c.age}${suffix}`);

// ---- dev templates
const dischargeIn: Template = (n, c) => {
  const { r } = c;
  n.t('DISCHARGE SUMMARY\n').t('Patient Name: ').p('NAME', c.pt.full.toUpperCase()).t('    Age/Sex: ');
  ageText(n, c, ` Y/${pick(r, ['M', 'F'])}\n`);
  n.t('UHID: ')
    .p('ID', mrn(r))
    .t('   IP No: ')
    .p('ID', `${int(r, 10, 99)}/${digits(r, 5)}`)
    .t('\n');
  n.t('Address: ').p('ADDRESS', c.address).t('\n');
  n.t('Contact: ').p('PHONE', c.phone).t('\n');
  n.t('Date of Admission: ')
    .p('DATE', date(r, 'in'))
    .t('   Date of Discharge: ')
    .p('DATE', date(r, 'in'))
    .t('\n\n');
  n.t(`Diagnosis: ${pick(r, DIAG)}\n`);
  n.t('Course in hospital: ')
    .t(`Mr./Ms. `)
    .p('NAME', c.pt.last)
    .t(
      ` was admitted with fever and breathlessness. ${pick(r, VITALS())}. Treated with IV antibiotics and improved.\n`,
    );
  n.t(`Discharge medications: ${pick(r, DRUGS)}; ${pick(r, DRUGS)}.\n`);
  n.t('Attendant: ')
    .p('NAME', c.rel.full)
    .t(' (')
    .t(pick(r, ['son', 'wife', 'daughter', 'husband']))
    .t(') Ph: ')
    .p('PHONE', phone(r, 'in'))
    .t('\n');
  n.t('Consultant: Dr. ').p('NAME', c.doc.full).t(', MD (Medicine)\n');
};
const chatIn: Template = (n, c) => {
  const { r } = c;
  const lower = chance(r, 0.5);
  const nm = (s: string) => (lower ? s.toLowerCase() : s);
  n.t(pick(r, ['hi ', 'Hello ', 'good morning ']))
    .t('dr ')
    .p('NAME', nm(c.doc.last))
    .t(', ');
  n.t('my ')
    .t(pick(r, ['mother', 'father', 'mom', 'dad']))
    .t(' ')
    .p('NAME', nm(c.rel.first))
    .t(' has ')
    .t(pick(r, ['fever since 3 days', 'loose motions since morning', 'cough and cold', 'knee pain']))
    .t('. ');
  n.t('she is ');
  ageText(n, c, ' years old. ');
  n.t(`bp was ${pick(r, ['150/90', '130/80', '110/70'])}. giving ${pick(r, DRUGS)}. `);
  n.t('pls call me on ').p('PHONE', c.phone).t(' or mail ').p('EMAIL', c.email).t('. ');
  n.t('thanks, ').p('NAME', nm(c.pt.first)).t('\n');
};
const labIn: Template = (n, c) => {
  const { r } = c;
  n.t(`${pick(r, ['City Diagnostics', 'Metro Path Labs', 'Sunrise Laboratory'])}\n`);
  n.t('Name: ')
    .t(pick(r, ['Mr. ', 'Mrs. ', 'Ms. ', '']))
    .p('NAME', c.pt.full)
    .t('   ');
  n.t('Age: ');
  ageText(n, c, ' Yrs\n');
  n.t('Lab No: ')
    .p('ID', `${digits(r, 9)}`)
    .t('   Ref. By: Dr. ')
    .p('NAME', c.doc.full)
    .t('\n');
  n.t('Collected: ').p('DATE', date(r, 'in')).t('\n\nTest  Result  Units  Reference Interval\n');
  for (let i = 0; i < 4; i++) {
    const l = pick(r, LABS);
    n.t(`${l[0]}  ${l[1]}  ${l[2]}  ${l[3]}\n`);
  }
  n.t('\nVerified by: ').p('NAME', `${c.rel.full}`).t(', MD Pathology\n');
};
const referralUs: Template = (n, c) => {
  const { r } = c;
  n.p('DATE', date(r, 'us')).t('\n\nDear Dr. ').p('NAME', c.doc.last).t(',\n\n');
  n.t('I am referring ')
    .p('NAME', c.pt.full)
    .t(', DOB ')
    .p('DATE', dob(r, 'us', c.age))
    .t(', MRN ')
    .p('ID', mrn(r))
    .t(', for evaluation of ');
  n.t(
    `${pick(r, ['exertional chest pain', 'a thyroid nodule', 'worsening dyspnea', 'chronic knee pain'])}. `,
  );
  n.p('NAME', c.pt.first).t(' is a ');
  ageText(n, c, '-year-old with ');
  n.t(`${pick(r, DIAG)} on ${pick(r, DRUGS)}. ${pick(r, VITALS())}.\n`);
  n.t('She lives at ').p('ADDRESS', c.address).t(' and can be reached at ').p('PHONE', c.phone).t('.\n');
  n.t('Insurance: Member ID ').p('ID', policy(r)).t('\n\nSincerely,\n').p('NAME', c.rel.full).t(', MD\n');
};
const progressUs: Template = (n, c) => {
  const { r } = c;
  n.t('PROGRESS NOTE\n').t('Pt: ').p('NAME', c.pt.full).t('  SSN: ').p('ID', ssn(r)).t('\n');
  n.t('S: ')
    .p('NAME', c.pt.first)
    .t(' reports ')
    .t(pick(r, ['improved cough', 'persistent headache', 'dizziness on standing']))
    .t('. Wife ')
    .p('NAME', c.rel.first)
    .t(' says he is sleeping better.\n');
  n.t(`O: ${VITALS().join(', ')}. A1c ${pick(r, ['7.2', '6.8', '8.4'])}%.\n`);
  n.t(`A/P: ${pick(r, DIAG)}. Continue ${pick(r, DRUGS)}. Follow up `)
    .p('DATE', date(r, 'us'))
    .t('.\n');
  n.t('Seen by ')
    .p('NAME', c.doc.full)
    .t(', NP. Patient portal: ')
    .p('URL', `https://portal.example-health.org/p/${digits(r, 6)}`)
    .t('\n');
};
const dischargeUs: Template = (n, c) => {
  const { r } = c;
  n.t('Discharge Summary\nName: ')
    .p('NAME', `${c.pt.last}, ${c.pt.first}`)
    .t('\nMRN: ')
    .p('ID', mrn(r))
    .t('   Admit: ')
    .p('DATE', date(r, 'us'))
    .t('\n');
  n.t(chance(r, 0.5) ? 'Mr. ' : '')
    .p('NAME', c.pt.last)
    .t(', a ');
  ageText(n, c, ' y/o male, ');
  n.t(`was admitted for ${pick(r, DIAG)}. `)
    .t('He was seen by Dr. ')
    .p('NAME', c.doc.last)
    .t(' of cardiology. ');
  n.t(`Echo showed EF 45%. Discharged on ${pick(r, DRUGS)}.\n`);
  n.t('Emergency contact: ').p('NAME', c.rel.full).t(', ').p('PHONE', phone(r, 'us')).t('\n');
  n.t('Address: ').p('ADDRESS', c.address).t('\n');
};

// ---- holdout templates (different styles and cue phrasings)
const smsUs: Template = (n, c) => {
  const { r } = c;
  n.t(pick(r, ['Hey, ', 'Good evening, ', '']))
    .t('this is ')
    .p('NAME', c.pt.full)
    .t('. ');
  n.t(
    `Since ${pick(r, ['Monday', 'last night', 'two days'])} I've had ${pick(r, ['a sore throat', 'chest tightness', 'a rash on my arms', 'back pain'])}. `,
  );
  n.t('My husband ').p('NAME', c.rel.first).t(' thinks I should come in. ');
  n.t('Text me at ').p('PHONE', c.phone).t(' — I take ').t(pick(r, DRUGS)).t('. ');
  n.t('Last visit with ')
    .p('NAME', `${c.doc.first} ${c.doc.last}`)
    .t(' was ')
    .p('DATE', date(r, 'us'))
    .t('.\n');
};
const referralIn: Template = (n, c) => {
  const { r } = c;
  n.t('REFERRAL LETTER\nTo\nThe Consultant Neurologist\n\nRespected Sir/Madam,\n\n');
  n.t('Kindly see ')
    .p('NAME', `${c.pt.first} ${c.pt.last}`)
    .t(', ')
    .t(pick(r, ['S/o', 'D/o', 'W/o']))
    .t(' ')
    .p('NAME', c.rel.full)
    .t(', ');
  ageText(n, c, ' years, ');
  n.t('R/o ').p('ADDRESS', c.address).t(', ');
  n.t(
    `a known case of ${pick(r, DIAG)} with ${pick(r, ['recurrent seizures', 'tremors of right hand', 'numbness in both feet'])}. `,
  );
  n.t('Aadhaar: ').p('ID', aadhaar(r)).t('. Mobile ').p('PHONE', c.phone).t('.\n');
  n.t(`Currently on ${pick(r, DRUGS)}.\n\nThanking you,\n`)
    .t(chance(r, 0.5) ? 'Dr. ' : '')
    .p('NAME', c.doc.full)
    .t('\nMBBS, DNB (Family Medicine)\n');
};
const labUs: Template = (n, c) => {
  const { r } = c;
  n.t('LABORATORY REPORT\nPATIENT: ')
    .p('NAME', `${c.pt.last.toUpperCase()}, ${c.pt.first.toUpperCase()}`)
    .t('\n');
  n.t('DOB: ')
    .p('DATE', dob(r, 'us', c.age))
    .t('  ACCESSION #: ')
    .p('ID', `${pick(r, ['A', 'L'])}${digits(r, 8)}`)
    .t('\n');
  n.t('ORDERING PROVIDER: ').p('NAME', `${c.doc.last.toUpperCase()}, ${c.doc.first.toUpperCase()}`).t('\n');
  n.t('COLLECTED: ').p('DATE', date(r, 'us')).t('\n\n');
  for (let i = 0; i < 4; i++) {
    const l = pick(r, LABS);
    n.t(`${l[0]}: ${l[1]} ${l[2]} (ref ${l[3]})\n`);
  }
  n.t('Results released to patient email ').p('EMAIL', c.email).t('\n');
};
const insuranceIn: Template = (n, c) => {
  const { r } = c;
  n.t('CASHLESS PRE-AUTHORISATION REQUEST\n');
  n.t('Insured: ').p('NAME', c.rel.full).t(' | Policy No: ').p('ID', policy(r)).t('\n');
  n.t('Patient (relation: ')
    .t(pick(r, ['spouse', 'self', 'father', 'mother']))
    .t('): ')
    .p('NAME', c.pt.full)
    .t(', ');
  ageText(n, c, ' yrs\n');
  n.t('PAN: ').p('ID', pan(r)).t('   Bank A/c No: ').p('ID', account(r)).t('\n');
  n.t(
    `Proposed treatment: ${pick(r, ['Laparoscopic cholecystectomy', 'PTCA with stenting', 'Total knee replacement'])} for ${pick(r, DIAG)}.\n`,
  );
  n.t('Treating doctor: ').p('NAME', `${c.doc.first} ${c.doc.last}`).t('\n');
  n.t('Correspondence: ').p('EMAIL', c.email).t(', ').p('PHONE', c.phone).t('\n');
};
const intake: Template = (n, c) => {
  const { r } = c;
  n.t('Telehealth intake — session from IP ')
    .p('IP', `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`)
    .t('\n');
  n.t('Full name: ')
    .p('NAME', c.pt.full)
    .t('\nDate of birth: ')
    .p('DATE', dob(r, c.region, c.age))
    .t('\n');
  n.t('Passport number: ').p('ID', passport(r)).t('\n');
  n.t('Chief complaint: ')
    .t(pick(r, ['palpitations on exertion', 'burning urination for 2 days', 'itchy eyes and sneezing']))
    .t('.\n');
  n.t('Home: ').p('ADDRESS', c.address).t('\n');
  n.t('Emergency contact is ')
    .p('NAME', c.rel.first)
    .t(' ')
    .p('NAME', c.rel.last)
    .t(' on ')
    .p('PHONE', phone(r, c.region))
    .t('.\n');
};
const handover: Template = (n, c) => {
  const { r } = c;
  n.t(`Nursing handover, bed ${int(r, 1, 30)}: `)
    .p('NAME', c.pt.first)
    .t(' ')
    .p('NAME', c.pt.last)
    .t(' (');
  ageText(n, c, `${pick(r, ['F', 'M'])}), `);
  n.t(
    `post-op day ${int(r, 1, 4)} after ${pick(r, ['appendicectomy', 'hip fixation', 'CABG'])}. ${VITALS().slice(0, 3).join(', ')}. `,
  );
  n.t('Daughter ')
    .p('NAME', c.rel.first)
    .t(' visiting until 8 pm, wants update from ')
    .t(chance(r, 0.5) ? 'Dr ' : '')
    .p('NAME', c.doc.last)
    .t('. ');
  n.t(`Pain controlled with ${pick(r, DRUGS)}. Next review `)
    .p('DATE', date(r, c.region))
    .t('.\n');
};

// ---- blind templates
const radiologyUs: Template = (n, c) => {
  const { r } = c;
  n.t('RADIOLOGY REPORT\nExam: CT chest with contrast\nPatient: ')
    .p('NAME', `${c.pt.first} ${c.pt.last}`)
    .t('   Acct: ')
    .p('ID', digits(r, 10))
    .t('\n');
  n.t('Exam date: ')
    .p('DATE', date(r, 'us'))
    .t('\nReferring: ')
    .p('NAME', `${c.doc.first[0]}. ${c.doc.last}`)
    .t(', MD\n\n');
  n.t('CLINICAL HISTORY: ');
  ageText(n, c, '-year-old with cough and weight loss.\n');
  n.t(
    `FINDINGS: 1.2 cm spiculated nodule in the right upper lobe. No pleural effusion. Mild emphysema.\nIMPRESSION: Suspicious for malignancy; recommend PET-CT.\n`,
  );
  n.t('Discussed with ')
    .p('NAME', `Dr. ${c.doc.last}`.slice(4))
    .t(' by phone at 4:10 pm; read-back confirmed.\n');
  n.t('Electronically signed: ')
    .p('NAME', `${c.rel.first} ${c.rel.last}`)
    .t(', MD on ')
    .p('DATE', date(r, 'us'))
    .t('\n');
};
const prescriptionIn: Template = (n, c) => {
  const { r } = c;
  n.t(`${pick(r, ['Shree Clinic', 'Arogya Family Clinic', 'Care Point Polyclinic'])}\nDr. `)
    .p('NAME', c.doc.full)
    .t(', MBBS, MD | Reg. No. ')
    .p('ID', `${int(r, 10000, 99999)}`)
    .t('\n');
  n.t('Pt: ')
    .t(pick(r, ['Smt. ', 'Shri ', 'Kum. ']))
    .p('NAME', c.pt.full)
    .t(', ');
  ageText(n, c, ` yrs, ${pick(r, ['F', 'M'])}   Date: `);
  n.p('DATE', date(r, 'in')).t('\n');
  n.t('Mob: ').p('PHONE', c.phone).t('\n');
  n.t(
    `c/o bukhar 3 din se, body pain. O/E: Temp 101F, BP 120/80.\nRx\n1. Tab Paracetamol 650 mg TDS x 3 days\n2. Tab Cetirizine 10 mg HS\n`,
  );
  n.t('Review after 3 days. Accompanied by brother-in-law ').p('NAME', c.rel.first).t('.\n');
};
const emailThread: Template = (n, c) => {
  const { r } = c;
  n.t('From: ')
    .p('NAME', c.doc.full)
    .t(' <')
    .p('EMAIL', `${c.doc.first.toLowerCase()}.${c.doc.last.toLowerCase()}@clinic-mail.com`)
    .t('>\n');
  n.t('Subject: re: your mother\n\n');
  n.t('Hi ')
    .p('NAME', c.rel.first)
    .t(',\nI reviewed the reports for ')
    .p('NAME', c.pt.first)
    .t(' — her creatinine is 2.1 mg/dL (0.6-1.1), so we will hold Metformin and repeat the test on ')
    .p('DATE', date(r, c.region))
    .t('. ');
  n.t('Spoke with ')
    .p('NAME', `${c.pt.last}`)
    .t(' family doctor as well. If she is breathless, call ')
    .p('PHONE', phone(r, c.region))
    .t(' straight away.\n');
  n.t('Best,\n').p('NAME', c.doc.first).t('\n');
};

const DEV_TEMPLATES: Record<string, { t: Template; region: Region }> = {
  dischargeIn: { t: dischargeIn, region: 'in' },
  chatIn: { t: chatIn, region: 'in' },
  labIn: { t: labIn, region: 'in' },
  referralUs: { t: referralUs, region: 'us' },
  progressUs: { t: progressUs, region: 'us' },
  dischargeUs: { t: dischargeUs, region: 'us' },
};
const HOLDOUT_TEMPLATES: Record<string, { t: Template; region: Region | 'any' }> = {
  smsUs: { t: smsUs, region: 'us' },
  referralIn: { t: referralIn, region: 'in' },
  labUs: { t: labUs, region: 'us' },
  insuranceIn: { t: insuranceIn, region: 'in' },
  intake: { t: intake, region: 'any' },
  handover: { t: handover, region: 'any' },
};

const BLIND_TEMPLATES: Record<string, { t: Template; region: Region | 'any' }> = {
  radiologyUs: { t: radiologyUs, region: 'us' },
  prescriptionIn: { t: prescriptionIn, region: 'in' },
  emailThread: { t: emailThread, region: 'any' },
};

export interface GenerateOptions {
  seed?: number;
  perSplit?: number;
  blindCount?: number;
}

export function generateEvalSet(opts: GenerateOptions = {}): EvalNote[] {
  const r = mulberry32(opts.seed ?? 20240611);
  const perSplit = opts.perSplit ?? 120;
  const blindCount = opts.blindCount ?? 60;
  const notes: EvalNote[] = [];
  for (const split of ['dev', 'holdout', 'blind'] as const) {
    const templates = Object.entries(
      split === 'dev' ? DEV_TEMPLATES : split === 'holdout' ? HOLDOUT_TEMPLATES : BLIND_TEMPLATES,
    );
    for (let i = 0; i < (split === 'blind' ? blindCount : perSplit); i++) {
      const [name, spec] = templates[i % templates.length]!;
      const region: Region = spec.region === 'any' ? pick(r, ['in', 'us'] as const) : spec.region;
      const pt = person(r, split, region);
      let rel = person(r, split, region);
      while (rel.first === pt.first) rel = person(r, split, region);
      const doc = person(r, split, region);
      const c: Ctx = {
        r,
        split,
        region,
        pt,
        rel,
        doc,
        phone: phone(r, region),
        email: email(r, pt, split),
        address: address(r, region),
        age: chance(r, 0.25) ? int(r, 90, 104) : int(r, 1, 89),
      };
      const n = new Note();
      spec.t(n, c);
      notes.push({
        id: `${split}-${String(i).padStart(3, '0')}`,
        split,
        template: name,
        text: n.text,
        entities: n.entities,
        knownPii: { name: pt.full, email: c.email, phone: c.phone, address: c.address },
      });
    }
  }
  return notes;
}
