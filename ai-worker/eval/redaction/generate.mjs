#!/usr/bin/env node
/* eslint-disable no-console -- command-line generator: prints its counts */
// Independent evaluation set for the PII-redaction component.
//
// Written from the public contract only (redact(text) -> {text, entities:[{type,start,end}]});
// the detector implementation was NOT read while writing this file.
//
// Usage:  node ai-worker/eval/redaction/generate.mjs
// Writes dev.jsonl (seed A) and holdout.jsonl (seed B) next to this file and prints counts.
// Plain Node.js ESM, no dependencies, fully deterministic (mulberry32).

import { writeFileSync } from 'node:fs';
import { dirname, join as pathJoin } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));

const SPLITS = [
  { name: 'dev', seed: 0x5eed_a001, parity: 0, n: 500 },
  { name: 'holdout', seed: 0x5eed_b002, parity: 1, n: 500 },
];

const GENRE_COUNTS = { chat: 200, clinical_note: 75, referral: 75, discharge: 75, form: 75 };
// Notes per genre that carry no PII at all (only keep terms) – they measure over-redaction.
const NO_PII_COUNTS = { chat: 18, clinical_note: 7, referral: 4, discharge: 5, form: 6 };

// ───────────────────────────── PRNG ─────────────────────────────
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  f() { return this.next(); }
  int(lo, hi) { return lo + Math.floor(this.f() * (hi - lo + 1)); }
  pick(a) { if (!a.length) throw new Error('pick from empty'); return a[Math.floor(this.f() * a.length)]; }
  chance(p) { return this.f() < p; }
  digits(n) { let s = ''; for (let i = 0; i < n; i++) s += this.int(0, 9); return s; }
  letters(n, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') { let s = ''; for (let i = 0; i < n; i++) s += this.pick(alphabet); return s; }
  shuffle(a) { const b = a.slice(); for (let i = b.length - 1; i > 0; i--) { const j = Math.floor(this.f() * (i + 1)); [b[i], b[j]] = [b[j], b[i]]; } return b; }
  sample(a, k) { return this.shuffle(a).slice(0, k); }
}

// ───────────────────────────── segments ─────────────────────────────
// A note is built as a nested array of segments: strings, PII spans and keep spans.
const P = (type, value) => ({ pii: type, value: String(value) });
const K = (kind, value) => ({ keep: kind, value: String(value) });
// Tagged template: S`hi im ${P('NAME','priya')}` -> ['hi im ', {pii…}]
function S(strings, ...vals) {
  const out = [];
  strings.forEach((s, i) => { if (s) out.push(s); if (i < vals.length) out.push(vals[i]); });
  return out;
}
const join = (parts, sep) => { const out = []; parts.forEach((p, i) => { if (i) out.push(sep); out.push(p); }); return out; };

function assemble(segs) {
  let text = '';
  const entities = [];
  const keep = [];
  const walk = (x) => {
    if (x == null || x === false || x === '') return;
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (typeof x === 'string' || typeof x === 'number') { text += String(x); return; }
    if (x.pii) { const start = text.length; text += x.value; entities.push({ type: x.pii, start, end: text.length, value: x.value }); return; }
    if (x.keep) { const start = text.length; text += x.value; keep.push({ kind: x.keep, start, end: text.length, value: x.value }); return; }
    throw new Error('bad segment ' + JSON.stringify(x));
  };
  walk(segs);
  return { text, entities, keep };
}

