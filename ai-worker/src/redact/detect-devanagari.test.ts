import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

const names = (text: string): string[] =>
  redact(text)
    .entities.filter((e) => e.type === 'NAME')
    .map((e) => text.slice(e.start, e.end));

describe('names written in Devanagari', () => {
  it('after an honorific, with the family name', () => {
    expect(names('श्रीमती कविता शर्मा का अपॉइंटमेंट कल है')).toEqual(['कविता शर्मा']);
  });

  it('a given word before a common family name, and "मेरा नाम X"', () => {
    expect(names('डॉक्टर साहब, मैं अनिल यादव बोल रहा हूँ')).toEqual(['अनिल यादव']);
    expect(names('मेरा नाम फरहाना है, पेट में दर्द है')).toEqual(['फरहाना']);
  });

  it('after a kinship word only when a case marker follows; "X जी"', () => {
    expect(names('दादी सरला को तेज़ बुखार है')).toEqual(['सरला']);
    expect(names('नानी बेहोश हो गई है')).toEqual([]);
    expect(names('मोहनलाल जी का शुगर 300 है')).toEqual(['मोहनलाल']);
  });

  it('leaves greetings and replies alone', () => {
    expect(names('हाँ जी, नमस्ते जी, ठीक है')).toEqual([]);
  });
});
