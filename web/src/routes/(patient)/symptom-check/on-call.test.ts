import { describe, expect, it } from 'vitest';
import { onCallFirst } from './on-call.ts';

const d = (id: string, onCall: boolean) => ({ id, onCall });

describe('onCallFirst', () => {
  const all = [d('a', true), d('b', false), d('c', true), d('e', true)];

  it('keeps only doctors on call, in search order, without a preferred one', () => {
    expect(onCallFirst(all, null).map((x) => x.id)).toEqual(['a', 'c', 'e']);
  });

  it('puts the doctor from the profile first and keeps the others in order', () => {
    expect(onCallFirst(all, 'e').map((x) => x.id)).toEqual(['e', 'a', 'c']);
    expect(onCallFirst(all, 'a').map((x) => x.id)).toEqual(['a', 'c', 'e']);
  });

  it('ignores a preferred doctor who is not on call (or unknown)', () => {
    expect(onCallFirst(all, 'b').map((x) => x.id)).toEqual(['a', 'c', 'e']);
    expect(onCallFirst(all, 'zz').map((x) => x.id)).toEqual(['a', 'c', 'e']);
  });
});