// ───────────────────────────── pools ─────────────────────────────
// Every name/place pool is split by index parity: dev uses even entries, holdout odd entries.
const NAMES = {
  IN: {
    f: ['Priya', 'Anjali', 'Sunita', 'Kamla', 'Lakshmi', 'Savitri', 'Meena', 'Kavya', 'Divya', 'Pooja', 'Neha', 'Shreya', 'Aarti', 'Rekha', 'Geeta', 'Radha', 'Deepa', 'Ananya', 'Ishita', 'Sneha', 'Nandini', 'Farida', 'Zoya', 'Harpreet', 'Simran', 'Padma', 'Revathi', 'Shobha', 'Usha', 'Vandana', 'Bhavna', 'Jyoti', 'Manju', 'Sarita', 'Tanvi', 'Aditi', 'Hansa', 'Pinky', 'Sushila', 'Malathi', 'Rukhsana', 'Gurleen'],
    m: ['Ravi', 'Ramesh', 'Suresh', 'Amit', 'Rahul', 'Vikram', 'Arjun', 'Sanjay', 'Anil', 'Rajesh', 'Manoj', 'Deepak', 'Karthik', 'Venkat', 'Srinivas', 'Imran', 'Faisal', 'Gurpreet', 'Harish', 'Prakash', 'Mohan', 'Ashok', 'Nikhil', 'Rohan', 'Aditya', 'Siddharth', 'Yusuf', 'Abdul', 'Balaji', 'Ganesh', 'Mahesh', 'Naveen', 'Pranav', 'Tarun', 'Sunny', 'Bunty', 'Jignesh', 'Murugan', 'Sandeep', 'Kishore'],
    last: ['Sharma', 'Mehta', 'Gupta', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Rao', 'Singh', 'Kumar', 'Verma', 'Joshi', 'Kulkarni', 'Deshpande', 'Menon', 'Pillai', 'Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Ghosh', 'Agarwal', 'Jain', 'Shah', 'Desai', 'Khan', 'Qureshi', 'Sheikh', 'Ansari', 'Gill', 'Sandhu', 'Bhatt', 'Chauhan', 'Yadav', 'Mishra', 'Tiwari', 'Pandey', 'Saxena', 'Naidu', 'Hegde', 'Shetty', 'Krishnan', 'Subramaniam', 'Chopra', 'Malhotra', 'Kapoor', 'Devi', 'Thakur'],
  },
  UK: {
    f: ['Amelia', 'Olivia', 'Isla', 'Emily', 'Poppy', 'Sophie', 'Charlotte', 'Eleanor', 'Hannah', 'Lucy', 'Fiona', 'Gemma', 'Kirsty', 'Niamh', 'Siobhán', 'Zoë', 'Imogen', 'Margaret', 'Dawn', 'Joan', 'Bethan', 'Ffion', 'Rosie', 'Harriet', 'Maureen', 'Shirley', 'Agnes', 'Edith'],
    m: ['Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Alfie', 'Callum', 'Rhys', 'Owen', 'Declan', 'Gareth', 'Dylan', 'Angus', 'Hamish', 'Nigel', 'Graham', 'Trevor', 'Barry', 'Kieran', 'Lewis', 'Reginald', 'Stanley', 'Clive', 'Ewan'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', 'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Clarke', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'Bennett', 'Fletcher', 'Ashworth', 'McAllister', "O'Connor", 'Fitzgerald', 'Pemberton', 'Whitfield', 'Bell', 'Parkinson', 'Graves', 'Bishop', 'Addison', 'Whipple', 'Wells', 'Gleason'],
  },
  US: {
    f: ['Jennifer', 'Jessica', 'Ashley', 'Brittany', 'Amanda', 'Kayla', 'Megan', 'Lauren', 'Stephanie', 'Nicole', 'Latoya', 'Keisha', 'Madison', 'Savannah', 'Brenda', 'Dolores', 'Tiffany', 'Crystal', 'Heather', 'Courtney', 'Destiny', 'Grace', 'Shanice', 'Bethany', 'Lorraine', 'Gladys'],
    m: ['Michael', 'David', 'Christopher', 'Matthew', 'Joshua', 'Tyler', 'Brandon', 'Justin', 'Kevin', 'Ryan', 'Jamal', 'DeShawn', 'Cody', 'Hunter', 'Travis', 'Earl', 'Dwayne', 'Chad', 'Logan', 'Darnell', 'Bill', 'Randy', 'Marcus', 'Wayne'],
    last: ['Johnson', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Jackson', 'Harris', 'Martin', 'Lee', 'Lewis', 'Young', 'King', 'Scott', 'Nguyen', 'Hernandez', 'Lopez', 'Gonzalez', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Perez', 'Campbell', 'Washington', 'Kowalski', "O'Brien", 'Schmidt', 'Goldberg', 'Brooks', 'Sullivan'],
  },
  // "Other" origins, kept as coherent sub-groups so first and last names match.
  EASIA: {
    f: ['Mei', 'Yuki', 'Ji-woo', 'Xiu', 'Hana', 'Lan', 'Sakura', 'Seo-yeon', 'Anh', 'Linh'],
    m: ['Wei', 'Hiroshi', 'Min-jun', 'Thanh', 'Jun', 'Kenji', 'Hao', 'Dong-hyun', 'Minh', 'Takeshi'],
    last: ['Zhang', 'Wang', 'Chen', 'Tanaka', 'Sato', 'Kim', 'Park', 'Tran', 'Pham', 'Nakamura', 'Liu', 'Nguyen-Le', 'Choi', 'Yamamoto'],
  },
  MENA: {
    f: ['Fatima', 'Aisha', 'Layla', 'Nasrin', 'Elif', 'Mariam', 'Yasmin', 'Zeynep', 'Noor', 'Salma'],
    m: ['Mohammed', 'Ahmed', 'Omar', 'Bilal', 'Tariq', 'Kemal', 'Hamza', 'Karim', 'Mustafa', 'Reza'],
    last: ['Al-Farsi', 'Haddad', 'Yilmaz', 'Demir', 'Hosseini', 'Mahmoud', 'Rahman', 'Chowdhury', 'Aziz', 'Khalil', 'Saleh', 'Karimi'],
  },
  AFR: {
    f: ['Ngozi', 'Amara', 'Chiamaka', 'Thandiwe', 'Abena', 'Folake', 'Wanjiru', 'Adaeze'],
    m: ['Chukwuemeka', 'Oluwaseun', 'Kwame', 'Emeka', 'Kofi', 'Tunde', 'Sipho', 'Yaw'],
    last: ['Okafor', 'Adeyemi', 'Mensah', 'Nwosu', 'Abubakar', 'Boateng', 'Okonkwo', 'Mwangi', 'Dlamini', 'Owusu'],
  },
  HISP: {
    f: ['María', 'Sofía', 'Lucía', 'Valentina', 'Camila', 'Guadalupe', 'Rosa', 'Ximena'],
    m: ['José', 'Mateo', 'Javier', 'Andrés', 'Diego', 'Alejandro', 'Luis', 'Santiago'],
    last: ['González', 'Fernández', 'Romero', 'Morales', 'Castillo', 'Ramírez', 'Torres', 'Vargas', 'Ortiz', 'Delgado'],
  },
  EURO: {
    f: ['Giulia', 'Olga', 'Svetlana', 'Ingrid', 'Katarzyna', 'Chiara', 'Anneliese', 'Agnieszka'],
    m: ['Luca', 'Dmitri', 'Björn', 'Piotr', 'Matteo', 'Lars', 'Stefan', 'Tomasz'],
    last: ['Rossi', 'Bianchi', 'Ivanov', 'Kowalczyk', 'Müller', 'Nowak', 'Jensen', 'Esposito', 'Lindqvist', 'Novák'],
  },
};

// [city, pin prefix, localities]
const CITIES_IN = [
  ['Pune', '411', ['Kothrud', 'Aundh', 'Baner', 'Hadapsar']],
  ['Leh', '194', ['Changspa', 'Skara']],
  ['Mumbai', '400', ['Andheri West', 'Powai', 'Dadar', 'Chembur']],
  ['Bengaluru', '560', ['Indiranagar', 'Koramangala', 'Jayanagar', 'Whitefield']],
  ['Chennai', '600', ['T. Nagar', 'Adyar', 'Velachery', 'Anna Nagar']],
  ['Hyderabad', '500', ['Banjara Hills', 'Kukatpally', 'Gachibowli', 'Ameerpet']],
  ['New Delhi', '110', ['Malviya Nagar', 'Lajpat Nagar', 'Dwarka', 'Rohini']],
  ['Kolkata', '700', ['Salt Lake', 'Behala', 'Ballygunge', 'Dum Dum']],
  ['Ahmedabad', '380', ['Navrangpura', 'Satellite', 'Maninagar']],
  ['Jaipur', '302', ['C-Scheme', 'Vaishali Nagar', 'Mansarovar']],
  ['Lucknow', '226', ['Gomti Nagar', 'Aliganj', 'Hazratganj']],
  ['Kochi', '682', ['Kakkanad', 'Edappally', 'Kaloor']],
  ['Nagpur', '440', ['Dharampeth', 'Sitabuldi', 'Manish Nagar']],
  ['Indore', '452', ['Vijay Nagar', 'Palasia']],
  ['Bhopal', '462', ['Arera Colony', 'Kolar Road']],
  ['Chandigarh', '160', ['Sector 22', 'Sector 35']],
  ['Coimbatore', '641', ['RS Puram', 'Peelamedu', 'Saibaba Colony']],
  ['Mysuru', '570', ['Vijayanagar', 'Kuvempunagar']],
  ['Nashik', '422', ['College Road', 'Gangapur Road']],
  ['Surat', '395', ['Adajan', 'Vesu']],
  ['Patna', '800', ['Boring Road', 'Kankarbagh']],
  ['Guwahati', '781', ['Dispur', 'Zoo Road']],
  ['Bhubaneswar', '751', ['Saheed Nagar', 'Patia']],
  ['Thiruvananthapuram', '695', ['Kowdiar', 'Pattom']],
  ['Vadodara', '390', ['Alkapuri', 'Manjalpur']],
  ['Noida', '201', ['Sector 62', 'Sector 50']],
  ['Gurugram', '122', ['DLF Phase 3', 'Sohna Road']],
  ['Dehradun', '248', ['Rajpur Road', 'Vasant Vihar']],
  ['Visakhapatnam', '530', ['MVP Colony', 'Gajuwaka']],
  ['Madurai', '625', ['Tallakulam', 'KK Nagar']],
  ['Ranchi', '834', ['Lalpur', 'Harmu']],
  ['Mangaluru', '575', ['Kadri', 'Bejai']],
];
// [city, postcode areas, localities, landline prefix]
const CITIES_UK = [
  ['Leeds', ['LS'], ['Headingley', 'Roundhay', 'Chapel Allerton'], '0113'],
  ['London', ['SW1A', 'SE15', 'N7', 'E14', 'NW3', 'W12'], ['Peckham', 'Holloway', 'Hampstead'], '020'],
  ['Manchester', ['M'], ['Didsbury', 'Withington', 'Chorlton'], '0161'],
  ['Birmingham', ['B'], ['Edgbaston', 'Moseley', 'Handsworth'], '0121'],
  ['Bristol', ['BS'], ['Clifton', 'Bedminster'], '0117'],
  ['Sheffield', ['S'], ['Crookes', 'Nether Edge'], '0114'],
  ['Liverpool', ['L'], ['Anfield', 'Wavertree'], '0151'],
  ['Cardiff', ['CF'], ['Canton', 'Roath'], '029'],
  ['Glasgow', ['G'], ['Partick', 'Govanhill'], '0141'],
  ['Edinburgh', ['EH'], ['Leith', 'Morningside'], '0131'],
  ['Newcastle', ['NE'], ['Jesmond', 'Heaton'], '0191'],
  ['Nottingham', ['NG'], ['Beeston', 'Sneinton'], '0115'],
  ['Leicester', ['LE'], ['Belgrave', 'Evington'], '0116'],
  ['Oxford', ['OX'], ['Headington', 'Cowley'], '01865'],
  ['Cambridge', ['CB'], ['Chesterton', 'Romsey'], '01223'],
  ['Brighton', ['BN'], ['Kemptown', 'Hove'], '01273'],
  ['York', ['YO'], ['Acomb', 'Heworth'], '01904'],
  ['Bradford', ['BD'], ['Manningham', 'Heaton'], '01274'],
  ['Coventry', ['CV'], ['Earlsdon', 'Foleshill'], '024'],
  ['Belfast', ['BT'], ['Malone', 'Ormeau'], '028'],
  ['Bath', ['BA'], ['Widcombe', 'Larkhall'], '01225'],
  ['Reading', ['RG'], ['Caversham', 'Tilehurst'], '0118'],
  ['Norwich', ['NR'], ['Eaton', 'Thorpe'], '01603'],
  ['Swansea', ['SA'], ['Sketty', 'Uplands'], '01792'],
  ['Derby', ['DE'], ['Allestree', 'Normanton'], '01332'],
  ['Preston', ['PR'], ['Fulwood', 'Ashton'], '01772'],
];
// [city, state, zip prefix, area code]
const CITIES_US = [
  ['New York', 'NY', '100', '212'], ['Brooklyn', 'NY', '112', '718'], ['Austin', 'TX', '787', '512'],
  ['Chicago', 'IL', '606', '312'], ['Houston', 'TX', '770', '713'], ['Phoenix', 'AZ', '850', '602'],
  ['Seattle', 'WA', '981', '206'], ['Boston', 'MA', '021', '617'], ['Atlanta', 'GA', '303', '404'],
  ['Denver', 'CO', '802', '303'], ['Miami', 'FL', '331', '305'], ['Columbus', 'OH', '432', '614'],
  ['Portland', 'OR', '972', '503'], ['Nashville', 'TN', '372', '615'], ['San Diego', 'CA', '921', '619'],
  ['Minneapolis', 'MN', '554', '612'], ['Detroit', 'MI', '482', '313'], ['Philadelphia', 'PA', '191', '215'],
  ['Baltimore', 'MD', '212', '410'], ['Raleigh', 'NC', '276', '919'], ['Tampa', 'FL', '336', '813'],
  ['Sacramento', 'CA', '958', '916'], ['Edison', 'NJ', '088', '732'], ['Plano', 'TX', '750', '972'],
  ['Fresno', 'CA', '937', '559'], ['Tucson', 'AZ', '857', '520'],
];
const IN_BUILDINGS = ['Sai Residency', 'Shanti Apartments', 'Green Park Society', 'Lotus Towers', 'Sunshine Enclave', 'Lakeview Heights', 'Gokul Heights', 'Sri Krishna Nilaya', 'Royal Palms', 'Kaveri Apartments', 'Ganga Vihar', 'Silver Oak CHS'];
const IN_ROADS = ['MG', 'Station', 'Temple', 'Link', 'Ring', 'Hill', 'Canal', 'Church', 'Market', 'Lake'];
const UK_STREETS = ['Otley', 'Cardigan', 'Station', 'Church', 'Victoria', 'Mill', 'Park', 'Queens', 'Kings', 'Grove', 'Manor', 'Hawthorn', 'Beech', 'Albert', 'Clarence', 'Springfield', 'Wellington', 'Carlton', 'Elm', 'Ash', 'Priory', 'Meadow'];
const UK_SUFFIX = ['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Drive', 'Terrace', 'Crescent', 'Gardens', 'Way'];
const US_STREETS = ['Maple', 'Oak', 'Elm', 'Cedar', 'Pine', 'Washington', 'Lincoln', 'Jefferson', 'Lakeview', 'Sunset', 'Highland', 'Madison', 'Main', 'Willow', 'Magnolia', 'Peachtree', 'Riverside', 'Birch'];
const US_SUFFIX = ['Ave', 'St', 'Blvd', 'Dr', 'Ln', 'Rd', 'Ct', 'Way', 'Avenue', 'Street'];

// ───────────────────────────── keep (must survive) pools ─────────────────────────────
// Core brand lists from the brief are shared by both splits; the "extra" lists are split by parity.
const DRUGS = {
  IN: ['Dolo 650', 'Crocin', 'Crocin Advance', 'Pan 40', 'Pan-D', 'Augmentin 625', 'Augmentin', 'Thyronorm 50 mcg', 'Thyronorm', 'Glycomet 500', 'Glycomet GP 1', 'Telma 40', 'Telma-H', 'Ecosprin 75', 'Ecosprin', 'Shelcal 500', 'Shelcal', 'Combiflam', 'Meftal Spas', 'Meftal'],
  UK: ['Calpol', 'Nurofen', 'Lemsip', 'Gaviscon', 'Gaviscon Advance', 'Nurofen Plus', 'Calpol Infant'],
  US: ['Tylenol', 'Advil', 'Motrin', 'Zyrtec', 'Lipitor 20 mg', 'Lipitor', 'Eliquis 5 mg', 'Eliquis', 'Ozempic 0.5 mg', 'Ozempic', 'Jardiance 10 mg', 'Jardiance'],
  extraIN: ['Azithral 500', 'Montair LC', 'Allegra 120', 'Rantac 150', 'Sinarest', 'Volini gel', 'Zerodol-SP', 'Becosules', 'Limcee', 'Dexorange', 'Liv 52', 'Cheston Cold', 'Okacet', 'Digene', 'Ascoril', 'Taxim-O'],
  extraUK: ['Piriton', 'Sudafed', 'Canesten', 'Anusol', 'Rennie', 'Strepsils', 'Night Nurse', 'Beechams', 'Fybogel', 'Senokot', 'Dioralyte', 'Bonjela'],
  extraUS: ['Xanax', 'Zoloft', 'Synthroid', 'Humira', 'Benadryl', 'Claritin', 'Nexium', 'Plavix', 'Januvia', 'Mounjaro', 'Aleve', 'Excedrin', 'Flonase', 'Prilosec', 'Wegovy', 'Farxiga'],
  generic: ['paracetamol', 'metformin 500 mg', 'amlodipine 5 mg', 'atorvastatin 20 mg', 'levothyroxine 50 mcg', 'omeprazole', 'ibuprofen', 'azithromycin', 'insulin glargine', 'salbutamol inhaler', 'cetirizine', 'pantoprazole 40 mg', 'ondansetron', 'amoxicillin', 'losartan 50 mg', 'apixaban'],
};

const EPONYMS = [
  { forms: ["Parkinson's disease", "Parkinson's", 'Parkinsons'], sx: 'tremor of the right hand' },
  { forms: ["Alzheimer's disease", "Alzheimer's dementia", "Alzheimer's"], sx: 'progressive memory loss' },
  { forms: ["Hashimoto's thyroiditis", "Hashimoto's"], sx: 'weight gain and tiredness' },
  { forms: ["Crohn's disease", "Crohn's"], sx: 'abdominal pain and loose stools' },
  { forms: ["Cushing's syndrome", "Cushing's"], sx: 'weight gain and easy bruising' },
  { forms: ["Addison's disease"], sx: 'fatigue and dizziness on standing' },
  { forms: ["Graves' disease", 'Graves disease'], sx: 'palpitations and weight loss' },
  { forms: ['Guillain-Barré syndrome', 'Guillain-Barre syndrome', 'Guillain-Barré'], sx: 'ascending weakness of both legs' },
  { forms: ["Bell's palsy", 'Bells palsy'], sx: 'left-sided facial droop' },
  { forms: ['Down syndrome', "Down's syndrome"], sx: 'recurrent chest infections' },
  { forms: ["Raynaud's phenomenon", "Raynaud's"], sx: 'fingers turning white in the cold' },
  { forms: ["Sjögren's syndrome", "Sjogren's"], sx: 'dry eyes and dry mouth' },
  { forms: ['Kawasaki disease'], sx: 'fever for six days with red eyes and rash' },
  { forms: ["Wilson's disease"], sx: 'tremor and deranged liver tests' },
];
const EPONYMS_EXTRA = [
  { forms: ['Hodgkin lymphoma'], sx: 'painless neck swelling' },
  { forms: ["Ménière's disease", "Meniere's"], sx: 'vertigo and ringing in the ears' },
  { forms: ["Barrett's oesophagus", "Barrett's esophagus"], sx: 'long-standing heartburn' },
  { forms: ["Paget's disease of bone"], sx: 'bone pain in the hip' },
  { forms: ["Huntington's disease"], sx: 'jerky movements' },
  { forms: ['Marfan syndrome'], sx: 'chest pain and tall stature' },
  { forms: ['Turner syndrome'], sx: 'short stature' },
  { forms: ['Stevens-Johnson syndrome'], sx: 'rash and mouth ulcers after a new tablet' },
  { forms: ["Gilbert's syndrome"], sx: 'mild jaundice when fasting' },
  { forms: ['Lyme disease'], sx: 'expanding rash after a tick bite' },
  { forms: ["Hirschsprung's disease"], sx: 'constipation since birth' },
  { forms: ["Dupuytren's contracture"], sx: 'bent ring finger' },
  { forms: ['Tourette syndrome'], sx: 'vocal tics' },
  { forms: ['Legg-Calvé-Perthes disease', 'Perthes disease'], sx: 'limp and hip pain' },
  { forms: ["Osgood-Schlatter disease"], sx: 'knee pain after football' },
  { forms: ["Takayasu arteritis"], sx: 'arm claudication' },
];

const TESTS = ['Holter', '24-hour Holter', 'Holter monitor', 'Doppler', 'venous Doppler', 'carotid Doppler', 'Pap smear', 'Mantoux', 'Mantoux test', 'Widal', 'Widal test', 'Coombs test', 'direct Coombs test', 'Schirmer test', 'Romberg', "Romberg's test"];
const TESTS_EXTRA = ['Tzanck smear', "Phalen's test", 'Weil-Felix test', 'Paul-Bunnell test', 'McMurray test', 'Lachman test', 'Ishihara test', 'Rinne and Weber tests', 'Trendelenburg test', 'Snellen test', 'Kveim test', "Allen's test", 'Ziehl-Neelsen stain', 'Dix-Hallpike test', "Finkelstein's test", 'Gram stain'];
const OPERATIONS = ['Whipple procedure', "Whipple's", 'Caesarean section', 'emergency Caesarean', 'C-section', 'LSCS', "Hartmann's procedure", 'Nissen fundoplication', 'Billroth II', 'Billroth II gastrectomy'];
const OPERATIONS_EXTRA = ['Roux-en-Y gastric bypass', 'Ivor Lewis oesophagectomy', 'Kasai portoenterostomy', 'Bentall procedure', 'Lichtenstein hernia repair', 'Mohs surgery', 'Latarjet procedure', 'Bankart repair', 'Heller myotomy', 'Frey procedure', 'Syme amputation', 'Le Fort I osteotomy', 'Girdlestone procedure', 'Fontan procedure'];
const BLOOD_GROUPS = ['B+', 'O negative', 'AB+ve', 'A1B+', 'O+ve', 'A-ve', 'B positive', 'AB negative', 'O+', 'A+', 'B-ve', 'O Rh positive', 'A1+ve'];

// Score generators (value embedded so the span looks numeric/date-like).
const SCORES = [
  (r) => `Glasgow Coma Scale ${r.int(8, 15)}`,
  (r) => `GCS ${r.int(9, 15)}/15`,
  (r) => `GCS E${r.int(2, 4)}V${r.int(3, 5)}M${r.int(5, 6)}`,
  (r) => `APGAR ${r.int(6, 9)}`,
  (r) => `Apgar ${r.int(6, 8)} and ${r.int(8, 9)}`,
  (r) => `Wells score ${r.int(0, 7)}`,
  () => 'Wells score',
  (r) => `CURB-65 score ${r.int(0, 4)}`,
  () => 'CURB-65',
  (r) => `Bishop score ${r.int(3, 10)}`,
  () => 'Gleason 7',
  (r) => `Gleason ${r.pick(['3+3=6', '3+4=7', '4+3=7', '4+4=8'])}`,
];
const SCORES_EXTRA = [
  (r) => `NIHSS ${r.int(1, 18)}`, (r) => `MMSE ${r.int(14, 29)}/30`, (r) => `PHQ-9 of ${r.int(5, 24)}`,
  (r) => `CHA2DS2-VASc ${r.int(1, 6)}`, (r) => `HAS-BLED ${r.int(0, 4)}`, () => 'Child-Pugh B',
  (r) => `MELD ${r.int(8, 30)}`, (r) => `Alvarado score ${r.int(3, 9)}`, (r) => `Centor score ${r.int(1, 4)}`,
  (r) => `ECOG ${r.int(0, 3)}`, (r) => `Barthel index ${r.int(30, 95)}`, (r) => `Waterlow ${r.int(8, 22)}`,
  (r) => `Braden score ${r.int(10, 20)}`, (r) => `Karnofsky ${r.pick([50, 60, 70, 80, 90])}`,
];
// Clinical look-alikes: vitals/labs/codes that resemble dates, phones or IDs.
const CLINICAL_TERMS = [
  (r) => `BP ${r.int(100, 180)}/${r.int(60, 110)}`,
  (r) => `BP ${r.int(100, 170)}/${r.int(60, 100)} mmHg`,
  (r) => `HbA1c ${r.int(6, 11)}.${r.int(0, 9)}%`,
  (r) => `SpO2 ${r.int(88, 99)}%`,
  () => 'T2DM',
  (r) => `G${r.int(2, 4)}P${r.int(1, 2)}L${r.int(1, 2)}`,
  (r) => r.pick(['L4-L5', 'L5-S1', 'C5-C6', 'C6-C7']),
  (r) => `NYHA class ${r.pick(['II', 'III', 'IV'])}`,
  (r) => `ICD-10 ${r.pick(['E11.9', 'I10', 'J18.9', 'N39.0', 'K21.0'])}`,
  (r) => `eGFR ${r.int(25, 89)}`,
  (r) => `Hb ${r.int(7, 13)}.${r.int(0, 9)} g/dL`,
  (r) => `TSH ${r.int(0, 12)}.${r.int(1, 9)} mIU/L`,
  (r) => `RBS ${r.int(140, 420)} mg/dL`,
  () => 'COVID-19', () => 'BRCA1', () => 'HIV-1',
  (r) => `CD4 count ${r.int(90, 900)}`,
  (r) => `Stage ${r.pick(['IIA', 'IIIB', 'IV'])}`,
  (r) => `ASA ${r.pick(['I', 'II', 'III'])}`,
  (r) => `${r.int(2, 4)}/6 systolic murmur`,
  (r) => `INR ${r.int(1, 4)}.${r.int(0, 9)}`,
];


// ───────────────────────────── context ─────────────────────────────
function partition(arr, parity) { return arr.filter((_, i) => i % 2 === parity); }

function buildPools(parity) {
  const names = {};
  for (const [origin, g] of Object.entries(NAMES)) {
    names[origin] = { f: partition(g.f, parity), m: partition(g.m, parity), last: partition(g.last, parity) };
  }
  return {
    names,
    citiesIN: partition(CITIES_IN, parity),
    citiesUK: partition(CITIES_UK, parity),
    citiesUS: partition(CITIES_US, parity),
    drugsExtra: { IN: partition(DRUGS.extraIN, parity), UK: partition(DRUGS.extraUK, parity), US: partition(DRUGS.extraUS, parity) },
    generics: partition(DRUGS.generic, parity),
    eponymsExtra: partition(EPONYMS_EXTRA, parity),
    testsExtra: partition(TESTS_EXTRA, parity),
    opsExtra: partition(OPERATIONS_EXTRA, parity),
    scoresExtra: partition(SCORES_EXTRA, parity),
    buildings: partition(IN_BUILDINGS, parity),
    ukStreets: partition(UK_STREETS, parity),
    usStreets: partition(US_STREETS, parity),
  };
}

class Ctx {
  constructor(r, parity, pools, region, genre) {
    this.r = r; this.parity = parity; this.pools = pools; this.region = region; this.genre = genre;
    this.lc = false; // chat: write names/places in lower case
  }
  // Split-specific phrasing: dev draws from even-indexed variants, holdout from odd-indexed ones.
  v(arr) { const sub = arr.length > 1 ? arr.filter((_, i) => i % 2 === this.parity) : arr; return this.r.pick(sub); }
  // Shared trigger phrases (listed in the brief) with probability p, otherwise split-specific variants.
  sv(shared, variants, p = 0.5) { return this.r.chance(p) ? this.r.pick(shared) : this.v(variants); }
  call(x, ...args) { return typeof x === 'function' ? x(this, ...args) : x; }
}

// ───────────────────────────── PII value generators ─────────────────────────────
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n, w = 2) => String(n).padStart(w, '0');
const ordinal = (n) => n + (n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th'));
const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function originFor(c) {
  const r = c.r.f();
  if (c.region === 'IN') return r < 0.9 ? 'IN' : 'OTHER';
  if (c.region === 'UK') return r < 0.6 ? 'UK' : r < 0.85 ? 'IN' : 'OTHER';
  return r < 0.62 ? 'US' : r < 0.82 ? 'OTHER' : 'IN';
}
function mkPerson(c, opts = {}) {
  const origin = opts.origin || originFor(c);
  const gender = opts.gender || c.r.pick(['f', 'm']);
  const sub = origin === 'OTHER' ? c.r.pick(['EASIA', 'MENA', 'AFR', 'HISP', 'EURO']) : origin;
  const pool = c.pools.names[sub];
  return { first: c.r.pick(pool[gender]), last: c.r.pick(pool.last), gender, origin };
}
// A NAME span. style: full | first | last | init | lastFirst | upper
function nm(c, p, style = 'full', lower = c.lc) {
  let s;
  switch (style) {
    case 'first': s = p.first; break;
    case 'last': s = p.last; break;
    case 'init': s = `${p.first[0]}. ${p.last}`; break;
    case 'initNoDot': s = `${p.first[0]} ${p.last}`; break;
    case 'lastFirst': s = `${p.last.toUpperCase()}, ${p.first}`; break;
    case 'upper': s = `${p.first} ${p.last}`.toUpperCase(); break;
    default: s = `${p.first} ${p.last}`;
  }
  return P('NAME', lower ? s.toLowerCase() : s);
}
function title(c, p) {
  const g = p.gender;
  if (c.region === 'IN' && p.origin === 'IN') return c.r.pick(g === 'f' ? ['Mrs ', 'Mrs. ', 'Smt. ', 'Smt ', 'Ms '] : ['Mr ', 'Mr. ', 'Shri ', 'Shri ', 'Sh. ']);
  if (c.region !== 'US') return c.r.pick(g === 'f' ? ['Mrs ', 'Ms ', 'Miss ', 'Mrs. '] : ['Mr ', 'Mr. ']);
  return c.r.pick(g === 'f' ? ['Mrs. ', 'Ms. '] : ['Mr. ']);
}
const he = (p) => (p.gender === 'f' ? 'she' : 'he');
const his = (p) => (p.gender === 'f' ? 'her' : 'his');
const him = (p) => (p.gender === 'f' ? 'her' : 'him');
const sexLetter = (p) => (p.gender === 'f' ? 'F' : 'M');

// Phones ------------------------------------------------------------------
function phoneIN(c) {
  const r = c.r;
  const m = String(r.pick([9, 9, 9, 8, 8, 7, 6])) + r.digits(9);
  if (r.chance(0.1)) { // landline
    const std = r.pick(['080', '022', '020', '044', '040', '011', '033']);
    return r.pick([`${std}-${r.int(2, 6)}${r.digits(7)}`, `${std} ${r.int(2, 6)}${r.digits(3)} ${r.digits(4)}`, `(${std}) ${r.int(2, 6)}${r.digits(7)}`]);
  }
  return r.pick([
    `+91 ${m.slice(0, 5)} ${m.slice(5)}`, `+91-${m}`, `0${m}`, m, `+91${m}`, `${m.slice(0, 5)} ${m.slice(5)}`,
    `+91 ${m}`, `${m.slice(0, 5)}-${m.slice(5)}`, `91-${m}`, `0${m.slice(0, 5)} ${m.slice(5)}`,
  ]);
}
function phoneUK(c, city) {
  const r = c.r;
  if (r.chance(0.25)) { // landline
    const pre = city ? city[3] : r.pick(['020', '0113', '0161', '0121']);
    const rest = pre === '020' ? `${r.pick(['7946', '8123', '3456', '7123'])} ${r.digits(4)}` : pre.length === 3 ? `${r.int(2, 9)}${r.digits(3)} ${r.digits(4)}` : pre.length === 4 ? `${r.digits(3)} ${r.digits(4)}` : `${r.digits(6)}`;
    return `${pre} ${rest}`;
  }
  const a = r.pick(['7700', '7911', '7723', '7812', '7946', '7398', '7451', '7534', '7887']);
  const b = r.pick(['900', '123', '456', '234', '765', '318', '552']) + r.digits(3);
  return r.pick([
    `0${a} ${b}`, `0${a}-${b}`, `0${a} ${b.slice(0, 3)} ${b.slice(3)}`, `+44 ${a} ${b}`, `+44 (0)${a} ${b}`, `0${a}${b}`, `+44${a}${b}`, `+44 ${a} ${b.slice(0, 3)} ${b.slice(3)}`,
  ]);
}
function phoneUS(c, city) {
  const r = c.r;
  const a = city && r.chance(0.7) ? city[3] : r.pick(['555', '212', '646', '917', '713', '404', '617', '415', '206', '773']);
  const e = `${r.int(2, 9)}${r.digits(2)}`;
  const l = r.digits(4);
  return r.pick([`(${a}) ${e}-${l}`, `${a}-${e}-${l}`, `+1 ${a} ${e} ${l}`, `${a}.${e}.${l}`, `+1 (${a}) ${e}-${l}`, `1-${a}-${e}-${l}`, `${a} ${e} ${l}`, `+1-${a}-${e}-${l}`]);
}
function phone(c, city) {
  const v = c.region === 'IN' ? phoneIN(c) : c.region === 'UK' ? phoneUK(c, city) : phoneUS(c, city);
  return P('PHONE', v);
}

// Emails / URLs / IPs -------------------------------------------------------
function email(c, p) {
  const r = c.r;
  const f = ascii(p.first), l = ascii(p.last);
  const dom = c.region === 'IN' ? r.pick(['gmail.com', 'gmail.com', 'yahoo.co.in', 'rediffmail.com', 'outlook.com', 'hotmail.com'])
    : c.region === 'UK' ? r.pick(['gmail.com', 'btinternet.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com', 'sky.com'])
      : r.pick(['gmail.com', 'yahoo.com', 'aol.com', 'icloud.com', 'comcast.net', 'outlook.com']);
  const local = r.pick([`${f}.${l}`, `${f}${l}${r.int(1, 99)}`, `${f[0]}${l}`, `${f}_${l}`, `${f}.${l}${r.int(60, 99)}`, `${l}.${f}`, `${f}${r.int(1980, 2005)}`, `${f}.${l[0]}`]);
  return P('EMAIL', `${local}@${dom}`);
}
function url(c, p, kind = 'any') {
  const r = c.r;
  const f = ascii(p.first), l = ascii(p.last);
  const tok = r.letters(4, 'abcdefghijkmnopqrstuvwxyz0123456789') + r.letters(6, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz0123456789');
  const social = [
    `https://www.facebook.com/${f}.${l}.${r.int(1, 999)}`, `instagram.com/${f}_${l}${r.int(1, 99)}`, `https://www.instagram.com/${f}.${l[0]}${r.int(1, 99)}/`,
    `https://www.linkedin.com/in/${f}-${l}-${r.digits(3)}`, `https://wa.me/${r.pick(['91', '44', '1'])}${r.digits(10)}`,
    `http://www.${f}${l}.com`, `www.youtube.com/@${f}${l}`, `https://x.com/${f}_${l[0]}${r.int(10, 99)}`,
  ];
  const file = [
    `https://drive.google.com/file/d/1${tok}${r.letters(8, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz0123456789')}/view`,
    `https://photos.app.goo.gl/${tok}`, `https://www.dropbox.com/s/${tok.toLowerCase()}/${f}_reports.pdf?dl=0`,
    `https://1drv.ms/b/s!${tok}`, `https://we.tl/t-${tok}`,
  ];
  return P('URL', r.pick(kind === 'social' ? social : kind === 'file' ? file : social.concat(file)));
}
function ip(c) {
  const r = c.r;
  return P('IP', r.pick([
    `192.168.${r.int(0, 5)}.${r.int(2, 254)}`, `49.36.${r.int(1, 254)}.${r.int(1, 254)}`, `106.${r.int(192, 223)}.${r.int(1, 254)}.${r.int(1, 254)}`,
    `86.${r.int(128, 191)}.${r.int(1, 254)}.${r.int(1, 254)}`, `73.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}`, `10.0.${r.int(0, 9)}.${r.int(2, 254)}`,
    `2401:4900:${r.letters(4, '0123456789abcdef')}:${r.letters(3, '0123456789abcdef')}::${r.letters(2, '0123456789abcdef')}`,
    `172.${r.int(16, 31)}.${r.int(0, 254)}.${r.int(1, 254)}`,
  ]));
}

// Dates ---------------------------------------------------------------------
function dateStr(c, y, m, d, style) {
  const r = c.r;
  const us = c.region === 'US';
  style = style || r.pick(us ? ['mdy/', 'mdy/', 'long', 'iso', 'dMon', 'mdy-'] : ['dmy/', 'dmy/', 'dmy-', 'dmy.', 'ord', 'dMon', 'dMonDash', 'iso', 'ordOf']);
  const Mon = MONTHS[m - 1].slice(0, 3);
  switch (style) {
    case 'dmy/': return `${pad(d)}/${pad(m)}/${y}`;
    case 'dmy-': return `${pad(d)}-${pad(m)}-${y}`;
    case 'dmy.': return `${pad(d)}.${pad(m)}.${y}`;
    case 'mdy/': return `${pad(m)}/${pad(d)}/${y}`;
    case 'mdy-': return `${m}-${d}-${y}`;
    case 'iso': return `${y}-${pad(m)}-${pad(d)}`;
    case 'ord': return `${ordinal(d)} ${MONTHS[m - 1]} ${y}`;
    case 'ordOf': return `${ordinal(d)} of ${MONTHS[m - 1]}, ${y}`;
    case 'dMon': return `${d} ${Mon} ${y}`;
    case 'dMonDash': return `${pad(d)}-${Mon}-${y}`;
    case 'long': return `${MONTHS[m - 1]} ${d}, ${y}`;
    default: throw new Error(style);
  }
}
function dob(c, age) {
  const r = c.r;
  const y = 2025 - (age ?? r.int(18, 85));
  return P('DATE', dateStr(c, y, r.int(1, 12), r.int(1, 28)));
}
function admitDischarge(c) {
  const r = c.r;
  const y = r.int(2023, 2025), m = r.int(1, 12), d = r.int(1, 20), los = r.int(1, 8);
  const style = c.region === 'US' ? r.pick(['mdy/', 'iso', 'dMon']) : r.pick(['dmy/', 'dmy-', 'dMonDash', 'iso']);
  const doa = P('DATE', dateStr(c, y, m, d, style)), dod = P('DATE', dateStr(c, y, m, d + los, style));
  return r.pick([['   DOA: ', doa, '   DOD: ', dod], ['   DOA: ', doa], ['   Admitted: ', doa, '  Discharged: ', dod], '']);
}
function visitDate(c, style) {
  const r = c.r;
  return P('DATE', dateStr(c, r.int(2023, 2025), r.int(1, 12), r.int(1, 28), style));
}

// Ages: > 89 is PII (AGE, number only); <= 89 is a keep clinical_term.
function ageExpr(c, p, age, style) {
  const r = c.r;
  style = style || r.pick(['yo', 'y/o', 'sex', 'aged', 'yearold', 'yrs', 'yearsold', 'age', 'yr']);
  const sx = sexLetter(p);
  const forms = {
    yo: ['', 'yo'], 'y/o': ['', ' y/o'], sex: ['', sx], aged: ['aged ', ''], yearold: ['', '-year-old'],
    yrs: ['', ' yrs'], yearsold: ['', ' years old'], age: ['age ', ''], yr: ['', ' yr old'], slash: ['', `/${sx}`], Y: ['', ` Y / ${sx}`],
  }[style];
  if (age > 89) return [forms[0], P('AGE', age), forms[1]];
  if (forms[0]) return [forms[0], K('clinical_term', age)];
  return K('clinical_term', `${age}${forms[1]}`);
}
function pickAge(c, pOld = 0.3) { return c.r.chance(pOld) ? c.r.int(90, 104) : c.r.int(19, 88); }

// Addresses -------------------------------------------------------------------
function cityOf(c) {
  return c.region === 'IN' ? c.r.pick(c.pools.citiesIN) : c.region === 'UK' ? c.r.pick(c.pools.citiesUK) : c.r.pick(c.pools.citiesUS);
}
function cityName(c, city, lower = c.lc) { return P('ADDRESS', lower ? city[0].toLowerCase() : city[0]); }
function pinOf(c, city) { return city[1] + c.r.digits(3); }
function postcodeOf(c, city) {
  const r = c.r;
  const area = r.pick(city[1]);
  const inward = `${r.int(0, 9)}${r.letters(2, 'ABDEFGHJLNPQRSTUWXYZ')}`;
  const district = /\d/.test(area) ? area : area + r.int(1, area.length === 1 ? 40 : 28);
  return `${district} ${inward}`;
}
function zipOf(c, city) { const z = city[2] + c.r.digits(2); return c.r.chance(0.15) ? `${z}-${c.r.digits(4)}` : z; }
function streetOf(c, city) {
  const r = c.r;
  if (c.region === 'IN') {
    const loc = r.pick(city[2]);
    return r.pick([
      `Flat ${r.int(1, 12)}0${r.int(1, 4)}, ${r.pick(c.pools.buildings)}, ${loc}`,
      `${r.int(1, 250)}, ${ordinal(r.int(1, 18))} Cross, ${ordinal(r.int(1, 12))} Main, ${loc}`,
      `H.No. ${r.int(1, 20)}-${r.int(1, 9)}-${r.int(10, 999)}, Road No. ${r.int(1, 14)}, ${loc}`,
      `${r.int(1, 99)}/${r.int(1, 30)}, ${r.pick(IN_ROADS)} Road, ${loc}`,
      `Plot No. ${r.int(1, 300)}, ${loc}`,
      `${r.int(1, 40)}, ${r.pick(c.pools.buildings)}, near ${r.pick(['Hanuman temple', 'bus stand', 'SBI bank', 'water tank'])}, ${loc}`,
    ]);
  }
  if (c.region === 'UK') {
    const st = `${r.int(1, 220)} ${r.pick(c.pools.ukStreets)} ${r.pick(UK_SUFFIX)}`;
    return r.pick([st, `Flat ${r.int(1, 12)}, ${st}`, `${st}, ${r.pick(city[2])}`, `${r.int(1, 60)}${r.pick(['a', 'b', ''])} ${r.pick(c.pools.ukStreets)} ${r.pick(UK_SUFFIX)}`]);
  }
  const st = `${r.int(10, 9999)} ${r.pick(c.pools.usStreets)} ${r.pick(US_SUFFIX)}`;
  return r.pick([st, `${st}, Apt ${r.int(1, 20)}${r.pick(['A', 'B', 'C', 'D'])}`, `${st} #${r.int(100, 999)}`, `${r.int(10, 300)} W ${ordinal(r.int(20, 160))} St`]);
}
// Full postal address: separate gold spans for street, city and PIN/ZIP/postcode.
function fullAddress(c, city = cityOf(c), lower = false) {
  const r = c.r;
  const L = (s) => (lower ? s.toLowerCase() : s);
  const street = P('ADDRESS', L(streetOf(c, city)));
  const cityS = P('ADDRESS', L(city[0]));
  if (c.region === 'IN') {
    return r.pick([
      [street, ', ', cityS, ' - ', P('ADDRESS', pinOf(c, city))],
      [street, ', ', cityS, ' ', P('ADDRESS', pinOf(c, city))],
      [street, ', ', cityS, ', PIN ', P('ADDRESS', pinOf(c, city))],
      [street, ', ', cityS],
    ]);
  }
  if (c.region === 'UK') {
    const pc = P('ADDRESS', L(postcodeOf(c, city)));
    return r.pick([[street, ', ', cityS, ' ', pc], [street, ', ', cityS, ', ', pc], [street, '\n', cityS, '\n', pc]]);
  }
  return r.pick([[street, ', ', cityS, ', ', city[1], ' ', P('ADDRESS', zipOf(c, city))], [street, '\n', cityS, ', ', city[1], ' ', P('ADDRESS', zipOf(c, city))]]);
}
function postalCodeField(c, city = cityOf(c)) {
  const r = c.r;
  if (c.region === 'IN') return [r.pick(['PIN ', 'pincode - ', 'Pin: ', 'PIN code: ', 'pin code ', 'Pincode ']), P('ADDRESS', pinOf(c, city))];
  if (c.region === 'UK') return [r.pick(['postcode ', 'Postcode: ', 'post code ', 'Post Code - ']), P('ADDRESS', postcodeOf(c, city))];
  return [r.pick(['ZIP ', 'zip ', 'Zip code: ', 'ZIP: ']), P('ADDRESS', zipOf(c, city))];
}

// IDs -------------------------------------------------------------------------
// Verhoeff (Aadhaar check digit)
const VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]];
const VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]];
const VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
function verhoeffDigit(num) {
  let ck = 0;
  const ds = num.split('').reverse().map(Number);
  for (let i = 0; i < ds.length; i++) ck = VD[ck][VP[(i + 1) % 8][ds[i]]];
  return VINV[ck];
}
function aadhaar(c) {
  const base = String(c.r.int(2, 9)) + c.r.digits(10);
  const n = base + verhoeffDigit(base);
  return c.r.pick([`${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`, `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`, n, `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`]);
}
function nhsNumber(c) {
  for (;;) {
    const d = Array.from({ length: 9 }, () => c.r.int(0, 9));
    if (d[0] === 0) continue;
    const sum = d.reduce((s, x, i) => s + x * (10 - i), 0);
    let chk = 11 - (sum % 11);
    if (chk === 11) chk = 0;
    if (chk === 10) continue;
    const n = d.join('') + chk;
    return c.r.pick([`${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, n, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`]);
  }
}
function ssn(c) {
  const r = c.r;
  let a; do { a = r.int(1, 899); } while (a === 666);
  const s = `${pad(a, 3)}-${pad(r.int(1, 99))}-${pad(r.int(1, 9999), 4)}`;
  return r.chance(0.15) ? s.replace(/-/g, ' ') : s;
}
function niNumber(c) {
  const r = c.r;
  const A = 'ABCEGHJKLMNOPRSTWXYZ', B = 'ABCEGHJKLMNPRSTWXYZ';
  let pre; do { pre = r.pick(A) + r.pick(B); } while (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(pre));
  const d = r.digits(6), suf = r.pick('ABCD');
  return r.pick([`${pre} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suf}`, `${pre}${d}${suf}`, `${pre} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suf}`]);
}
function pan(c, p) {
  const r = c.r;
  return r.letters(3) + r.pick('PPPPPCH') + (p ? ascii(p.last)[0].toUpperCase() : r.letters(1)) + r.digits(4) + r.letters(1);
}
function mbi(c) {
  const r = c.r, AL = 'ACDEFGHJKMNPQRTUVWXY', AN = AL + '0123456789';
  const s = `${r.int(1, 9)}${r.pick(AL)}${r.pick(AN)}${r.int(0, 9)}${r.pick(AL)}${r.pick(AN)}${r.int(0, 9)}${r.pick(AL)}${r.pick(AL)}${r.int(0, 9)}${r.int(0, 9)}`;
  return r.chance(0.5) ? `${s.slice(0, 4)}-${s.slice(4, 7)}-${s.slice(7)}` : s;
}
const ID_KINDS = {
  IN: ['uhid', 'uhid', 'mrn', 'aadhaar', 'aadhaar', 'abha', 'abha', 'abhaAddr', 'pan', 'pan', 'passportIN', 'policy', 'member', 'card', 'ref', 'record', 'crno', 'ipno', 'esic', 'voter', 'dlIN'],
  UK: ['nhs', 'nhs', 'nhs', 'hospno', 'ni', 'ni', 'passportUK', 'policy', 'member', 'ref', 'record', 'mrn', 'card'],
  US: ['ssn', 'ssn', 'mrn', 'mrn', 'member', 'member', 'mbi', 'policy', 'passportUS', 'ref', 'record', 'dlUS', 'card'],
};
const ID_LABELS = {
  uhid: ['UHID: ', 'UHID ', 'UHID No. ', 'uhid no is ', 'U.H.I.D - ', 'UHID#'],
  mrn: ['MRN ', 'MRN: ', 'MR No. ', 'mrn ', 'Medical record no: ', 'MRN#'],
  record: ['record number ', 'Record No. ', 'rec no ', 'file no. ', 'Record #'],
  aadhaar: ['Aadhaar ', 'Aadhaar No: ', 'aadhar no ', 'aadhaar card ', 'UID: ', 'Aadhar - '],
  abha: ['ABHA ', 'ABHA No. ', 'abha id ', 'ABHA number: ', 'Health ID '],
  abhaAddr: ['ABHA address: ', 'abha address ', 'PHR address '],
  pan: ['PAN ', 'PAN: ', 'pan card ', 'PAN No. '],
  passportIN: ['passport ', 'Passport No: ', 'passport number ', 'PP no. '],
  passportUK: ['passport ', 'Passport No: ', 'passport number '],
  passportUS: ['passport ', 'Passport #: ', 'passport number '],
  policy: ['policy no. ', 'Policy No: ', 'policy number ', 'Insurance policy ', 'pol no '],
  member: ['member id ', 'Member ID: ', 'Member #: ', 'membership no ', 'Subscriber ID: '],
  card: ['my card no is ', 'card no. ', 'health card ', 'card number - ', 'insurance card # '],
  ref: ['ref: ', 'Ref: ', 'Our ref: ', 'ref no ', 'Reference: '],
  nhs: ['NHS number ', 'NHS No: ', 'NHS no. ', 'nhs number is ', 'NHS#'],
  hospno: ['Hospital No: ', 'Hosp no ', 'hospital number ', 'Unit No. '],
  ni: ['national insurance ', 'NI number: ', 'NI no ', 'National Insurance No. ', 'NINO: '],
  ssn: ['SSN ', 'SSN: ', 'social security number ', 'SS# ', 'ssn is '],
  mbi: ['Medicare ID: ', 'MBI ', 'medicare number '],
  crno: ['CR No. ', 'C.R. No: ', 'OPD reg no '],
  ipno: ['IP No: ', 'IPD No. ', 'ip no '],
  esic: ['ESIC IP number ', 'ESIC No: ', 'ESI card '],
  voter: ['Voter ID ', 'EPIC No. '],
  dlIN: ['DL No. ', 'driving licence '],
  dlUS: ["Driver's license # ", 'DL# '],
};
function idValue(c, kind, p) {
  const r = c.r, y = r.int(2015, 2025);
  switch (kind) {
    case 'uhid': return r.pick([`${y}-${r.digits(6)}`, `UH${r.digits(8)}`, `MH${y}${r.digits(5)}`, `${r.letters(3)}.${r.digits(7)}`, `${r.digits(2)}${r.digits(8)}`]);
    case 'mrn': return r.pick([`00${r.digits(6)}`, `${r.int(1, 9)}${r.digits(7)}`, `M${r.digits(7)}`, `${r.digits(3)}-${r.digits(2)}-${r.digits(2)}`]);
    case 'record': return r.pick([`${r.int(10, 99)}${r.digits(3)}`, `${r.int(1, 9)}${r.digits(5)}`, `R-${r.digits(6)}`]);
    case 'aadhaar': return aadhaar(c);
    case 'abha': { const n = r.pick(['91', String(r.int(10, 99))]) + r.digits(12); return `${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6, 10)}-${n.slice(10)}`; }
    case 'abhaAddr': return `${p ? ascii(p.first) + '.' + ascii(p.last).slice(0, 1) + r.int(1, 99) : 'user' + r.digits(4)}@abdm`;
    case 'pan': return pan(c, p);
    case 'passportIN': return r.letters(1, 'ABCDEFGHJKLMNPRSTUVWY') + r.int(1, 9) + r.digits(6);
    case 'passportUK': return `${r.int(1, 9)}${r.digits(8)}`;
    case 'passportUS': return r.chance(0.5) ? `${r.int(1, 9)}${r.digits(8)}` : `${r.letters(1)}${r.digits(8)}`;
    case 'policy': return r.pick([`POL/${r.digits(2)}/${r.digits(4)}`, `HLT-${y}-${r.digits(6)}`, `P${r.digits(9)}`, `${r.digits(4)}/${r.digits(4)}/${r.digits(2)}/${r.digits(2)}`, `${r.letters(2)}-${r.digits(2)}-${r.digits(4)}-${r.digits(4)}`, `${r.int(1, 9)}${r.digits(13)}`]);
    case 'member': return r.pick([`${r.letters(2)}${r.digits(5)}`, `W${r.digits(9)}`, `${r.letters(3)}${r.digits(9)}`, `MBR-${r.digits(8)}`, `${r.digits(3)}${r.letters(1)}${r.digits(5)}`]);
    case 'card': return r.pick([`${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)}`, `${r.letters(3)}${r.digits(7)}`, `${r.int(1, 9)}${r.digits(9)}`, `${r.letters(2)}/${r.digits(6)}`]);
    case 'ref': return r.pick([`RF/${r.digits(4)}/${r.digits(3)}`, `${r.digits(4)}/${r.letters(2)}/${r.digits(2)}`, `REF-${r.digits(7)}`, `${r.letters(2)}${r.digits(6)}`]);
    case 'nhs': return nhsNumber(c);
    case 'hospno': return r.pick([`${r.letters(1)}${r.digits(7)}`, `RXH${r.digits(7)}`, `${r.digits(2)}${r.letters(1)}${r.digits(5)}`]);
    case 'ni': return niNumber(c);
    case 'ssn': return ssn(c);
    case 'mbi': return mbi(c);
    case 'crno': return r.pick([`${y}/${r.digits(5)}`, `${r.digits(2)}${r.digits(6)}`]);
    case 'ipno': return r.pick([`${String(y).slice(2)}-${r.digits(5)}`, `IP/${y}/${r.digits(4)}`]);
    case 'esic': return `${r.int(1, 9)}${r.digits(9)}`;
    case 'voter': return `${r.letters(3)}${r.digits(7)}`;
    case 'dlIN': return `${r.pick(['MH', 'KA', 'TN', 'DL', 'UP', 'GJ'])}${pad(r.int(1, 50))} ${y}${r.digits(7)}`;
    case 'dlUS': return `${r.letters(1)}${r.digits(3)}-${r.digits(4)}-${r.digits(4)}`;
    default: throw new Error(kind);
  }
}
// [label, ID span]; the label is not part of the gold span.
function idField(c, kind, p, { lower = false } = {}) {
  kind = kind || c.r.pick(ID_KINDS[c.region]);
  let label = c.r.pick(ID_LABELS[kind]);
  if (lower) label = label.toLowerCase();
  let val = idValue(c, kind, p);
  if (lower && /^[A-Z]{5}\d{4}[A-Z]$/.test(val) && c.r.chance(0.4)) val = val.toLowerCase();
  return [label, P('ID', val)];
}
function primaryIdKind(c) {
  return c.region === 'IN' ? c.r.pick(['uhid', 'uhid', 'mrn', 'crno', 'ipno', 'abha']) : c.region === 'UK' ? c.r.pick(['nhs', 'nhs', 'hospno', 'mrn']) : c.r.pick(['mrn', 'mrn', 'record', 'member']);
}

