import { describe, expect, it } from 'vitest';
import {
  SCREEN_CODES,
  SCREEN_LANGS,
  SCREEN_QUESTIONS,
  SCREEN_ACTION_TEXT,
  ScreenAnswersSchema,
} from './screen-questions.ts';
import { applyScreen, localiseScreen, screenFindings, selectScreenQuestions } from './screen.ts';
import { DISCLAIMER, TriageInputSchema, type TriageResult } from './schema.ts';

const codes = (s: Parameters<typeof selectScreenQuestions>[0]) => selectScreenQuestions(s).map((q) => q.code);

const routine: TriageResult = {
  priority: 'routine',
  reasons: ['No red-flag symptoms found in the description'],
  redFlags: [],
  suggestedSpecialty: 'dermatology',
  confidence: 0.55,
  source: 'rules',
  promptVersion: null,
  disclaimer: DISCLAIMER,
  action: 'book_appointment',
  patientMessage: 'Book an appointment with a doctor.',
};

describe('the question set', () => {
  it('has both languages and a label for every code, and an action text for every action', () => {
    for (const code of SCREEN_CODES) {
      const q = SCREEN_QUESTIONS[code];
      for (const lang of SCREEN_LANGS) expect(q.text[lang].trim(), `${code} ${lang}`).not.toBe('');
      expect(q.label.trim()).not.toBe('');
      // Hindi text is written in Devanagari, not left in English.
      expect(q.text.hi, code).toMatch(/[\u0900-\u097F]/);
    }
    for (const t of Object.values(SCREEN_ACTION_TEXT)) {
      expect(t.en).toContain('{number}');
      expect(t.hi).toContain('{number}');
    }
  });
});

describe('selectScreenQuestions()', () => {
  it('asks an adult man the NHS 999 questions and the mental-health crisis questions, no child or pregnancy ones', () => {
    const c = codes({ age: 58, sex: 'male' });
    expect(c).toEqual(
      expect.arrayContaining([
        'chest_pain',
        'stroke',
        'severe_breathing',
        'heavy_bleeding',
        'fit_or_unconscious',
        'severe_allergy',
        'mh_suicide_plan',
        'mh_self_harm_now',
        'testicle_pain',
      ]),
    );
    expect(c.filter((x) => x.startsWith('u5_') || x.startsWith('preg_') || x === 'infant_fever')).toEqual([]);
    expect(c).not.toContain('ectopic_signs');
  });

  it('asks a pregnant woman the pregnancy red flags instead of the "could you be pregnant" one', () => {
    const c = codes({ age: 29, sex: 'female', pregnant: true });
    expect(c).toEqual(
      expect.arrayContaining([
        'preg_bleeding',
        'preg_fit',
        'preg_headache_vision',
        'preg_abdo_pain',
        'preg_movements',
      ]),
    );
    expect(c).not.toContain('ectopic_signs');
    expect(c).not.toContain('testicle_pain');
    // Any fit in pregnancy counts: the pregnancy question stands in for the general one.
    expect(c).not.toContain('fit_or_unconscious');
    const notPregnant = codes({ age: 29, sex: 'female' });
    expect(notPregnant).toContain('ectopic_signs');
    expect(notPregnant.filter((x) => x.startsWith('preg_'))).toEqual([]);
  });

  it('never asks pregnancy questions of a man or a young child, whatever the form said', () => {
    expect(codes({ age: 40, sex: 'male', pregnant: true }).filter((x) => x.startsWith('preg_'))).toEqual([]);
    expect(codes({ age: 3, sex: 'female', pregnant: true }).filter((x) => x.startsWith('preg_'))).toEqual([]);
  });

  it('asks under-fives the NICE NG143 red signs, and the 38 °C question only under 3 months', () => {
    const toddler = codes({ age: 2 });
    expect(toddler).toEqual(
      expect.arrayContaining([
        'u5_colour',
        'u5_no_response',
        'u5_breathing',
        'u5_weak_cry',
        'u5_fit',
        'u5_dehydration',
        'nonblanching_rash',
      ]),
    );
    expect(toddler).not.toContain('infant_fever');
    expect(toddler).not.toContain('chest_pain');
    expect(toddler).not.toContain('mh_suicide_plan');
    expect(codes({ age: 6 / 52 })).toContain('infant_fever');
    expect(codes({ age: 0.25 })).not.toContain('infant_fever');
    // Five-year-olds leave the under-five set for the general one.
    expect(codes({ age: 5 })).not.toContain('u5_colour');
    expect(codes({ age: 5 })).toContain('severe_breathing');
  });

  it('keeps the display order of the data and stays short', () => {
    for (const s of [
      { age: 30, sex: 'female' as const, pregnant: true },
      { age: 70, sex: 'male' as const },
      { age: 1 },
    ]) {
      const c = codes(s);
      expect([...c].sort((a, b) => SCREEN_CODES.indexOf(a) - SCREEN_CODES.indexOf(b))).toEqual(c);
      expect(c.length).toBeLessThanOrEqual(16);
    }
  });
});

