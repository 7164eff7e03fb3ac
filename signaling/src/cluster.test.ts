/**
 * Two signaling nodes against real Redis (random channel prefix) and real PostgreSQL: cross-node
 * chat, presence, and resume after a forced disconnect and after a node restart.
 */
import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversation } from './chat/store.ts';
import type { ChatMessage, QueuePosition, ServerFrame } from './protocol.ts';
import {
  client,
  createUser,
  redisNodes,
  setupDb,
  startServer,
  waitFor,
  type TestUser,
} from './test-helpers.ts';

let t: TestDb;
const cluster = redisNodes(() => t.db);
let nodeA: Awaited<ReturnType<typeof startServer>>;
let nodeB: Awaited<ReturnType<typeof startServer>>;
let patient: TestUser, doctor: TestUser;

const node = () => cluster.node();

/** Chat messages a client saw as raw frames (before its own de-duplication). */
function recordChat(c: ReturnType<typeof client>, topic: string) {
  const seqs: number[] = [];
  c.onFrame((f: ServerFrame) => {
    if (f.type === 'event' && f.event === 'chat.message' && f.topic === topic)
      seqs.push((f.data as ChatMessage).seq);
  });
  return seqs;
}

beforeAll(async () => {
  t = await setupDb();
  nodeA = await node();
  nodeB = await node();
  patient = await createUser(t.db, 'patient');
  doctor = await createUser(t.db, 'doctor');
});
afterAll(async () => {
  await cluster.close();
  await t?.drop();
});

