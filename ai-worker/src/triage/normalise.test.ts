import { describe, expect, it } from 'vitest';
import { HINGLISH } from './lexicon.ts';
import { correctSpelling, editDistance, hinglishKey, normalise, transliterate } from './normalise.ts';

describe('normalise', () => {
  it('lower-cases, splits punctuation and reads apostrophes with or without them', () => {
    expect(normalise("He CAN'T breathe, it won't stop!")).toBe('he cannot breathe , it wont stop !');
    expect(normalise('dont know, shes not able to talk')).toBe('do not know , she cannot talk');
    expect(normalise('couldnt hold it and she is unable to lift it')).toBe(
      'cannot hold it and she cannot lift it',
    );
    expect(normalise("dad's face")).toBe('dad face');
  });

  it('separates numbers from units and keeps decimals', () => {
    expect(normalise('temp 38.5c since 2days, about 6wks')).toBe('temp 38.5 c since 2 days , about 6 wks');
    expect(normalise('fever 101°F')).toBe('fever 101 deg f');
    expect(normalise('8-10 tablets')).toBe('8 - 10 tablets');
  });

  it('Indian English and compound nouns', () => {
    expect(normalise('loose motions from 2 days, giddiness')).toBe('diarrhoea from 2 days , dizzy');
    expect(normalise('blood pressure high, blood test due')).toBe('bp high , bloodtest due');
    expect(normalise('heat stroke')).toBe('heatstroke');
  });

  it('corrects misspellings to lexicon words, only when no dictionary knows the word', () => {
    expect(normalise('brething and vomitting, tounge swolen')).toBe(
      'breathing and vomiting , tongue swollen',
    );
    expect(correctSpelling('parecetamol')).toBe('paracetamol');
    expect(normalise('took 20 paracetomol')).toBe('took 20 paracetamol');
    expect(correctSpelling('themometer')).toBe('thermometer');
    // Real English words are left alone even when close to a lexicon word.
    expect(correctSpelling('fist')).toBe('fist');
    expect(correctSpelling('realise')).toBe('realise');
    // Ties: the stem the word continues, then the dropped letter; never a function word.
    expect(correctSpelling('bangd')).toBe('bang');
    expect(correctSpelling('throt')).toBe('throat');
    expect(correctSpelling('doens')).toBe('dozens');
    expect(correctSpelling('convuling')).toBe('convulsing');
  });

  it('maps Hinglish spelling variants onto one spelling', () => {
    for (const v of ['saans', 'sans', 'saas', 'swaas'])
      expect(normalise(`${v} phool rahi hai`).split(' ')[0]).toBe('saans');
    for (const v of ['dard', 'dardh']) expect(normalise(`seene me ${v} hai`)).toBe('seene me dard hai');
    expect(normalise('sine me dard hai')).toBe('seene me dard hai');
    expect(normalise('ulty ho rahi, kun aa raha')).toBe('ulti ho rahi , khoon aa raha');
    expect(normalise('behos ho gaya, muh tehda hai')).toBe('behosh ho gaya , muh tedha hai');
    expect(normalise('bukhaar hai aur haath sun hai')).toBe('bukhar hai aur haath sunn hai');
  });

  it('never re-spells English words as Hindi ones', () => {
    // "sine" and "side" in English text stay English.
    expect(normalise('the sine of the angle')).toBe('the sine of the angle');
    expect(normalise('pain in my left side hai aur')).toContain('left side');
    expect(normalise('she looks pale hai aur')).toContain('pale');
  });

  it('reads Devanagari as Hinglish', () => {
    expect(transliterate('सांस')).toBe('saans');
    expect(transliterate('लड़खड़ा')).toBe('ladkhadaa');
    expect(transliterate('सूजन')).toBe('soojan');
    expect(transliterate('तकलीफ')).toBe('takleeph');
    expect(normalise('तकलीफ')).toBe('takleef');
    expect(normalise('सीने में दर्द है')).toBe('seene mein dard hai');
    expect(normalise('मुंह टेढ़ा हो गया, बोलने में जबान लड़खड़ा रही है')).toBe(
      'muh tedha ho gaya , bolne mein zuban ladkhada rahi hai',
    );
    expect(normalise('बुखार १०२')).toBe('bukhar 102');
  });

  it('phonetic keys and edit distance', () => {
    expect(hinglishKey('saans')).toBe(hinglishKey('saas'));
    expect(hinglishKey('tedha')).toBe(hinglishKey('tehda'));
    expect(hinglishKey('khoon')).toBe(hinglishKey('kun'));
    expect(editDistance('speach', 'speech', 2)).toBe(1);
    expect(editDistance('tounge', 'tongue', 2)).toBe(2);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('no two Hinglish groups claim the same listed spelling', () => {
    const seen = new Map<string, string>();
    for (const [canonical, ...variants] of HINGLISH)
      for (const v of [canonical!, ...variants]) {
        const other = seen.get(v);
        if (other && other !== canonical) throw new Error(`${v} is listed for ${other} and ${canonical}`);
        seen.set(v, canonical!);
      }
  });
});
