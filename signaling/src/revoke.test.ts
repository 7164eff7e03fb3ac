/**
 * Revocation of live access (access-control.ts) over real sockets, real PostgreSQL and two nodes on
 * real Redis: subscriptions end when access ends, on every node, and suspended users are cut off.
 *
 * "Not received" is asserted with a marker, not a sleep: after the revocation a probe frame is
 * published on the revoked topic and then a marker on the client's own user topic, from the same
 * node (one Redis connection, so in that order). Once the marker arrived, the probe would have too.
 */
import { randomUUID } from 'node:crypto';
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authorize } from './authorize.ts';
import { createDefaultAuthorizer } from './authorize.ts';
import { createMemoryBus, type Bus } from './bus.ts';
import { openConversation } from './chat/store.ts';
import { AUTH_PROTOCOL_PREFIX, CloseCodes, SUBPROTOCOL, type ServerFrame } from './protocol.ts';
import {
  client,
  createUser,
  rawSocket,
  redisNodes,
  setupDb,
  startServer,
  tokens,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
type Client = ReturnType<typeof client>;
type EventFrame = Extract<ServerFrame, { type: 'event' }>;

let t: TestDb;
const cluster = redisNodes(() => t.db);
const clients: Client[] = [];
let nodeA: Server;
let nodeB: Server;

const node = (deps: { bus?: Bus; authorize?: Authorize } = {}) => cluster.node({}, deps);

async function connect(url: string, user: TestUser) {
  const c = client(url, user);
  clients.push(c);
  await c.connect();
  return c;
}

/** Every event frame a client was sent, as received. */
function record(c: Client) {
  const events: EventFrame[] = [];
  c.onFrame((f) => {
    if (f.type === 'event') events.push(f);
  });
  return {
    events,
    on: (topic: string, event?: string) =>
      events.filter((e) => e.topic === topic && (event === undefined || e.event === event)),
  };
}

/**
 * Publishes a probe on `topic` and then a marker on the user's own topic, both from `from`, and
 * waits for the marker: afterwards, whether the probe reached the client is settled.
 */
async function probe(from: Server, topic: string, userId: string, log: ReturnType<typeof record>) {
  const n = randomUUID();
  await from.publish(topic, 'test.probe', { n });
  await from.publish(`user:${userId}`, 'test.marker', { n });
  await waitFor(
    () => log.events.some((e) => e.event === 'test.marker' && (e.data as { n: string }).n === n),
    'marker',
  );
  return log.events.some((e) => e.event === 'test.probe' && (e.data as { n: string }).n === n);
}

/** A patient called into a queue room by a doctor, each connected to the given node. */
async function calledVisit(patientNode: Server, doctorNode: Server) {
  const patient = await createUser(t.db, 'patient');
  const doctor = await createUser(t.db, 'doctor');
  const p = await connect(patientNode.url, patient);
  const d = await connect(doctorNode.url, doctor);
  const { entryId } = await p.request('queue.checkIn', { doctorId: doctor.id });
  const { called } = await d.request('queue.callNext', {});
  expect(called?.entryId).toBe(entryId);
  const topic = `call:${called!.roomId}`;
  const pLog = record(p);
  const dLog = record(d);
  await p.subscribe(topic);
  await d.subscribe(topic);
  // Both hear the room before anything changes (so the later silence means something).
  expect(await probe(doctorNode, topic, patient.id, pLog)).toBe(true);
  expect(await probe(doctorNode, topic, doctor.id, dLog)).toBe(true);
  return { patient, doctor, p, d, pLog, dLog, entryId, topic };
}

beforeAll(async () => {
  t = await setupDb();
  nodeA = await node();
  nodeB = await node();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await cluster.close();
  await t?.drop();
});

describe('call rooms', () => {
  it('the visit ends: both lose the room, get sub.revoked, and hear nothing more', async () => {
    const v = await calledVisit(nodeA, nodeA);
    await v.d.request('queue.end', { entryId: v.entryId });
    await waitFor(() => v.pLog.on(v.topic, 'sub.revoked').length === 1, 'patient sub.revoked');
    await waitFor(() => v.dLog.on(v.topic, 'sub.revoked').length === 1, 'doctor sub.revoked');
    expect(v.pLog.on(v.topic, 'sub.revoked')[0]!.data).toEqual({ topic: v.topic, code: 'forbidden' });
    expect(await probe(nodeA, v.topic, v.patient.id, v.pLog)).toBe(false);
    expect(await probe(nodeA, v.topic, v.doctor.id, v.dLog)).toBe(false);
    // Subscribing again is refused too.
    await expect(v.p.subscribe(v.topic)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a no-show announced on node A cuts the patient subscribed on node B', async () => {
    const v = await calledVisit(nodeB, nodeA);
    await v.d.request('queue.noShow', { entryId: v.entryId });
    await waitFor(() => v.pLog.on(v.topic, 'sub.revoked').length === 1, 'patient sub.revoked on B');
    // Published from A, delivered (or not) by B.
    expect(await probe(nodeA, v.topic, v.patient.id, v.pLog)).toBe(false);
    // The patient is back in the queue (first no-show) and still connected.
    const s = await v.p.request('queue.state', { doctorId: v.doctor.id });
    expect(s.entries?.[0]?.status).toBe('waiting');
  });

  it('the doctor skipping a called patient revokes the room', async () => {
    const v = await calledVisit(nodeA, nodeB);
    await v.d.request('queue.skip', { entryId: v.entryId });
    await waitFor(() => v.pLog.on(v.topic, 'sub.revoked').length === 1, 'patient sub.revoked');
    expect(await probe(nodeB, v.topic, v.patient.id, v.pLog)).toBe(false);
  });

  it('the sweep repairs a missed announcement', async () => {
    const v = await calledVisit(nodeA, nodeB);
    // Access ends without anyone announcing it (as when an appointment's window runs out).
    await t.db.query(`UPDATE queue_entries SET status = 'done', ended_at = now() WHERE id = $1`, [v.entryId]);
    expect(await probe(nodeA, v.topic, v.patient.id, v.pLog)).toBe(true);
    await nodeA.sweep();
    await waitFor(() => v.pLog.on(v.topic, 'sub.revoked').length === 1, 'sub.revoked by the sweep');
    expect(await probe(nodeA, v.topic, v.patient.id, v.pLog)).toBe(false);
  });
});

describe('chat', () => {
  it('a removed participant loses the thread; the one still allowed keeps receiving', async () => {
    const patient = await createUser(t.db, 'patient');
    const doctor = await createUser(t.db, 'doctor');
    const { id } = await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
    const topic = `chat:${id}`;
    const p = await connect(nodeA.url, patient);
    const d = await connect(nodeB.url, doctor);
    const pLog = record(p);
    const dLog = record(d);
    await p.subscribe(topic);
    await d.subscribe(topic);
    await t.db.query('DELETE FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2', [
      id,
      patient.id,
    ]);
    await nodeB.revalidate(topic);
    await waitFor(() => pLog.on(topic, 'sub.revoked').length === 1, 'patient sub.revoked');
    await d.sendChat(id, 'after the removal');
    await waitFor(() => dLog.on(topic, 'chat.message').length === 1, 'doctor still receives');
    expect(await probe(nodeB, topic, patient.id, pLog)).toBe(false);
    expect(pLog.on(topic, 'chat.message')).toEqual([]);
    expect(dLog.on(topic, 'sub.revoked')).toEqual([]);
    expect(await probe(nodeB, topic, doctor.id, dLog)).toBe(true);
  });
});

describe('accounts', () => {
  const open = (url: string, token: string) => rawSocket(url, [SUBPROTOCOL, AUTH_PROTOCOL_PREFIX + token]);

  it('suspension closes the user’s sockets on every node with 4001 and refuses the reconnect', async () => {
    const patient = await createUser(t.db, 'patient');
    const other = await createUser(t.db, 'patient');
    const token = await patient.token();
    const onA = open(nodeA.url, token);
    const onB = open(nodeB.url, token);
    const bystander = open(nodeB.url, await other.token());
    await Promise.all([onA.opened, onB.opened, bystander.opened]);
    await t.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [patient.id]);
    await nodeA.disconnectUser(patient.id, 'suspended');
    expect((await onA.closed).code).toBe(CloseCodes.unauthorized);
    expect((await onB.closed).code).toBe(CloseCodes.unauthorized);
    // The access token has not expired, but the account is no longer active.
    const again = open(nodeB.url, token);
    await expect(again.opened).rejects.toThrow('close 4001');
    // Nobody else was touched.
    bystander.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'x' }));
    await waitFor(() => bystander.frames.some((f) => (f as { id?: string }).id === 'x'), 'bystander ping');
    bystander.ws.close();
  });

  it('a token whose role the account no longer has is refused', async () => {
    const patient = await createUser(t.db, 'patient');
    const s = open(nodeA.url, await tokens.sign({ userId: patient.id, role: 'doctor' }));
    await expect(s.opened).rejects.toThrow('close 4001');
  });

  it('a token issued before the last password reset is refused at the handshake, whatever verified it', async () => {
    // The handshake's account read checks the session version too: a reset committed after the
    // token's verification (and announced before the handshake watched the account) is caught there.
    const patient = await createUser(t.db, 'patient');
    await t.db.query(`UPDATE users SET session_version = 1 WHERE id = $1`, [patient.id]);
    const stale = open(
      nodeA.url,
      await tokens.sign({ userId: patient.id, role: 'patient', sessionVersion: 0 }),
    );
    await expect(stale.opened).rejects.toThrow('close 4001');
    const current = open(
      nodeA.url,
      await tokens.sign({ userId: patient.id, role: 'patient', sessionVersion: 1 }),
    );
    await current.opened;
    current.ws.close();
    await current.closed;
  });

  it('auth.refresh of a suspended account closes the socket even if the announcement was missed', async () => {
    const patient = await createUser(t.db, 'patient');
    const s = open(nodeA.url, await patient.token());
    await s.opened;
    await t.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [patient.id]);
    s.ws.send(JSON.stringify({ v: 1, type: 'auth.refresh', id: 'r', token: await patient.token() }));
    expect((await s.closed).code).toBe(CloseCodes.unauthorized);
    expect(s.frames).toContainEqual(
      expect.objectContaining({ type: 'error', id: 'r', code: 'unauthorized' }),
    );
  });
});

