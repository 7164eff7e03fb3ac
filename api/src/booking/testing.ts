import { randomUUID } from 'node:crypto';
import type { Db } from '@telehealth/platform/db/index';
import type { TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { parseHm } from '../availability/zones.ts';

/** Test fixtures for booking: accounts inserted directly (no password hashing) and signed tokens. */

export interface DoctorFixture {
  timezone?: string;
  feeMinor?: number;
  currency?: string;
  slotMinutes?: number;
  bufferMinutes?: number;
  specialty?: string;
  /** [weekday 1-7, 'HH:MM', 'HH:MM']; default: every day, all day. */
  rules?: [number, string, string][];
}

export async function makeDoctor(db: Db, f: DoctorFixture = {}): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, timezone) VALUES ($1, $2, $3, 'doctor', 'x', $4)`,
    [id, `doc.${id}@example.test`, `Dr. ${id.slice(0, 6)}`, f.timezone ?? 'UTC'],
  );
  await db.query(
    `INSERT INTO doctor_profiles (user_id, specialty, languages, fee_minor, currency, timezone, slot_minutes, buffer_minutes, verified_at)
     VALUES ($1, $2, '{en}', $3, $4, $5, $6, $7, now())`,
    [
      id,
      f.specialty ?? 'General Medicine',
      f.feeMinor ?? 5_000,
      f.currency ?? 'USD',
      f.timezone ?? 'UTC',
      f.slotMinutes ?? 30,
      f.bufferMinutes ?? 0,
    ],
  );
  const rules =
    f.rules ?? [1, 2, 3, 4, 5, 6, 7].map((d) => [d, '00:00', '24:00'] as [number, string, string]);
  for (const [weekday, s, e] of rules) {
    await db.query(
      `INSERT INTO availability_rules (doctor_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)`,
      [id, weekday, parseHm(s), parseHm(e)],
    );
  }
  return id;
}

export async function makePatients(db: Db, n: number, timezone = 'UTC'): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash, timezone)
     SELECT 'pat.' || gen_random_uuid() || '@example.test', 'Patient ' || i, 'patient', 'x', $2 FROM generate_series(1, $1) AS i
     RETURNING id`,
    [n, timezone],
  );
  return rows.map((r) => r.id);
}

export async function clientAs(app: TestApp, userId: string, role: 'patient' | 'doctor' | 'admin') {
  const c = createClient(app.url);
  c.token = await app.ctx.tokens.sign({ userId, role });
  return c;
}

const HALF_HOUR = 30 * 60_000;
/** A half-hour-aligned instant at least `hours` from now (for doctors with all-day UTC rules and 30-minute slots). */
export const slotIn = (hours: number, now = Date.now()) =>
  new Date(Math.ceil((now + hours * 3_600_000) / HALF_HOUR) * HALF_HOUR);
