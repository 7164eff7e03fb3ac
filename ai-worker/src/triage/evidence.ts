import { analyse, type Analysis, type Hit } from './clauses.ts';
import { readFacts, type Facts } from './facts.ts';
import type { Concept } from './lexicon.ts';
import { normalise } from './normalise.ts';
import type { ParsedTriageInput } from './schema.ts';

/**
 * Everything the red-flag rules read about one symptom description: the normalised text, the
 * concept mentions with their negation and time, the numbers, and the patient's effective age.
 */
export interface Evidence {
  input: ParsedTriageInput;
  text: string;
  analysis: Analysis;
  facts: Facts;
  /** Years: the child's age the text states when smaller than the form's (a parent filled it in). */
  age: number;
  /** Concept mentions that count (not negated, not in the past), by concept. */
  affirmed: Map<Concept, Hit[]>;
  /** Mentions that are not negated, including past ones ("known aneurysm"). */
  mentioned: Map<Concept, Hit[]>;
}

/**
 * A concept mention that says the opposite of the concept: "confused about my dose" is not
 * confusion, "food poisoning" is not a poisoning.
 */
const DISCARD_IF_NEXT: Partial<Record<Concept, (hit: string, next: string, after: string) => boolean>> = {
  confusion: (_h, n) => /^(?:about|regarding|whether|if|by|over|as|with|on|between|which)$/.test(n),
  // "a fit note", "fit for work", "fit and well": the adjective, not a seizure.
  // "Having a fit and it has lasted 6 minutes" is one; "fit and well" is not.
  seizure: (h, n, a) =>
    / fit$/.test(` ${h}`) &&
    (/^(?:note|notes|test|certificate|for|to|person|enough)$/.test(n) ||
      (n === 'and' && /^(?:well|healthy|strong|active|fine|ready)$/.test(a))),
  poison: (_h, n) => n === 'ivy',
  // "I am 3 weeks into a cold / post-op / after my op" counts weeks of something else.
  pregnant: (h, n) =>
    /^i am /.test(h) && /^(?:into|in|post|postop|after|since|of|with|postpartum|off|on)$/.test(n),
  // "Rope burn", "rope climbing": the gym, not a means; old clothes given to charity are a clear-out.
  suicide_means_weak: (h, n, a) =>
    (h === 'rope' && /^(?:burn|burns|climb|climbing|swing|course)$/.test(n)) ||
    (/ away$/.test(h) &&
      (/^(?:old|unused|spare|outgrown|clothes|toys|books)$/.test(n) ||
        /^(?:old|unused|spare|outgrown|clothes|toys|books|charity)$/.test(a))),
  // "Cannot walk far / upstairs / fast" is exercise tolerance, not being unable to walk.
  cannot_walk: (_h, n) =>
    /^(?:far|much|very|as|up|upstairs|uphill|long|more|fast|quickly|properly|straight|without|that)$/.test(n),
  // "struggling to breathe through my nose" is a blocked nose.
  severe_breath: (_h, n) => n === 'through',
  bleeding: (h, n) => /^bleed/.test(h) && /^(?:gums?|gingival)$/.test(n),
};
/** "bleeding stopped with pressure": a sign that has already resolved by itself. */
const RESOLVED_AFTER: Partial<Record<Concept, RegExp>> = {
  // "nose bleed for 2 minutes, stopped by itself" (not "has not stopped", "nahi ruk raha").
  bleeding:
    /^(?:(?! (?:not|never|nahi|wont|cannot)(?= ))[^.!?;])*? (?:stopped|ruk gaya|ruk gayi|ruk gya|band ho gaya|band ho gayi|settled|controlled)(?= |$)/,
  // "fever not responding to paracetamol" is about the medicine, not consciousness.
  unconscious:
    /^ to (?:the |any |his |her |my )?(?:medicine|medicines|medication|treatment|paracetamol|antibiotics?|tablets?|dolo|crocin|drugs?|therapy|syrup|inhaler|injections?)(?= |$)/,
};
const DISCARD_IF_PREV: Partial<Record<Concept, RegExp>> = {
  poison: /^(?:food)$/,
  // "stopped bleeding"; bleeding gums are a dentist's matter.
  bleeding: /^(?:stopped|stop|gums?|gingival)$/,
  suicide_means_weak: /^(?:skipping|jump|jumping|climbing|tow|washing)$/,
};