describe('races', () => {
  it('a subscription granted just before the access ended is undone', async () => {
    // The subscriber's check reads the database before the visit ends and answers after the
    // revalidation went by: without the in-flight tracking it would keep the room.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let checked!: () => void;
    const firstCheckRead = new Promise<void>((r) => (checked = r));
    let calls = 0;
    const base = createDefaultAuthorizer(t.db);
    const authorize: Authorize = async (p, topic) => {
      const r = await base(p, topic);
      if (topic.startsWith('call:') && p.role === 'patient' && calls++ === 0) {
        checked();
        await gate;
      }
      return r;
    };
    const bus = createMemoryBus();
    const s = await node({ bus, authorize });
    const patient = await createUser(t.db, 'patient');
    const doctor = await createUser(t.db, 'doctor');
    const p = await connect(s.url, patient);
    const d = await connect(s.url, doctor);
    const { entryId } = await p.request('queue.checkIn', { doctorId: doctor.id });
    const { called } = await d.request('queue.callNext', {});
    const topic = `call:${called!.roomId}`;
    const pLog = record(p);
    const sub = p.subscribe(topic);
    await firstCheckRead; // allowed: the patient is called
    await d.request('queue.end', { entryId }); // commits, then announces the revalidation
    release();
    await expect(sub).rejects.toMatchObject({ code: 'forbidden' });
    expect(await probe(s, topic, patient.id, pLog)).toBe(false);
  });
});
