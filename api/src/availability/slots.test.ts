import { describe, expect, it } from 'vitest';
import {
  compileSchedule,
  firstFreeSlot,
  freeSlots,
  isOfferedSlot,
  slotsBetween,
  windowsForDay,
  type Schedule,
} from './slots.ts';
import {
  dayNumber,
  isoDateToDay,
  isoWeekday,
  localDay,
  offsetMinutes,
  parseHm,
  toZonedIso,
  zonedToUtc,
} from './zones.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const hm = parseHm;
const everyDay = (start: string, end: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: hm(start), endMinute: hm(end) }));
const schedule = (p: Partial<Schedule> & Pick<Schedule, 'timezone'>): Schedule => ({
  slotMinutes: 30,
  bufferMinutes: 0,
  rules: [],
  exceptions: [],
  ...p,
});
const starts = (s: Schedule, from: string, to: string) =>
  [...slotsBetween(compileSchedule(s), at(from), at(to))].map((x) => iso(x.start));

describe('zones', () => {
  it('knows weekdays and offsets', () => {
    expect(isoWeekday(dayNumber(2027, 3, 14))).toBe(7);
    expect(isoWeekday(dayNumber(1970, 1, 1))).toBe(4);
    expect(offsetMinutes('Asia/Kolkata', at('2027-01-01T00:00:00Z'))).toBe(330);
    expect(offsetMinutes('America/New_York', at('2027-07-01T00:00:00Z'))).toBe(-240);
    expect(offsetMinutes('Europe/London', at('2027-01-01T00:00:00Z'))).toBe(0);
  });

  it('maps wall times to UTC: normal, repeated (first occurrence) and skipped (moment of the jump)', () => {
    const ny = 'America/New_York';
    expect(iso(zonedToUtc(ny, dayNumber(2027, 3, 13), hm('09:00')))).toBe('2027-03-13T14:00:00.000Z');
    expect(iso(zonedToUtc(ny, dayNumber(2027, 3, 15), hm('09:00')))).toBe('2027-03-15T13:00:00.000Z');
    // 02:30 does not exist on 14 March 2027 in New York: clocks jump 02:00 EST -> 03:00 EDT at 07:00Z.
    expect(iso(zonedToUtc(ny, dayNumber(2027, 3, 14), hm('02:30')))).toBe('2027-03-14T07:00:00.000Z');
    // 01:30 happens twice on 7 November 2027: the first (EDT) one.
    expect(iso(zonedToUtc(ny, dayNumber(2027, 11, 7), hm('01:30')))).toBe('2027-11-07T05:30:00.000Z');
    expect(iso(zonedToUtc('Europe/London', dayNumber(2027, 3, 28), hm('01:30')))).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(iso(zonedToUtc('Europe/London', dayNumber(2027, 10, 31), hm('01:30')))).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    expect(iso(zonedToUtc('Asia/Kolkata', dayNumber(2027, 1, 1), hm('00:00')))).toBe(
      '2026-12-31T18:30:00.000Z',
    );
    expect(iso(zonedToUtc('Asia/Kolkata', dayNumber(2027, 1, 1), hm('24:00')))).toBe(
      '2027-01-01T18:30:00.000Z',
    );
  });

  it('formats wall time with offset and finds the local day', () => {
    expect(toZonedIso(at('2027-03-14T07:00:00Z'), 'America/New_York')).toBe('2027-03-14T03:00:00-04:00');
    expect(toZonedIso(at('2027-11-07T06:30:00Z'), 'America/New_York')).toBe('2027-11-07T01:30:00-05:00');
    expect(toZonedIso(at('2027-01-01T03:30:00Z'), 'Asia/Kolkata')).toBe('2027-01-01T09:00:00+05:30');
    expect(toZonedIso(at('2027-01-01T03:30:00Z'), 'UTC')).toBe('2027-01-01T03:30:00Z');
    expect(localDay('Asia/Kolkata', at('2026-12-31T18:30:00Z'))).toBe(isoDateToDay('2027-01-01'));
    expect(localDay('Asia/Kolkata', at('2026-12-31T18:29:59Z'))).toBe(isoDateToDay('2026-12-31'));
  });
});

