import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerAnalyticsRoutes } from './analytics.ts';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  const ids = (await seedDemo(t.db))!;
  app = await startTestApp(t.db, { modules: [registerAnalyticsRoutes] });
  const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, 20 + d, h));
  const insert = (doctor: number, patient: number, starts: Date, status: string, price: number) =>
    t.db.query(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
       VALUES ($1, $2, $3::timestamptz, $3::timestamptz + interval '30 minutes', $3::timestamptz + interval '30 minutes', $4, $5, 'INR', $6)`,
      [
        ids.doctorIds[doctor],
        ids.patientIds[patient],
        starts,
        status,
        price,
        status === 'cancelled' ? null : starts,
      ],
    );
  await insert(0, 0, day(0, 9), 'completed', 50_000);
  await insert(0, 1, day(0, 10), 'no_show', 50_000);
  await insert(1, 0, day(1, 9), 'completed', 120_000);
  await insert(1, 2, day(1, 11), 'cancelled', 120_000);
  app.ctx.now = () => new Date(Date.UTC(2026, 10, 27));
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('admin analytics', () => {
  it('aggregates appointments, revenue and the no-show rate per day, for admins only', async () => {
    const admin = createClient(app.url);
    await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
    const r = await admin.get('/api/v1/admin/analytics?days=30');
    expect(r.status).toBe(200);
    expect(r.body.appointmentsPerDay).toEqual([
      { day: '2026-11-20', booked: 2, cancelled: 0 },
      { day: '2026-11-21', booked: 1, cancelled: 1 },
    ]);
    expect(r.body.revenuePerDay).toEqual([
      { day: '2026-11-20', currency: 'INR', amountMinor: 100_000 },
      { day: '2026-11-21', currency: 'INR', amountMinor: 120_000 },
    ]);
    expect(r.body.noShow).toEqual({ noShows: 1, attended: 2, rate: 1 / 3 });

    const patient = createClient(app.url);
    await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    expect((await patient.get('/api/v1/admin/analytics')).status).toBe(403);
  });
});
