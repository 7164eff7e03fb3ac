// Pure helpers for the doctor practice pages (availability, agenda): civil dates and wall times in a zone.
import type * as availability from '@telehealth/api/availability/schemas';
import type { z } from 'zod';
import { intlLocale } from './i18n/index.svelte.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekday (1 = Monday) → its name in the UI language. 2024-01-01 was a Monday. */
export function weekdayName(isoDay: number, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(), { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoDay)),
  );
}

/** The civil date (YYYY-MM-DD) of `at` in `zone`. */
export function dayIn(zone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** YYYY-MM-DD shifted by `n` days (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A civil date formatted for people ("Mon, 5 Jan 2026"), read as a calendar date, not an instant. */
export function civilDate(day: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

export const minutesOf = (hm: string) => {
  const [h, m] = hm.split(':').map(Number);
  return h! * 60 + m!;
};

/**
 * `<input type="time">` cannot show 24:00 (end of day), so the editor shows it as 00:00 and an end of
 * 00:00 is read back as 24:00 (an end at midnight that starts the same day can only mean end of day).
 */
export const endToInput = (hm: string) => (hm === '24:00' ? '00:00' : hm);
export const endFromInput = (hm: string) => (hm === '00:00' ? '24:00' : hm);
export const windowValid = (start: string, end: string) =>
  /^\d\d:\d\d$/.test(start) && /^\d\d:\d\d$/.test(end) && minutesOf(start) < minutesOf(endFromInput(end));

/** What /doctors/me/availability answers. */
export type Availability = z.output<typeof availability.Availability>;
export type WeeklyRule = Availability['rules'][number];
export type AvailabilityException = z.output<typeof availability.AvailabilityException>;

/** A wall-clock HH:MM as people read it in the UI language ("6:00 PM", "18:00"); 24:00 stays as is. */
export function wallTime(hm: string): string {
  if (hm === '24:00') return hm;
  const [h, m] = hm.split(':').map(Number);
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(1970, 0, 1, h, m)),
  );
}
