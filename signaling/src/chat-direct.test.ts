// Issue 18: messages outside a consultation. A patient opens a conversation with a doctor they have an
// appointment with (upcoming or past), the doctor closes and reopens it, and either side reports one
// message of the other. Real PostgreSQL, real sockets.
import { randomUUID } from 'node:crypto';
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import { openDirectConversation } from './chat/direct.ts';
import { sendMessage } from './chat/store.ts';
import type { SignalingClient } from './client.ts';
import {
  client,
  createUser,
  eventually,
  setupDb,
  startServer,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;
let patient: TestUser, doctor: TestUser, otherDoctor: TestUser, stranger: TestUser, admin: TestUser;
const sockets: SignalingClient[] = [];

const HOUR = 3_600_000;
/** An appointment row as booking leaves it (status is what the rule reads). */
async function appointment(patientId: string, doctorId: string, status: string, startsInH: number) {
  const start = new Date(Date.now() + startsInH * HOUR);
  const end = new Date(start.getTime() + HOUR / 2);
  const r = await t.db.query<{ id: string }>(
    `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, hold_expires_at, price_minor, currency)
     VALUES ($1, $2, $3, $4, $4, $5, CASE WHEN $5 = 'pending' THEN now() + interval '15 minutes' END, 5000, 'EUR') RETURNING id`,
    [doctorId, patientId, start, end, status],
  );
  return r.rows[0]!.id;
}

async function connect(u: TestUser) {
  const c = client(server.url, u);
  await c.connect();
  sockets.push(c);
  return c;
}

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer({ db: t.db, bus });
  [patient, doctor, otherDoctor, stranger, admin] = await Promise.all([
    createUser(t.db, 'patient'),
    createUser(t.db, 'doctor'),
    createUser(t.db, 'doctor'),
    createUser(t.db, 'patient'),
    createUser(t.db, 'admin'),
  ]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

describe('who may open a conversation outside a visit', () => {
  it('refuses a patient without an appointment, and counts only paid, not cancelled ones', async () => {
    const p = await connect(stranger);
    await expect(p.request('chat.open', { doctorId: otherDoctor.id })).rejects.toMatchObject({
      code: 'no_appointment',
    });
    // A hold not paid for and a cancelled visit give no care link.
    await appointment(stranger.id, otherDoctor.id, 'pending', 48);
    await appointment(stranger.id, otherDoctor.id, 'cancelled', 72);
    await expect(p.request('chat.open', { doctorId: otherDoctor.id })).rejects.toMatchObject({
      code: 'no_appointment',
    });
    // A past visit (completed) does.
    await appointment(stranger.id, otherDoctor.id, 'completed', -96);
    const { conversationId } = await p.request('chat.open', { doctorId: otherDoctor.id });
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('opens one conversation per patient and doctor, also when opened twice at once', async () => {
    await appointment(patient.id, doctor.id, 'confirmed', 24);
    const p = await connect(patient);
    const [a, b] = await Promise.all([
      p.request('chat.open', { doctorId: doctor.id }),
      p.request('chat.open', { doctorId: doctor.id }),
    ]);
    expect(a.conversationId).toBe(b.conversationId);
    // The doctor hears of the new conversation once, in the bell.
    const told = await eventually(async () => {
      const r = await t.db.query<{ data: { conversationId: string } }>(
        `SELECT data FROM notifications WHERE user_id = $1 AND kind = 'chat.message'`,
        [doctor.id],
      );
      return r.rows.length > 0 && r.rows;
    }, 'the doctor notified');
    expect(told.map((r) => r.data.conversationId)).toEqual([a.conversationId]);
    const { conversations } = await p.request('chat.list', {});
    const c = conversations.find((x) => x.conversationId === a.conversationId)!;
    expect(c).toMatchObject({ direct: true, closedAt: null, appointmentId: null });
    expect(c.participants.map((x) => x.userId).sort()).toEqual([patient.id, doctor.id].sort());
  });

  it('is for patients: doctors and admins are refused', async () => {
    const d = await connect(doctor);
    const a = await connect(admin);
    await expect(d.request('chat.open', { doctorId: otherDoctor.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(a.request('chat.open', { doctorId: doctor.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('stops taking messages when the only appointment is cancelled (checked on every send)', async () => {
    const p2 = await createUser(t.db, 'patient');
    const appt = await appointment(p2.id, doctor.id, 'confirmed', 30);
    const opened = await openDirectConversation(t.db, p2.id, doctor.id);
    if (!opened.ok) throw new Error('not opened');
    const input = { conversationId: opened.conversationId, senderId: p2.id, text: 'hi', attachments: [] };
    expect((await sendMessage(t.db, { ...input, clientMsgId: 'a' })).ok).toBe(true);
    await t.db.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [appt]);
    expect(await sendMessage(t.db, { ...input, clientMsgId: 'b' })).toEqual({
      ok: false,
      code: 'no_appointment',
    });
    const c = client(server.url, p2);
    await c.connect();
    sockets.push(c);
    await expect(c.sendChat(opened.conversationId, 'still there?')).rejects.toMatchObject({
      code: 'no_appointment',
    });
  });
});

describe('the doctor closes and reopens a conversation', () => {
  it('closes for both sides, tells the patient why, live; only the doctor may; reopening lets them post', async () => {
    const p = await connect(patient);
    const d = await connect(doctor);
    const { conversationId: id } = await p.request('chat.open', { doctorId: doctor.id });
    const topic = `chat:${id}`;
    await Promise.all([p.subscribe(topic), d.subscribe(topic)]);
    await p.sendChat(id, 'Can I take the tablets with food?');

    await expect(p.request('chat.close', { conversationId: id, closed: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      otherDoctorSocket().then((o) => o.request('chat.close', { conversationId: id, closed: true })),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      d.request('chat.close', { conversationId: randomUUID(), closed: true }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });

    const heard: unknown[] = [];
    const off = p.on('chat.closed', (e) => heard.push(e));
    // Invisible and bidi-override characters are dropped from the note, as from messages.
    const closed = await d.request('chat.close', {
      conversationId: id,
      closed: true,
      note: 'Please book a\u202e follow-up visit.\u200b',
    });
    expect(closed).toMatchObject({
      conversationId: id,
      closedBy: doctor.id,
      note: 'Please book a follow-up visit.',
    });
    expect(closed.closedAt).not.toBeNull();
    await waitFor(() => heard.length > 0, 'chat.closed event');
    expect(heard[0]).toMatchObject({ conversationId: id, note: 'Please book a follow-up visit.' });
    off();

    await expect(p.sendChat(id, 'Hello?')).rejects.toMatchObject({ code: 'conversation_closed' });
    await expect(d.sendChat(id, 'One more thing')).rejects.toMatchObject({ code: 'conversation_closed' });
    const { conversations } = await p.request('chat.list', {});
    expect(conversations.find((c) => c.conversationId === id)).toMatchObject({
      closeNote: 'Please book a follow-up visit.',
      closedAt: closed.closedAt,
    });

    const reopened = await d.request('chat.close', { conversationId: id, closed: false });
    expect(reopened).toMatchObject({ closedAt: null, note: null });
    const { message } = await p.sendChat(id, 'Thank you');
    expect(message.text).toBe('Thank you');
  });
});

describe('reporting a message', () => {
  it('reports the other party’s message once; not one’s own, not as an outsider', async () => {
    const p = await connect(patient);
    const d = await connect(doctor);
    const s = await connect(stranger);
    const { conversationId: id } = await p.request('chat.open', { doctorId: doctor.id });
    const { message: mine } = await p.sendChat(id, 'my own words');
    const { message: theirs } = await d.sendChat(id, 'a rude reply');

    const first = await p.request('chat.report', {
      conversationId: id,
      messageId: theirs.id,
      reason: 'Rude',
    });
    const again = await p.request('chat.report', {
      conversationId: id,
      messageId: theirs.id,
      reason: 'Rude!',
    });
    expect(again.reportId).toBe(first.reportId);
    await expect(
      p.request('chat.report', { conversationId: id, messageId: mine.id, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      p.request('chat.report', { conversationId: id, messageId: randomUUID(), reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      s.request('chat.report', { conversationId: id, messageId: theirs.id, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const rows = await t.db.query<{ message_id: string; reporter_id: string; reason: string }>(
      'SELECT message_id, reporter_id, reason FROM conversation_reports WHERE conversation_id = $1',
      [id],
    );
    expect(rows.rows).toEqual([{ message_id: theirs.id, reporter_id: patient.id, reason: 'Rude' }]);
    // History tells the reporter which messages they reported (and nobody else).
    expect((await p.request('chat.history', { conversationId: id })).reported).toEqual([theirs.id]);
    expect((await d.request('chat.history', { conversationId: id })).reported).toEqual([]);
  });
});

async function otherDoctorSocket() {
  return connect(otherDoctor);
}
