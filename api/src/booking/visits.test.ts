/**
 * Issue 15 over HTTP on PostgreSQL: the visit reason and type, the call window and check-in, the
 * end of a visit (completed by the doctor ending the call, or settled by the sweeper as completed or
 * no-show, which the admin analytics then count), the doctor's proposals accepted in one click, and
 * the patient told live when the doctor cancels.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAnalyticsRoutes } from '../admin/analytics.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { completeAppointment } from './service.ts';
import { settleLapsedVisits } from './jobs.ts';
import { registerBookingRoutes } from './routes.ts';
import { clientAs, makeDoctor, makePatients, slotIn } from './testing.ts';

const MIN = 60_000;

let t: TestDb;
let app: TestApp;
let adminId: string;

beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db, {
    modules: [registerBookingRoutes, registerAnalyticsRoutes],
    env: { CALL_PATIENT_EARLY_MINUTES: '5', CALL_DOCTOR_EARLY_MINUTES: '15', CALL_GRACE_MINUTES: '20' },
  });
  adminId = randomUUID();
  await t.db.query(
    `INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, 'Admin', 'admin', 'x')`,
    [adminId, `admin.${adminId}@example.test`],
  );
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** A free doctor (confirmed at once, nothing to pay), a patient and their clients. */
async function visit(opts: { hoursAhead?: number; at?: Date } = {}) {
  const doctor = await makeDoctor(t.db, { feeMinor: 0 });
  const [patient] = await makePatients(t.db, 1);
  const p = await clientAs(app, patient!, 'patient');
  const d = await clientAs(app, doctor, 'doctor');
  const startsAt = (opts.at ?? slotIn(opts.hoursAhead ?? 24)).toISOString();
  const r = await p.post('/api/v1/appointments', {
    doctorId: doctor,
    startsAt,
    reason: 'Cough for two weeks,\nworse at night',
    visitType: 'follow_up',
  });
  expect(r.status).toBe(201);
  return { doctor, patient: patient!, p, d, id: r.body.id as string, startsAt };
}

const notifications = async (userId: string, kind: string) =>
  (
    await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = $2',
      [userId, kind],
    )
  ).rows[0]!.n;

/** Runs `fn` with the app's clock at `at` (booking, windows and checks read ctx.now). */
async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
  const real = app.ctx.now;
  app.ctx.now = () => when;
  try {
    return await fn();
  } finally {
    app.ctx.now = real;
  }
}

describe('visit reason and type', () => {
  it('the patient and the doctor read the reason; an admin does not; bad text is a 400 with its path', async () => {
    const v = await visit();
    const own = (await v.p.get(`/api/v1/appointments/${v.id}`)).body;
    expect(own).toMatchObject({
      visitReason: 'Cough for two weeks,\nworse at night',
      visitType: 'follow_up',
    });
    expect((await v.d.get(`/api/v1/appointments/${v.id}`)).body.visitReason).toBe(own.visitReason);
    expect(own).toMatchObject({
      refundIfCancelledMinor: 0,
      refundPolicy: { fullRefundHours: 24, lateRefundPercent: 50 },
    });
    // Its calendar invite, for the patient's side, links to the appointment page.
    const ics = await fetch(`${app.url}/api/v1/appointments/${v.id}/ics`, {
      headers: { authorization: `Bearer ${v.p.token}` },
    });
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body.replace(/\r\n /g, '')).toContain(`/appointments/${v.id}`);
    const admin = await clientAs(app, adminId, 'admin');
    const seen = (await admin.get(`/api/v1/appointments/${v.id}`)).body;
    expect(seen.visitReason).toBeNull();
    expect(seen.visitType).toBe('follow_up');

    const bad = await v.p.post('/api/v1/appointments', {
      doctorId: v.doctor,
      startsAt: slotIn(30).toISOString(),
      reason: 'hidden\u0007bell',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((x: { path: string }) => x.path)).toContain('body.reason');
    // The reason never goes into an email.
    const mail = await t.db.query<{ text_body: string }>(
      `SELECT text_body FROM outbox_emails WHERE template = 'booking_confirmed'`,
    );
    expect(mail.rows.length).toBeGreaterThan(0);
    for (const m of mail.rows) expect(m.text_body).not.toContain('Cough');
  });
});