describe('two nodes over Redis', () => {
  it('delivers chat across nodes with typing and receipts', async () => {
    const { id } = await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
    const topic = `chat:${id}`;
    const p = client(nodeA.url, patient);
    const d = client(nodeB.url, doctor);
    await Promise.all([p.connect(), d.connect()]);
    try {
      await p.subscribe(topic);
      await d.subscribe(topic);
      const got: ChatMessage[] = [];
      d.on('chat.message', (m) => got.push(m));
      const typing: boolean[] = [];
      d.on('chat.typing', (x) => typing.push(x.typing));
      await p.request('chat.typing', { conversationId: id, typing: true });
      const ack = await p.sendChat(id, 'hello from node A');
      expect(ack.message.seq).toBe(1);
      await waitFor(() => got.length === 1 && typing.length === 1, 'cross-node delivery');
      expect(got[0]).toMatchObject({ seq: 1, text: 'hello from node A', senderId: patient.id });
      const receipts: number[] = [];
      p.on('chat.receipt', (r) => receipts.push(r.seq));
      await d.request('chat.receipt', { conversationId: id, kind: 'read', seq: 1 });
      await waitFor(() => receipts.length === 1, 'receipt across nodes');
    } finally {
      p.close();
      d.close();
    }
  });

  it('shares presence across nodes', async () => {
    const p = client(nodeA.url, patient);
    const d = client(nodeB.url, doctor);
    await Promise.all([p.connect(), d.connect()]);
    try {
      await d.request('presence.set', { status: 'in_call' });
      const r = await p.request('presence.get', { userIds: [doctor.id] });
      expect(r.presence[doctor.id]).toBe('in_call');
    } finally {
      p.close();
      d.close();
    }
  });

  it('resumes after a forced disconnect with no loss and no duplicates', async () => {
    const { id } = await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
    const topic = `chat:${id}`;
    // The patient hops between nodes on every reconnect.
    let hop = 0;
    const p = client(() => (hop++ % 2 === 0 ? nodeA.url : nodeB.url), patient);
    const d = client(nodeB.url, doctor);
    await Promise.all([p.connect(), d.connect()]);
    try {
      const raw = recordChat(p, topic);
      const delivered: number[] = [];
      p.on('chat.message', (m) => delivered.push(m.seq));
      await p.subscribe(topic, { since: 0 });
      await d.subscribe(topic);
      for (let i = 1; i <= 5; i++) await d.sendChat(id, `m${i}`);
      await waitFor(() => delivered.length === 5, 'first batch');
      // Cut the patient's socket without a close handshake; send while it is away.
      const reconnected = new Promise<void>((resolve) => {
        const off = p.on('disconnected', () => {
          off();
          resolve();
        });
      });
      (p as unknown as { ws: { terminate(): void } }).ws.terminate();
      await reconnected;
      for (let i = 6; i <= 12; i++) await d.sendChat(id, `m${i}`);
      await waitFor(() => delivered.length === 12, 'replayed batch');
      for (let i = 13; i <= 15; i++) await d.sendChat(id, `m${i}`);
      await waitFor(() => delivered.length === 15, 'live after resume');
      expect(delivered).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(raw).toEqual(delivered); // the server itself sent each seq exactly once
      expect(p.lastSeq(topic)).toBe(15);
    } finally {
      p.close();
      d.close();
    }
  });

  it('does not deliver twice a message whose announcement reaches the resuming node after its replay', async () => {
    const { id } = await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
    const topic = `chat:${id}`;
    const p = client(nodeA.url, patient);
    const d = client(nodeB.url, doctor);
    await Promise.all([p.connect(), d.connect()]);
    try {
      await p.subscribe(topic);
      for (let i = 1; i <= 3; i++) await p.sendChat(id, `m${i}`);
      const raw = recordChat(d, topic);
      expect(await d.subscribe(topic, { since: 1 })).toMatchObject({ replayed: 2, lastSeq: 3 });
      // The announcement of a committed message can trail the replay that already read it; the
      // resuming node knows it from the seq that travels beside the frame through Redis.
      const [late] = (await d.request('chat.history', { conversationId: id, after: 2, limit: 1 })).messages;
      await nodeA.publish(topic, 'chat.message', late, 3);
      await p.sendChat(id, 'm4');
      await p.sendChat(id, 'm5');
      await waitFor(() => raw.includes(5), 'live messages after the replay');
      expect(raw).toEqual([2, 3, 4, 5]);
    } finally {
      p.close();
      d.close();
    }
  });

  it('resumes after a node restart, and a retried send has exactly-once effect', async () => {
    const { id } = await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id });
    const topic = `chat:${id}`;
    let current = nodeA;
    const p = client(() => current.url, patient);
    const d = client(nodeB.url, doctor);
    await Promise.all([p.connect(), d.connect()]);
    try {
      const raw = recordChat(p, topic);
      const delivered: number[] = [];
      p.on('chat.message', (m) => delivered.push(m.seq));
      await p.subscribe(topic, { since: 0 });
      await d.subscribe(topic);
      await d.sendChat(id, 'before');
      await waitFor(() => delivered.length === 1, 'first');
      // Node A dies (no close frames); its replacement comes up on a new port.
      await nodeA.close({ force: true });
      for (let i = 0; i < 4; i++) await d.sendChat(id, `while down ${i}`);
      nodeA = await node();
      current = nodeA;
      await waitFor(() => delivered.length === 5, 'replayed after restart');
      // The patient retries a send whose ack it never saw: same clientMsgId, one message.
      const a1 = await p.sendChat(id, 'retry me', 'client-msg-1');
      const a2 = await p.sendChat(id, 'retry me', 'client-msg-1');
      expect(a2).toMatchObject({ duplicate: true, message: { seq: a1.message.seq, id: a1.message.id } });
      await waitFor(() => delivered.length === 6, 'own message');
      expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
      expect(raw).toEqual(delivered);
      const count = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM chat_messages WHERE conversation_id = $1`,
        [id],
      );
      expect(count.rows[0]!.n).toBe(6);
    } finally {
      p.close();
      d.close();
    }
  });

  it('keeps queue positions consistent for patients on both nodes after call-next', async () => {
    const doc = await createUser(t.db, 'doctor');
    const d = client(nodeA.url, doc);
    await d.connect();
    const patients: { c: ReturnType<typeof client>; entryId: string; latest: QueuePosition | null }[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const u = await createUser(t.db, 'patient');
        const c = client(i % 2 ? nodeB.url : nodeA.url, u);
        await c.connect();
        const entry = { c, entryId: '', latest: null as QueuePosition | null };
        c.on('queue.position', (p) => {
          if (!entry.latest || p.version >= entry.latest.version) entry.latest = p;
        });
        entry.entryId = (await c.request('queue.checkIn', { doctorId: doc.id })).entryId;
        patients.push(entry);
      }
      const called = await d.request('queue.callNext', {});
      expect(called.called?.entryId).toBe(patients[0]!.entryId);
      const { snapshot } = await d.request('queue.state', { doctorId: doc.id });
      await waitFor(
        () => patients.every((p) => p.latest?.version === snapshot!.version),
        'every patient at the new version',
      );
      expect(patients.map((p) => p.latest!.position)).toEqual([null, 1, 2, 3, 4, 5]);
      expect(patients[0]!.latest!.status).toBe('called');
    } finally {
      d.close();
      for (const p of patients) p.c.close();
    }
  });
});
