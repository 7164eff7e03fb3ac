import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { bookingDepsOf, confirmAppointment, type RefundDue } from './index.ts';
import { startBookingJobs } from './jobs.ts';
import { registerBookingRoutes } from './routes.ts';
import { clientAs, makeDoctor, makePatients, slotIn } from './testing.ts';

const H = 3_600_000;

/** Pairs of live appointments that overlap for one doctor: must always be zero. */
async function doubleBookings(t: TestDb): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.doctor_id = b.doctor_id AND a.id < b.id
       AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
     WHERE a.status IN ('pending', 'confirmed', 'completed', 'no_show') AND b.status IN ('pending', 'confirmed', 'completed', 'no_show')
       AND NOT (a.status = 'pending' AND a.hold_expires_at <= now()) AND NOT (b.status = 'pending' AND b.hold_expires_at <= now())`,
  );
  return rows[0]!.n;
}

describe('booking on PostgreSQL', () => {
  let t: TestDb;
  let app: TestApp;
  /** What booking handed to its onRefundDue hook (payments, in the app). */
  const refunds: RefundDue[] = [];
  beforeAll(async () => {
    t = await createTestPostgres({ max: 50 });
    app = await startTestApp(t.db, {
      modules: [
        (route, ctx) =>
          registerBookingRoutes(route, ctx, {
            hooks: { onRefundDue: async (_q, r) => void refunds.push(r) },
          }),
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('200 parallel attempts at one slot from separate connections: exactly one appointment', async () => {
    const doctor = await makeDoctor(t.db);
    const patients = await makePatients(t.db, 200);
    const clients = await Promise.all(patients.map((p) => clientAs(app, p, 'patient')));
    const startsAt = slotIn(48).toISOString();
    const replies = await Promise.all(
      clients.map((c) => c.post('/api/v1/appointments', { doctorId: doctor, startsAt })),
    );
    const byStatus = new Map<number, number>();
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 1, 409: 199 });
    expect(new Set(replies.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['SLOT_TAKEN']),
    );
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1`,
      [doctor],
    );
    expect(rows[0]!.n).toBe(1);
    expect(await doubleBookings(t)).toBe(0);
    // The slot is gone from the listing.
    const slots = await clients[0]!.get(
      `/api/v1/doctors/${doctor}/slots?from=${encodeURIComponent(startsAt)}&to=${encodeURIComponent(new Date(Date.parse(startsAt) + H).toISOString())}`,
    );
    expect(slots.body.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      new Date(Date.parse(startsAt) + H / 2).toISOString(),
    ]);
  }, 120_000);

  it('a patient cannot hold two overlapping appointments, even with two doctors', async () => {
    const [d1, d2] = [await makeDoctor(t.db), await makeDoctor(t.db)];
    const [p] = await makePatients(t.db, 1);
    const c = await clientAs(app, p!, 'patient');
    const startsAt = slotIn(30).toISOString();
    expect((await c.post('/api/v1/appointments', { doctorId: d1, startsAt })).status).toBe(201);
    const second = await c.post('/api/v1/appointments', { doctorId: d2, startsAt });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('PATIENT_OVERLAP');
  });

  it('refuses times that are not slots, in the past or beyond the horizon', async () => {
    const d = await makeDoctor(t.db, { rules: [[1, '09:00', '17:00']] });
    const [p] = await makePatients(t.db, 1);
    const c = await clientAs(app, p!, 'patient');
    const code = async (startsAt: string) =>
      (await c.post('/api/v1/appointments', { doctorId: d, startsAt })).body.error?.code;
    expect(await code(new Date(Date.now() - H).toISOString())).toBe('SLOT_IN_PAST');
    expect(await code(new Date(Date.now() + 200 * 24 * H).toISOString())).toBe('SLOT_BEYOND_HORIZON');
    expect(await code(slotIn(24).toISOString().replace(':00:00', ':10:00').replace(':30:00', ':10:00'))).toBe(
      'SLOT_NOT_OFFERED',
    );
    expect(
      (await c.post('/api/v1/appointments', { doctorId: d, startsAt: '2027-01-04 09:00' })).body.error.code,
    ).toBe('VALIDATION_FAILED');
    const doc = await clientAs(app, d, 'doctor');
    expect(
      (await doc.post('/api/v1/appointments', { doctorId: d, startsAt: slotIn(24).toISOString() })).status,
    ).toBe(403);
  });

  it('a lapsed hold never blocks anyone, even before the sweeper runs', async () => {
    const d = await makeDoctor(t.db);
    const [a, b] = await makePatients(t.db, 2);
    const [ca, cb] = [await clientAs(app, a!, 'patient'), await clientAs(app, b!, 'patient')];
    const startsAt = slotIn(50).toISOString();
    const held = await ca.post('/api/v1/appointments', { doctorId: d, startsAt });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    expect(Date.parse(held.body.holdExpiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await cb.post('/api/v1/appointments', { doctorId: d, startsAt })).body.error.code).toBe(
      'SLOT_TAKEN',
    );

    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [
      held.body.id,
    ]);
    expect((await ca.get(`/api/v1/appointments/${held.body.id}`)).body.status).toBe('expired');
    const slots = await cb.get(
      `/api/v1/doctors/${d}/slots?from=${encodeURIComponent(startsAt)}&to=${encodeURIComponent(new Date(Date.parse(startsAt) + 1).toISOString())}`,
    );
    expect(slots.body.slots).toHaveLength(1);
    const taken = await cb.post('/api/v1/appointments', { doctorId: d, startsAt });
    expect(taken.status).toBe(201);
    const { rows } = await t.db.query<{ status: string }>(`SELECT status FROM appointments WHERE id = $1`, [
      held.body.id,
    ]);
    expect(rows[0]!.status).toBe('expired');
    // Paying for it now is too late: the payments module must refund.
    const late = await t.db.tx(async (q) => {
      const res = await confirmAppointment(bookingDepsOf(app.ctx), q, held.body.id, 'pay_late');
      await q.query('SELECT 1'); // the caller's transaction is still usable after the refusal
      return res;
    });
    expect(late).toEqual({ ok: false, reason: 'HOLD_EXPIRED', status: 'expired' });
    expect(await doubleBookings(t)).toBe(0);
  });

  it('a late payment still confirms while the time is free, even after the sweeper', async () => {
    const d = await makeDoctor(t.db);
    const [p] = await makePatients(t.db, 1);
    const c = await clientAs(app, p!, 'patient');
    const r = await c.post('/api/v1/appointments', { doctorId: d, startsAt: slotIn(55).toISOString() });
    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      r.body.id,
    ]);
    const jobs = startBookingJobs(app.ctx, { intervalMs: 60_000 });
    await jobs.runOnce();
    await jobs.stop();
    expect((await c.get(`/api/v1/appointments/${r.body.id}`)).body.status).toBe('expired');
    // The payment's own transaction goes on after a refusal, and commits what it did before.
    const out = await t.db.tx(async (q) => {
      const res = await confirmAppointment(bookingDepsOf(app.ctx), q, r.body.id, 'pay_late_but_free');
      await q.query('SELECT 1');
      return res;
    });
    expect(out).toMatchObject({ ok: true, alreadyConfirmed: false });
    expect((await c.get(`/api/v1/appointments/${r.body.id}`)).body).toMatchObject({
      status: 'confirmed',
      paid: true,
    });
  });

  it('the sweeper marks lapsed holds expired', async () => {
    const d = await makeDoctor(t.db);
    const [p] = await makePatients(t.db, 1);
    const c = await clientAs(app, p!, 'patient');
    const r = await c.post('/api/v1/appointments', { doctorId: d, startsAt: slotIn(60).toISOString() });
    await t.db.query(`UPDATE appointments SET hold_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      r.body.id,
    ]);
    const jobs = startBookingJobs(app.ctx, { intervalMs: 60_000 });
    try {
      await jobs.runOnce();
    } finally {
      await jobs.stop();
    }
    const { rows } = await t.db.query<{ status: string }>(`SELECT status FROM appointments WHERE id = $1`, [
      r.body.id,
    ]);
    expect(rows[0]!.status).toBe('expired');
    const ev = await t.db.query(
      `SELECT 1 FROM appointment_events WHERE appointment_id = $1 AND kind = 'expired'`,
      [r.body.id],
    );
    expect(ev.rowCount).toBe(1);
  });

  it('confirmation emails carry an .ics invite and schedule 24 h and 1 h reminders once', async () => {
    const d = await makeDoctor(t.db, { feeMinor: 12_345, currency: 'USD' });
    const [p] = await makePatients(t.db, 1, 'Asia/Kolkata');
    const c = await clientAs(app, p!, 'patient');
    const startsAt = slotIn(72);
    const r = await c.post('/api/v1/appointments', { doctorId: d, startsAt: startsAt.toISOString() });
    expect(r.body).toMatchObject({
      priceMinor: 12_345,
      currency: 'USD',
      status: 'pending',
      paid: false,
      timezone: 'Asia/Kolkata',
    });
    expect(r.body.startsAtLocal).toMatch(/\+05:30$/);
    const first = await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, r.body.id, 'pay_1'));
    expect(first.ok && !first.alreadyConfirmed).toBe(true);
    const again = await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, r.body.id, 'pay_1'));
    expect(again.ok && again.alreadyConfirmed).toBe(true);
    expect(
      await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, r.body.id, 'pay_2')),
    ).toMatchObject({
      ok: false,
      reason: 'ALREADY_CONFIRMED',
    });

    const outbox = await t.db.query<{
      template: string;
      to_address: string;
      attachments: { filename: string; content: string }[];
      dedupe_key: string | null;
      send_after: Date;
    }>(
      `SELECT template, to_address, attachments, dedupe_key, send_after FROM outbox_emails WHERE html LIKE '%' || $1 || '%' OR dedupe_key LIKE 'reminder:' || $1 || '%' ORDER BY template, to_address`,
      [r.body.id],
    );
    const confirmations = outbox.rows.filter((m) => m.template === 'booking_confirmed');
    expect(confirmations).toHaveLength(2);
    const ics = Buffer.from(confirmations[0]!.attachments[0]!.content, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain(`UID:${r.body.id}\r\n`);
    expect(ics).toContain(`DTSTART:${startsAt.toISOString().replace(/[-:]/g, '').replace('.000', '')}\r\n`);
    const reminders = outbox.rows.filter((m) => m.dedupe_key?.startsWith('reminder:'));
    expect(reminders.map((m) => m.dedupe_key).sort()).toEqual([
      `reminder:${r.body.id}:1h:${startsAt.toISOString()}`,
      `reminder:${r.body.id}:24h:${startsAt.toISOString()}`,
    ]);
    for (const m of reminders)
      expect([startsAt.getTime() - H, startsAt.getTime() - 24 * H]).toContain(m.send_after.getTime());

    // Reschedule: old reminders cancelled, new ones for the new time, an updated invite (SEQUENCE 1).
    const moved = await c.post(`/api/v1/appointments/${r.body.id}/reschedule`, {
      startsAt: new Date(startsAt.getTime() + 2 * H).toISOString(),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.rescheduleCount).toBe(1);
    const rem = await t.db.query<{ dedupe_key: string; status: string }>(
      `SELECT dedupe_key, status FROM outbox_emails WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`,
      [`reminder:${r.body.id}:%`],
    );
    expect(
      rem.rows
        .filter((x) => x.status === 'cancelled')
        .every((x) => x.dedupe_key.endsWith(startsAt.toISOString())),
    ).toBe(true);
    expect(
      rem.rows.filter((x) => x.status === 'pending').map((x) => x.dedupe_key.split(':').slice(3).join(':')),
    ).toEqual([moved.body.startsAt, moved.body.startsAt]);
    // Moving back revives the first reminders instead of losing them.
    await c.post(`/api/v1/appointments/${r.body.id}/reschedule`, { startsAt: startsAt.toISOString() });
    const back = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE dedupe_key LIKE $1 AND status = 'pending'`,
      [`reminder:${r.body.id}:%:${startsAt.toISOString()}`],
    );
    expect(back.rows[0]!.n).toBe(2);
    await app.flushEmails();
    const mailbox = await t.db.query<{ attachments: { content: string }[] }>(
      `SELECT attachments FROM dev_mailbox WHERE subject LIKE 'Moved:%' AND html LIKE '%' || $1 || '%'`,
      [r.body.id],
    );
    const sequences = mailbox.rows.map(
      (m) => /SEQUENCE:(\d+)/.exec(Buffer.from(m.attachments[0]!.content, 'base64').toString())![1],
    );
    expect(sequences.sort()).toEqual(['1', '1', '2', '2']); // patient and doctor, two moves
  });

  it('cancel follows the policy, records refund_due_minor, calls onRefundDue once and cancels reminders', async () => {
    refunds.length = 0;
    const d = await makeDoctor(t.db, { feeMinor: 10_001, currency: 'GBP' });
    const [p1, p2, p3, p4] = await makePatients(t.db, 4);
    const book = async (p: string, hours: number, paid = true) => {
      const c = await clientAs(app, p, 'patient');
      const r = await c.post('/api/v1/appointments', {
        doctorId: d,
        startsAt: slotIn(hours).toISOString(),
      });
      expect(r.status).toBe(201);
      if (paid)
        expect(
          (await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, r.body.id, `pay_${r.body.id}`)))
            .ok,
        ).toBe(true);
      return { c, id: r.body.id as string };
    };
    // Early patient cancel: full refund, replay-safe with an Idempotency-Key.
    const early = await book(p1!, 72);
    const k = { 'Idempotency-Key': `cancel-${early.id}` };
    const c1 = await early.c.post(`/api/v1/appointments/${early.id}/cancel`, { reason: 'travel' }, k);
    expect(c1.body).toMatchObject({ status: 'cancelled', refundDueMinor: 10_001, cancelledBy: 'patient' });
    const replay = await early.c.post(`/api/v1/appointments/${early.id}/cancel`, { reason: 'travel' }, k);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(c1.body);
    expect((await early.c.post(`/api/v1/appointments/${early.id}/cancel`, {})).body.error.code).toBe(
      'ALREADY_CANCELLED',
    );
    const rem = await t.db.query<{ status: string }>(
      `SELECT status FROM outbox_emails WHERE dedupe_key LIKE $1`,
      [`reminder:${early.id}:%`],
    );
    expect(rem.rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);

    // Late patient cancel: 50 %, rounded down.
    const late = await book(p2!, 3);
    expect((await late.c.post(`/api/v1/appointments/${late.id}/cancel`, {})).body.refundDueMinor).toBe(5_000);
    // The doctor cancelling late still refunds in full.
    const byDoctor = await book(p3!, 3);
    const doc = await clientAs(app, d, 'doctor');
    expect((await doc.post(`/api/v1/appointments/${byDoctor.id}/cancel`, {})).body).toMatchObject({
      refundDueMinor: 10_001,
      cancelledBy: 'doctor',
    });
    // Unpaid: nothing to refund, no hook call.
    const unpaid = await book(p4!, 5, false);
    expect((await unpaid.c.post(`/api/v1/appointments/${unpaid.id}/cancel`, {})).body.refundDueMinor).toBe(0);

    expect(refunds.map((r) => [r.appointmentId, r.amountMinor, r.cancelledBy, r.currency])).toEqual([
      [early.id, 10_001, 'patient', 'GBP'],
      [late.id, 5_000, 'patient', 'GBP'],
      [byDoctor.id, 10_001, 'doctor', 'GBP'],
    ]);
    expect(refunds[0]!.paymentRef).toBe(`pay_${early.id}`);
    await app.flushEmails();
    const mail = await t.db.query<{
      text_body: string;
      attachments: { filename: string; content: string }[];
    }>(
      `SELECT d.text_body, d.attachments FROM dev_mailbox d JOIN users u ON u.email = d.to_address WHERE u.id = $1 AND d.subject LIKE 'Cancelled:%'`,
      [p2],
    );
    expect(mail.rows[0]!.text_body).toContain('£50.00');
    expect(mail.rows[0]!.attachments[0]!.filename).toBe('cancel.ics');
    expect(Buffer.from(mail.rows[0]!.attachments[0]!.content, 'base64').toString()).toMatch(
      /METHOD:CANCEL[\s\S]*STATUS:CANCELLED/,
    );
  });

  it('reschedule under contention: the slot goes to exactly one, the mover never loses both', async () => {
    const d = await makeDoctor(t.db);
    const [mover, ...others] = await makePatients(t.db, 21);
    const cm = await clientAs(app, mover!, 'patient');
    const s1 = slotIn(80);
    const a = await cm.post('/api/v1/appointments', { doctorId: d, startsAt: s1.toISOString() });
    await t.db.tx((q) => confirmAppointment(bookingDepsOf(app.ctx), q, a.body.id, `pay_${a.body.id}`));
    for (let round = 1; round <= 3; round++) {
      const s2 = new Date(s1.getTime() + round * H).toISOString();
      const clients = await Promise.all(others.map((p) => clientAs(app, p, 'patient')));
      const [move, ...books] = await Promise.all([
        cm.post(`/api/v1/appointments/${a.body.id}/reschedule`, { startsAt: s2 }),
        ...clients.map((c) => c.post('/api/v1/appointments', { doctorId: d, startsAt: s2 })),
      ]);
      const winners = [move!, ...books].filter((r) => r.status === 200 || r.status === 201);
      expect(winners).toHaveLength(1);
      for (const r of [move!, ...books]) if (!winners.includes(r)) expect(r.status).toBe(409);
      const live = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND starts_at = $2 AND status IN ('pending', 'confirmed')`,
        [d, s2],
      );
      expect(live.rows[0]!.n).toBe(1);
      const mine = (await cm.get(`/api/v1/appointments/${a.body.id}`)).body;
      expect(mine.status).toBe('confirmed');
      if (move!.status === 200) expect(mine.startsAt).toBe(s2);
    }
    expect(await doubleBookings(t)).toBe(0);
  }, 120_000);

  it('Idempotency-Key: a replay returns the first result; another body with the key is 422', async () => {
    const d = await makeDoctor(t.db);
    const [p, q2] = await makePatients(t.db, 2);
    const c = await clientAs(app, p!, 'patient');
    const startsAt = slotIn(90).toISOString();
    const h = { 'Idempotency-Key': 'book-1' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => c.post('/api/v1/appointments', { doctorId: d, startsAt }, h)),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    const n = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointments WHERE patient_id = $1`,
      [p],
    );
    expect(n.rows[0]!.n).toBe(1);
    const reused = await c.post(
      '/api/v1/appointments',
      { doctorId: d, startsAt: new Date(Date.parse(startsAt) + H).toISOString() },
      h,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A refusal is replayed as well, and keys are per user.
    const other = await clientAs(app, q2!, 'patient');
    const refused = await other.post('/api/v1/appointments', { doctorId: d, startsAt }, h);
    expect(refused.body.error.code).toBe('SLOT_TAKEN');
    const refusedAgain = await other.post('/api/v1/appointments', { doctorId: d, startsAt }, h);
    expect(refusedAgain.status).toBe(409);
    expect(refusedAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(
      (
        await c.post(
          '/api/v1/appointments',
          { doctorId: d, startsAt },
          { 'Idempotency-Key': 'bad key\u00e9' },
        )
      ).status,
    ).toBe(400);
  });

  it('authorization: strangers get 404, roles are enforced', async () => {
    const [d1, d2] = [await makeDoctor(t.db), await makeDoctor(t.db)];
    const [a, b] = await makePatients(t.db, 2);
    const [ca, cb] = [await clientAs(app, a!, 'patient'), await clientAs(app, b!, 'patient')];
    const [doc1, doc2] = [await clientAs(app, d1, 'doctor'), await clientAs(app, d2, 'doctor')];
    const r = await ca.post('/api/v1/appointments', { doctorId: d1, startsAt: slotIn(100).toISOString() });
    const id = r.body.id;
    expect((await cb.get(`/api/v1/appointments/${id}`)).status).toBe(404);
    expect((await cb.post(`/api/v1/appointments/${id}/cancel`, {})).status).toBe(404);
    expect(
      (await cb.post(`/api/v1/appointments/${id}/reschedule`, { startsAt: slotIn(101).toISOString() }))
        .status,
    ).toBe(404);
    expect((await doc2.get(`/api/v1/appointments/${id}`)).status).toBe(404);
    expect((await doc2.post(`/api/v1/appointments/${id}/cancel`, {})).status).toBe(404);
    expect((await doc1.get(`/api/v1/appointments/${id}`)).status).toBe(200);
    expect((await ca.post(`/api/v1/appointments/${id}/no-show`)).status).toBe(403);
    expect((await cb.get('/api/v1/appointments')).body.items.map((x: { id: string }) => x.id)).not.toContain(
      id,
    );
    expect((await doc2.get('/api/v1/appointments')).body.total).toBe(0);
    expect((await doc1.get('/api/v1/appointments')).body.items.map((x: { id: string }) => x.id)).toEqual([
      id,
    ]);
    expect(
      (await ca.get('/api/v1/appointments?status=pending')).body.items.map((x: { id: string }) => x.id),
    ).toEqual([id]);
    expect((await ca.get('/api/v1/appointments/not-a-uuid')).status).toBe(400);
  });

  it('no-show: only the doctor, only once started', async () => {
    const d = await makeDoctor(t.db, { feeMinor: 0 });
    const [p] = await makePatients(t.db, 1);
    const c = await clientAs(app, p!, 'patient');
    const doc = await clientAs(app, d, 'doctor');
    const startsAt = slotIn(30);
    const r = await c.post('/api/v1/appointments', { doctorId: d, startsAt: startsAt.toISOString() });
    expect(r.body.status).toBe('confirmed'); // free: no payment step
    expect((await doc.post(`/api/v1/appointments/${r.body.id}/no-show`)).body.error.code).toBe('NOT_STARTED');
    const realNow = app.ctx.now;
    app.ctx.now = () => new Date(startsAt.getTime() + 10 * 60_000);
    try {
      const ns = await doc.post(`/api/v1/appointments/${r.body.id}/no-show`);
      expect(ns.status).toBe(200);
      expect(ns.body.status).toBe('no_show');
      expect((await c.post(`/api/v1/appointments/${r.body.id}/cancel`, {})).body.error.code).toBe(
        'APPOINTMENT_NOT_ACTIVE',
      );
    } finally {
      app.ctx.now = realNow;
    }
  });

  it('DST: New York and London doctors, a Kolkata patient, around both transitions', async () => {
    const realNow = app.ctx.now;
    try {
      const ny = await makeDoctor(t.db, {
        timezone: 'America/New_York',
        slotMinutes: 60,
        rules: [
          [5, '09:00', '10:00'],
          [7, '01:00', '04:00'],
          [1, '09:00', '10:00'],
        ],
      });
      const [p] = await makePatients(t.db, 1, 'Asia/Kolkata');
      const c = await clientAs(app, p!, 'patient');
      app.ctx.now = () => new Date('2027-03-01T00:00:00Z');
      const spring = await c.get(
        `/api/v1/doctors/${ny}/slots?from=2027-03-12T00:00:00-05:00&to=2027-03-16T00:00:00-04:00`,
      );
      expect(spring.body.timezone).toBe('Asia/Kolkata');
      expect(spring.body.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
        '2027-03-12T14:00:00.000Z', // Friday 09:00 EST
        '2027-03-14T06:00:00.000Z', // Sunday 01:00 EST
        '2027-03-14T07:00:00.000Z', // Sunday 03:00 EDT: 02:00-03:00 does not exist
        '2027-03-15T13:00:00.000Z', // Monday 09:00 EDT
      ]);
      const kol = await c.get(
        `/api/v1/doctors/${ny}/slots?from=2027-03-12T00:00:00Z&to=2027-03-13T00:00:00Z&tz=Asia/Kolkata`,
      );
      expect(kol.body.slots.map((s: { startsAtLocal: string }) => s.startsAtLocal)).toEqual([
        '2027-03-12T19:30:00+05:30',
      ]);
      expect((await c.get(`/api/v1/doctors/${ny}/slots?tz=Mars/Olympus`)).status).toBe(400);
      const ny2 = await c.get(
        `/api/v1/doctors/${ny}/slots?from=2027-03-12T00:00:00Z&to=2027-03-16T00:00:00Z&tz=America/New_York`,
      );
      expect(ny2.body.slots.map((s: { startsAtLocal: string }) => s.startsAtLocal)).toEqual([
        '2027-03-12T09:00:00-05:00',
        '2027-03-14T01:00:00-05:00',
        '2027-03-14T03:00:00-04:00',
        '2027-03-15T09:00:00-04:00',
      ]);
      // Booked with a local offset, stored in UTC, shown in the patient's zone.
      const booked = await c.post('/api/v1/appointments', {
        doctorId: ny,
        startsAt: '2027-03-15T09:00:00-04:00',
      });
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({
        startsAt: '2027-03-15T13:00:00.000Z',
        startsAtLocal: '2027-03-15T18:30:00+05:30',
        endsAt: '2027-03-15T14:00:00.000Z',
      });
      // 09:00 EST is not a slot any more on Monday the 15th.
      expect(
        (await c.post('/api/v1/appointments', { doctorId: ny, startsAt: '2027-03-15T09:00:00-05:00' })).body
          .error.code,
      ).toBe('SLOT_NOT_OFFERED');

      const ldn = await makeDoctor(t.db, {
        timezone: 'Europe/London',
        slotMinutes: 60,
        rules: [
          [7, '00:00', '03:00'],
          [1, '09:00', '10:00'],
          [6, '09:00', '10:00'],
        ],
      });
      app.ctx.now = () => new Date('2027-10-20T00:00:00Z');
      const fall = await c.get(
        `/api/v1/doctors/${ldn}/slots?from=2027-10-30T00:00:00Z&to=2027-11-02T00:00:00Z&tz=Europe/London`,
      );
      expect(fall.body.slots.map((s: { startsAtLocal: string }) => s.startsAtLocal)).toEqual([
        '2027-10-30T09:00:00+01:00',
        '2027-10-31T00:00:00+01:00',
        '2027-10-31T01:00:00+01:00',
        '2027-10-31T01:00:00+00:00', // the repeated hour, offered twice
        '2027-10-31T02:00:00+00:00',
        '2027-11-01T09:00:00+00:00',
      ]);
      const twice = await c.post('/api/v1/appointments', {
        doctorId: ldn,
        startsAt: '2027-10-31T01:00:00+00:00',
      });
      expect(twice.body.startsAt).toBe('2027-10-31T01:00:00.000Z');
      const spring2 = await c.get(
        `/api/v1/doctors/${ldn}/slots?from=2027-10-31T00:00:00Z&to=2027-10-31T03:00:00Z`,
      );
      expect(spring2.body.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
        '2027-10-31T00:00:00.000Z',
        '2027-10-31T02:00:00.000Z',
      ]);
    } finally {
      app.ctx.now = realNow;
    }
  });

  it('doctor availability: rules, exceptions, agenda and search by next free slot', async () => {
    const d = await makeDoctor(t.db, {
      timezone: 'Asia/Kolkata',
      rules: [],
      specialty: 'Nephrology-test',
      feeMinor: 900,
    });
    const busy = await makeDoctor(t.db, {
      timezone: 'Asia/Kolkata',
      specialty: 'Nephrology-test',
      feeMinor: 800,
      rules: [],
    });
    const doc = await clientAs(app, d, 'doctor');
    const realNow = app.ctx.now;
    app.ctx.now = () => new Date('2027-02-01T00:00:00Z'); // a Monday, 05:30 in India
    try {
      const put = await doc.put('/api/v1/doctors/me/availability', {
        rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '13:00' })),
        slotMinutes: 45,
        bufferMinutes: 15,
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ timezone: 'Asia/Kolkata', slotMinutes: 45, bufferMinutes: 15 });
      expect(put.body.rules).toHaveLength(5);
      expect(
        (
          await doc.put('/api/v1/doctors/me/availability', {
            rules: [{ weekday: 1, start: '13:00', end: '09:00' }],
          })
        ).status,
      ).toBe(400);
      const slots = async (from: string, to: string) =>
        (await doc.get(`/api/v1/doctors/${d}/slots?from=${from}&to=${to}`)).body.slots.map(
          (s: { startsAtLocal: string }) => s.startsAtLocal.slice(11, 16),
        );
      expect(await slots('2027-02-01T00:00:00%2B05:30', '2027-02-02T00:00:00%2B05:30')).toEqual([
        '09:00',
        '10:00',
        '11:00',
        '12:00',
      ]);
      const off = await doc.post('/api/v1/doctors/me/availability/exceptions', {
        date: '2027-02-02',
        kind: 'off',
      });
      expect(off.status).toBe(201);
      await doc.post('/api/v1/doctors/me/availability/exceptions', {
        date: '2027-02-03',
        kind: 'extra',
        start: '18:00',
        end: '19:00',
      });
      expect(
        (await doc.post('/api/v1/doctors/me/availability/exceptions', { date: '2027-02-03', kind: 'extra' }))
          .status,
      ).toBe(400);
      expect(await slots('2027-02-02T00:00:00%2B05:30', '2027-02-03T00:00:00%2B05:30')).toEqual([]);
      expect(await slots('2027-02-03T00:00:00%2B05:30', '2027-02-04T00:00:00%2B05:30')).toEqual([
        '09:00',
        '10:00',
        '11:00',
        '12:00',
        '18:00',
      ]);
      expect((await doc.get('/api/v1/doctors/me/availability')).body.exceptions).toHaveLength(2);
      expect((await doc.del(`/api/v1/doctors/me/availability/exceptions/${off.body.id}`)).status).toBe(204);
      expect(await slots('2027-02-02T00:00:00%2B05:30', '2027-02-03T00:00:00%2B05:30')).toHaveLength(4);

      const [p] = await makePatients(t.db, 1);
      const c = await clientAs(app, p!, 'patient');
      const appt = await c.post('/api/v1/appointments', {
        doctorId: d,
        startsAt: '2027-02-01T09:00:00+05:30',
      });
      expect(appt.body.endsAt).toBe('2027-02-01T04:15:00.000Z');
      expect(await slots('2027-02-01T00:00:00%2B05:30', '2027-02-02T00:00:00%2B05:30')).toEqual([
        '10:00',
        '11:00',
        '12:00',
      ]);
      const agenda = await doc.get('/api/v1/doctors/me/agenda?date=2027-02-01');
      expect(agenda.body).toMatchObject({ date: '2027-02-01', timezone: 'Asia/Kolkata' });
      expect(agenda.body.items.map((x: { id: string }) => x.id)).toEqual([appt.body.id]);
      expect((await doc.get('/api/v1/doctors/me/agenda')).body.items).toHaveLength(1);

      const search = await c.get('/api/v1/search/doctors?specialty=Nephrology-test&tz=UTC');
      expect(search.body.total).toBe(2);
      expect(search.body.items.map((x: { id: string }) => x.id)).toEqual([d, busy]); // busy has no hours: last
      expect(search.body.items[0].nextAvailableSlot.startsAt).toBe('2027-02-01T04:30:00.000Z');
      expect(search.body.items[1].nextAvailableSlot).toBeNull();
      const byFee = await c.get('/api/v1/search/doctors?specialty=Nephrology-test&sort=fee');
      expect(byFee.body.items.map((x: { id: string }) => x.id)).toEqual([busy, d]);
      const soon = await c.get(
        '/api/v1/search/doctors?specialty=Nephrology-test&availableBefore=2027-02-02T00:00:00Z',
      );
      expect(soon.body.items.map((x: { id: string }) => x.id)).toEqual([d]);
    } finally {
      app.ctx.now = realNow;
    }
  });
});