describe('the call window and check-in', () => {
  it('each side sees its own window; check-in refuses before and after it and tells the doctor once', async () => {
    const v = await visit();
    const start = Date.parse(v.startsAt);
    const mine = (await v.p.get(`/api/v1/appointments/${v.id}`)).body;
    const theirs = (await v.d.get(`/api/v1/appointments/${v.id}`)).body;
    expect(Date.parse(mine.joinOpensAt)).toBe(start - 5 * MIN);
    expect(Date.parse(theirs.joinOpensAt)).toBe(start - 15 * MIN);
    expect(Date.parse(mine.joinClosesAt)).toBe(start + 30 * MIN + 20 * MIN);

    const early = await at(new Date(start - 6 * MIN), () =>
      v.p.post(`/api/v1/appointments/${v.id}/check-in`),
    );
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'CALL_NOT_OPEN', details: { opensAt: mine.joinOpensAt } });
    expect((await v.d.post(`/api/v1/appointments/${v.id}/check-in`)).status).toBe(403);

    const first = await at(new Date(start - 4 * MIN), () =>
      v.p.post(`/api/v1/appointments/${v.id}/check-in`),
    );
    expect(first.status).toBe(200);
    expect(first.body.checkedInAt).not.toBeNull();
    const again = await at(new Date(start), () => v.p.post(`/api/v1/appointments/${v.id}/check-in`));
    expect(again.body.checkedInAt).toBe(first.body.checkedInAt);
    expect(await notifications(v.doctor, 'appointment.arrived')).toBe(1);
    // The agenda of that day shows the arrival.
    const day = v.startsAt.slice(0, 10);
    const agenda = (await v.d.get(`/api/v1/doctors/me/agenda?date=${day}&tz=UTC`)).body;
    expect(agenda.items.find((a: { id: string }) => a.id === v.id).checkedInAt).toBe(first.body.checkedInAt);

    const late = await at(new Date(start + 51 * MIN), () =>
      v.p.post(`/api/v1/appointments/${v.id}/check-in`),
    );
    expect(late.body.error.code).toBe('CALL_CLOSED');
  });
});

