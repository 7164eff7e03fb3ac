import type { DemoSeeder } from '../seed/demo.ts';

/**
 * Demo availability: every demo doctor works Monday-Friday 09:00-17:00 in their own zone, plus an
 * evening window 18:00-22:00 every day, so that whatever the hour somewhere a slot is soon free.
 */
export const seedBookingDemo: DemoSeeder = async (q, { doctorIds }) => {
  for (const id of doctorIds) {
    await q.query(
      `INSERT INTO availability_rules (doctor_id, weekday, start_minute, end_minute)
       SELECT $1::uuid, wd, 540, 1020 FROM generate_series(1, 5) AS wd
       UNION ALL SELECT $1::uuid, wd, 1080, 1320 FROM generate_series(1, 7) AS wd`,
      [id],
    );
  }
};
