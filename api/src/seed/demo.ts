import { hashPassword } from '../auth/passwords.ts';
import type { Db, Queryable } from '@telehealth/platform/db/index';

export const DEMO_PASSWORDS = {
  admin: 'Admin-demo-2026',
  doctor: 'Doctor-demo-2026',
  patient: 'Patient-demo-2026',
} as const;

export const DEMO_ADMIN = { email: 'admin@telehealth.local', name: 'Ada Admin' };

export const DEMO_DOCTORS = [
  {
    email: 'asha.rao@telehealth.local',
    name: 'Dr. Asha Rao',
    specialty: 'General Medicine',
    languages: ['en', 'hi'],
    feeMinor: 50_000,
    currency: 'INR',
    timezone: 'Asia/Kolkata',
    onCall: true,
  },
  {
    email: 'vikram.mehta@telehealth.local',
    name: 'Dr. Vikram Mehta',
    specialty: 'Cardiology',
    languages: ['en', 'hi'],
    feeMinor: 120_000,
    currency: 'INR',
    timezone: 'Asia/Kolkata',
    onCall: false,
  },
  {
    email: 'meera.iyer@telehealth.local',
    name: 'Dr. Meera Iyer',
    specialty: 'Pediatrics',
    languages: ['en', 'ta'],
    feeMinor: 70_000,
    currency: 'INR',
    timezone: 'Asia/Kolkata',
    onCall: true,
  },
  {
    email: 'emily.carter@telehealth.local',
    name: 'Dr. Emily Carter',
    specialty: 'Dermatology',
    languages: ['en'],
    feeMinor: 8_000,
    currency: 'USD',
    timezone: 'America/New_York',
    onCall: false,
  },
  {
    email: 'sofia.martinez@telehealth.local',
    name: 'Dr. Sofia Martínez',
    specialty: 'Pediatrics',
    languages: ['en', 'es'],
    feeMinor: 9_000,
    currency: 'USD',
    timezone: 'America/New_York',
    onCall: false,
  },
  {
    email: 'james.okafor@telehealth.local',
    name: 'Dr. James Okafor',
    specialty: 'General Medicine',
    languages: ['en'],
    feeMinor: 6_000,
    currency: 'GBP',
    timezone: 'Europe/London',
    onCall: true,
  },
  {
    email: 'kenji.watanabe@telehealth.local',
    name: 'Dr. Kenji Watanabe',
    specialty: 'Psychiatry',
    languages: ['en', 'ja'],
    // Yen have no minor unit: 12,000 here is ¥12,000.
    feeMinor: 12_000,
    currency: 'JPY',
    timezone: 'Asia/Tokyo',
    onCall: false,
  },
] as const;

export const DEMO_PATIENTS = [
  {
    email: 'priya@telehealth.local',
    name: 'Priya Sharma',
    timezone: 'Asia/Kolkata',
    phone: '+91 98765 43210',
  },
  {
    email: 'john@telehealth.local',
    name: 'John Miller',
    timezone: 'America/New_York',
    phone: '+1 212 555 0143',
  },
  {
    email: 'amelia@telehealth.local',
    name: 'Amelia Hughes',
    timezone: 'Europe/London',
    phone: '+44 20 7946 0321',
  },
] as const;

export interface DemoIds {
  adminId: string;
  doctorIds: string[];
  patientIds: string[];
}

/**
 * Further demo data from other domains (availability, wallet credit...). Each runs in the seeding
 * transaction after the accounts exist; the list is `domainSeeders` in modules.ts.
 */
export type DemoSeeder = (q: Queryable, ids: DemoIds) => Promise<void>;

const DEMO_DOMAIN = '@telehealth.local';

/** Seeds only an empty database; `force` first removes the demo accounts (and what cascades from them). */
export async function seedDemo(
  db: Db,
  opts: { force?: boolean; seeders?: readonly DemoSeeder[] } = {},
): Promise<DemoIds | undefined> {
  const [adminHash, doctorHash, patientHash] = await Promise.all([
    hashPassword(DEMO_PASSWORDS.admin),
    hashPassword(DEMO_PASSWORDS.doctor),
    hashPassword(DEMO_PASSWORDS.patient),
  ]);
  return db.tx(async (q) => {
    if (opts.force) await q.query(`DELETE FROM users WHERE email LIKE $1`, [`%${DEMO_DOMAIN}`]);
    else if ((await q.query('SELECT 1 FROM users LIMIT 1')).rowCount > 0) return undefined;
    const insertUser = async (
      email: string,
      name: string,
      role: string,
      hash: string,
      timezone: string,
      phone: string | null = null,
    ) =>
      (
        await q.query<{ id: string }>(
          `INSERT INTO users (email, name, role, password_hash, timezone, phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [email, name, role, hash, timezone, phone],
        )
      ).rows[0]!.id;
    const adminId = await insertUser(DEMO_ADMIN.email, DEMO_ADMIN.name, 'admin', adminHash, 'UTC');
    const doctorIds: string[] = [];
    for (const d of DEMO_DOCTORS) {
      const id = await insertUser(d.email, d.name, 'doctor', doctorHash, d.timezone);
      await q.query(
        `INSERT INTO doctor_profiles (user_id, specialty, languages, fee_minor, currency, timezone, bio, on_call, verified_at, verified_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
        [
          id,
          d.specialty,
          d.languages,
          d.feeMinor,
          d.currency,
          d.timezone,
          `${d.name} practises ${d.specialty.toLowerCase()} and consults online.`,
          d.onCall,
          adminId,
        ],
      );
      doctorIds.push(id);
    }
    const patientIds: string[] = [];
    for (const p of DEMO_PATIENTS)
      patientIds.push(await insertUser(p.email, p.name, 'patient', patientHash, p.timezone, p.phone));
    const ids = { adminId, doctorIds, patientIds };
    for (const s of opts.seeders ?? []) await s(q, ids);
    return ids;
  });
}