describe('the end of a visit', () => {
  it('ending the consultation completes it once; the sweeper settles the rest; analytics count them', async () => {
    const ended = await visit();
    expect(await t.db.tx((q) => completeAppointment(q, ended.id, ended.doctor))).toBe(true);
    expect(await t.db.tx((q) => completeAppointment(q, ended.id, ended.doctor))).toBe(false);
    const done = (await ended.p.get(`/api/v1/appointments/${ended.id}`)).body;
    expect(done.status).toBe('completed');
    expect(done.completedAt).not.toBeNull();
    // No reminder is left to go out for a completed visit.
    const pending = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE dedupe_key LIKE $1 AND status = 'pending'`,
      [`reminder:${ended.id}:%`],
    );
    expect(pending.rows[0]!.n).toBe(0);

    // Three visits of three hours ago, booked with the app's clock set back: the patient never came;
    // the call took place; the patient checked in but no call started.
    const past = new Date(Math.floor((Date.now() - 3 * 3_600_000) / (30 * MIN)) * 30 * MIN);
    const book = (o: number) =>
      at(new Date(past.getTime() - 10 * MIN), () => visit({ at: new Date(past.getTime() + o) }));
    const [absent, met, waited] = [await book(0), await book(0), await book(0)];
    await t.db.query(
      `INSERT INTO consultations (room_id, appointment_id, patient_id, doctor_id, started_at) VALUES ($1, $2, $3, $4, $5)`,
      [met.id, met.id, met.patient, met.doctor, past],
    );
    await t.db.query(`UPDATE appointments SET checked_in_at = $2 WHERE id = $1`, [waited.id, past]);

    expect(await settleLapsedVisits(t.db, 20)).toBeGreaterThanOrEqual(2);
    const status = async (id: string) =>
      (await t.db.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [id])).rows[0]!
        .status;
    expect(await status(absent.id)).toBe('no_show');
    expect(await status(met.id)).toBe('completed');
    expect(await status(waited.id)).toBe('confirmed');
    expect(await settleLapsedVisits(t.db, 20)).toBe(0);

    const admin = await clientAs(app, adminId, 'admin');
    const a = (await admin.get('/api/v1/admin/analytics?days=2')).body;
    expect(a.noShow.noShows).toBeGreaterThanOrEqual(1);
    expect(a.noShow.attended).toBeGreaterThanOrEqual(1);
  });
});

describe('proposals', () => {
  it('the doctor proposes a new time; the patient is emailed and notified and accepts in one click', async () => {
    const v = await visit({ hoursAhead: 48 });
    const to = new Date(Date.parse(v.startsAt) + 2 * 3_600_000).toISOString();
    const made = await v.d.post(`/api/v1/appointments/${v.id}/proposals`, {
      kind: 'reschedule',
      startsAt: to,
      note: 'I am in theatre that morning',
    });
    expect(made.status).toBe(201);
    expect(await notifications(v.patient, 'proposal.reschedule')).toBe(1);
    const mail = await t.db.query<{ text_body: string; to_address: string }>(
      `SELECT o.text_body, o.to_address FROM outbox_emails o WHERE o.template = 'booking_reschedule_proposed' AND o.text_body LIKE $1`,
      [`%/appointments/${v.id}%`],
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]!.text_body).not.toContain('theatre');

    // Someone else's proposal does not exist for them; the doctor cannot accept for the patient.
    const [other] = await makePatients(t.db, 1);
    expect(
      (await (await clientAs(app, other!, 'patient')).post(`/api/v1/proposals/${made.body.id}/accept`))
        .status,
    ).toBe(404);
    expect((await v.d.post(`/api/v1/proposals/${made.body.id}/accept`)).status).toBe(403);

    const open = (await v.p.get('/api/v1/proposals?status=open')).body;
    expect(open.map((x: { id: string }) => x.id)).toEqual([made.body.id]);
    const ok = await v.p.post(`/api/v1/proposals/${made.body.id}/accept`);
    expect(ok.status).toBe(200);
    expect(ok.body.appointment).toMatchObject({ id: v.id, startsAt: to, rescheduleCount: 1 });
    expect(ok.body.proposal.status).toBe('accepted');
    expect((await v.p.post(`/api/v1/proposals/${made.body.id}/accept`)).body.error.code).toBe(
      'PROPOSAL_CLOSED',
    );
    expect(await notifications(v.doctor, 'proposal.accepted')).toBe(1);
  });

  it('a follow-up after a visit books with the note as its reason; a taken slot leaves the proposal open', async () => {
    const v = await visit({ hoursAhead: 20 });
    const when = new Date(Date.parse(v.startsAt) + 7 * 24 * 3_600_000).toISOString();
    const made = await v.d.post(`/api/v1/appointments/${v.id}/proposals`, {
      kind: 'follow_up',
      startsAt: when,
      note: 'Review of the chest X-ray',
    });
    expect(made.status).toBe(201);
    // A reschedule proposal for a past or cancelled visit is refused; so is an unoffered time.
    const odd = await v.d.post(`/api/v1/appointments/${v.id}/proposals`, {
      kind: 'follow_up',
      startsAt: new Date(Date.parse(when) + 7 * MIN).toISOString(),
    });
    expect(odd.body.error.code).toBe('SLOT_NOT_OFFERED');

    // Someone takes the time first: accepting fails and the proposal stays open.
    const [rival] = await makePatients(t.db, 1);
    const r = await (
      await clientAs(app, rival!, 'patient')
    ).post('/api/v1/appointments', { doctorId: v.doctor, startsAt: when });
    expect(r.status).toBe(201);
    const taken = await v.p.post(`/api/v1/proposals/${made.body.id}/accept`);
    expect(taken.body.error.code).toBe('SLOT_TAKEN');
    expect((await v.p.get(`/api/v1/proposals?appointmentId=${v.id}`)).body[0].status).toBe('open');

    // A new proposal replaces the open one.
    const later = new Date(Date.parse(when) + 3_600_000).toISOString();
    const second = await v.d.post(`/api/v1/appointments/${v.id}/proposals`, {
      kind: 'follow_up',
      startsAt: later,
      note: 'Review of the chest X-ray',
    });
    const listed = (await v.p.get(`/api/v1/proposals?appointmentId=${v.id}`)).body;
    expect(listed.map((x: { status: string }) => x.status).sort()).toEqual(['open', 'withdrawn']);
    const ok = await v.p.post(`/api/v1/proposals/${second.body.id}/accept`);
    expect(ok.status).toBe(200);
    expect(ok.body.appointment).toMatchObject({
      startsAt: later,
      visitType: 'follow_up',
      followUpOf: v.id,
      visitReason: 'Review of the chest X-ray',
      status: 'confirmed',
    });
  });

  it('declining keeps the visit where it was', async () => {
    const v = await visit({ hoursAhead: 40 });
    const made = await v.d.post(`/api/v1/appointments/${v.id}/proposals`, {
      kind: 'reschedule',
      startsAt: new Date(Date.parse(v.startsAt) + 3_600_000).toISOString(),
    });
    const no = await v.p.post(`/api/v1/proposals/${made.body.id}/decline`);
    expect(no.body.status).toBe('declined');
    expect((await v.p.get(`/api/v1/appointments/${v.id}`)).body.startsAt).toBe(v.startsAt);
    expect(await notifications(v.doctor, 'proposal.declined')).toBe(1);
  });
});

describe('doctor-side cancellation', () => {
  it('the patient is notified live and e-mailed', async () => {
    const v = await visit({ hoursAhead: 30 });
    const r = await v.d.post(`/api/v1/appointments/${v.id}/cancel`, { reason: 'Unwell' });
    expect(r.body).toMatchObject({ status: 'cancelled', cancelledBy: 'doctor' });
    expect(await notifications(v.patient, 'appointment.cancelled')).toBe(1);
    expect(await notifications(v.doctor, 'appointment.cancelled')).toBe(0);
  });
});