// ───────────────────────────── keep generators ─────────────────────────────
function drugV(c) {
  const r = c.r, reg = c.region;
  const x = r.f();
  if (x < 0.55) return r.pick(DRUGS[reg]);
  if (x < 0.7) return r.pick(DRUGS[r.pick(['IN', 'UK', 'US'])]);
  if (x < 0.85) return r.pick(c.pools.drugsExtra[reg]);
  return r.pick(c.pools.generics);
}
const kcase = (c, v) => (c.lc && c.r.chance(0.45) ? v.toLowerCase() : v);
const drug = (c) => K('drug', kcase(c, drugV(c)));
// Two different drugs (first word differs), e.g. for "can i take X with Y".
function drugs2(c, f1 = drug, f2 = drug) {
  const a = f1(c);
  const head = (k) => k.value.toLowerCase().split(/[\s-]/)[0];
  let b;
  do { b = f2(c); } while (head(b) === head(a));
  return [a, b];
}
const brand = (c) => K('drug', kcase(c, c.r.chance(0.8) ? c.r.pick(DRUGS[c.region]) : c.r.pick(c.pools.drugsExtra[c.region])));
function eponymObj(c) { return c.r.chance(0.75) ? c.r.pick(EPONYMS) : c.r.pick(c.pools.eponymsExtra); }
const eponym = (c, e = eponymObj(c)) => K('eponym', kcase(c, c.r.pick(e.forms)));
const test = (c) => K('test', kcase(c, c.r.chance(0.7) ? c.r.pick(TESTS) : c.r.pick(c.pools.testsExtra)));
const score = (c) => K('score', (c.r.chance(0.65) ? c.r.pick(SCORES) : c.r.pick(c.pools.scoresExtra))(c.r));
const OBSTETRIC_OPS = new Set(['Caesarean section', 'emergency Caesarean', 'C-section', 'LSCS']);
function operation(c, p) {
  for (;;) {
    const v = c.r.chance(0.7) ? c.r.pick(OPERATIONS) : c.r.pick(c.pools.opsExtra);
    if (p && p.gender === 'm' && OBSTETRIC_OPS.has(v)) continue;
    return K('operation', kcase(c, v));
  }
}
// Scores that make sense at presentation (not APGAR/Bishop/Gleason).
const acuteScore = (c) => K('score', c.r.pick([
  (r) => `Glasgow Coma Scale ${r.int(8, 15)}`, (r) => `GCS ${r.int(9, 15)}/15`, (r) => `GCS E${r.int(2, 4)}V${r.int(3, 5)}M${r.int(5, 6)}`,
  (r) => `CURB-65 score ${r.int(0, 4)}`, (r) => `Wells score ${r.int(0, 7)}`, (r) => `NIHSS ${r.int(1, 18)}`,
])(c.r));
const bloodGroup = (c) => K('blood_group', c.r.pick(BLOOD_GROUPS));
const labTerm = (c) => K('clinical_term', c.r.pick([
  (r) => `HbA1c ${r.int(6, 11)}.${r.int(0, 9)}%`, (r) => `TSH ${r.int(0, 12)}.${r.int(1, 9)} mIU/L`, (r) => `Hb ${r.int(7, 13)}.${r.int(0, 9)} g/dL`,
  (r) => `eGFR ${r.int(25, 89)}`, (r) => `RBS ${r.int(140, 420)} mg/dL`, (r) => `INR ${r.int(1, 4)}.${r.int(0, 9)}`, (r) => `CD4 count ${r.int(90, 900)}`,
])(c.r));
const clin = (c) => K('clinical_term', c.r.pick(CLINICAL_TERMS)(c.r));
const bp = (c) => K('clinical_term', `BP ${c.r.int(100, 180)}/${c.r.int(60, 110)}`);
const sched = (c) => K('clinical_term', c.r.pick(['1-0-1', '1-0-0', '0-0-1', '1-1-1']));

