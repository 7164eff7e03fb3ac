/**
 * An appointment's call room is taken away from live subscribers as soon as the appointment is
 * cancelled: the real booking API and a real signaling node (with the host's call authorizer) share
 * the app's bus; real WebSockets, real PostgreSQL.
 */
import { createDefaultAuthorizer } from '@telehealth/signaling';
import type { ServerFrame } from '@telehealth/signaling/protocol';
import { client, startServer, waitFor } from '@telehealth/signaling/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBookingRoutes } from '../booking/routes.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { createCallAuthorizer } from './calls.ts';

let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  t = await createTestPostgres();
  await seedDemo(t.db);
  app = await startTestApp(t.db, { modules: [registerBookingRoutes] });
  signaling = await startServer({
    db: t.db,
    bus: app.ctx.bus,
    tokens: app.ctx.tokens,
    authorize: createCallAuthorizer({ db: t.db, now: () => new Date() }, createDefaultAuthorizer(t.db)),
  });
});
afterAll(async () => {
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
});

async function idOf(email: string) {
  return (await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0]!.id;
}

describe('appointment call rooms', () => {
  it('cancelling the appointment revokes its room for the subscribed patient', async () => {
    const patientId = await idOf(DEMO_PATIENTS[0].email);
    const doctorId = await idOf(DEMO_DOCTORS[0].email);
    // Starts in 5 minutes: the room is open to both (seedDemo without seeders books nothing else).
    const starts = new Date(Date.now() + 5 * 60_000);
    const room = (
      await t.db.query<{ id: string }>(
        `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
         VALUES ($1, $2, $3, $4, $4, 'confirmed', 0, 'EUR', now()) RETURNING id`,
        [doctorId, patientId, starts, new Date(starts.getTime() + 30 * 60_000)],
      )
    ).rows[0]!.id;
    const topic = `call:${room}`;
    const http = createClient(app.url);
    await http.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    const p = client(signaling.url, { token: async () => http.token! });
    await p.connect();
    const seen: Extract<ServerFrame, { type: 'event' }>[] = [];
    p.onFrame((f) => void (f.type === 'event' && seen.push(f)));
    await p.subscribe(topic);

    const r = await http.post(`/api/v1/appointments/${room}/cancel`, { reason: 'cannot make it' });
    expect(r.status).toBe(200);
    await waitFor(() => seen.some((e) => e.topic === topic && e.event === 'sub.revoked'), 'sub.revoked');
    // Nothing more from the room: a probe, then a marker on the patient's own topic.
    await signaling.publish(topic, 'test.probe', {});
    await signaling.publish(`user:${patientId}`, 'test.marker', {});
    await waitFor(() => seen.some((e) => e.event === 'test.marker'), 'marker');
    expect(seen.some((e) => e.event === 'test.probe')).toBe(false);
    p.close();
  });
});