describe('slot generation', () => {
  it('keeps 09:00 local across the New York spring-forward weekend', () => {
    const s = schedule({ timezone: 'America/New_York', slotMinutes: 60, rules: everyDay('09:00', '10:00') });
    expect(starts(s, '2027-03-13T00:00:00Z', '2027-03-16T00:00:00Z')).toEqual([
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
  });

  it('skips the missing hour on the spring-forward night (New York and London)', () => {
    const ny = schedule({ timezone: 'America/New_York', slotMinutes: 30, rules: everyDay('01:00', '04:00') });
    const slots = [
      ...slotsBetween(compileSchedule(ny), at('2027-03-14T00:00:00Z'), at('2027-03-15T00:00:00Z')),
    ];
    // 01:00-04:00 wall time is only 2 real hours that night: 01:00, 01:30 EST then 03:00, 03:30 EDT.
    expect(slots.map((x) => toZonedIso(x.start, 'America/New_York'))).toEqual([
      '2027-03-14T01:00:00-05:00',
      '2027-03-14T01:30:00-05:00',
      '2027-03-14T03:00:00-04:00',
      '2027-03-14T03:30:00-04:00',
    ]);
    for (const x of slots) expect(x.end - x.start).toBe(30 * 60_000);
    const ldn = schedule({ timezone: 'Europe/London', slotMinutes: 30, rules: everyDay('00:00', '03:00') });
    expect(starts(ldn, '2027-03-27T12:00:00Z', '2027-03-28T12:00:00Z')).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T00:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-28T01:30:00.000Z',
    ]);
  });

  it('offers the repeated hour twice on the fall-back night (New York and London)', () => {
    const ny = schedule({ timezone: 'America/New_York', slotMinutes: 60, rules: everyDay('00:00', '03:00') });
    const slots = [
      ...slotsBetween(compileSchedule(ny), at('2027-11-07T00:00:00Z'), at('2027-11-08T00:00:00Z')),
    ];
    expect(slots.map((x) => toZonedIso(x.start, 'America/New_York'))).toEqual([
      '2027-11-07T00:00:00-04:00',
      '2027-11-07T01:00:00-04:00',
      '2027-11-07T01:00:00-05:00',
      '2027-11-07T02:00:00-05:00',
    ]);
    const ldn = schedule({ timezone: 'Europe/London', slotMinutes: 60, rules: everyDay('09:00', '10:00') });
    expect(starts(ldn, '2027-10-29T00:00:00Z', '2027-11-02T00:00:00Z')).toEqual([
      '2027-10-29T08:00:00.000Z',
      '2027-10-30T08:00:00.000Z',
      '2027-10-31T09:00:00.000Z',
      '2027-11-01T09:00:00.000Z',
    ]);
  });

  it('works in a half-hour zone without DST (Asia/Kolkata) and across its midnight', () => {
    const s = schedule({
      timezone: 'Asia/Kolkata',
      slotMinutes: 20,
      bufferMinutes: 10,
      rules: [{ weekday: 5, startMinute: hm('09:00'), endMinute: hm('10:30') }],
    });
    // Friday 1 Jan 2027 in India starts at 18:30Z on Thursday.
    expect(starts(s, '2026-12-31T18:30:00Z', '2027-01-02T00:00:00Z')).toEqual([
      '2027-01-01T03:30:00.000Z',
      '2027-01-01T04:00:00.000Z',
      '2027-01-01T04:30:00.000Z',
    ]);
    const nightOwl = schedule({
      timezone: 'Asia/Kolkata',
      slotMinutes: 60,
      rules: everyDay('23:00', '24:00'),
    });
    expect(starts(nightOwl, '2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z')).toEqual([
      '2027-01-01T17:30:00.000Z',
    ]);
  });

  it('applies days off, partial time off and extra hours', () => {
    const s = schedule({
      timezone: 'Europe/London',
      slotMinutes: 60,
      rules: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        startMinute: hm('09:00'),
        endMinute: hm('12:00'),
      })),
      exceptions: [
        { day: isoDateToDay('2027-01-04'), kind: 'off', startMinute: null, endMinute: null },
        { day: isoDateToDay('2027-01-05'), kind: 'off', startMinute: hm('10:00'), endMinute: hm('11:00') },
        { day: isoDateToDay('2027-01-09'), kind: 'extra', startMinute: hm('14:00'), endMinute: hm('16:00') },
        { day: isoDateToDay('2027-01-06'), kind: 'extra', startMinute: hm('11:00'), endMinute: hm('13:00') },
      ],
    });
    const cs = compileSchedule(s);
    expect(windowsForDay(cs, isoDateToDay('2027-01-04'))).toEqual([]);
    expect(windowsForDay(cs, isoDateToDay('2027-01-05'))).toEqual([
      [540, 600],
      [660, 720],
    ]);
    expect(windowsForDay(cs, isoDateToDay('2027-01-06'))).toEqual([[540, 780]]);
    expect(starts(s, '2027-01-04T00:00:00Z', '2027-01-10T00:00:00Z')).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-01-05T11:00:00.000Z',
      '2027-01-06T09:00:00.000Z',
      '2027-01-06T10:00:00.000Z',
      '2027-01-06T11:00:00.000Z',
      '2027-01-06T12:00:00.000Z',
      '2027-01-07T09:00:00.000Z',
      '2027-01-07T10:00:00.000Z',
      '2027-01-07T11:00:00.000Z',
      '2027-01-08T09:00:00.000Z',
      '2027-01-08T10:00:00.000Z',
      '2027-01-08T11:00:00.000Z',
      '2027-01-09T14:00:00.000Z',
      '2027-01-09T15:00:00.000Z',
    ]);
  });

  it('steps by slot + buffer, and busy spans block every slot they touch', () => {
    const s = compileSchedule(
      schedule({ timezone: 'UTC', slotMinutes: 30, bufferMinutes: 15, rules: everyDay('09:00', '12:00') }),
    );
    const all = [...freeSlots(s, at('2027-01-01T00:00:00Z'), at('2027-01-02T00:00:00Z'), [], 0)].map((x) =>
      iso(x.start).slice(11, 16),
    );
    expect(all).toEqual(['09:00', '09:45', '10:30', '11:15']);
    // An appointment booked under an older 20-minute grid, 10:20-10:40 (+15 buffer to 10:55), blocks 09:45 (which
    // would block to 10:30) and 10:30.
    const busy = [{ start: at('2027-01-01T10:20:00Z'), end: at('2027-01-01T10:55:00Z') }];
    const free = [...freeSlots(s, at('2027-01-01T00:00:00Z'), at('2027-01-02T00:00:00Z'), busy, 0)].map((x) =>
      iso(x.start).slice(11, 16),
    );
    expect(free).toEqual(['09:00', '11:15']);
    // Only slots after `now`.
    expect(
      iso(
        firstFreeSlot(
          s,
          at('2027-01-01T00:00:00Z'),
          at('2027-01-03T00:00:00Z'),
          busy,
          at('2027-01-01T11:15:00Z'),
        )!.start,
      ),
    ).toBe('2027-01-02T09:00:00.000Z');
  });

  it('validates slot starts against the grid', () => {
    const s = compileSchedule(
      schedule({ timezone: 'America/New_York', slotMinutes: 30, rules: everyDay('09:00', '17:00') }),
    );
    expect(isOfferedSlot(s, at('2027-03-15T13:00:00Z'))).toBe(true);
    expect(isOfferedSlot(s, at('2027-03-15T13:30:00Z'))).toBe(true);
    expect(isOfferedSlot(s, at('2027-03-15T13:10:00Z'))).toBe(false);
    expect(isOfferedSlot(s, at('2027-03-15T12:30:00Z'))).toBe(false);
    expect(isOfferedSlot(s, at('2027-03-15T20:30:00Z'))).toBe(true);
    expect(isOfferedSlot(s, at('2027-03-15T21:00:00Z'))).toBe(false);
  });

  it('is fast enough for a month of a busy calendar', () => {
    const s = compileSchedule(
      schedule({ timezone: 'America/New_York', slotMinutes: 15, rules: everyDay('08:00', '20:00') }),
    );
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < 20; i++)
      for (const _ of freeSlots(s, at('2027-03-01T00:00:00Z'), at('2027-03-31T00:00:00Z'), [], 0)) n++;
    // 30 whole local days, plus 19:00-20:00 EST on 28 February (= 00:00-01:00Z on 1 March).
    expect(n).toBe(20 * (30 * 48 + 4));
    expect((performance.now() - t0) / 20).toBeLessThan(50);
  });
});
