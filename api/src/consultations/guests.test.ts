/**
 * Call guests over the real API and a real signaling node sharing its bus and tokens (real
 * PostgreSQL, real WebSockets): invitations (single use, expiry, by e-mail), the guest pass, the
 * doctor's admission, the patient's permission, and what a guest can never reach.
 */
import { createDefaultAuthorizer, openConversation } from '@telehealth/signaling';
import { client, startServer } from '@telehealth/signaling/test-helpers';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRecordsRoutes } from '../records/index.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createCallAuthorizer } from './calls.ts';
import { guestInviteEmail } from './emails.ts';
import { guestState, inviteRefusal, mayInvite } from './guests.ts';
import { registerConsultationRoutes } from './routes.ts';

describe('guest rules (pure)', () => {
  const none = { admitted_at: null, declined_at: null, removed_at: null };
  const at = new Date('2026-12-03T10:00:00Z');
  it('a guest waits, then is admitted or declined; removal wins', () => {
    expect(guestState(none)).toBe('waiting');
    expect(guestState({ ...none, admitted_at: at })).toBe('admitted');
    expect(guestState({ ...none, declined_at: at })).toBe('declined');
    expect(guestState({ ...none, admitted_at: at, removed_at: at })).toBe('removed');
  });
  it('tells an unknown, a used and an expired link apart', () => {
    expect(inviteRefusal(undefined, at)).toBe('not_found');
    expect(inviteRefusal({ used_at: at, expires_at: new Date(at.getTime() + 1) }, at)).toBe('used');
    expect(inviteRefusal({ used_at: null, expires_at: at }, at)).toBe('expired');
  });
  it('the doctor may always invite, the patient only when allowed', () => {
    expect(mayInvite('doctor', false)).toBe(true);
    expect(mayInvite('patient', false)).toBe(false);
    expect(mayInvite('patient', true)).toBe(true);
    expect(mayInvite('other', true)).toBe(false);
  });
  it('writes the invitation in Hindi for a Hindi reader, with the link and no health details', () => {
    const m = guestInviteEmail({
      locale: 'hi',
      inviterName: 'Dr. Rao',
      doctorName: 'Dr. Rao',
      link: 'https://x/call/join?invite=abc',
      ttlMinutes: 120,
    });
    expect(m.subject).toContain('वीडियो परामर्श');
    expect(m.text).toContain('https://x/call/join?invite=abc');
    expect(m.html).toContain('परामर्श में शामिल हों');
  });
});

let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;
let doctor: TestClient;
let patient: TestClient;
let other: TestClient;
let anon: TestClient;
let roomId: string;
let otherRoom: string;
let ids: NonNullable<Awaited<ReturnType<typeof seedDemo>>>;

const book = async (patientId: string, doctorId: string) =>
  (
    await t.db.query<{ id: string }>(
      `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
       VALUES ($1, $2, now() + interval '2 minutes', now() + interval '32 minutes', now() + interval '32 minutes', 'confirmed', 5000, 'INR', now()) RETURNING id`,
      [doctorId, patientId],
    )
  ).rows[0]!.id;

