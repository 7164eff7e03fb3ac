import { describe, expect, it } from 'vitest';
import { judgeHttp, judgeSocket } from './judge.ts';

describe('judging an HTTP answer against a row', () => {
  it('ok needs a success that contains the object when the row can tell', () => {
    expect(judgeHttp('ok', { status: 200 })).toBe(true);
    expect(judgeHttp('ok', { status: 302 })).toBe(true);
    expect(judgeHttp('ok', { status: 200, seen: false })).toBe(false);
    expect(judgeHttp('ok', { status: 409 })).toBe(false);
    expect(judgeHttp('filtered', { status: 200, seen: false })).toBe(true);
    expect(judgeHttp('filtered', { status: 200, seen: true })).toBe(false);
    expect(judgeHttp('filtered', { status: 200 })).toBe(false);
  });
  it('allow is anything past authorization, never a denial or a crash', () => {
    expect(judgeHttp('allow', { status: 409 })).toBe(true);
    expect(judgeHttp('allow', { status: 400 })).toBe(true);
    for (const status of [401, 403, 404, 500, 503]) expect(judgeHttp('allow', { status })).toBe(false);
  });
  it('a status matches any code unless the row names one', () => {
    expect(judgeHttp(403, { status: 403, code: 'X' })).toBe(true);
    expect(judgeHttp(404, { status: 403 })).toBe(false);
    expect(judgeHttp({ status: 403, code: 'DOCTOR_NOT_VERIFIED' }, { status: 403, code: 'FORBIDDEN' })).toBe(
      false,
    );
    expect(judgeHttp({ status: 415 }, { status: 415, code: 'ANY' })).toBe(true);
    expect(judgeHttp({ status: 500 }, { status: 500 })).toBe(false);
    expect(judgeHttp({ status: 503, code: 'UNAVAILABLE' }, { status: 503, code: 'UNAVAILABLE' })).toBe(true);
  });
});

describe('judging a socket answer against a row', () => {
  it('tells acks, filtered acks, allowed refusals and denials apart', () => {
    expect(judgeSocket('ok', { ok: true })).toBe(true);
    expect(judgeSocket('ok', { ok: true, seen: false })).toBe(false);
    expect(judgeSocket('filtered', { ok: true, seen: false })).toBe(true);
    expect(judgeSocket('allow', { ok: false, code: 'invalid_state' })).toBe(true);
    for (const code of ['forbidden', 'not_found', 'not_subscribed', 'unauthorized', 'internal'])
      expect(judgeSocket('allow', { ok: false, code })).toBe(false);
    expect(judgeSocket('forbidden', { ok: false, code: 'forbidden' })).toBe(true);
    expect(judgeSocket('forbidden', { ok: true })).toBe(false);
  });
});
