import { describe, expect, it } from 'vitest';
import { bookingCancelledEmail, formatWhen } from './emails.ts';
import { buildIcs, foldLine, icsText, icsUtc, parseMailbox } from './ics.ts';
import { formatMoney } from '@telehealth/platform/money';
import { refundDueMinor, reminderKey } from './policy.ts';

const policy = { fullRefundHours: 24, lateRefundPercent: 50 };
const startsAt = new Date('2027-03-15T13:00:00Z');
const before = (h: number) => new Date(startsAt.getTime() - h * 3_600_000);

describe('refund policy', () => {
  it('refunds in full early, partly late, nothing after the start, always in full for the doctor', () => {
    expect(refundDueMinor(10_001, { startsAt, cancelledAt: before(24), by: 'patient' }, policy)).toBe(10_001);
    expect(refundDueMinor(10_001, { startsAt, cancelledAt: before(23.9), by: 'patient' }, policy)).toBe(
      5_000,
    );
    expect(refundDueMinor(10_001, { startsAt, cancelledAt: before(-1), by: 'patient' }, policy)).toBe(0);
    expect(refundDueMinor(10_001, { startsAt, cancelledAt: before(1), by: 'doctor' }, policy)).toBe(10_001);
    expect(refundDueMinor(10_001, { startsAt, cancelledAt: before(1), by: 'admin' }, policy)).toBe(10_001);
    expect(refundDueMinor(0, { startsAt, cancelledAt: before(48), by: 'doctor' }, policy)).toBe(0);
    expect(
      refundDueMinor(
        999,
        { startsAt, cancelledAt: before(2), by: 'patient' },
        { fullRefundHours: 48, lateRefundPercent: 0 },
      ),
    ).toBe(0);
  });

  it('formats money with each currency’s decimals and keys reminders by start', () => {
    expect(formatMoney(12_345, 'USD')).toBe('$123.45');
    expect(formatMoney(50_000, 'INR')).toBe('₹500.00');
    expect(formatMoney(1_000, 'JPY')).toBe('¥1,000');
    expect(reminderKey('a1', '24h', startsAt)).toBe('reminder:a1:24h:2027-03-15T13:00:00.000Z');
  });
});

describe('iCalendar', () => {
  const event = {
    method: 'REQUEST' as const,
    uid: '0b6e6e00-0000-4000-8000-000000000001',
    sequence: 0,
    start: startsAt,
    end: new Date(startsAt.getTime() + 30 * 60_000),
    stamp: new Date('2027-03-01T10:00:00Z'),
    summary: 'Video consultation with Dr. Sofía Martínez, MD; paediatrics',
    description:
      'Line one\nLine two with a very long text that certainly goes beyond the seventy-five octet limit of RFC 5545',
    organizer: parseMailbox('Telehealth Hub <no-reply@telehealth.local>'),
    attendees: [{ name: 'Priya "P" Sharma', email: 'priya@telehealth.local' }],
  };

  it('writes UTC times, escapes text and folds long lines at 75 octets', () => {
    const ics = buildIcs(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART:20270315T130000Z\r\nDTEND:20270315T133000Z');
    expect(unfolded).toContain('SUMMARY:Video consultation with Dr. Sofía Martínez\\, MD\\; paediatrics');
    expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two');
    expect(unfolded).toContain('ATTENDEE;CN="Priya P Sharma";');
    expect(unfolded).toContain('ORGANIZER;CN="Telehealth Hub":mailto:no-reply@telehealth.local');
    expect(unfolded).toMatch(
      /METHOD:REQUEST[\s\S]*UID:0b6e6e00-0000-4000-8000-000000000001[\s\S]*STATUS:CONFIRMED/,
    );
    const cancel = buildIcs({ ...event, method: 'CANCEL', sequence: 2 });
    expect(cancel).toMatch(/METHOD:CANCEL[\s\S]*SEQUENCE:2[\s\S]*STATUS:CANCELLED/);
    expect(cancel).not.toContain('VALARM');
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(100)}`);
    expect(icsText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(icsUtc(new Date('2027-01-02T03:04:05.678Z'))).toBe('20270102T030405Z');
  });
});

describe('booking emails', () => {
  it('say who, when (in the recipient’s zone) and the refund, and escape HTML', () => {
    const m = bookingCancelledEmail({
      name: 'Amelia <Hughes>',
      withName: 'Dr. James Okafor',
      when: formatWhen(startsAt, 'Europe/London'),
      cancelledBy: 'doctor',
      refund: { amount: '£60.00' },
      link: 'http://localhost:3000/doctors/x',
    });
    expect(m.template).toBe('booking_cancelled');
    expect(m.text).toContain('Monday, March 15, 2027 at 1:00 PM (Europe/London)');
    expect(m.text).toContain('was cancelled by the doctor');
    expect(m.text).toContain('A refund of £60.00 is on its way.');
    expect(m.html).toContain('Amelia &lt;Hughes&gt;');
    expect(m.html).toContain('<html lang="en">');
  });

  it('are written in the recipient’s language: words, date and money', () => {
    const m = bookingCancelledEmail({
      name: 'सुनीता',
      withName: 'Dr. James Okafor',
      when: formatWhen(startsAt, 'Asia/Kolkata', 'hi'),
      cancelledBy: 'you',
      refund: 'none',
      link: 'http://localhost:3000/doctors/x',
      locale: 'hi',
    });
    expect(m.subject).toBe('रद्द: Dr. James Okafor के साथ परामर्श');
    expect(m.text).toContain('नमस्ते सुनीता,');
    expect(m.text).toContain('सोमवार, 15 मार्च 2027');
    expect(m.text).toContain('आप द्वारा रद्द किया गया');
    expect(m.text).toContain('रिफ़ंड नहीं मिलता');
    expect(m.text).not.toMatch(/\b(the|your|Hello|cancelled)\b/i);
    expect(m.html).toContain('<html lang="hi">');
    expect(m.html).toContain('टेलीहेल्थ हब');
  });

  it('the invite’s reminder is in the attendee’s language', () => {
    const ics = buildIcs({
      method: 'REQUEST',
      uid: 'a1',
      sequence: 0,
      start: startsAt,
      end: new Date(startsAt.getTime() + 30 * 60_000),
      stamp: startsAt,
      summary: 'Dr. James Okafor के साथ वीडियो परामर्श',
      alarm: '15 मिनट में परामर्श',
      organizer: { name: 'Telehealth Hub', email: 'no-reply@telehealth.local' },
      attendees: [{ name: 'सुनीता', email: 's@example.com' }],
    }).replace(/\r\n /g, '');
    expect(ics).toContain('SUMMARY:Dr. James Okafor के साथ वीडियो परामर्श');
    expect(ics).toContain('DESCRIPTION:15 मिनट में परामर्श');
    expect(ics).not.toContain('Consultation in 15 minutes');
  });
});