// ───────────────────────────── chat ─────────────────────────────
// Relatives referred to with kinship words (the kinship word is NOT part of the NAME span).
function kinRef(c) {
  const r = c.r;
  const IN = (g, f) => () => { const p = mkPerson(c, { origin: 'IN', gender: g }); return { p, segs: f(p) }; };
  const AN = (g, f, origin) => () => { const p = mkPerson(c, { origin: origin || (c.region === 'IN' ? 'OTHER' : c.region), gender: g }); return { p, segs: f(p) }; };
  const first = (p) => nm(c, p, 'first');
  const last = (p) => nm(c, p, 'last');
  const indian = [
    IN('m', (p) => [first(p), ' bhaiya']), IN('f', (p) => [first(p), ' didi']), IN(r.pick(['f', 'm']), (p) => [first(p), ' ji']),
    IN('f', (p) => [first(p), ' amma']), IN('m', (p) => [last(p), ' uncle']), IN('f', (p) => ['nani ', first(p)]),
    IN('f', (p) => [last(p), ' aunty']), IN('f', (p) => ['dadi ', first(p)]), IN('m', (p) => ['nana ', first(p)]),
    IN('m', (p) => [first(p), ' chacha']), IN('f', (p) => [first(p), ' mausi']), IN('f', (p) => [first(p), ' bhabhi']),
    IN('m', (p) => [first(p), ' anna']), IN('f', (p) => [first(p), ' akka']), IN('m', (p) => [first(p), ' dada']),
    IN('f', (p) => [first(p), 'ben']), IN('m', (p) => [first(p), 'bhai']), IN('m', (p) => [first(p), ' mama']),
    IN('f', (p) => [first(p), ' aunty']), IN('m', (p) => ['dadaji ', first(p)]), IN('f', (p) => [first(p), ' khala']),
    IN('m', (p) => [first(p), ' sir']), IN('f', (p) => [first(p), ' maasi']), IN('m', (p) => [first(p), ' appa']),
  ];
  const western = [
    AN('f', (p) => ['my nan ', first(p)]), AN('f', (p) => ['grandma ', first(p)]), AN('m', (p) => ['grandpa ', first(p)]),
    AN('f', (p) => ['auntie ', first(p)]), AN('m', (p) => ['uncle ', first(p)]), AN('f', (p) => ['my mum ', nm(c, p, 'full')]),
    AN('m', (p) => ['my dad ', first(p)]), AN('f', (p) => ['abuela ', first(p)], 'HISP'), AN('f', (p) => ['nonna ', first(p)], 'EURO'),
    AN('m', (p) => ['my husband ', first(p)]), AN('f', (p) => ['my wife ', first(p)]), AN('m', (p) => ['baba ', first(p)], 'MENA'),
    AN('f', (p) => ['my mom ', first(p)]), AN('m', (p) => ['pops ', first(p)]), AN('f', (p) => ['nana ', first(p)]),
    AN('f', (p) => ['granny ', first(p)]),
  ];
  const pool = c.region === 'IN' || r.chance(0.2) ? indian : western;
  return r.pick(pool)();
}