beforeAll(async () => {
  t = await createTestPostgres();
  ids = (await seedDemo(t.db))!;
  app = await startTestApp(t.db, { modules: [registerConsultationRoutes, registerRecordsRoutes] });
  signaling = await startServer({
    db: t.db,
    bus: app.ctx.bus,
    tokens: app.ctx.tokens,
    authorize: createCallAuthorizer({ db: t.db, now: () => new Date() }, createDefaultAuthorizer(t.db)),
  });
  roomId = await book(ids.patientIds[0]!, ids.doctorIds[0]!);
  otherRoom = await book(ids.patientIds[1]!, ids.doctorIds[1]!);
  doctor = createClient(app.url);
  await doctor.login(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
  patient = createClient(app.url);
  await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
  other = createClient(app.url);
  await other.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
  anon = createClient(app.url);
});
afterAll(async () => {
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
});

const invite = async (c: TestClient = doctor, body: Record<string, unknown> = {}) => {
  const r = await c.post(`/api/v1/consultations/${roomId}/invites`, body);
  expect(r.status).toBe(201);
  return r.body as { token: string; url: string; expiresAt: string; emailed: boolean };
};
const redeem = (token: string, name = 'Meera (interpreter)') =>
  anon.post('/api/v1/consultations/invites/redeem', { token, name });
/** A client carrying a guest pass as its bearer token. */
type Reply = { status: number; body: any };
const asGuest = (token: string) => {
  const send = async (p: string, init: RequestInit = {}): Promise<Reply> => {
    const r = await fetch(`${app.url}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  return {
    get: (p: string) => send(p),
    post: (p: string, b: unknown) => send(p, { method: 'POST', body: JSON.stringify(b) }),
  };
};

describe('call guests', () => {
  it('a link is redeemed once, without an account, into a waiting guest', async () => {
    const inv = await invite();
    expect(inv.url).toMatch(/\/call\/join\?invite=/);
    const r = await redeem(inv.token);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ roomId, doctorName: expect.any(String) });
    const g = asGuest(r.body.accessToken);
    expect((await g.get('/api/v1/call-guests/me')).body).toMatchObject({
      roomId,
      state: 'waiting',
      name: 'Meera (interpreter)',
    });
    const again = await redeem(inv.token, 'Someone else');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVITE_USED');
    const unknown = await redeem('z'.repeat(43));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INVITE_NOT_FOUND']);
    const noName = await redeem('z'.repeat(43), '   ');
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.body.error.details)).toContain('name');
  });

  it('an expired link is refused with 410 INVITE_EXPIRED', async () => {
    const inv = await invite();
    await t.db.query(
      `UPDATE call_invites SET expires_at = now() - interval '1 second' WHERE room_id = $1 AND used_at IS NULL`,
      [roomId],
    );
    const r = await redeem(inv.token);
    expect([r.status, r.body.error.code]).toEqual([410, 'INVITE_EXPIRED']);
  });

  it('two redeems of one link at once: exactly one guest', async () => {
    const inv = await invite();
    const rs = await Promise.all([redeem(inv.token, 'A'), redeem(inv.token, 'B'), redeem(inv.token, 'C')]);
    expect(rs.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('e-mails the link in the recipient’s language', async () => {
    await t.db.query(`UPDATE users SET locale = 'hi' WHERE email = $1`, [DEMO_PATIENTS[1].email]);
    const inv = await invite(doctor, { email: DEMO_PATIENTS[1].email.toUpperCase() });
    expect(inv.emailed).toBe(true);
    await app.flushEmails();
    const mail = (
      await t.db.query<{ subject: string; text_body: string }>(
        'SELECT subject, text_body FROM dev_mailbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1',
        [DEMO_PATIENTS[1].email],
      )
    ).rows[0]!;
    expect(mail.subject).toContain('परामर्श');
    expect(mail.text_body).toContain(inv.url);
    const bad = await doctor.post(`/api/v1/consultations/${roomId}/invites`, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
  });

  it('the patient invites only while the doctor allows it; others never', async () => {
    const off = await patient.post(`/api/v1/consultations/${roomId}/invites`, {});
    expect([off.status, off.body.error.code]).toEqual([403, 'GUEST_INVITES_OFF']);
    expect(
      (await patient.put(`/api/v1/consultations/${roomId}/guest-policy`, { patientMayInvite: true })).status,
    ).toBe(403);
    expect(
      (await doctor.put(`/api/v1/consultations/${roomId}/guest-policy`, { patientMayInvite: true })).body,
    ).toEqual({ patientMayInvite: true });
    expect((await patient.get(`/api/v1/consultations/${roomId}/guests`)).body).toMatchObject({
      patientMayInvite: true,
      canInvite: true,
    });
    await invite(patient);
    expect((await other.post(`/api/v1/consultations/${roomId}/invites`, {})).status).toBe(404);
    expect((await other.get(`/api/v1/consultations/${roomId}/guests`)).status).toBe(404);
    await doctor.put(`/api/v1/consultations/${roomId}/guest-policy`, { patientMayInvite: false });
    expect((await patient.post(`/api/v1/consultations/${roomId}/invites`, {})).status).toBe(403);
  });

  it('the call opens to a guest only once admitted; the guest reaches nothing else', async () => {
    const inv = await invite();
    const pass = (await redeem(inv.token, 'Ravi')).body as { guestId: string; accessToken: string };
    const g = asGuest(pass.accessToken);
    const ws = client(signaling.url, { token: async () => pass.accessToken });
    await ws.connect();
    await expect(ws.subscribe(`call:${roomId}`)).rejects.toMatchObject({ code: 'forbidden' });
    const list = (await doctor.get(`/api/v1/consultations/${roomId}/guests`)).body;
    expect(list.guests).toContainEqual(
      expect.objectContaining({ id: pass.guestId, name: 'Ravi', state: 'waiting' }),
    );
    // Only the doctor admits.
    expect(
      (await patient.post(`/api/v1/consultations/${roomId}/guests/${pass.guestId}/admit`, {})).status,
    ).toBe(403);
    expect((await g.post(`/api/v1/consultations/${roomId}/guests/${pass.guestId}/admit`, {})).status).toBe(
      403,
    );
    expect(
      (await doctor.post(`/api/v1/consultations/${roomId}/guests/${pass.guestId}/admit`, {})).body,
    ).toEqual({ state: 'admitted' });
    const twice = await doctor.post(`/api/v1/consultations/${roomId}/guests/${pass.guestId}/decline`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'GUEST_NOT_WAITING']);
    expect((await g.get('/api/v1/call-guests/me')).body.state).toBe('admitted');
    await ws.subscribe(`call:${roomId}`);
    // Never another room, the patient's chat, records or account.
    await expect(ws.subscribe(`call:${otherRoom}`)).rejects.toMatchObject({ code: 'forbidden' });
    // The visit's own conversation (the call's private chat): the guest is not in it.
    const conv = await openConversation(t.db, {
      appointmentId: roomId,
      patientId: ids.patientIds[0]!,
      doctorId: ids.doctorIds[0]!,
    });
    await expect(ws.subscribe(`chat:${conv.id}`)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ws.request('chat.history', { conversationId: conv.id, limit: 10 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(ws.request('queue.checkIn', { doctorId: ids.doctorIds[0] })).rejects.toMatchObject({
      code: 'forbidden',
    });
    for (const path of [
      '/api/v1/records',
      `/api/v1/consultations/${roomId}`,
      '/api/v1/me',
      `/api/v1/consultations/${roomId}/guests`,
    ])
      expect((await g.get(path)).status, path).toBe(403);
    expect((await g.post(`/api/v1/consultations/${roomId}/invites`, {})).status).toBe(403);
    ws.close();
  });

  it('an inviter has a budget of invitations per hour (they send e-mail to any address)', async () => {
    await doctor.put(`/api/v1/consultations/${roomId}/guest-policy`, { patientMayInvite: true });
    let refused: Reply | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await patient.post(`/api/v1/consultations/${roomId}/invites`, {});
      if (r.status !== 201) refused = r;
    }
    expect([refused?.status, refused?.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    // Another inviter's budget is their own.
    expect((await doctor.post(`/api/v1/consultations/${roomId}/invites`, {})).status).toBe(201);
  });

  it('a declined guest stays out', async () => {
    const inv = await invite();
    const pass = (await redeem(inv.token, 'Declined')).body as { guestId: string; accessToken: string };
    expect(
      (await doctor.post(`/api/v1/consultations/${roomId}/guests/${pass.guestId}/decline`, {})).body,
    ).toEqual({ state: 'declined' });
    expect((await asGuest(pass.accessToken).get('/api/v1/call-guests/me')).body.state).toBe('declined');
    const ws = client(signaling.url, { token: async () => pass.accessToken });
    await ws.connect();
    await expect(ws.subscribe(`call:${roomId}`)).rejects.toMatchObject({ code: 'forbidden' });
    ws.close();
    const missing = await doctor.post(
      `/api/v1/consultations/${roomId}/guests/${ids.patientIds[2]}/admit`,
      {},
    );
    expect([missing.status, missing.body.error.code]).toEqual([404, 'GUEST_NOT_FOUND']);
  });
});
