import { describe, expect, it } from 'vitest';
import { analyse } from './clauses.ts';
import type { Concept } from './lexicon.ts';
import { normalise } from './normalise.ts';

/** The concept's mentions as "affirmed" | "negated" | "past". */
function status(text: string, concept: Concept): string[] {
  return analyse(normalise(text))
    .hits.filter((h) => h.concept === concept)
    .map((h) => (h.negated ? 'negated' : h.past ? 'past' : 'affirmed'));
}

describe('clauses: negation', () => {
  it('scopes a negation to its clause', () => {
    expect(status('no chest pain, but sweating a lot', 'chest_pain')).toEqual(['negated']);
    expect(status('no chest pain, but sweating a lot', 'sweating')).toEqual(['affirmed']);
    expect(status('denies chest pain. runny nose', 'chest_pain')).toEqual(['negated']);
    expect(status('no fever and no rash, chest pain since an hour', 'chest_pain')).toEqual(['affirmed']);
    expect(status('he did not get kicked there, it just started', 'testicle_pain')).toEqual([]);
    // A list runs past its commas; a new clause without "or" does not.
    expect(status('no fever, cough or breathlessness', 'breathless')).toEqual(['negated']);
    expect(status('no fever, chest pain since morning', 'chest_pain')).toEqual(['affirmed']);
    // Without punctuation a new subject ends the scope.
    expect(status('he has no fever his face is drooping', 'face_droop')).toEqual(['affirmed']);
    expect(status('no pain in his chest just cough', 'chest_pain')).toEqual(['negated']);
  });

  it('a negation word inside a symptom phrase negates nothing else', () => {
    expect(status('he is not breathing and his lips are blue', 'blue')).toEqual(['affirmed']);
    expect(status('no wet nappy since last night and very sleepy', 'drowsy')).toEqual(['affirmed']);
    // ...unless the next word shows it was about something else.
    expect(status('no breathing problem, just a cold', 'apnoea')).toEqual([]);
    expect(status('fever and chills, no urine infection', 'infection')).toEqual(['negated']);
  });

  it('pseudo-negations do not negate', () => {
    expect(status('not feeling well, chest pain and sweating', 'chest_pain')).toEqual(['affirmed']);
    expect(status('not sure but my face feels droopy', 'face_droop')).toEqual(['affirmed']);
  });

  it('Hindi negation follows what it negates, unless a main verb follows it', () => {
    expect(status('seene me dard nahi hai', 'chest_pain')).toEqual(['negated']);
    expect(status('saap dekha par kata nahi', 'bite')).toEqual(['negated']);
    expect(status('koi bleeding nahi, bukhar hai', 'bleeding')).toEqual(['negated']);
    // "pair nahi hil rahe": the legs do not move; the neck pain before it stands.
    expect(status('gardan mein dard aur pair nahi hil rahe', 'neck_back_injury')).toEqual(['affirmed']);
    expect(status('gardan mein dard aur pair nahi hil rahe', 'cannot_move_legs')).toEqual(['affirmed']);
    expect(status('saans nahi aa rahi', 'severe_breath')).toEqual(['affirmed']);
  });
});

describe('clauses: time', () => {
  it('old and controlled events are in the past', () => {
    expect(status('had a stroke 5 years ago', 'stroke_word')).toEqual(['past']);
    expect(status('had a heart attack in 2015, stents put in', 'heart_attack')).toEqual(['past']);
    expect(status('im epileptic, no fits for 3 years now', 'seizure')).toEqual(['negated']);
    expect(status('my son had a febrile convulsion when he was 1, he is 3 now and fine', 'seizure')).toEqual([
      'past',
    ]);
    expect(status('diabetic since 10 years', 'diabetic')).toEqual(['past']);
    expect(status('pichle saal lakwa hua tha, ab theek hain', 'stroke_word')).toEqual(['past']);
  });

  it('a marker of now wins over a marker of the past', () => {
    expect(
      status('had a stroke 5 years ago and since this morning slurred speech', 'speech_muddled'),
    ).toEqual(['affirmed']);
    expect(status('fits since 2 days', 'seizure')).toEqual(['affirmed']);
    expect(status('bleeding started 2 days ago', 'bleeding')).toEqual(['affirmed']);
  });

  it('"still" carries a dated event forward; a sentence with a risk question is hypothetical', () => {
    expect(status('had a stroke 5 years ago. arm still weak on the left', 'limb_weak')).toEqual(['past']);
    expect(status('my father had a heart attack at 60, what is my risk', 'heart_attack')).toEqual(['past']);
    expect(status('my mother had a stroke, what can i do to prevent one', 'stroke_word')).toEqual(['past']);
  });
});

describe('clauses: conditional questions (issue #14)', () => {
  it('make what follows them hypothetical, not what came before', () => {
    expect(status('what should i do if my son has a fit at school', 'seizure')).toEqual(['past']);
    expect(status('she is having a fit right now, what do i do if it lasts long', 'seizure')).toEqual([
      'affirmed',
    ]);
    expect(status('crushing chest pain and sweaty what should i do if it gets worse', 'chest_pain')).toEqual([
      'affirmed',
    ]);
  });
});