function chatOpenerWithName(c, me, doc) {
  const r = c.r;
  const first = nm(c, me, 'first'), full = nm(c, me, 'full');
  const shared = [
    () => S`hi im ${full}`, () => S`hii this is ${nm(c, me, 'first')} here`, () => S`hello dr ${nm(c, doc, 'last')}`,
    () => S`my name is ${first}`, () => S`hi, ${first} here`, () => S`hey its ${first}`, () => S`Hi, I'm ${nm(c, me, 'full', false)}`,
    () => S`good morning doctor, ${full} this side`, () => S`hello doctor this is ${full}`, () => S`Hello Dr. ${nm(c, doc, 'last', false)}`,
    () => S`hi doc, ${first} again`, () => S`dear sir, i am ${full}`,
  ];
  const indian = [
    () => S`namaste doctor ji, main ${first} bol ${me.gender === 'f' ? 'rahi' : 'raha'} hoon`,
    () => S`namaskar dr ${nm(c, doc, 'last')}`, () => S`sir ${first} here from yesterday's consult`, () => S`vanakkam doctor, ${first} here`,
  ];
  const pool = c.region === 'IN' ? shared.concat(indian) : shared;
  return r.pick(pool)();
}
function chatOpenerNoName(c) {
  return c.r.pick(['hi', 'hello doctor', 'hi doc', 'good evening', 'hello', 'sir', 'hi there', 'hey', 'good morning mam', 'Hi', 'Hello,', 'namaste']);
}
function chatCloser(c, me, doc, allowName = true) {
  const r = c.r;
  const named = [
    () => S`thanks ${nm(c, doc, 'first')}`, () => S`ok thank you dr ${nm(c, doc, 'last')} 🙏`, () => S`regards, ${nm(c, me, 'full')}`,
    () => S`- ${nm(c, me, 'first')}`, () => S`thank u ${nm(c, doc, 'first')} ${doc.gender === 'f' ? 'mam' : 'sir'}`, () => S`cheers, ${nm(c, me, 'first')}`,
  ];
  const plain = ['thanks', 'thank you', 'pls reply asap', 'dhanyavaad 🙏', 'cheers', 'ok', 'thanks in advance', 'plz advise', 'thank you 🙏', 'waiting for reply', 'धन्यवाद', '😷', 'ty'];
  if (allowName && r.chance(0.35)) return r.pick(named)();
  return r.pick(plain);
}

// PII-bearing chat fragments
const CHAT_PII_BITS = [
  // phone
  (c) => { const ph = phone(c); return c.sv([S`my number is ${ph}`, S`call me on ${ph}`], [S`pls call ${ph}`, S`whatsapp no ${ph}`, S`u can reach me at ${ph}`, S`my new mobile is ${ph}, old one not working`, S`text me on ${ph} pls`, S`this is my husband's no ${ph}`, S`call back on ${ph} after 6`, S`my daughter's number is ${ph}, she will coordinate`]); },
  // email
  (c, me) => { const em = email(c, me); return c.v([S`email me at ${em}`, S`send the report to ${em}`, S`my email is ${em}`, S`pls mail the prescription on ${em}`, S`can u email ${em} instead`, S`my mail id - ${em}`, S`invoice to ${em} please`, S`i didnt get the otp on ${em}`]); },
  // city where the person is
  (c) => { const city = cityOf(c); const C = cityName(c, city); return c.sv([S`i'm in ${C}`, S`we live near ${C}`, S`im in ${C}`], [S`currently in ${C} for work`, S`we moved to ${C} last month`, S`back home in ${C} now`, S`i stay in ${C}`, S`im at my sisters place in ${C}`, S`we're based in ${C}`, S`travelling back to ${C} tonight`, S`we are from ${C}, can the medicine be couriered`]); },
  // postal address / postal code
  (c) => { const city = cityOf(c); return c.v([S`address is ${fullAddress(c, city, c.lc)}`, S`deliver to ${fullAddress(c, city, c.lc)}`, S`${postalCodeField(c, city)} is my area, is home collection available`, S`my ${postalCodeField(c, city)}`, S`pls send the kit to ${fullAddress(c, city, c.lc)}`, S`is the lab available for ${postalCodeField(c, city)}`]); },
  // ID
  (c, me) => { const id = idField(c, null, me, { lower: c.lc }); return c.v([S`my ${id}`, S`${id} if needed`, S`for insurance: ${id}`, S`pls note ${id}`, S`${id}`, S`they asked for ${id} at reception`, S`updated ${id} in the app`, S`claim needs ${id}`]); },
  // DOB
  (c) => { const d = dob(c); return c.v([S`dob ${d}`, S`born on ${d}`, S`date of birth is ${d}`, S`my dob - ${d}`, S`his dob ${d} not ${dob(c)}, pls correct`, S`DOB: ${d}`]); },
  // relative with kinship word
  (c) => { const k = kinRef(c); const age = pickAge(c, 0.45); return c.v([
    S`${k.segs} is ${ageExpr(c, k.p, age, c.r.pick(['yo', 'y/o', 'yrs', 'yearsold']))} and has ${eponym(c)}`,
    S`${k.segs} ko kal se bukhar hai, ${drug(c)} diya hai`,
    S`${k.segs} wants to know if ${drug(c)} is safe`,
    S`${k.segs} ka sugar 280 aa raha hai, ${drug(c)} le rahe hain`,
    ((d) => S`can ${k.segs} take ${d[0]} with ${d[1]}?`)(drugs2(c)),
    S`${k.segs} fell in the bathroom, ${he(k.p)} is ${ageExpr(c, k.p, age, c.r.pick(['yo', 'y/o', 'yearsold']))}`,
    S`${k.segs} had ${operation(c, k.p)} last month, stitches look red`,
    S`asking for ${k.segs}, ${his(k.p)} ${bp(c)} today`,
  ]); },
  // doctor / staff named
  (c, me, doc) => c.v([
    S`dr ${nm(c, doc, 'last')} told me to get a ${test(c)} done`, S`${nm(c, mkPerson(c), 'first')} from the front desk said to message here`,
    S`dr ${nm(c, doc, 'last')} had prescribed ${drug(c)}`, S`is dr ${nm(c, doc, 'full')} available on sunday`,
    S`dr ${nm(c, doc, 'last')} ne ${drug(c)} likhi thi`, S`my gp dr ${nm(c, doc, 'last')} referred me`,
  ]),
  // URL
  (c, me) => { const uf = url(c, me, 'file'), us = url(c, me, 'social'); return c.v([S`here is the drive link ${uf}`, S`reports uploaded here ${uf}`, S`my insta is ${us} lol`, S`i messaged from ${us}`, S`you can see my profile ${us}`, S`video of the tremor: ${uf}`, S`pls check ${uf}`, S`found your clinic via ${us}`]); },
  // IP
  (c) => { const a = ip(c); return c.v([S`app says login blocked from ${a}`, S`it shows my ip as ${a}, is that ok`, S`error: session expired (${a})`, S`the page says "access denied for ${a}"`]); },
  // very old patient (AGE > 89)
  (c) => { const p = mkPerson(c); const age = c.r.int(90, 103); return c.sv([S`my dad is ${ageExpr(c, p, age, 'yo')}`, S`patient is ${ageExpr(c, p, age, 'y/o')}`, S`mother is ${ageExpr(c, p, age, 'yearold')} lady`], [S`grandfather ${ageExpr(c, p, age, 'aged')}, very weak`, S`she is ${ageExpr(c, p, age, 'yearsold')} now`, S`${ageExpr(c, p, age, 'sex')} with ${eponym(c)}, can he travel?`, S`my nani is ${P('AGE', age)}`]); },
];
// keep-only chat fragments
const CHAT_KEEP_BITS = [
  (c) => { const [a, b] = drugs2(c); const [x, y] = drugs2(c, brand, brand); const [m, n] = drugs2(c, brand, drug); return c.v([S`can i take ${a} with ${b}?`, S`took ${drug(c)} twice since morning, fever still 101`, S`is ${drug(c)} ok empty stomach`, S`doctor started ${drug(c)}, feeling dizzy`, S`${m} not available at the chemist, can i take ${n} instead`, S`ran out of ${drug(c)}`, S`${x} or ${y} for the headache?`, S`should i stop ${drug(c)} before the surgery`]); },
  (c) => c.v([S`diagnosed with ${eponym(c)} last year`, S`${eponym(c)} runs in the family`, S`does ${eponym(c)} cause this tremor?`, S`they said it could be ${eponym(c)}`, S`${eponym(c)} patient here, need refill`, S`is ${eponym(c)} contagious`]),
  (c) => c.v([S`${test(c)} report attached`, S`when should i do the ${test(c)}`, S`${test(c)} was normal`, S`they want a ${test(c)} tomorrow`, S`how long does the ${test(c)} take`, S`${test(c)} done, pls check`]),
  (c) => c.v([S`the nurse said ${score(c)}`, S`baby's ${K('score', `apgar ${c.r.int(7, 9)}`)} they said, is that ok`, S`what does ${score(c)} mean`, S`report says ${score(c)}`]),
  (c) => c.v([S`had a ${operation(c)} 2 yrs back`, S`is recovery after ${operation(c)} painful`, S`planned ${operation(c)} next week, scared`, S`${operation(c)} scar is itching`]),
  (c) => c.v([S`my blood group is ${bloodGroup(c)}, can i donate`, S`urgent: ${bloodGroup(c)} donor needed`, S`baby is ${bloodGroup(c)} and i am ${bloodGroup(c)}, any issue?`, S`blood group ${bloodGroup(c)} right?`]),
  (c) => { const p = { gender: c.r.pick(['f', 'm']) }; const a = c.r.int(2, 88); return c.v([S`fasting sugar 140 and ${K('clinical_term', `hba1c ${c.r.int(6, 10)}.${c.r.int(0, 9)}`)}`, S`${bp(c)} this morning`, S`she is ${ageExpr(c, p, a, 'yo')} and has ${K('clinical_term', c.r.pick(['T2DM', 'COVID-19', 'HIV-1', 'NYHA class III heart failure', 'CKD stage 3b', 'high TSH']))}`, S`my son is ${ageExpr(c, p, a, c.r.pick(['y/o', 'yrs']))}, can he take ${drug(c)}`, S`mri says ${K('clinical_term', c.r.pick(['L4-L5', 'L5-S1', 'C5-C6']))} bulge`, S`oxygen ${K('clinical_term', `${c.r.int(88, 99)}%`)} on the oximeter`]); },
];


// ───────────────────────────── probes ─────────────────────────────
// Every kind the brief lists as previously failing is forced into chat notes round-robin, so each
// appears several times in BOTH splits regardless of sampling luck. The trigger phrase/format is
// shared; the surrounding sentence frame is split-specific (c.v).
const mobIN = (c) => String(c.r.pick([9, 9, 8, 7, 6])) + c.r.digits(9);
const ukMob = (c) => ({ a: c.r.pick(['7700', '7911', '7723', '7812', '7946', '7398']), b: c.r.pick(['900', '123', '456', '318']) + c.r.digits(3) });
const usNum = (c) => ({ a: c.r.pick(['555', '212', '646', '713', '404', '617', '312', '206']), e: `${c.r.int(2, 9)}${c.r.digits(2)}`, l: c.r.digits(4) });
const phoneFrame = (c, ph) => c.v([S`my number is ${ph}`, S`call me on ${ph}`, S`pls call back on ${ph}`, S`reach me at ${ph}`]);
const idFrame = (c, id) => c.v([S`${id}`, S`${id} if needed`, S`for the claim: ${id}`, S`reception asked, ${id}`]);
const spacedDigits = (v, groups) => { const d = v.replace(/\D/g, ''); let i = 0; return groups.map((g) => d.slice(i, (i += g))).join(' '); };
const kinFrame = (c, who) => c.v([
  S`${who} ko kal se bukhar hai, ${drug(c)} diya hai`, S`${who} has been on ${drug(c)} since monday`,
  S`${who} wants to know if ${drug(c)} is safe`, S`${who} ka ${bp(c)} aa raha hai`,
]);
const kinProbe = (g, f) => ({ slot: 'body', region: 'IN', f: (c) => { const p = mkPerson(c, { origin: 'IN', gender: g }); return kinFrame(c, f(c, p)); } });
const idProbe = (region, kind, label, fmt) => ({ slot: 'body', region, f: (c, me) => { let v = idValue(c, kind, me); if (fmt) v = fmt(v, c); return idFrame(c, [c.lc ? label.toLowerCase() : label, P('ID', v)]); } });
const phProbe = (region, f) => ({ slot: 'body', region, f: (c) => phoneFrame(c, P('PHONE', f(c))) });
const dateProbe = (style) => ({ slot: 'body', f: (c) => { const d = P('DATE', dateStr(c, c.r.int(1935, 2000), c.r.int(1, 12), c.r.int(1, 28), style)); return c.v([S`dob ${d}`, S`date of birth ${d}`, S`born on ${d}`, S`my dob is ${d}`]); } });
const ageProbe = (style) => ({ slot: 'body', f: (c) => { const p = mkPerson(c); const a = c.r.int(90, 103); return c.v([S`my ${p.gender === 'f' ? 'mother' : 'father'} is ${ageExpr(c, p, a, style)}, can we do a home visit`, S`patient ${ageExpr(c, p, a, style)} with ${eponym(c)}`, S`${p.gender === 'f' ? 'grandma' : 'grandpa'} ${ageExpr(c, p, a, style)} not eating since 2 days`, S`booking for ${ageExpr(c, p, a, style)} ${p.gender === 'f' ? 'lady' : 'gentleman'}, mobility issue`]); } });
const postalProbe = (region, label, val) => ({ slot: 'body', region, f: (c) => { const city = cityOf(c); return c.v([S`${label}${P('ADDRESS', val(c, city))}`, S`is home collection available in ${label}${P('ADDRESS', val(c, city))}`, S`my ${label}${P('ADDRESS', val(c, city))}`, S`deliver to ${label}${P('ADDRESS', val(c, city))} pls`]); } });
const PROBES = [
  // greetings / self-introductions (lower case)
  { slot: 'opener', lc: true, f: (c, me) => S`hi im ${nm(c, me, 'full')}` },
  { slot: 'opener', lc: true, region: 'IN', me: { origin: 'IN', gender: 'm' }, f: (c, me) => S`this is ${nm(c, me, 'first')} here` },
  { slot: 'opener', lc: true, f: (c, me, doc) => S`hello dr ${nm(c, doc, 'last')}` },
  { slot: 'opener', lc: true, f: (c, me) => S`my name is ${nm(c, me, 'first')}` },
  { slot: 'closer', lc: true, f: (c, me, doc) => S`thanks ${nm(c, doc, 'first')}` },
  { slot: 'opener', lc: true, f: (c, me) => S`hii i am ${nm(c, me, 'first')}` },
  // kinship words next to names
  kinProbe('m', (c, p) => [nm(c, p, 'first'), ' bhaiya']), kinProbe('f', (c, p) => [nm(c, p, 'first'), ' didi']),
  kinProbe('f', (c, p) => [nm(c, p, 'first'), ' ji']), kinProbe('f', (c, p) => [nm(c, p, 'first'), ' amma']),
  kinProbe('m', (c, p) => [nm(c, p, 'last'), ' uncle']), kinProbe('f', (c, p) => ['nani ', nm(c, p, 'first')]),
  // IDs after labels
  idProbe('IN', 'uhid', 'UHID: '), idProbe('US', 'record', 'record number ', (v, c) => `${c.r.int(10, 99)}${c.r.digits(3)}`),
  idProbe('US', 'mrn', 'MRN ', (v, c) => `00${c.r.digits(6)}`), idProbe('IN', 'aadhaar', 'Aadhaar ', (v) => spacedDigits(v, [4, 4, 4])),
  idProbe('IN', 'abha', 'ABHA '), idProbe('UK', 'nhs', 'NHS number ', (v) => spacedDigits(v, [3, 3, 4])),
  idProbe('US', 'ssn', 'SSN ', (v) => v.replace(/ /g, '-')), idProbe('IN', 'pan', 'PAN '), idProbe('IN', 'passportIN', 'passport '),
  idProbe('IN', 'policy', 'policy no. ', (v, c) => `POL/${c.r.digits(2)}/${c.r.digits(4)}`), idProbe('US', 'member', 'member id ', (v, c) => `${c.r.letters(2)}${c.r.digits(5)}`),
  idProbe('UK', 'ni', 'national insurance ', (v) => { const x = v.replace(/ /g, ''); return `${x.slice(0, 2)} ${x.slice(2, 4)} ${x.slice(4, 6)} ${x.slice(6, 8)} ${x.slice(8)}`; }),
  idProbe('IN', 'card', 'my card no is '), idProbe('UK', 'ref', 'ref: '),
  // phones
  phProbe('IN', (c) => { const m = mobIN(c); return `+91 ${m.slice(0, 5)} ${m.slice(5)}`; }), phProbe('IN', (c) => `0${mobIN(c)}`), phProbe('IN', (c) => mobIN(c)),
  phProbe('UK', (c) => { const { a, b } = ukMob(c); return `0${a}-${b}`; }), phProbe('UK', (c) => { const { a, b } = ukMob(c); return `0${a} ${b.slice(0, 3)} ${b.slice(3)}`; }),
  phProbe('UK', (c) => { const { a, b } = ukMob(c); return `+44 ${a} ${b}`; }), phProbe('UK', (c) => `020 ${c.r.pick(['7946', '8123', '7123'])} ${c.r.digits(4)}`),
  phProbe('US', (c) => { const { a, e, l } = usNum(c); return `(${a}) ${e}-${l}`; }), phProbe('US', (c) => { const { a, e, l } = usNum(c); return `${a}-${e}-${l}`; }),
  phProbe('US', (c) => { const { a, e, l } = usNum(c); return `+1 ${a} ${e} ${l}`; }),
  // dates
  dateProbe('dmy/'), dateProbe('ord'), dateProbe('iso'),
  // postal codes
  postalProbe('IN', 'PIN ', (c, city) => pinOf(c, city)), postalProbe('IN', 'pincode - ', (c, city) => pinOf(c, city)),
  postalProbe('US', 'ZIP ', (c, city) => city[2] + c.r.digits(2)), postalProbe('UK', 'postcode ', (c, city) => postcodeOf(c, city)),
  // city where the person is
  { slot: 'body', lc: true, f: (c) => S`i'm in ${cityName(c, cityOf(c))}` }, { slot: 'body', lc: true, region: 'UK', f: (c) => S`we live near ${cityName(c, cityOf(c))}` },
  // PAN card number next to the drug "Pan 40"
  { slot: 'body', region: 'IN', f: (c, me) => { const id = P('ID', pan(c, me)); const d = K('drug', c.r.pick(['Pan 40', 'pan 40', 'Pan-D'])); return c.v([S`pan ${id} for the claim, also is ${d} before food?`, S`${d} daily since a month. PAN card ${id} needed for reimbursement`, S`PAN: ${id} and tablet ${d} refill pls`, S`taking ${d}, my pan no ${id}`]); } },
  // e-mail, URL, IP
  { slot: 'body', f: (c, me) => { const em = email(c, me); return c.v([S`email me at ${em}`, S`send the report to ${em}`, S`my email is ${em}`, S`pls mail it to ${em}`]); } },
  { slot: 'body', f: (c) => { const em = email(c, mkPerson(c)); return c.v([S`cc my son ${em}`, S`also send to my daughter ${em}`, S`my wife's email ${em}`, S`copy to ${em} pls`]); } },
  { slot: 'body', f: (c, me) => { const u = url(c, me, 'file'); return c.v([S`reports here ${u}`, S`uploaded the scan ${u}`, S`drive link: ${u}`, S`xray pics ${u}`]); } },
  { slot: 'body', f: (c, me) => { const u = url(c, me, 'social'); return c.v([S`this is my profile ${u}`, S`msg me on ${u}`, S`found you through ${u}`, S`my page ${u}`]); } },
  { slot: 'body', f: (c) => { const a = ip(c); return c.v([S`login blocked from ${a}`, S`app shows ip ${a}`, S`error code 403 from ${a}`, S`it says unknown device ${a}`]); } },
  // ages over 89 in shorthand
  ageProbe('yo'), ageProbe('y/o'), ageProbe('sex'), ageProbe('aged'), ageProbe('yearold'),
];

