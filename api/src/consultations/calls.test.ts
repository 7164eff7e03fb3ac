import { createSfu, type Sfu } from '@telehealth/sfu';
import { createDefaultAuthorizer, createMemoryBus } from '@telehealth/signaling';
import type { CallAcks } from '@telehealth/signaling/call-protocol';
import {
  client,
  createUser,
  eventually,
  startServer,
  type TestUser,
} from '@telehealth/signaling/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { decideAccess, type RoomInfo } from './access.ts';
import { createCallAuthorizer, registerCallHandlers } from './calls.ts';

const MIN = 60_000;
/** The ack of call.chat. */
type Said = CallAcks['call.chat'];

describe('who may be in a consultation room (pure rule)', () => {
  const start = new Date('2026-03-08T15:00:00Z');
  const room: RoomInfo = {
    roomId: 'r',
    kind: 'appointment',
    patientId: 'p',
    doctorId: 'd',
    appointmentId: 'r',
    queueEntryId: null,
    startsAt: start,
    endsAt: new Date(start.getTime() + 30 * MIN),
    status: 'confirmed',
  };
  const at = (offsetMin: number) => new Date(start.getTime() + offsetMin * MIN);
  it('opens for the patient 10 minutes before the start and for the doctor 30', () => {
    expect(decideAccess(room, { id: 'p', role: 'patient' }, false, at(-11))).toEqual({
      ok: false,
      reason: 'too_early',
    });
    expect(decideAccess(room, { id: 'p', role: 'patient' }, false, at(-10))).toMatchObject({
      ok: true,
      role: 'patient',
    });
    expect(decideAccess(room, { id: 'd', role: 'doctor' }, false, at(-25))).toMatchObject({
      ok: true,
      role: 'doctor',
    });
    expect(decideAccess(room, { id: 'd', role: 'doctor' }, false, at(30 + 61))).toEqual({
      ok: false,
      reason: 'over',
    });
  });
  it('admits only participants and invited guests, and only paid appointments', () => {
    expect(decideAccess(room, { id: 'x', role: 'patient' }, false, at(0))).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(decideAccess(room, { id: 'x', role: 'patient' }, true, at(0))).toMatchObject({
      ok: true,
      role: 'guest',
    });
    expect(decideAccess({ ...room, status: 'pending' }, { id: 'p', role: 'patient' }, false, at(0)).ok).toBe(
      false,
    );
    expect(decideAccess({ ...room, status: 'cancelled' }, { id: 'd', role: 'doctor' }, false, at(0)).ok).toBe(
      false,
    );
  });
  it('keeps queue rooms open only while the patient is called or in the call', () => {
    const q: RoomInfo = { ...room, kind: 'queue', startsAt: null, endsAt: null, status: 'called' };
    expect(decideAccess(q, { id: 'p', role: 'patient' }, false, at(500)).ok).toBe(true);
    expect(decideAccess({ ...q, status: 'done' }, { id: 'p', role: 'patient' }, false, at(0)).ok).toBe(false);
  });
});

