/**
 * The appointment state conditions, written once. Every query that asks "does this appointment
 * still hold its time?" uses these, so the SQL, the exclusion constraints (0010_booking.sql) and the
 * JSON the API returns cannot drift apart. A pending appointment's hold lapses on the database clock
 * (`now()`), never the API's: the constraints compare against the same clock.
 *
 * Each condition comes in an alias-taking form for joins (`liveSql('a')`) and as a constant for
 * single-table queries (`LIVE_SQL`).
 */
import type { AppointmentStatus } from './schemas.ts';

/** Statuses that occupy time: the exclusion constraints' predicate. */
export const OCCUPYING_STATUSES = [
  'pending',
  'confirmed',
  'completed',
  'no_show',
] as const satisfies readonly AppointmentStatus[];

const column = (alias: string | undefined, name: string) => (alias ? `${alias}.${name}` : name);

/** Pending with its hold run out: it blocks nobody any more, even before the sweeper marks it expired. */
export const lapsedSql = (alias?: string) =>
  `(${column(alias, 'status')} = 'pending' AND ${column(alias, 'hold_expires_at')} <= now())`;

/** In one of the statuses the exclusion constraints count, lapsed holds included. */
export const occupyingSql = (alias?: string) =>
  `${column(alias, 'status')} IN (${OCCUPYING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** What actually blocks a slot right now: occupying and not a lapsed hold. */
export const liveSql = (alias?: string) => `${occupyingSql(alias)} AND NOT ${lapsedSql(alias)}`;

/** The status as the API reports it: a lapsed hold reads 'expired' (the SQL twin of effectiveStatus). */
export const effectiveStatusSql = (alias?: string) =>
  `(CASE WHEN ${lapsedSql(alias)} THEN 'expired' ELSE ${column(alias, 'status')} END)`;

export const LAPSED_SQL = lapsedSql();
export const OCCUPYING_SQL = occupyingSql();
export const LIVE_SQL = liveSql();

/** A row read with `lapsedSql(...) AS hold_lapsed` reads as expired once its hold lapsed. */
export const effectiveStatus = (r: { status: AppointmentStatus; hold_lapsed: boolean }): AppointmentStatus =>
  r.status === 'pending' && r.hold_lapsed ? 'expired' : r.status;