// Every keep term the brief lists is also forced into chat notes round-robin (≈3× per split).
const KEEP_PROBES = [
  ...['Dolo 650', 'Crocin', 'Pan 40', 'Augmentin', 'Thyronorm', 'Glycomet', 'Telma', 'Ecosprin', 'Shelcal', 'Combiflam', 'Meftal', 'Calpol', 'Nurofen', 'Lemsip', 'Gaviscon', 'Tylenol', 'Advil', 'Motrin', 'Zyrtec', 'Lipitor', 'Eliquis', 'Ozempic', 'Jardiance'].map((v) => ['drug', v]),
  ...["Parkinson's", "Alzheimer's", "Hashimoto's", "Crohn's", "Cushing's", "Addison's", "Graves' disease", 'Guillain-Barré', "Bell's palsy", 'Down syndrome', "Raynaud's", "Sjögren's", 'Kawasaki disease', "Wilson's disease"].map((v) => ['eponym', v]),
  ...['Glasgow Coma Scale 14', 'APGAR 8', 'Wells score', 'CURB-65', 'Apgar', 'Bishop score', 'Gleason 7'].map((v) => ['score', v]),
  ...['Holter', 'Doppler', 'Pap smear', 'Mantoux', 'Widal', 'Coombs test', 'Schirmer test', 'Romberg'].map((v) => ['test', v]),
  ...['Whipple procedure', 'Caesarean', 'C-section', "Hartmann's procedure", 'Nissen fundoplication', 'Billroth II'].map((v) => ['operation', v]),
  ...['B+', 'O negative', 'AB+ve', 'A1B+'].map((v) => ['blood_group', v]),
];
const KEEP_FRAMES = {
  drug: [(k) => S`is ${k} ok after food`, (k) => S`${k} given at night, still no relief`, (k) => S`can i continue ${k}`, (k) => S`${k} finished yesterday`, (k) => S`chemist gave ${k}, is that same`, (k) => S`${k} makes me sleepy`],
  eponym: [(k) => S`${k} diagnosed last year`, (k) => S`worried it is ${k}`, (k) => S`${k} in the family, should i test`, (k) => S`mom has ${k}`],
  score: [(k) => S`report says ${k}`, (k) => S`${k} - is that bad?`, (k) => S`what does ${k} mean`, (k) => S`they told us ${k}`],
  test: [(k) => S`${k} report attached`, (k) => S`when is my ${k}`, (k) => S`${k} done today`, (k) => S`do i need to fast for the ${k}`],
  operation: [(k) => S`had a ${k} 2 yrs back`, (k) => S`${k} scar paining`, (k) => S`recovering after ${k}`, (k) => S`${k} scheduled next month`],
  blood_group: [(k) => S`my blood group is ${k}`, (k) => S`${k} donor needed`, (k) => S`blood group ${k}, baby also same?`, (k) => S`i am ${k}, can i donate`],
};
const keepProbeBit = (c, [kind, value]) => c.v(KEEP_FRAMES[kind])(K(kind, value));

function genChat(c, noPII, probe, keepProbe) {
  const r = c.r;
  if (probe && probe.region) c.region = probe.region;
  c.lc = probe && probe.lc !== undefined ? probe.lc : r.chance(0.65);
  const me = mkPerson(c, (probe && probe.me) || {});
  const doc = mkPerson(c);
  const parts = [];
  const sep = () => r.pick(['. ', ', ', '\n', ' ', '... ', '\n', ' - ', '. ']);
  if (probe && probe.slot === 'opener') parts.push(probe.f(c, me, doc));
  else parts.push(noPII ? chatOpenerNoName(c) : r.chance(0.75) ? chatOpenerWithName(c, me, doc) : chatOpenerNoName(c));
  const nPii = noPII ? 0 : r.int(probe ? 0 : 1, probe ? 2 : 3);
  const nKeep = r.chance(0.85) ? r.int(1, 2) : 0;
  const bits = [];
  if (probe && probe.slot === 'body') bits.push(probe.f(c, me, doc));
  if (keepProbe) bits.push(keepProbeBit(c, keepProbe));
  // phone (0) and ID (4) are drawn more often (core failure kinds); e-mail (1) and URL (8) are topped up.
  const weighted = [0, 0, 0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10];
  for (let i = 0; i < nPii; i++) bits.push(CHAT_PII_BITS[r.pick(weighted)](c, me, doc));
  const keepOrder = r.shuffle(CHAT_KEEP_BITS.map((_, i) => i));
  for (let i = keepProbe ? 1 : 0; i < nKeep || (noPII && bits.length === 0); i++) bits.push(CHAT_KEEP_BITS[keepOrder[i % keepOrder.length]](c));
  for (const b of r.shuffle(bits)) { parts.push(sep()); parts.push(b); }
  if (probe && probe.slot === 'closer') { parts.push(sep()); parts.push(probe.f(c, me, doc)); }
  else if (r.chance(0.6)) { parts.push(sep()); parts.push(chatCloser(c, me, doc, !noPII)); }
  if (r.chance(0.15)) parts.push(r.pick([' 🙏', ' 😢', ' ??', '!!', ' pls', ' 🤒']));
  let segs = parts;
  if (!c.lc && r.chance(0.5)) segs = capFirst(segs);
  return segs;
}
function capFirst(segs) {
  const flat = [];
  const walk = (x) => (Array.isArray(x) ? x.forEach(walk) : x != null && x !== '' && flat.push(x));
  walk(segs);
  if (typeof flat[0] === 'string') flat[0] = cap(flat[0]);
  return flat;
}

// ───────────────────────────── clinical documents ─────────────────────────────
const nl = '\n';
const docSig = (c, doc) => c.r.pick([S`Dr ${nm(c, doc, 'full', false)}`, S`Dr. ${nm(c, doc, 'init', false)}`, S`${nm(c, doc, 'full', false)}, MD`, S`Dr ${nm(c, doc, 'last', false)}`]);
const roleOf = (c) => c.r.pick(['Consultant Physician', 'General Practitioner', 'Consultant Neurologist', 'Registrar, Internal Medicine', 'Family Physician', 'Consultant Gastroenterologist', 'Attending, Internal Medicine', 'Senior Resident']);
const sexWord = (p) => (p.gender === 'f' ? 'woman' : 'man');
const days = (c) => c.r.pick(['2 days', '3 days', '5 days', '1 week', '10 days', '2 weeks', '3 months']);
const capK = (k) => ({ ...k, value: cap(k.value) });

function idLine(c, p) { return idField(c, primaryIdKind(c), p); }
// Optional patient-detail lines shared by all document templates, so every template family
// (and therefore both splits) exercises every PII type. Labels are split-specific.
function patientExtras(c, p, { max = 2, prob = 0.5, lead = nl } = {}) {
  const r = c.r;
  const city = cityOf(c);
  const opts = [
    () => [c.v(['Tel: ', 'Ph: ', 'Mobile: ', 'Contact no. ']), phone(c, city)],
    () => [c.v(['Tel: ', 'Ph: ', 'Mobile: ', 'Contact no. ']), phone(c, city)],
    () => [c.v(['Email: ', 'E-mail: ', 'email - ', 'Email ID: ']), email(c, p)],
    () => [c.v(['Address: ', 'Resides at: ', 'Addr: ', 'Home address: ']), fullAddress(c, city)],
    () => idField(c, null, p),
    () => idField(c, null, p),
    () => [c.v(['DOB: ', 'Date of birth: ', 'D.O.B ', 'Born ']), dob(c)],
    () => [c.v(['Lives in ', 'Resident of ', 'Currently staying in ', 'Home town ']), cityName(c, city, false)],
    () => postalCodeField(c, city),
  ];
  const out = [];
  const order = r.shuffle(opts.map((_, i) => i)).filter((i, j, a) => !(i === 1 && a.includes(0)) && !(i === 5 && a.includes(4)));
  while (out.length < max && out.length < order.length && r.chance(prob)) out.push(opts[order[out.length]]());
  return out.length ? [lead, join(out, nl)] : '';
}

const CLINICAL_NOTE = [
  // 0: SOAP OPD note
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), e = eponymObj(c), r = c.r;
    return [
      r.pick(['OPD NOTE', 'Outpatient note', 'CLINIC NOTE']), r.chance(0.5) ? [' — ', visitDate(c)] : '', nl,
      'Pt: ', nm(c, p, r.pick(['full', 'lastFirst', 'upper'])), ' | ', ageExpr(c, p, pickAge(c), r.pick(['sex', 'yrs', 'slash'])), r.chance(0.6) ? [' | ', idLine(c, p)] : '', r.chance(0.3) ? [' | Contact: ', phone(c)] : '', patientExtras(c, p, { max: 1 }), nl,
      S`S: c/o ${e.sx} x ${days(c)}. K/c/o ${eponym(c, e)}. On ${drug(c)} ${sched(c)} and ${drug(c)}.`, nl,
      S`O: ${bp(c)}, PR ${r.int(60, 110)}/min, ${K('clinical_term', `SpO2 ${r.int(90, 99)}%`)}. ${r.chance(0.5) ? acuteScore(c) : 'Afebrile'}.`, nl,
      S`A: ${r.pick(['worsening', 'stable', 'suboptimally controlled', 'new onset'])} symptoms.`, nl,
      S`P: ${capK(test(c))} ordered. Continue ${drug(c)}. Review in ${r.int(1, 6)} weeks.`, nl,
      r.chance(0.7) ? ['— ', docSig(c, doc)] : '',
    ];
  },
  // 1: narrative clinic letter-note
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), e = eponymObj(c), r = c.r;
    const city = cityOf(c);
    return [
      r.chance(0.5) ? [r.pick(['Clinic date: ', 'Seen on ', 'Date of visit: ']), visitDate(c), nl] : '',
      r.chance(0.4) ? [idLine(c, p), nl] : '',
      title(c, p), nm(c, p, r.pick(['full', 'last'])), ' is a ', ageExpr(c, p, pickAge(c), 'yearold'), ` ${sexWord(p)} seen today for review of `, eponym(c, e), '. ',
      cap(he(p)), ` reports ${e.sx}. Current medication includes `, drug(c), ' and ', drug(c), '. ',
      r.chance(0.5) ? S`On examination ${bp(c)}, ${acuteScore(c)}. ` : S`${capK(test(c))} was unremarkable. `,
      r.chance(0.5) ? S`${cap(he(p))} lives with ${his(p)} daughter in ${cityName(c, city, false)}. ` : '', patientExtras(c, p),
      nl, nl, docSig(c, doc), ', ', roleOf(c),
    ];
  },
  // 2: shorthand ward-round entry
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    return [
      r.pick(['WR ', 'Ward round ', 'PR note ']), visitDate(c, r.pick(['dmy/', 'dMon', 'iso'])), ` ${pad(r.int(7, 20))}:${pad(r.int(0, 59))} — `,
      nm(c, p, r.pick(['init', 'full', 'lastFirst'])), ', ', ageExpr(c, p, pickAge(c, 0.4), r.pick(['sex', 'yo', 'y/o'])), ', k/c/o ', eponym(c), ', ', labTerm(c), '. ',
      score(c), '. Plan: ', test(c), ', cont ', drug(c), ' ', sched(c), '.', r.chance(0.6) ? [' D/w Dr ', nm(c, doc, 'last', false), '.'] : '', patientExtras(c, p, { max: 1 }),
    ];
  },
  // 3: telephone consultation with relative
  (c) => {
    const p = mkPerson(c), rel = mkPerson(c, { origin: 'IN' === c.region ? 'IN' : undefined }), r = c.r;
    return [
      r.pick(['Telephone consultation', 'Video consult', 'Tele-consult']), r.chance(0.5) ? [' on ', visitDate(c)] : '', '. Spoke to ', nm(c, rel, 'full', false), ` (${r.pick(rel.gender === 'f' ? ['daughter', 'carer', 'wife', 'niece'] : ['son', 'carer', 'husband', 'nephew'])}) on `, phone(c), '.', nl,
      'Patient ', title(c, p), nm(c, p, 'last', false), ', ', ageExpr(c, p, pickAge(c, 0.5), r.pick(['aged', 'yrs', 'yearsold'])), r.chance(0.4) ? [', ', idLine(c, p)] : '', ', known ', eponym(c), '. ', patientExtras(c, p, { max: 1, lead: '' }), nl,
      S`Carer reports ${r.pick(['poor sleep', 'reduced appetite', 'two falls', 'confusion at night'])}. Advised ${drug(c)} and ${test(c)} at the local lab.`,
    ];
  },
  // 4: progress note with drug right after the doctor's name
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    return [
      'Progress note', r.chance(0.5) ? [' (', visitDate(c), ')'] : '', nl,
      S`Dr ${nm(c, doc, 'last', false)} started ${brand(c)} last visit. `, title(c, p), nm(c, p, 'last', false), ' tolerating well, ', bp(c), '.', nl,
      S`${capK(eponym(c))} — stable. ${capK(test(c))} normal. Blood group ${bloodGroup(c)}.`, r.chance(0.5) ? [nl, idLine(c, p)] : '', r.chance(0.3) ? [nl, r.pick(["Daughter's number ", 'Carer contact: ', 'Alt. phone ']), phone(c)] : '', patientExtras(c, p),
    ];
  },
  // 5: ED triage
  (c) => {
    const p = mkPerson(c), rel = kinOrRelative(c), r = c.r;
    return [
      `ED triage ${pad(r.int(0, 23))}:${pad(r.int(0, 59))}: `, nm(c, p, 'full', false), r.chance(0.4) ? [' (', idLine(c, p), ')'] : '', ', ', ageExpr(c, p, pickAge(c, 0.4), r.pick(['sex', 'yo', 'y/o', 'yearold'])),
      ', brought by ', rel, '. ', acuteScore(c), ', ', bp(c), ', ', K('clinical_term', `SpO2 ${r.int(85, 99)}%`), '. Known ', eponym(c), ' on ', drug(c), '.',
      r.chance(0.4) ? [' NOK contact ', phone(c), '.'] : '', patientExtras(c, p, { max: 1 }),
    ];
  },
];
function kinOrRelative(c) {
  const rel = mkPerson(c);
  const relWord = () => c.r.pick(rel.gender === 'f' ? ['daughter', 'wife', 'neighbour', 'carer'] : ['son', 'husband', 'neighbour', 'carer']);
  return c.r.pick([S`${relWord()} ${nm(c, rel, 'full', false)}`, S`${nm(c, rel, 'first', false)} (${relWord()})`]);
}
const CLINICAL_NOTE_NOPII = [
  (c) => { const p = { gender: c.r.pick(['f', 'm']) }; return S`Ward round: ${ageExpr(c, p, c.r.int(30, 88), 'sex')} with ${eponym(c)}. ${score(c)}. ${bp(c)}. Plan: ${test(c)}; continue ${drug(c)} ${sched(c)}.`; },
  (c) => S`Clinic note: known ${eponym(c)}. ${capK(brand(c))} increased. ${capK(test(c))} unremarkable. Blood group ${bloodGroup(c)}. ${clin(c)}.`,
  (c) => S`Impression: ${eponym(c)} vs ${eponym(c)}. ${score(c)}. Advised ${operation(c)} evaluation. ${capK(drug(c))} for pain.`,
  (c) => { const p = { gender: 'f' }; return S`Pre-op check: ${operation(c)} planned. ${bloodGroup(c)}. ${clin(c)}. Patient ${ageExpr(c, p, c.r.int(25, 80), 'yearold')}, ${K('clinical_term', c.r.pick(['ASA II', 'ASA I', 'ASA III']))}. Hold ${brand(c)} 3 days prior.`; },
];

