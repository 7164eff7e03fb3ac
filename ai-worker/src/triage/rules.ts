import { gather, type Evidence } from './evidence.ts';
import { RED_FLAG_RULES } from './flags.ts';
import { severityCues } from './safety-net.ts';
import { digestOf, featuresOf, type CaseIndex } from './similar.ts';
import {
  DISCLAIMER,
  maxPriority,
  priorityRank,
  TriageInputSchema,
  type ParsedTriageInput,
  type Priority,
  type RedFlag,
  type TriageInput,
  type TriageResult,
} from './schema.ts';
import { specialtyFor } from './specialty.ts';

/**
 * Deterministic triage, always available, synchronous, no network. The free text is normalised
 * (normalise.ts), read as concepts with negation and time (lexicon.ts, clauses.ts), checked against
 * red-flag rules (flags.ts) and finally the safety net (safety-net.ts). It can only raise priority:
 * a model (service.ts) may raise it further, never lower it.
 */

export { RED_FLAG_RULES } from './flags.ts';

function flagsFor(e: Evidence): RedFlag[] {
  return RED_FLAG_RULES.filter((r) => r.when(e)).map(({ code, label, priority }) => ({
    code,
    label,
    priority,
  }));
}

export function detectRedFlags(input: ParsedTriageInput): RedFlag[] {
  return flagsFor(gather(input));
}

export const UNEXPLAINED_SEVERITY: RedFlag = {
  code: 'unexplained_severity_cue',
  label: 'Warning words that no rule explains: to be seen today and reviewed',
  priority: 'urgent',
};

/** The similar-cases layer raised the answer (similar.ts): the label names the level it read. */
export const SIMILAR_CASES: Record<'emergency' | 'emergencyUnconfirmed' | 'urgent', RedFlag> = {
  emergency: {
    code: 'similar_to_emergencies',
    label: 'Reads like descriptions of emergencies (similar-case check)',
    priority: 'emergency',
  },
  emergencyUnconfirmed: {
    code: 'similar_to_emergencies_unconfirmed',
    label: 'Reads like descriptions of emergencies, though no rule confirms it: to be seen today',
    priority: 'urgent',
  },
  urgent: {
    code: 'similar_to_urgent',
    label: 'Reads like descriptions that needed a doctor the same day (similar-case check)',
    priority: 'urgent',
  },
};

export interface TriageRulesOptions {
  /** Labelled descriptions to compare with (cases.ts); without it only the rules answer. */
  cases?: CaseIndex;
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
export function triageRules(raw: TriageInput, opts: TriageRulesOptions = {}): TriageResult {
  const input = TriageInputSchema.parse(raw);
  const e = gather(input);
  const flags = flagsFor(e);
  let priority: Priority = 'routine';
  for (const f of flags) priority = maxPriority(priority, f.priority);
  // Safety net: a severity cue with no rule behind it is never "book an appointment".
  const cues = priority === 'routine' ? severityCues(e) : [];
  // Similar cases, raise-only. Neighbours alone make it urgent; they make an emergency only of a
  // description in which a rule found something (a knee twinge told with "sudden sharp" reads like
  // torsion to a bag of words, and sending routine patients to emergency services has a cost).
  const voted =
    opts.cases && priority !== 'emergency' ? opts.cases.vote(featuresOf(digestOf(e))).priority : 'routine';
  const flag =
    voted === 'routine'
      ? undefined
      : SIMILAR_CASES[voted === 'emergency' && priority === 'routine' ? 'emergencyUnconfirmed' : voted];
  if (flag && priorityRank(flag.priority) > priorityRank(priority)) {
    flags.push(flag);
    priority = flag.priority;
  }
  if (cues.length) {
    flags.push(UNEXPLAINED_SEVERITY);
    priority = maxPriority(priority, 'urgent');
  }
  const specialty = specialtyFor(e, priority);
  const reasons = flags.length
    ? flags.map((f) => f.label)
    : ['No red-flag symptoms found in the description'];
  const confidence =
    priority === 'emergency'
      ? 0.9
      : priority === 'urgent'
        ? cues.length
          ? 0.5
          : 0.7
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
    ...(cues.length ? { unmatchedSeverityCues: cues } : {}),
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
