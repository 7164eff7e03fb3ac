/**
 * A small curated table of drug classes for the prescribing checks (issue 19): the classes whose
 * cross-reactions and duplications a prescriber most often needs reminding of, the generic names in
 * each (British and American spellings, common Indian brand names), and the names a patient writes
 * for the whole class in an allergy ("penicillin", "sulfa", "NSAIDs"). Not a drug database: a name
 * it does not know is matched by substance only.
 */
export const DrugClassIds = [
  'penicillins',
  'cephalosporins',
  'sulfonamides',
  'nsaids',
  'macrolides',
  'fluoroquinolones',
  'tetracyclines',
  'opioids',
  'ace_inhibitors',
] as const;
export type DrugClassId = (typeof DrugClassIds)[number];

export interface DrugClass {
  label: string;
  /** What patients and clinicians call the class as a whole. */
  aliases: readonly string[];
  /** Generic substance -> other names it goes by (spellings, brands, combinations containing it). */
  members: Readonly<Record<string, readonly string[]>>;
}

export const DRUG_CLASSES: Readonly<Record<DrugClassId, DrugClass>> = {
  penicillins: {
    label: 'Penicillins',
    aliases: ['penicillin', 'penicillins', 'beta-lactam', 'beta lactam'],
    members: {
      amoxicillin: ['amoxycillin', 'amoxil', 'mox', 'novamox', 'augmentin', 'co-amoxiclav', 'clavam'],
      ampicillin: ['ampicilin'],
      benzylpenicillin: ['penicillin g', 'benzathine penicillin'],
      phenoxymethylpenicillin: ['penicillin v', 'penicillin vk'],
      flucloxacillin: ['floxapen'],
      cloxacillin: [],
      dicloxacillin: [],
      piperacillin: ['tazocin', 'piperacillin-tazobactam'],
    },
  },
  cephalosporins: {
    label: 'Cephalosporins',
    aliases: ['cephalosporin', 'cephalosporins'],
    members: {
      cefalexin: ['cephalexin', 'keflex', 'sporidex'],
      cefadroxil: ['cephadroxil'],
      cefuroxime: ['ceftum', 'zinacef'],
      cefixime: ['taxim-o', 'zifi'],
      cefpodoxime: [],
      ceftriaxone: ['rocephin', 'monocef'],
      cefazolin: ['cephazolin'],
    },
  },
  sulfonamides: {
    label: 'Sulfonamide antibiotics',
    aliases: ['sulfa', 'sulpha', 'sulfa drugs', 'sulfonamide', 'sulfonamides', 'sulphonamides'],
    members: {
      sulfamethoxazole: ['co-trimoxazole', 'cotrimoxazole', 'bactrim', 'septran', 'septra'],
      sulfadiazine: [],
      sulfasalazine: ['sulphasalazine'],
    },
  },
  nsaids: {
    label: 'NSAIDs',
    aliases: ['nsaid', 'nsaids', 'anti-inflammatories', 'painkillers (nsaid)'],
    members: {
      ibuprofen: ['brufen', 'advil', 'nurofen', 'combiflam'],
      diclofenac: ['voveran', 'voltaren', 'voltarol'],
      naproxen: ['naprosyn', 'aleve'],
      aspirin: ['acetylsalicylic acid', 'disprin', 'ecosprin'],
      mefenamic_acid: ['mefenamic acid', 'meftal', 'ponstan'],
      ketorolac: [],
      indometacin: ['indomethacin'],
      celecoxib: ['celebrex'],
      etoricoxib: [],
      aceclofenac: ['zerodol'],
    },
  },
  macrolides: {
    label: 'Macrolides',
    aliases: ['macrolide', 'macrolides'],
    members: {
      azithromycin: ['azithral', 'zithromax', 'azee'],
      clarithromycin: ['klacid'],
      erythromycin: [],
    },
  },
  fluoroquinolones: {
    label: 'Fluoroquinolones',
    aliases: ['quinolone', 'quinolones', 'fluoroquinolone', 'fluoroquinolones'],
    members: {
      ciprofloxacin: ['ciplox', 'cipro'],
      levofloxacin: ['levaquin'],
      ofloxacin: ['zanocin'],
      moxifloxacin: [],
      norfloxacin: ['norflox'],
    },
  },
  tetracyclines: {
    label: 'Tetracyclines',
    aliases: ['tetracyclines'],
    members: {
      doxycycline: ['doxy', 'vibramycin'],
      tetracycline: [],
      minocycline: [],
    },
  },
  opioids: {
    label: 'Opioids',
    aliases: ['opioid', 'opioids', 'opiates'],
    members: {
      codeine: ['co-codamol'],
      tramadol: ['ultracet', 'tramazac'],
      morphine: [],
      oxycodone: [],
      hydrocodone: [],
      fentanyl: [],
      tapentadol: [],
    },
  },
  ace_inhibitors: {
    label: 'ACE inhibitors',
    aliases: ['ace inhibitor', 'ace inhibitors', 'ace-inhibitors'],
    members: {
      lisinopril: [],
      enalapril: [],
      ramipril: ['cardace'],
      perindopril: [],
      captopril: [],
    },
  },
};

/**
 * Below these ages a drug is out of range for a child (issue 19): the licensed lower age limits a
 * prescriber is expected to know, per substance or per class. Dose-by-weight is not checked here.
 */
export const AgeLimitReasons = [
  'reye_syndrome',
  'tooth_discolouration',
  'tendon_damage',
  'respiratory_depression',
] as const;
export type AgeLimitReason = (typeof AgeLimitReasons)[number];

export const MIN_AGE_RULES: readonly {
  target: { substance: string } | { classId: DrugClassId };
  minAgeYears: number;
  /** The risk, as a code (screens word it in their language) and in English. */
  reason: AgeLimitReason;
  why: string;
}[] = [
  { target: { substance: 'aspirin' }, minAgeYears: 16, reason: 'reye_syndrome', why: "Reye's syndrome" },
  {
    target: { classId: 'tetracyclines' },
    minAgeYears: 8,
    reason: 'tooth_discolouration',
    why: 'tooth discolouration',
  },
  {
    target: { classId: 'fluoroquinolones' },
    minAgeYears: 18,
    reason: 'tendon_damage',
    why: 'tendon and cartilage damage',
  },
  {
    target: { substance: 'codeine' },
    minAgeYears: 12,
    reason: 'respiratory_depression',
    why: 'respiratory depression',
  },
  {
    target: { substance: 'tramadol' },
    minAgeYears: 12,
    reason: 'respiratory_depression',
    why: 'respiratory depression',
  },
];