describe('call signaling over real sockets with a real SFU', () => {
  let t: TestDb;
  let sfu: Sfu;
  let server: Awaited<ReturnType<typeof startServer>>;
  let doctor: TestUser;
  let patient: TestUser;
  let stranger: TestUser;
  let roomId: string;
  let earlyRoom: string;

  async function appointment(startsInMin: number, doctorId = doctor.id, patientId = patient.id) {
    const starts = new Date(Date.now() + startsInMin * MIN);
    const ends = new Date(starts.getTime() + 30 * MIN);
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
       VALUES ($1, $2, $3, $4, $4, 'confirmed', 5000, 'EUR', now()) RETURNING id`,
      [doctorId, patientId, starts, ends],
    );
    return rows[0]!.id;
  }

  beforeAll(async () => {
    t = await createTestPostgres();
    sfu = await createSfu({ workers: 1, rtcPortBase: 0 });
    doctor = await createUser(t.db, 'doctor');
    patient = await createUser(t.db, 'patient');
    stranger = await createUser(t.db, 'patient');
    roomId = await appointment(2);
    earlyRoom = await appointment(24 * 60);
    const deps = { db: t.db, now: () => new Date() };
    server = await startServer({
      db: t.db,
      bus: createMemoryBus(),
      authorize: createCallAuthorizer(deps, createDefaultAuthorizer(t.db)),
    });
    registerCallHandlers(server, { ...deps, sfu, log: createLogger('silent'), reconnectGraceMs: 300 });
  });
  afterAll(async () => {
    await server?.close({ force: true });
    await sfu?.close();
    await t?.drop();
  });

  it('lets the patient and the doctor join and see each other; transports carry ICE and DTLS parameters', async () => {
    const d = client(server.url, doctor);
    const p = client(server.url, patient);
    await Promise.all([d.connect(), p.connect()]);
    await d.subscribe(`call:${roomId}`);
    const dj = (await d.request('call.join', { roomId })) as any;
    expect(dj).toMatchObject({ peerId: doctor.id, role: 'doctor', peers: [] });
    expect(dj.routerRtpCapabilities.codecs.map((c: { mimeType: string }) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']),
    );

    const joined: any[] = [];
    d.on('call.peerJoined' as never, (e: any) => joined.push(e));
    await p.subscribe(`call:${roomId}`);
    const pj = (await p.request('call.join', { roomId })) as any;
    expect(pj.role).toBe('patient');
    // One in-call chat conversation per room, shared by both.
    expect(pj.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pj.conversationId).toBe(dj.conversationId);
    expect(pj.peers.map((x: { peerId: string }) => x.peerId)).toEqual([doctor.id]);
    const tr = (await p.request('call.createTransport', { roomId, direction: 'send' })) as any;
    expect(tr.iceParameters.usernameFragment).toBeTruthy();
    expect(tr.iceCandidates.length).toBeGreaterThan(0);
    expect(tr.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    for (let i = 0; i < 100 && !joined.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(joined[0]).toMatchObject({ peerId: patient.id, role: 'patient' });

    // The consultation is on record.
    const c = await t.db.query('SELECT patient_id, doctor_id FROM consultations WHERE room_id = $1', [
      roomId,
    ]);
    expect(c.rows[0]).toEqual({ patient_id: patient.id, doctor_id: doctor.id });
    d.close();
    p.close();
  });

  it('refuses strangers, and patients before the join window', async () => {
    const s = client(server.url, stranger);
    await s.connect();
    await expect(s.subscribe(`call:${roomId}`)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.request('call.join', { roomId })).rejects.toMatchObject({ code: 'not_subscribed' });
    await expect(s.request('call.createTransport', { roomId, direction: 'recv' })).rejects.toMatchObject({
      code: 'not_subscribed',
    });
    s.close();
    const p = client(server.url, patient);
    await p.connect();
    await expect(p.subscribe(`call:${earlyRoom}`)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(p.subscribe('call:not-a-room')).rejects.toMatchObject({ code: 'not_found' });
    p.close();
  });

  it('removing a guest takes the room away from them at once; the patient keeps it', async () => {
    const host = await createUser(t.db, 'doctor');
    const visitor = await createUser(t.db, 'patient');
    const room = await appointment(2, host.id, visitor.id);
    const guest = await createUser(t.db, 'patient');
    await t.db.query(
      `WITH i AS (INSERT INTO call_invites (room_id, token_hash, created_by, expires_at)
                  VALUES ($1, $2, $3, now() + interval '1 hour') RETURNING id)
       INSERT INTO call_guests (room_id, user_id, invite_id, admitted_at) SELECT $1, $4, id, now() FROM i`,
      [room, `hash-${room}`, host.id, guest.id],
    );
    const topic = `call:${room}`;
    const d = client(server.url, host);
    const p = client(server.url, visitor);
    const g = client(server.url, guest);
    await Promise.all([d.connect(), p.connect(), g.connect()]);
    const seen = (c: typeof g) => {
      const events: { topic: string; event: string; data: any }[] = [];
      c.onFrame((f) => void (f.type === 'event' && events.push(f)));
      return events;
    };
    const pSeen = seen(p);
    const gSeen = seen(g);
    for (const c of [d, p, g]) {
      await c.subscribe(topic);
      await c.request('call.join', { roomId: room });
    }
    // The call's own chat reaches everyone in the room, the guest included; nothing is stored.
    const said = (await g.request('call.chat', {
      roomId: room,
      text: 'Hello, I am the interpreter',
    })) as Said;
    expect(said.message).toMatchObject({ senderId: guest.id, role: 'guest' });
    await eventually(
      async () => pSeen.some((e) => e.event === 'call.chatMessage' && e.data.id === said.message.id),
      'patient hears the guest',
    );
    await d.request('call.remove', { roomId: room, peerId: guest.id });
    await eventually(
      async () => gSeen.some((e) => e.topic === topic && e.event === 'sub.revoked'),
      'revoked',
    );
    // Said after the removal: the patient hears it, the removed guest does not.
    const after = (await d.request('call.chat', { roomId: room, text: 'Back to the two of us' })) as Said;
    await eventually(
      async () => pSeen.some((e) => e.event === 'call.chatMessage' && e.data.id === after.message.id),
      'patient hears the doctor',
    );
    await expect(g.request('call.chat', { roomId: room, text: 'still here?' })).rejects.toMatchObject({
      code: 'not_subscribed',
    });
    expect(gSeen.find((e) => e.event === 'sub.revoked')!.data).toEqual({ topic, code: 'forbidden' });
    // A probe on the room, then a marker on the guest's own topic: the probe reaches the patient only.
    await server.publish(topic, 'test.probe', {});
    await server.publish(`user:${guest.id}`, 'test.marker', {});
    await eventually(async () => gSeen.some((e) => e.event === 'test.marker'), 'marker');
    await eventually(async () => pSeen.some((e) => e.event === 'test.probe'), 'patient probe');
    expect(gSeen.some((e) => e.event === 'test.probe')).toBe(false);
    expect(gSeen.some((e) => e.event === 'call.chatMessage' && e.data.id === after.message.id)).toBe(false);
    expect(pSeen.some((e) => e.event === 'sub.revoked')).toBe(false);
    await expect(g.request('call.stats', { roomId: room })).rejects.toMatchObject({ code: 'not_subscribed' });
    for (const c of [d, p, g]) c.close();
  });

  it('only the doctor can end the call, and ending closes it for everyone', async () => {
    const d = client(server.url, doctor);
    const p = client(server.url, patient);
    await Promise.all([d.connect(), p.connect()]);
    await d.subscribe(`call:${roomId}`);
    await p.subscribe(`call:${roomId}`);
    await d.request('call.join', { roomId });
    await p.request('call.join', { roomId });
    await expect(p.request('call.end', { roomId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(p.request('call.remove', { roomId, peerId: doctor.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await d.request('call.end', { roomId });
    await expect(p.request('call.createTransport', { roomId, direction: 'recv' })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    const c = await t.db.query<{ ended_by: string }>(
      'SELECT ended_by FROM consultations WHERE room_id = $1',
      [roomId],
    );
    expect(c.rows[0]!.ended_by).toBe(doctor.id);
    // The end is recorded and the visit's chat stays open for follow-up (14 days by default).
    const followUp = await eventually(async () => {
      const r = await t.db.query<{ ended_at: Date | null; open_until: Date | null }>(
        `SELECT c.ended_at, v.open_until FROM consultations c JOIN conversations v ON v.id = c.conversation_id WHERE c.room_id = $1`,
        [roomId],
      );
      return r.rows[0]?.ended_at && r.rows[0].open_until ? r.rows[0] : undefined;
    }, 'consultation end recorded');
    expect(followUp.open_until!.getTime() - followUp.ended_at!.getTime()).toBe(14 * 86_400_000);
    d.close();
    p.close();
  });
});
