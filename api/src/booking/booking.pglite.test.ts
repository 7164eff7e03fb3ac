import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { DEMO_DOCTORS, seedDemo } from '../seed/demo.ts';
import { bookingDepsOf, confirmAppointment, seedBookingDemo } from './index.ts';
import { registerBookingRoutes } from './routes.ts';
import { clientAs, makeDoctor, makePatients, slotIn } from './testing.ts';

// The embedded default: the same migrations, constraints and flow on PGlite.
describe('booking core flow on PGlite', () => {
  let t: TestDb;
  let app: TestApp;
  beforeAll(async () => {
    t = await createTestPglite();
    app = await startTestApp(t.db, { modules: [registerBookingRoutes] });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('books, refuses conflicts with codes, replays, confirms, reschedules and cancels', async () => {
    const [d1, d2] = [await makeDoctor(t.db, { feeMinor: 2_000 }), await makeDoctor(t.db)];
    const [a, b] = await makePatients(t.db, 2);
    const [ca, cb] = [await clientAs(app, a!, 'patient'), await clientAs(app, b!, 'patient')];
    const s1 = slotIn(48).toISOString();
    const key = { 'Idempotency-Key': 'pglite-1' };
    const booked = await ca.post('/api/v1/appointments', { doctorId: d1, startsAt: s1 }, key);
    expect(booked.status).toBe(201);
    const replay = await ca.post('/api/v1/appointments', { doctorId: d1, startsAt: s1 }, key);
    expect(replay.body.id).toBe(booked.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await ca.post('/api/v1/appointments', { doctorId: d2, startsAt: s1 }, key)).body.error.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await cb.post('/api/v1/appointments', { doctorId: d1, startsAt: s1 })).body.error.code).toBe(
      'SLOT_TAKEN',
    );
    expect((await ca.post('/api/v1/appointments', { doctorId: d2, startsAt: s1 })).body.error.code).toBe(
      'PATIENT_OVERLAP',
    );

    expect(
      (await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, booked.body.id, 'pay_pglite'))).ok,
    ).toBe(true);
    const s2 = new Date(Date.parse(s1) + 3_600_000).toISOString();
    const moved = await ca.post(`/api/v1/appointments/${booked.body.id}/reschedule`, { startsAt: s2 });
    expect(moved.body).toMatchObject({ status: 'confirmed', startsAt: s2 });
    // The old slot is free again.
    expect((await cb.post('/api/v1/appointments', { doctorId: d1, startsAt: s1 })).status).toBe(201);
    const cancelled = await ca.post(`/api/v1/appointments/${booked.body.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundDueMinor: 2_000 });
    const reminders = await t.db.query<{ status: string }>(
      `SELECT status FROM outbox_emails WHERE dedupe_key LIKE $1`,
      [`reminder:${booked.body.id}:%`],
    );
    expect(reminders.rows.every((r) => r.status === 'cancelled')).toBe(true);
    expect(reminders.rows).toHaveLength(4);
  });

  it('demo seeding gives every demo doctor weekday and evening hours', async () => {
    const ids = await seedDemo(t.db, { force: true, seeders: [seedBookingDemo] });
    expect(ids?.doctorIds).toHaveLength(DEMO_DOCTORS.length);
    const { rows } = await t.db.query<{ doctor_id: string; n: number }>(
      `SELECT doctor_id, count(*)::int AS n FROM availability_rules WHERE doctor_id = ANY($1) GROUP BY doctor_id`,
      [ids!.doctorIds],
    );
    expect(rows.map((r) => r.n)).toEqual(ids!.doctorIds.map(() => 12));
    const c = await clientAs(app, ids!.patientIds[0]!, 'patient');
    const search = await c.get('/api/v1/search/doctors');
    expect(search.body.items.length).toBeGreaterThan(0);
    expect(search.body.items.every((d: { nextAvailableSlot: unknown }) => d.nextAvailableSlot !== null)).toBe(
      true,
    );
  });

  it('publishes its routes in the OpenAPI document', async () => {
    const spec = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/v1/appointments',
      '/api/v1/appointments/{id}/reschedule',
      '/api/v1/doctors/{id}/slots',
      '/api/v1/doctors/me/availability',
      '/api/v1/search/doctors',
    ]) {
      expect(spec.paths).toHaveProperty([p]);
    }
  });

  it('a lapsed hold is released by the next booking', async () => {
    const d = await makeDoctor(t.db);
    const [a, b] = await makePatients(t.db, 2);
    const s = slotIn(70).toISOString();
    const held = await (
      await clientAs(app, a!, 'patient')
    ).post('/api/v1/appointments', { doctorId: d, startsAt: s });
    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [
      held.body.id,
    ]);
    expect(
      (await (await clientAs(app, b!, 'patient')).post('/api/v1/appointments', { doctorId: d, startsAt: s }))
        .status,
    ).toBe(201);
    expect(
      (await t.db.query<{ status: string }>(`SELECT status FROM appointments WHERE id = $1`, [held.body.id]))
        .rows[0]!.status,
    ).toBe('expired');
  });
});
