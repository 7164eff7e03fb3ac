import {
  EMERGENCY_NUMBER_FALLBACK,
  SCREEN_ACTION_TEXT,
  SCREEN_CODES,
  SCREEN_QUESTIONS,
  type ScreenAction,
  type ScreenAnswers,
  type ScreenCode,
  type ScreenGroup,
  type ScreenLang,
  type ScreenQuestionDef,
} from './screen-questions.ts';
import {
  maxPriority,
  type ParsedTriageInput,
  type Priority,
  type RedFlag,
  type TriageResult,
} from './schema.ts';

/**
 * The red-flag screen's two pure functions: which questions a patient is asked, and how their
 * answers fold into a triage result. The answers only ever raise priority: any "yes" is an
 * emergency (the patient said, in so many words, that a 999 sign is present), and "not sure" is at
 * least urgent (a patient who cannot rule out a red flag should be seen today, never "book later").
 */

export interface ScreenSubject {
  age: number;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  pregnant?: boolean;
}

export interface ScreenQuestion extends ScreenQuestionDef {
  code: ScreenCode;
}

function applies(q: ScreenQuestionDef, s: ScreenSubject): boolean {
  const w = q.who;
  if (w.minAge !== undefined && s.age < w.minAge) return false;
  if (w.maxAge !== undefined && s.age >= w.maxAge) return false;
  if (w.sex && !w.sex.includes(s.sex ?? 'unknown')) return false;
  if (w.pregnant !== undefined && w.pregnant !== (s.pregnant === true)) return false;
  return true;
}

/** The questions for this age, sex and pregnancy, in display order. */
export function selectScreenQuestions(s: ScreenSubject): ScreenQuestion[] {
  // Nobody under 10 or male is asked pregnancy questions, whatever the form said.
  const subject = { ...s, pregnant: s.pregnant === true && s.sex !== 'male' && s.age >= 10 };
  const chosen = SCREEN_CODES.filter((code) => applies(SCREEN_QUESTIONS[code], subject));
  const replaced = new Set(chosen.flatMap((code) => SCREEN_QUESTIONS[code].replaces ?? []));
  return chosen.filter((code) => !replaced.has(code)).map((code) => ({ code, ...SCREEN_QUESTIONS[code] }));
}

/** What a patient reads: one language, the emergency number filled in. */
export interface LocalisedScreenQuestion {
  code: ScreenCode;
  group: ScreenGroup;
  text: string;
  action: ScreenAction;
  /** What to do now if the answer is "yes". */
  actionText: string;
}

export function screenActionText(action: ScreenAction, lang: ScreenLang, emergencyNumber?: string | null) {
  const number = emergencyNumber || EMERGENCY_NUMBER_FALLBACK[lang];
  return SCREEN_ACTION_TEXT[action][lang].replaceAll('{number}', number);
}

export function localiseScreen(
  questions: readonly ScreenQuestion[],
  lang: ScreenLang,
  emergencyNumber?: string | null,
): LocalisedScreenQuestion[] {
  return questions.map((q) => ({
    code: q.code,
    group: q.group,
    text: q.text[lang],
    action: q.action,
    actionText: screenActionText(q.action, lang, emergencyNumber),
  }));
}

export interface ScreenFindings {
  /** null when no answer raises anything ("no" to everything, or no screen). */
  priority: Priority | null;
  /** One per "yes" (emergency) and per "not sure" (urgent), named by the question code. */
  redFlags: RedFlag[];
  /**
   * The actions of the "yes" answers, the one to follow first at the head: the crisis text includes
   * calling the emergency number, and a 999 sign outranks ringing the maternity unit.
   */
  actions: ScreenAction[];
}

export function screenFindings(answers: ScreenAnswers | undefined): ScreenFindings {
  const yes: RedFlag[] = [];
  const unsure: RedFlag[] = [];
  const actions = new Set<ScreenAction>();
  for (const a of answers ?? []) {
    const q = SCREEN_QUESTIONS[a.code];
    if (a.answer === 'yes') {
      yes.push({ code: a.code, label: `${q.label} (screen: yes)`, priority: 'emergency' });
      actions.add(q.action);
    } else if (a.answer === 'unsure') {
      unsure.push({ code: a.code, label: `${q.label} (screen: not sure)`, priority: 'urgent' });
    }
  }
  return {
    priority: yes.length ? 'emergency' : unsure.length ? 'urgent' : null,
    redFlags: [...yes, ...unsure],
    actions: (['crisis', 'call_emergency', 'call_maternity'] as const).filter((x) => actions.has(x)),
  };
}

const SCREEN_MESSAGES = {
  emergency: (action: ScreenAction) => screenActionText(action, 'en'),
  urgent:
    'You were not sure about a warning sign, so please see a doctor today. If the answer turns out to be yes, or you get worse, call your local emergency number now.',
} as const;

/**
 * Folds the screen answers into a triage result (rules or model). Only raises: a result already at
 * or above the screen's priority keeps its own action and message, and gains the screen's flags.
 */
export function applyScreen(result: TriageResult, input: Pick<ParsedTriageInput, 'screen'>): TriageResult {
  const f = screenFindings(input.screen);
  if (!f.priority) return result;
  const priority = maxPriority(result.priority, f.priority);
  const raised = priority !== result.priority;
  const redFlags = [
    ...f.redFlags,
    ...result.redFlags.filter((r) => !f.redFlags.some((s) => s.code === r.code)),
  ];
  const out: TriageResult = {
    ...result,
    priority,
    redFlags,
    reasons: [...f.redFlags.map((r) => r.label), ...result.reasons],
  };
  if (raised && priority === 'emergency') {
    // The screen's own instruction (maternity unit, crisis line); an emergency the rules had already
    // found keeps their message, which answers what the patient wrote.
    out.action = 'call_emergency_services';
    out.patientMessage = SCREEN_MESSAGES.emergency(f.actions[0] ?? 'call_emergency');
    out.suggestedSpecialty = 'emergency_medicine';
    out.confidence = Math.max(result.confidence, 0.9);
  } else if (raised) {
    // Routine raised to urgent by a "not sure".
    out.action = 'see_doctor_today';
    out.patientMessage = SCREEN_MESSAGES.urgent;
    out.confidence = Math.max(result.confidence, 0.7);
  }
  return out;
}
