import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBookingRoutes } from '../booking/routes.ts';
import { completeAppointment } from '../booking/service.ts';
import { clientAs, makeDoctor, makePatients, slotIn } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerRatingRoutes } from './routes.ts';
import { averageStars } from './schemas.ts';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db, { modules: [registerBookingRoutes, registerRatingRoutes] });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

it('averageStars rounds to one decimal and is null without ratings', () => {
  expect(averageStars(0, 0)).toBeNull();
  expect(averageStars(17, 4)).toBe(4.3);
  expect(averageStars(9, 2)).toBe(4.5);
});

describe('visit ratings', () => {
  it('only the patient of a completed visit rates it, once; admins read comments; the profile shows the average', async () => {
    const doctor = await makeDoctor(t.db, { feeMinor: 0 });
    const patients = await makePatients(t.db, 2);
    const [p1, p2] = await Promise.all(patients.map((p) => clientAs(app, p, 'patient')));
    const book = async (c: typeof p1, h: number) =>
      (await c!.post('/api/v1/appointments', { doctorId: doctor, startsAt: slotIn(h).toISOString() })).body
        .id as string;
    const a1 = await book(p1, 24);
    const a2 = await book(p2, 26);

    expect((await p1!.post(`/api/v1/appointments/${a1}/rating`, { stars: 5 })).body.error.code).toBe(
      'VISIT_NOT_COMPLETED',
    );
    await t.db.tx((q) => completeAppointment(q, a1, doctor));
    await t.db.tx((q) => completeAppointment(q, a2, doctor));
    // Someone else's visit does not exist for them; stars outside 1–5 are a 400 with the path.
    expect((await p2!.post(`/api/v1/appointments/${a1}/rating`, { stars: 5 })).status).toBe(404);
    const bad = await p1!.post(`/api/v1/appointments/${a1}/rating`, { stars: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.stars');

    const ok = await p1!.post(`/api/v1/appointments/${a1}/rating`, {
      stars: 5,
      comment: 'Very clear advice',
    });
    expect(ok.status).toBe(201);
    expect((await p1!.post(`/api/v1/appointments/${a1}/rating`, { stars: 1 })).body.error.code).toBe(
      'ALREADY_RATED',
    );
    await p2!.post(`/api/v1/appointments/${a2}/rating`, { stars: 4 });

    const summary = (await p1!.get(`/api/v1/doctors/${doctor}/rating`)).body;
    expect(summary).toEqual({ doctorId: doctor, average: 4.5, count: 2 });
    expect(
      (await (await clientAs(app, doctor, 'doctor')).get(`/api/v1/appointments/${a1}/rating`)).body.stars,
    ).toBe(5);
    expect((await p2!.get(`/api/v1/appointments/${a1}/rating`)).status).toBe(404);

    const adminId = randomUUID();
    await t.db.query(
      `INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, 'Admin', 'admin', 'x')`,
      [adminId, `a.${adminId}@example.test`],
    );
    const admin = await clientAs(app, adminId, 'admin');
    const list = (await admin.get(`/api/v1/admin/ratings?doctorId=${doctor}`)).body;
    expect(list.total).toBe(2);
    expect(list.items.find((r: { appointmentId: string }) => r.appointmentId === a1)).toMatchObject({
      stars: 5,
      comment: 'Very clear advice',
      patientName: 'Patient 1',
    });
    expect((await p1!.get('/api/v1/admin/ratings')).status).toBe(403);
  });
});