const REFERRAL = [
  // 0: UK-style GP letter
  (c) => {
    const p = mkPerson(c), to = mkPerson(c), from = mkPerson(c), e = eponymObj(c), r = c.r;
    const city = cityOf(c);
    return [
      'Dear Dr ', nm(c, to, 'last', false), ',', nl, nl,
      'Re: ', title(c, p), nm(c, p, 'full', false), r.chance(0.6) ? [', DOB ', dob(c)] : '', r.chance(0.5) ? [', ', idLine(c, p)] : '', nl,
      r.chance(0.4) ? [fullAddress(c, city), nl] : patientExtras(c, p, { max: 1, lead: '' }), nl,
      S`Thank you for seeing this ${ageExpr(c, p, pickAge(c, 0.35), 'yearold')} ${p.gender === 'f' ? 'lady' : 'gentleman'} with ${e.sx}. I suspect ${eponym(c, e)}. ${cap(his(p))} current medication is ${drug(c)} and ${drug(c)}. ${capK(test(c))} was ${r.pick(['normal', 'inconclusive', 'abnormal'])}. I would be grateful for your opinion.`,
      r.chance(0.35) ? [' ', cap(he(p)), ' can be contacted on ', phone(c, city), '.'] : '', nl, nl,
      'Yours sincerely,', nl, nl, docSig(c, from), nl, roleOf(c),
    ];
  },
  // 1: Indian-style referral
  (c) => {
    const p = mkPerson(c), from = mkPerson(c), e = eponymObj(c), r = c.r;
    return [
      r.chance(0.5) ? ['Date: ', visitDate(c), nl] : '', 'To,', nl, 'The Consultant, Dept. of ', r.pick(['Neurology', 'Gastroenterology', 'Endocrinology', 'Rheumatology', 'Surgery']), nl, nl,
      'Ref: ', title(c, p), nm(c, p, 'full', false), ', ', ageExpr(c, p, pickAge(c, 0.3), r.pick(['slash', 'Y'])), r.chance(0.5) ? [', ', idLine(c, p)] : '', patientExtras(c, p), nl, nl,
      'Respected Sir/Madam,', nl,
      S`Kindly see this patient, a known case of ${eponym(c, e)} on ${drug(c)} ${sched(c)}, presenting with ${e.sx}. ${capK(test(c))} done outside. ${bp(c)}. Kindly evaluate and advise ${operation(c, p)} if required.`, nl, nl,
      'Thanking you,', nl, docSig(c, from), nl, r.chance(0.6) ? ['Mobile: ', phone(c)] : '',
    ];
  },
  // 2: US-style referral
  (c) => {
    const p = mkPerson(c), to = mkPerson(c), from = mkPerson(c), e = eponymObj(c), r = c.r;
    return [
      'RE: ', nm(c, p, 'full', false), r.chance(0.7) ? ['   DOB: ', dob(c)] : '', r.chance(0.5) ? ['   ', idLine(c, p)] : '', patientExtras(c, p, { max: 1 }), nl, nl,
      'Dear Dr. ', nm(c, to, 'last', false), ',', nl, nl,
      S`I am referring ${him(p)} for evaluation of possible ${eponym(c, e)}. ${cap(he(p))} presented with ${e.sx}. Medications: ${drug(c)}, ${drug(c)}. ${score(c)}.`,
      r.chance(0.5) ? [' Please call my office at ', phone(c), ' with any questions.'] : '', nl, nl,
      'Sincerely,', nl, docSig(c, from),
    ];
  },
  // 3: e-mail style referral between colleagues
  (c) => {
    const p = mkPerson(c), to = mkPerson(c), from = mkPerson(c), r = c.r;
    return [
      'Hi ', nm(c, to, 'first', false), ',', nl,
      S`Could you see ${nm(c, p, r.pick(['full', 'init']), false)} (${r.chance(0.4) ? ['DOB ', dob(c)] : ageExpr(c, p, pickAge(c, 0.3), r.pick(['sex', 'yo', 'y/o']))}) in your ${r.pick(['Tuesday', 'Thursday', 'Friday'])} clinic? ${capK(eponym(c))}, now on ${brand(c)}. ${capK(test(c))} attached.`,
      r.chance(0.5) ? [' ', cap(his(p)), ' email is ', email(c, p), '.'] : '', patientExtras(c, p, { max: 1 }), nl,
      'Thanks, ', nm(c, from, 'first', false),
    ];
  },
  // 4: structured referral form
  (c) => {
    const p = mkPerson(c), to = mkPerson(c), from = mkPerson(c), r = c.r;
    return [
      'REFERRAL', nl, 'To: Dr ', nm(c, to, 'full', false), ` (${r.pick(['Cardiology', 'Neurology', 'Surgery', 'ENT', 'Endocrine'])})`, nl,
      'Patient: ', nm(c, p, r.pick(['upper', 'lastFirst', 'full']), false), patientExtras(c, p), nl,
      'Age: ', ageExpr(c, p, pickAge(c, 0.35), r.pick(['yrs', 'yr'])), nl,
      'Reason: ', eponym(c), ', for ', r.chance(0.5) ? operation(c, p) : test(c), nl,
      'Current Rx: ', drug(c), ' ', sched(c), ', ', drug(c), nl,
      'Referred by: Dr ', nm(c, from, 'last', false),
    ];
  },
  // 5: handwritten-style short referral
  (c) => {
    const p = mkPerson(c), to = mkPerson(c), r = c.r;
    return [
      r.chance(0.4) ? [visitDate(c, r.pick(['dmy/', 'dMon'])), ': '] : '', 'Ref to Dr ', nm(c, to, 'last', false), ' — ', nm(c, p, 'full', false), ', ', ageExpr(c, p, pickAge(c, 0.4), 'sex'), ', ',
      eponym(c), ' ?', eponym(c), '. ', score(c), '. On ', drug(c), '. Pls see & advise. Blood grp ', bloodGroup(c), '.', r.chance(0.5) ? [' Ph ', phone(c)] : patientExtras(c, p, { max: 1 }),
    ];
  },
];
const REFERRAL_NOPII = [
  (c) => { const p = { gender: c.r.pick(['f', 'm']) }; return S`Referral: ${ageExpr(c, p, c.r.int(20, 85), 'yearold')} with ${eponym(c)} for ${operation(c)}. ${capK(test(c))} and ${score(c)} documented. Currently on ${drug(c)} ${sched(c)}.`; },
  (c) => S`Dear Colleague,\nThank you for seeing this patient with ${eponym(c)}. ${capK(brand(c))} and ${drug(c)} have not helped. ${capK(test(c))} pending. Kind regards.`,
];

const DISCHARGE = [
  // 0: tabular header
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    return [
      'DISCHARGE SUMMARY', nl,
      'Patient: ', nm(c, p, r.pick(['full', 'upper', 'lastFirst']), false), '   ', idLine(c, p), patientExtras(c, p, { max: 1, prob: 0.4 }), nl,
      'Age/Sex: ', ageExpr(c, p, pickAge(c, 0.3), 'slash'), admitDischarge(c), nl,
      'Diagnosis: ', eponym(c), nl,
      'Procedure: ', operation(c, p), nl,
      'Blood group: ', bloodGroup(c), nl,
      'Discharge medications: 1. ', drug(c), ' ', sched(c), ' x 5 days 2. ', drug(c), r.chance(0.5) ? [' ', sched(c)] : ' OD', nl,
      'Follow-up: ', r.pick(['OPD after 1 week', 'review in 2 weeks', 'suture removal on day 10']), r.chance(0.5) ? [' with Dr ', nm(c, doc, 'last', false)] : '', '.',
      r.chance(0.3) ? [nl, r.pick(['Emergency contact: ', 'Ward helpline ', 'Contact: ']), phone(c)] : '',
    ];
  },
  // 1: narrative
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), e = eponymObj(c), r = c.r;
    return [
      title(c, p), nm(c, p, 'full', false), ' was admitted on ', visitDate(c), ` with ${e.sx}. `,
      S`${capK(test(c))} and imaging were consistent with ${eponym(c, e)}. ${acuteScore(c)} on arrival. ${cap(he(p))} was treated with IV fluids and ${drug(c)} and improved. `,
      S`Discharged home on ${drug(c)} ${sched(c)}.`, r.chance(0.5) ? [' For emergencies call ', phone(c), '.'] : '', patientExtras(c, p), nl, docSig(c, doc),
    ];
  },
  // 2: Indian hospital summary
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    return [
      'SUMMARY OF CASE', nl, 'Name: ', title(c, p), nm(c, p, r.pick(['upper', 'full']), false), '  ', ageExpr(c, p, pickAge(c, 0.3), 'Y'), patientExtras(c, p, { max: 1 }), nl,
      r.chance(0.6) ? [idField(c, 'ipno', p), '  '] : '', r.chance(0.6) ? ['DOA: ', visitDate(c, 'dmy-')] : '', nl,
      'Final diagnosis: ', eponym(c), ' with ', labTerm(c), nl,
      'Course in hospital: Patient managed conservatively. ', capK(test(c)), ' done. ', bp(c), ' at discharge.', nl,
      'Advice on discharge: ', drug(c), ' ', sched(c), ', ', drug(c), r.chance(0.5) ? [', ', drug(c), ' SOS'] : '', '.', nl,
      'Consultant: Dr ', nm(c, doc, 'full', false), r.chance(0.35) ? [nl, r.pick(['Attendant mobile: ', 'Relative contact no. ']), phone(c)] : '',
    ];
  },
  // 3: short discharge note
  (c) => {
    const p = mkPerson(c), r = c.r;
    return [
      'Discharge note: ', nm(c, p, 'full', false), ' (', ageExpr(c, p, pickAge(c, 0.4), r.pick(['sex', 'yo', 'y/o'])), ') ', operation(c, p), ' uneventful. ',
      S`${capK(eponym(c))} noted. Blood group ${bloodGroup(c)}. Home on ${drug(c)}.`, r.chance(0.5) ? [' Contact: ', phone(c)] : '', patientExtras(c, p),
    ];
  },
  // 4: obstetric discharge
  (c) => {
    const p = mkPerson(c, { gender: 'f' }), doc = mkPerson(c), r = c.r;
    return [
      'Discharge summary — Obstetrics', nl, 'Mother: ', nm(c, p, 'full', false), ', ', ageExpr(c, p, r.int(21, 40), 'yrs'), ', ', K('clinical_term', `G${r.int(1, 3)}P1L1`), r.chance(0.5) ? [', ', idLine(c, p)] : '', patientExtras(c, p, { max: 1 }), nl,
      'Delivered by ', K('operation', r.pick(['emergency Caesarean', 'LSCS', 'C-section', 'elective Caesarean section'])), ' on ', visitDate(c), '. Baby ', K('score', `APGAR ${r.int(7, 9)}`), ' at 5 min. ', 'Mother blood group ', bloodGroup(c), '.', nl,
      'Discharge meds: ', brand(c), ', ', K('drug', r.pick(['Shelcal 500', 'iron folic acid', 'Calpol', 'Tylenol'])), nl,
      r.chance(0.5) ? ['Obstetrician: Dr ', nm(c, doc, 'last', false)] : ['Husband: ', nm(c, mkPerson(c, { gender: 'm' }), 'full', false), r.chance(0.5) ? [', ', phone(c)] : ''],
    ];
  },
  // 5: surgical discharge
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    return [
      'SURGICAL DISCHARGE', nl, nm(c, p, 'lastFirst', false), ' — ', idLine(c, p), patientExtras(c, p, { max: 1 }), nl,
      'Operation: ', K('operation', r.pick(['Whipple procedure', "Hartmann's procedure", 'Nissen fundoplication', 'Billroth II gastrectomy'])), r.chance(0.5) ? [' on ', visitDate(c)] : '', nl,
      'Surgeon: ', doc.gender === 'f' ? r.pick(['Ms ', 'Miss ']) : 'Mr ', nm(c, doc, 'full', false), nl,
      'Post-op: ', acuteScore(c), ', drain removed day 5. Background of ', eponym(c), '.', nl,
      'TTO: ', drug(c), ', ', drug(c), ' ', sched(c), '.',
    ];
  },
];
const DISCHARGE_NOPII = [
  (c) => S`DISCHARGE SUMMARY\nDiagnosis: ${eponym(c)}\nProcedure: ${operation(c)}\nBlood group: ${bloodGroup(c)}\n${score(c)} at discharge. Medications: ${drug(c)} ${sched(c)}, ${drug(c)}.`,
  (c) => { const p = { gender: c.r.pick(['f', 'm']) }; return S`Discharged: ${ageExpr(c, p, c.r.int(20, 85), 'yearold')} post ${operation(c)}. ${capK(eponym(c))} background. ${capK(brand(c))} for pain, ${drug(c)} ${sched(c)}. ${capK(test(c))} in 6 weeks.`; },
];

// Forms: pick a subset of PII fields and keep fields, keep canonical order.
function formLines(c, piiFields, keepFields, { minPii = 1, maxPii = 4, minKeep = 1, maxKeep = 3, sep = nl } = {}) {
  const r = c.r;
  const nP = Math.min(piiFields.length, r.int(minPii, maxPii));
  const nK = Math.min(keepFields.length, r.int(minKeep, maxKeep));
  const chosenP = new Set(r.sample(piiFields.map((_, i) => i), nP));
  const chosenK = new Set(r.sample(keepFields.map((_, i) => i), nK));
  const lines = [];
  piiFields.forEach((f, i) => chosenP.has(i) && lines.push(f()));
  keepFields.forEach((f, i) => chosenK.has(i) && lines.push(f()));
  return join(lines, sep);
}
const keepFieldsFor = (c, p) => [
  () => [c.r.pick(['Known conditions: ', 'Medical history: ', 'Diagnosis: ', 'Chronic illness: ']), eponym(c)],
  () => [c.r.pick(['Current medications: ', 'Medicines: ', 'Current Rx: ']), drug(c), ', ', drug(c)],
  () => ['Blood group: ', bloodGroup(c)],
  () => [c.r.pick(['Past surgery: ', 'Previous operations: ', 'Surgical history: ']), operation(c)],
  () => [c.r.pick(['Last BP: ', 'Vitals: ']), bp(c)],
  () => ['Recent tests: ', test(c)],
  () => ['Age: ', ageExpr(c, p, c.r.int(18, 89), c.r.pick(['yrs', 'yr']))],
];

