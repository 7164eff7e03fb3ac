import type { DemoSeeder } from '../seed/demo.ts';

/** Councils by the demo doctor's zone, so the admin review reads like a real one. */
const councilFor = (zone: string) =>
  zone.startsWith('Asia/')
    ? 'National Medical Commission (India)'
    : zone.startsWith('Europe/London')
      ? 'General Medical Council (UK)'
      : zone.startsWith('America/')
        ? 'State Medical Board (US)'
        : 'Medical Council';

/** Demo doctors are verified: their applications carry the registration they were verified against. */
export const seedOnboardingDemo: DemoSeeder = async (q, { adminId, doctorIds }) => {
  for (const [i, id] of doctorIds.entries()) {
    await q.query(
      `INSERT INTO doctor_credentials (doctor_id, registration_number, registration_council, qualifications, experience_years,
         review_status, reviewed_at, reviewed_by)
       SELECT $1, $2, $3, $4, $5, 'verified', now(), $6 FROM doctor_profiles WHERE user_id = $1`,
      [
        id,
        `DEMO-${String(48_213 + i * 7_919).padStart(6, '0')}`,
        councilFor(await zoneOf(q, id)),
        ['MBBS', 'MD'],
        8 + i,
        adminId,
      ],
    );
  }
};

async function zoneOf(q: Parameters<DemoSeeder>[0], id: string) {
  return (
    (await q.query<{ timezone: string }>('SELECT timezone FROM doctor_profiles WHERE user_id = $1', [id]))
      .rows[0]?.timezone ?? 'UTC'
  );
}
