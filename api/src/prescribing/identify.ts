import { DRUG_CLASSES, DrugClassIds, type DrugClassId } from './drug-classes.ts';

/**
 * What a free-text drug or allergen names, against the class table: the generic substances (a
 * brand or combination names its generics) and the classes. Matching is on whole words, so "mox"
 * (a brand) never matches inside "moxifloxacin". Pure.
 */
export interface Identity {
  /** Generic substances named (table keys), or the text's first word when the table knows none. */
  substances: string[];
  /** Classes of the substances named. */
  classes: DrugClassId[];
  /** Classes named as a whole ("penicillin", "sulfa", "NSAIDs"): only allergies use these. */
  namedClasses: DrugClassId[];
}

export const normalize = (s: string) =>
  ` ${s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

const has = (text: string, name: string) => text.includes(normalize(name));

export function identify(name: string): Identity {
  const text = normalize(name);
  const substances = new Set<string>();
  const classes = new Set<DrugClassId>();
  const namedClasses = new Set<DrugClassId>();
  for (const id of DrugClassIds) {
    const c = DRUG_CLASSES[id];
    for (const [substance, others] of Object.entries(c.members)) {
      if ([substance.replace(/_/g, ' '), ...others].some((n) => has(text, n))) {
        substances.add(substance);
        classes.add(id);
      }
    }
    if (c.aliases.some((a) => has(text, a))) namedClasses.add(id);
  }
  if (substances.size === 0 && namedClasses.size === 0) {
    // Not in the table: the first real word stands for the substance ("Metformin 500 mg SR").
    const word = text.split(' ').find((w) => w.length >= 4 && /^[a-z]+$/.test(w));
    if (word) substances.add(word);
  }
  return { substances: [...substances], classes: [...classes], namedClasses: [...namedClasses] };
}

export const classLabel = (id: DrugClassId) => DRUG_CLASSES[id].label;
