import { describe, expect, it } from 'vitest';
import { digestCases, DIGEST_FILE, readDigest } from './cases.ts';
import { gather } from './evidence.ts';
import { triageRules } from './rules.ts';
import { TriageInputSchema, type Priority } from './schema.ts';
import { createCaseIndex, digestOf, featuresOf } from './similar.ts';

const labelled = (symptoms: string, expected: Priority, age = 30) => ({
  features: featuresOf(digestOf(gather(TriageInputSchema.parse({ symptoms, age })))),
  expected,
});
const featuresFor = (symptoms: string, age = 30) =>
  featuresOf(digestOf(gather(TriageInputSchema.parse({ symptoms, age }))));

describe('similar cases', () => {
  const index = createCaseIndex([
    labelled('my husband went grey and sweaty and says there is an elephant sitting on him', 'emergency'),
    labelled('he is grey and clammy and says a heavy weight is sitting on his chest', 'emergency'),
    labelled('grey sweaty and crushing weight sitting on him since ten minutes', 'emergency'),
    labelled('itchy patch of skin on my elbow for a month, a bit dry', 'routine'),
    labelled('dry itchy skin on both elbows, worse in winter', 'routine'),
    labelled('need a repeat of my blood pressure tablets, all fine', 'routine'),
  ]);

  it('raises a description close to labelled emergencies', () => {
    const v = index.vote(
      featuresFor('hes gone grey and sweaty, says feels like something heavy sitting on him'),
    );
    expect(v.priority).toBe('emergency');
    expect(v.nearest).toBeGreaterThan(0.15);
  });

  it('says nothing about a description close to routine ones or far from all', () => {
    expect(index.vote(featuresFor('itchy dry skin patch on my elbow')).priority).toBe('routine');
    expect(index.vote(featuresFor('question about my passport photo')).priority).toBe('routine');
  });

  it('only raises: neighbours never lower what a rule said', () => {
    const routineOnly = createCaseIndex([
      labelled('chest pain spreading to my left arm with sweating', 'routine'),
      labelled('chest pain going to my arm and sweating a lot', 'routine'),
    ]);
    const r = triageRules(
      { symptoms: 'chest pain spreading to my left arm with sweating', age: 58 },
      { cases: routineOnly },
    );
    expect(r.priority).toBe('emergency');
    expect(r.redFlags.map((f) => f.code)).not.toContain('similar_to_emergencies');
  });

  it('raises what no rule reads to urgent, and to an emergency only where a rule found something', () => {
    const movements = createCaseIndex([
      labelled('9 mahine pregnant hoon aur subah se baby ki halchal mehsoos nahi ho rahi', 'emergency', 26),
      labelled('pregnancy ka aathwa mahina hai, kal se baby ki halchal kam ho gayi hai', 'emergency', 29),
      labelled('8 mahine pregnant, baby ne kal se hilna band kar diya', 'emergency', 31),
      labelled('8 mahine ki pregnancy hai, kamar mein halka dard rehta hai', 'routine', 28),
    ]);
    const input = {
      symptoms: 'meri pregnancy ka 8va mahina hai, raat se baby ki halchal nahi mehsoos hui',
      age: 27,
      sex: 'female' as const,
    };
    expect(triageRules(input).priority).toBe('routine');
    const r = triageRules(input, { cases: movements });
    expect(r.priority).toBe('urgent');
    expect(r.redFlags.map((f) => f.code)).toEqual(['similar_to_emergencies_unconfirmed']);

    // A rule's urgent finding (a swollen calf) in an emergency neighbourhood becomes an emergency.
    const calves = createCaseIndex([
      labelled('my calf is swollen and red and now i am short of breath and coughing blood', 'emergency', 45),
      labelled('swollen red calf since the flight and now breathless with chest pain', 'emergency', 50),
      labelled('calf swollen and painful and i cant catch my breath', 'emergency', 40),
    ]);
    const calf = { symptoms: 'my calf is swollen and red, and I feel a bit short of breath', age: 45 };
    const alone = triageRules(calf);
    expect(alone.priority).toBe('urgent');
    const raised = triageRules(calf, { cases: calves });
    expect(raised.priority).toBe('emergency');
    expect(raised.redFlags.map((f) => f.code)).toContain('similar_to_emergencies');
  });

  it('ships a digest that matches what the current reader makes of the spent splits', () => {
    // Stale after a lexicon or normaliser change: `npm run -w ai-worker digest-cases`.
    expect(readDigest(DIGEST_FILE)).toEqual(digestCases());
  }, 60_000);
});