export function gather(input: ParsedTriageInput): Evidence {
  const text = normalise(input.symptoms);
  const analysis = analyse(text);
  const facts = readFacts(text);
  const affirmed = new Map<Concept, Hit[]>();
  const mentioned = new Map<Concept, Hit[]>();
  for (const h of analysis.hits) {
    const next = analysis.tokens[h.tokenEnd + 1]?.text ?? '';
    const afterNext = analysis.tokens[h.tokenEnd + 2]?.text ?? '';
    const prev = analysis.tokens[h.tokenStart - 1]?.text ?? '';
    // "feels like I can't breathe" (panic) is breathlessness, not an airway that has closed.
    const feltLike = [1, 2].some((k) => analysis.tokens[h.tokenStart - k]?.text === 'like');
    if (h.concept === 'severe_breath' && feltLike) continue;
    if (
      DISCARD_IF_NEXT[h.concept]?.(text.slice(h.start, h.end), next, afterNext) ||
      DISCARD_IF_PREV[h.concept]?.test(prev)
    )
      continue;
    if (RESOLVED_AFTER[h.concept]?.test(text.slice(h.end, h.end + 80))) continue;
    if (h.negated) continue;
    mentioned.set(h.concept, [...(mentioned.get(h.concept) ?? []), h]);
    if (!h.past) affirmed.set(h.concept, [...(affirmed.get(h.concept) ?? []), h]);
  }
  const textAge = facts.childAgeYears;
  const age = textAge !== undefined && (input.age < 1 || textAge < input.age) ? textAge : input.age;
  return { input, text, analysis, facts, age, affirmed, mentioned };
}

/** A fever said in words or read on a thermometer (a stated normal reading outweighs the word). */
export function feverish(e: Evidence): boolean {
  const t = Math.max(e.facts.temperatureC ?? 0, e.input.vitals?.temperatureC ?? 0);
  if (t >= 38) return true;
  // A stated normal temperature outweighs the word "temp".
  return (
    has(e, 'fever') &&
    (t === 0 || t >= 37.5) &&
    !(e.facts.temperatureC !== undefined && e.facts.temperatureC < 37.5) &&
    // A mild temperature (below 38 °C) in the two days after jabs is the expected reaction (NHS).
    !(has(e, 'after_vaccination') && t > 0 && t < 38)
  );
}

/** The patient calls the pain slight ("mild cramps", "halka dard") and says nothing severe or bleeding. */
export function onlyMildPain(e: Evidence): boolean {
  return has(e, 'mild_cue') && !has(e, 'severe_cue', 'cue_worst', 'bleeding');
}

/** Any affirmed mention of any of these concepts. */
export function has(e: Evidence, ...concepts: Concept[]): boolean {
  return concepts.some((c) => e.affirmed.has(c));
}

/** Mentioned at all (past included), not negated. */
export function ever(e: Evidence, ...concepts: Concept[]): boolean {
  return concepts.some((c) => e.mentioned.has(c));
}

type Group = Concept | readonly Concept[];
const sentencesOf = (e: Evidence, g: Group): Set<number> => {
  const out = new Set<number>();
  for (const c of typeof g === 'string' ? [g] : g)
    for (const h of e.affirmed.get(c) ?? []) out.add(h.sentence);
  return out;
};

/**
 * Each group has an affirmed mention in one sentence (window 1), or within `window` consecutive
 * sentences: co-occurrence, not one contiguous phrase.
 */
export function together(e: Evidence, groups: readonly Group[], window = 1): boolean {
  const sets = groups.map((g) => sentencesOf(e, g));
  if (sets.some((s) => s.size === 0)) return false;
  for (const start of sets[0]!)
    for (let s0 = start - window + 1; s0 <= start; s0++)
      if (sets.every((set) => [...set].some((x) => x >= s0 && x < s0 + window))) return true;
  return false;
}