describe('localiseScreen()', () => {
  it('gives one language and fills in the country emergency number, or general guidance without one', () => {
    const qs = selectScreenQuestions({ age: 30, sex: 'female', pregnant: true });
    const hi = localiseScreen(qs, 'hi', '112');
    const bleeding = hi.find((q) => q.code === 'preg_bleeding')!;
    expect(bleeding.text).toBe(SCREEN_QUESTIONS.preg_bleeding.text.hi);
    expect(bleeding.actionText).toContain('112');
    expect(bleeding.actionText).not.toContain('{number}');
    expect(hi.find((q) => q.code === 'preg_movements')!.actionText).toMatch(/प्रसूति/);
    const en = localiseScreen(qs, 'en', null);
    expect(en.find((q) => q.code === 'preg_bleeding')!.actionText).toMatch(
      /112 in India, 999 in the UK, 911 in the US/,
    );
    expect(localiseScreen(qs, 'en', '999').find((q) => q.code === 'mh_suicide_plan')!.actionText).toMatch(
      /^Call 999 now.*crisis line/,
    );
  });
});

describe('screenFindings() and applyScreen()', () => {
  it('makes any "yes" an emergency at once, with a red flag named by the question code', () => {
    const out = applyScreen(routine, {
      screen: [
        { code: 'chest_pain', answer: 'no' },
        { code: 'stroke', answer: 'yes' },
      ],
    });
    expect(out).toMatchObject({
      priority: 'emergency',
      action: 'call_emergency_services',
      suggestedSpecialty: 'emergency_medicine',
    });
    expect(out.redFlags).toEqual([expect.objectContaining({ code: 'stroke', priority: 'emergency' })]);
    expect(out.patientMessage).toMatch(/^Call your local emergency number/);
  });

  it('tells a pregnant woman with reduced movements to call her maternity unit now', () => {
    const out = applyScreen(routine, { screen: [{ code: 'preg_movements', answer: 'yes' }] });
    expect(out.priority).toBe('emergency');
    expect(out.action).toBe('call_emergency_services');
    expect(out.patientMessage).toMatch(/maternity unit/);
    // A 999 sign beside it outranks ringing the maternity unit.
    const both = applyScreen(routine, {
      screen: [
        { code: 'preg_movements', answer: 'yes' },
        { code: 'preg_bleeding', answer: 'yes' },
      ],
    });
    expect(both.patientMessage).toMatch(/^Call your local emergency number/);
  });

  it('makes "not sure" at least urgent and never lowers', () => {
    const out = applyScreen(routine, { screen: [{ code: 'u5_weak_cry', answer: 'unsure' }] });
    expect(out).toMatchObject({ priority: 'urgent', action: 'see_doctor_today' });
    expect(out.redFlags).toEqual([expect.objectContaining({ code: 'u5_weak_cry', priority: 'urgent' })]);
    const emergency: TriageResult = {
      ...routine,
      priority: 'emergency',
      action: 'call_emergency_services',
      patientMessage: 'rules say call now',
      redFlags: [{ code: 'acs', label: 'chest pain', priority: 'emergency' }],
    };
    const kept = applyScreen(emergency, { screen: [{ code: 'chest_pain', answer: 'unsure' }] });
    expect(kept).toMatchObject({ priority: 'emergency', patientMessage: 'rules say call now' });
    expect(kept.redFlags.map((f) => f.code)).toEqual(['chest_pain', 'acs']);
  });

  it('leaves the result alone when every answer is "no" or there is no screen', () => {
    expect(applyScreen(routine, { screen: [{ code: 'chest_pain', answer: 'no' }] })).toBe(routine);
    expect(applyScreen(routine, {})).toBe(routine);
    expect(screenFindings(undefined)).toEqual({ priority: null, redFlags: [], actions: [] });
  });
});

describe('screen answers in the triage input', () => {
  it('accepts known codes and rejects unknown codes, bad answers and duplicates with field paths', () => {
    expect(
      TriageInputSchema.parse({ symptoms: 'x', age: 30, screen: [{ code: 'stroke', answer: 'unsure' }] })
        .screen,
    ).toEqual([{ code: 'stroke', answer: 'unsure' }]);
    const bad = TriageInputSchema.safeParse({
      symptoms: 'x',
      age: 30,
      screen: [
        { code: 'not_a_question', answer: 'yes' },
        { code: 'stroke', answer: 'maybe' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['screen.0.code', 'screen.1.answer']);
    const dup = ScreenAnswersSchema.safeParse([
      { code: 'stroke', answer: 'no' },
      { code: 'stroke', answer: 'yes' },
    ]);
    expect(dup.error!.issues.map((i) => i.path.join('.'))).toEqual(['1.code']);
  });
});