const FORM = [
  // 0: registration form
  (c) => {
    const p = mkPerson(c), r = c.r, city = cityOf(c), em = mkPerson(c);
    const head = r.pick(['PATIENT REGISTRATION FORM', 'New patient registration', 'Registration Form']);
    const pii = [
      () => [r.pick(['Full name: ', 'Name: ', 'Patient name: ']), nm(c, p, r.pick(['full', 'upper', 'lastFirst']), false)],
      () => [r.pick(['Date of birth: ', 'DOB: ', 'D.O.B.: ']), dob(c)],
      () => ['Age: ', ageExpr(c, p, c.r.int(90, 101), r.pick(['yrs', 'yr']))],
      () => [r.pick(['Mobile: ', 'Phone: ', 'Tel: ', 'Contact no: ']), phone(c, city)],
      () => [r.pick(['Email: ', 'E-mail: ', 'Email ID: ']), email(c, p)],
      () => ['Address: ', fullAddress(c, city)],
      () => postalCodeField(c, city),
      () => idField(c, null, p),
      () => [r.pick(['Emergency contact: ', 'Next of kin: ']), nm(c, em, 'full', false), ` (${r.pick(em.gender === 'f' ? ['daughter', 'wife', 'sister', 'friend'] : ['son', 'husband', 'brother', 'friend'])}) `, phone(c)],
      () => [r.pick(['Registered from IP: ', 'Signup IP: ']), ip(c)],
      () => [r.pick(['Photo ID upload: ', 'Documents: ']), url(c, p, 'file')],
    ];
    return [head, nl, formLines(c, pii, keepFieldsFor(c, p), { maxPii: 4 })];
  },
  // 1: online symptom form with free-text answers
  (c) => {
    const p = mkPerson(c), r = c.r;
    c.lc = true;
    const pii = [
      () => ['Q: Your name\nA: ', nm(c, p, r.pick(['full', 'first']))],
      () => ['Q: Best number to reach you\nA: ', phone(c)],
      () => ['Q: Where are you right now?\nA: ', r.pick(['in ', 'at home in ', 'near ', '']), cityName(c, cityOf(c))],
      () => ['Q: Insurance / ID number\nA: ', idField(c, null, p, { lower: true })],
    ];
    const keepQ = [
      () => S`Q: Describe your problem\nA: ${r.pick(['stomach pain since', 'fever since', 'rash since', 'tremor since'])} ${days(c)}, took ${drug(c)}`,
      () => S`Q: Any existing conditions?\nA: ${eponym(c)}`,
      () => S`Q: Any tests done?\nA: ${test(c)}${r.chance(0.5) ? ' last month' : ''}`,
      () => S`Q: Past surgeries?\nA: ${operation(c)}`,
    ];
    const out = ['Symptom checker submission', nl, formLines(c, pii, keepQ, { maxPii: 3, minKeep: 1, maxKeep: 3 })];
    c.lc = false;
    return out;
  },
  // 2: insurance pre-authorisation
  (c) => {
    const p = mkPerson(c), r = c.r;
    const cur = c.region === 'IN' ? `Rs. ${r.int(1, 9)},${r.int(10, 99)},000` : c.region === 'UK' ? `£${r.int(1, 30)},${r.int(100, 999)}` : `$${r.int(2, 90)},${r.int(100, 999)}`;
    const pii = [
      () => [r.pick(['Insured name: ', 'Name of insured: ', 'Member name: ']), nm(c, p, r.pick(['full', 'upper']), false)],
      () => idField(c, 'policy', p),
      () => idField(c, 'member', p),
      () => idField(c, primaryIdKind(c), p),
      () => ['Date of admission: ', visitDate(c)],
      () => ['Treating doctor: Dr ', nm(c, mkPerson(c), 'full', false)],
    ];
    const keep = [
      () => ['Provisional diagnosis: ', eponym(c)],
      () => ['Proposed procedure: ', operation(c)],
      () => ['Severity: ', score(c)],
      () => ['Investigations: ', test(c), ', ', clin(c)],
    ];
    return [r.pick(['PRE-AUTHORISATION REQUEST', 'Cashless claim form', 'Prior authorization request']), nl, formLines(c, pii, keep, { maxPii: 4, minKeep: 1, maxKeep: 3 }), nl, `Estimated cost: ${cur}`];
  },
  // 3: tele-consult booking (metadata incl. IP, URL)
  (c) => {
    const p = mkPerson(c), r = c.r;
    const pii = [
      () => ['Patient: ', nm(c, p, 'full', false)],
      () => ['Email: ', email(c, p)],
      () => ['Phone: ', phone(c)],
      () => ['Preferred doctor: Dr ', nm(c, mkPerson(c), 'last', false)],
      () => [r.pick(['Submitted from IP: ', 'Client IP ', 'ip_address: ']), ip(c)],
      () => r.chance(0.6) ? [r.pick(['Attachment link: ', 'Uploaded file: ']), url(c, p, 'file')] : ['Profile: ', url(c, p, 'social')],
      () => ['Appointment date: ', visitDate(c)],
      () => ['Home address: ', fullAddress(c)],
      () => idField(c, null, p),
    ];
    const keep = [
      () => ['Reason for visit: ', eponym(c), ' follow-up'],
      () => ['Medicines: ', drug(c)],
      () => ['Allergy to ', drug(c)],
      () => ['Blood group: ', bloodGroup(c)],
    ];
    return ['Tele-consultation booking', nl, formLines(c, pii, keep, { maxPii: 4, minKeep: 1, maxKeep: 2 })];
  },
  // 4: next-of-kin / carer update
  (c) => {
    const p = mkPerson(c), kin = mkPerson(c), r = c.r, city = cityOf(c);
    const pii = [
      () => ['Patient name: ', nm(c, p, 'full', false)],
      () => idField(c, primaryIdKind(c), p),
      () => ['Next of kin: ', title(c, kin), nm(c, kin, 'full', false)],
      () => ['NOK phone: ', phone(c, city)],
      () => ['NOK address: ', fullAddress(c, city)],
      () => ['Patient age: ', ageExpr(c, p, r.int(90, 102), 'yrs')],
    ];
    return ['Contact details update', nl, formLines(c, pii, keepFieldsFor(c, p), { maxPii: 3, minKeep: 1, maxKeep: 2 })];
  },
  // 5: lab requisition
  (c) => {
    const p = mkPerson(c), doc = mkPerson(c), r = c.r;
    const pii = [
      () => ['Patient: ', nm(c, p, r.pick(['full', 'upper', 'init']), false)],
      () => ['Age/Sex: ', ageExpr(c, p, pickAge(c, 0.3), 'slash')],
      () => ['Ref. by: Dr ', nm(c, doc, 'last', false)],
      () => ['Sample collected: ', visitDate(c)],
      () => idField(c, primaryIdKind(c), p),
    ];
    const keep = [
      () => ['Tests requested: ', test(c), ', ', test(c)],
      () => ['Clinical details: ', eponym(c), ', on ', drug(c)],
      () => ['Blood group: ', bloodGroup(c)],
      () => ['Last value: ', labTerm(c)],
    ];
    return ['LAB REQUISITION', nl, formLines(c, pii, keep, { maxPii: 4, minKeep: 1, maxKeep: 3 })];
  },
];
const FORM_NOPII = [
  (c) => { const p = { gender: c.r.pick(['f', 'm']) }; return ['Medical history questionnaire', nl, formLines(c, [], keepFieldsFor(c, p), { minPii: 0, maxPii: 0, minKeep: 2, maxKeep: 4 })]; },
  (c) => S`Pre-anaesthesia checklist\nProcedure: ${operation(c)}\nBlood group: ${bloodGroup(c)}\n${score(c)}\nAnticoagulant: ${K('drug', c.r.pick(['Eliquis 5 mg', 'Ecosprin 75', 'Eliquis', 'Ecosprin', 'apixaban']))} stopped\nComorbidity: ${eponym(c)}`,
];

// Same-note collisions: a patient/doctor surname that is also the eponym in a keep term of the same note.
const COLLIDE = {
  Bell: (r) => K('eponym', r.pick(["Bell's palsy", 'Bells palsy'])),
  Graves: (r) => K('eponym', r.pick(["Graves' disease", 'Graves disease'])),
  Addison: () => K('eponym', "Addison's disease"),
  Wells: (r) => K('score', `Wells score ${r.int(0, 7)}`),
  Wilson: () => K('eponym', "Wilson's disease"),
  Parkinson: (r) => K('eponym', r.pick(["Parkinson's disease", "Parkinson's"])),
  Bishop: (r) => K('score', `Bishop score ${r.int(3, 10)}`),
  Whipple: () => K('operation', 'Whipple procedure'),
  Gleason: (r) => K('score', r.pick(['Gleason 7', 'Gleason 3+4=7', 'Gleason 8'])),
};
function collisionNote(c) {
  const r = c.r;
  const names = c.pools.names.UK.last.filter((x) => COLLIDE[x]);
  const last = r.pick(names);
  const p = { ...mkPerson(c, { origin: 'UK' }), last };
  const keepTerm = () => COLLIDE[last](r);
  const other = mkPerson(c);
  return c.v([
    () => [title(c, p), nm(c, p, 'full', false), ' (', ageExpr(c, p, pickAge(c, 0.3), 'yearold'), ') — ', keepTerm(), ' confirmed. ', capK(drug(c)), ' started.', patientExtras(c, p, { max: 1 })],
    () => ['Reviewed ', title(c, p), nm(c, p, 'last', false), ' today. ', capK(keepTerm()), ' noted. Plan: ', test(c), '.', patientExtras(c, p, { max: 1 })],
    () => ['Dr ', nm(c, p, 'last', false), ' documented ', keepTerm(), '; patient ', nm(c, other, 'full', false), ' agrees with the plan. ', capK(drug(c)), ' ', sched(c), '.'],
    () => ['Re: ', title(c, p), nm(c, p, 'full', false), nl, 'Known ', keepTerm(), '. On ', drug(c), ' ', sched(c), '. ', capK(test(c)), ' requested.', patientExtras(c, p, { max: 1 })],
  ])();
}

const GENRES = {
  chat: { pii: null, nopii: null },
  clinical_note: { pii: CLINICAL_NOTE, nopii: CLINICAL_NOTE_NOPII },
  referral: { pii: REFERRAL, nopii: REFERRAL_NOPII },
  discharge: { pii: DISCHARGE, nopii: DISCHARGE_NOPII },
  form: { pii: FORM, nopii: FORM_NOPII },
};

// ───────────────────────────── validation ─────────────────────────────
const ALL_CITY_NAMES = new Set([...CITIES_IN, ...CITIES_UK, ...CITIES_US].map((x) => x[0].toLowerCase()));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const overlaps = (a, b) => a.start < b.end && b.start < a.end;

// Hard errors: the script is wrong, abort.
function assertConsistent(note) {
  const { text, entities, keep } = note;
  for (const s of [...entities, ...keep]) {
    if (text.slice(s.start, s.end) !== s.value) throw new Error(`${note.id}: span mismatch ${JSON.stringify(s)}`);
    if (!(s.end > s.start)) throw new Error(`${note.id}: empty span`);
    if (s.value !== s.value.trim()) throw new Error(`${note.id}: untrimmed span ${JSON.stringify(s.value)}`);
  }
  for (let i = 0; i < entities.length; i++) for (let j = i + 1; j < entities.length; j++) if (overlaps(entities[i], entities[j])) throw new Error(`${note.id}: overlapping gold`);
  for (const k of keep) for (const e of entities) if (overlaps(k, e)) throw new Error(`${note.id}: keep overlaps gold ${k.value} / ${e.value}`);
  for (let i = 0; i < keep.length; i++) for (let j = i + 1; j < keep.length; j++) if (overlaps(keep[i], keep[j])) throw new Error(`${note.id}: overlapping keep`);
  // Long digit runs outside gold would be unlabelled identifiers.
  for (const m of text.matchAll(/\d{6,}/g)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!entities.some((e) => overlaps(e, span))) throw new Error(`${note.id}: unlabelled digit run ${m[0]} in ${JSON.stringify(text)}`);
  }
}
// Soft rejections: the random draw produced something ambiguous; draw again.
function rejectReason(note, noPII) {
  const { text, entities, keep } = note;
  const n = entities.length;
  if (noPII ? n !== 0 : n < 1 || n > 6) return 'pii-count';
  if (keep.length > (note.genre === 'chat' ? 5 : 8)) return 'keep-count';
  if (noPII && keep.length === 0) return 'no-keep';
  const covered = [...entities, ...keep];
  const tokens = new Set();
  for (const e of entities) {
    if (e.type === 'NAME') for (const t of e.value.split(/[\s,.]+/)) if (t.length >= 3) tokens.add(t.toLowerCase());
    if (e.type === 'ADDRESS' && ALL_CITY_NAMES.has(e.value.toLowerCase())) tokens.add(e.value.toLowerCase());
  }
  for (const t of tokens) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(t)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!covered.some((s) => s.start <= span.start && s.end >= span.end)) return `untagged:${t}`;
    }
  }
  return null;
}

// ───────────────────────────── main ─────────────────────────────
function generateSplit({ name, seed, parity, n }) {
  const r = new Rng(seed);
  const pools = buildPools(parity);
  const schedule = [];
  for (const [genre, count] of Object.entries(GENRE_COUNTS)) for (let i = 0; i < count; i++) schedule.push({ genre, noPII: i < NO_PII_COUNTS[genre] });
  if (schedule.length !== n) throw new Error('schedule size');
  const order = r.shuffle(schedule);
  const notes = [];
  const seen = new Set();
  const rejects = {};
  let chatN = 0;
  let chatK = 0;
  order.forEach(({ genre, noPII }, idx) => {
    const probe = genre === 'chat' && !noPII ? PROBES[chatN++ % PROBES.length] : null;
    const keepProbe = genre === 'chat' ? KEEP_PROBES[chatK++ % KEEP_PROBES.length] : null;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 500) throw new Error(`cannot generate ${genre} noPII=${noPII}`);
      const x = r.f();
      const region = x < 0.45 ? 'IN' : x < 0.725 ? 'UK' : 'US';
      const c = new Ctx(r, parity, pools, region, genre);
      const collide = !noPII && (genre === 'clinical_note' || genre === 'referral') && r.chance(0.12);
      const segs = genre === 'chat' ? genChat(c, noPII, probe, keepProbe) : collide ? collisionNote(c) : c.v(noPII ? GENRES[genre].nopii : GENRES[genre].pii)(c);
      const { text, entities, keep } = assemble(segs);
      const note = { id: `${name}-${String(idx + 1).padStart(4, '0')}`, split: name, genre, region: c.region, text, entities, keep };
      assertConsistent(note);
      const why = rejectReason(note, noPII) || (seen.has(text) ? 'duplicate' : null);
      if (why) { const k = why.split(':')[0]; rejects[k] = (rejects[k] || 0) + 1; if (process.env.DEBUG_REJECT && attempt > 400) console.error(why, JSON.stringify(text)); continue; }
      seen.add(text);
      notes.push(note);
      break;
    }
  });
  return { notes, rejects };
}

function stats(notes) {
  const inc = (o, k, d = 1) => { o[k] = (o[k] || 0) + d; };
  const s = { notes: notes.length, genre: {}, region: {}, entityType: {}, keepKind: {}, piiPerNote: {}, keepPerNote: {}, noPII: 0 };
  for (const n of notes) {
    inc(s.genre, n.genre); inc(s.region, n.region);
    n.entities.forEach((e) => inc(s.entityType, e.type));
    n.keep.forEach((k) => inc(s.keepKind, k.kind));
    inc(s.piiPerNote, n.entities.length); inc(s.keepPerNote, n.keep.length);
    if (!n.entities.length) s.noPII++;
  }
  return s;
}

const results = SPLITS.map((sp) => ({ sp, ...generateSplit(sp) }));
// Cross-split checks: no identical texts; name pools disjoint.
const devTexts = new Set(results[0].notes.map((n) => n.text));
const shared = results[1].notes.filter((n) => devTexts.has(n.text));
if (shared.length) throw new Error(`holdout shares ${shared.length} texts with dev`);
const nameVals = (notes) => new Set(notes.flatMap((n) => n.entities.filter((e) => e.type === 'NAME').flatMap((e) => e.value.toLowerCase().split(/[\s,.]+/).filter((t) => t.length >= 3))));
const devNames = nameVals(results[0].notes);
const overlapNames = [...nameVals(results[1].notes)].filter((t) => devNames.has(t));
if (overlapNames.length) throw new Error(`name tokens shared across splits: ${overlapNames.join(', ')}`);

// Every keep term listed in the brief occurs in both splits.
for (const { sp, notes } of results) {
  const values = new Set(notes.flatMap((n) => n.keep.map((k) => `${k.kind}:${k.value}`)));
  const absent = KEEP_PROBES.filter(([kind, v]) => !values.has(`${kind}:${v}`));
  if (absent.length) throw new Error(`${sp.name}: keep terms missing: ${absent.map((x) => x[1]).join(', ')}`);
}

for (const { sp, notes, rejects } of results) {
  const file = pathJoin(OUT_DIR, `${sp.name}.jsonl`);
  writeFileSync(file, notes.map((n) => JSON.stringify(n)).join('\n') + '\n');
  console.log(`\n== ${sp.name}: ${notes.length} notes -> ${file}`);
  console.log(JSON.stringify(stats(notes)));
  console.log('rejected draws:', JSON.stringify(rejects));
}
