import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

const typed = (text: string): string[] =>
  redact(text).entities.map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

describe('a bare age over 89 right after a name', () => {
  it('after a comma, "is", or in brackets', () => {
    expect(typed('Reviewed Mrs Edna Pike, 94, with falls')).toContain('AGE:94');
    expect(typed('my nani Kamla is 97 now and not eating')).toContain('AGE:97');
    expect(typed('Seen: Walter Greaves (102) on the ward')).toContain('AGE:102');
  });

  it('not younger ages, and not a value with a unit', () => {
    expect(typed('Mr Raj Malhotra, 45, BP 150/90').filter((x) => x.startsWith('AGE'))).toEqual([]);
    expect(typed('Dr Rao, 95 mg aspirin given').filter((x) => x.startsWith('AGE'))).toEqual([]);
    expect(typed('Mrs Edna Pike, 94% saturation').filter((x) => x.startsWith('AGE'))).toEqual([]);
  });
});
