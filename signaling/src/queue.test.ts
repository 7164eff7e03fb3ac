import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import type { QueuePosition, QueueSnapshot } from './protocol.ts';
import { client, createUser, eventually, setupDb, startServer, waitFor } from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer({ db: t.db, bus }, { QUEUE_NO_SHOW_S: 0 });
});
afterAll(async () => {
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

/** A connected patient that keeps the newest position it was pushed. */
async function waitingPatient(url: string, doctorId: string, triage?: { priority: number; summary: string }) {
  const user = await createUser(t.db, 'patient');
  const c = client(url, user);
  await c.connect();
  const state: { latest: QueuePosition | null; called: string | null } = { latest: null, called: null };
  c.on('queue.position', (p) => {
    if (p.doctorId === doctorId && (!state.latest || p.version >= state.latest.version)) state.latest = p;
  });
  c.on('queue.called', (x) => (state.called = x.roomId));
  const ack = await c.request('queue.checkIn', triage ? { doctorId, triage } : { doctorId });
  return { user, c, state, entryId: ack.entryId };
}

async function doctorClient(opts: { onCall?: boolean } = {}) {
  const doctor = await createUser(t.db, 'doctor', opts);
  const d = client(server.url, doctor);
  await d.connect();
  await d.subscribe(`queue:${doctor.id}`);
  const snaps: QueueSnapshot[] = [];
  d.on('queue.snapshot', (s) => snaps.push(s));
  return {
    doctor,
    d,
    snaps,
    latest: () => snaps.reduce<QueueSnapshot | null>((a, s) => (!a || s.version > a.version ? s : a), null),
  };
}

describe('live queue', () => {
  it('keeps every waiting client consistent after call-next', async () => {
    const { doctor, d, latest } = await doctorClient();
    const patients: Awaited<ReturnType<typeof waitingPatient>>[] = [];
    for (let i = 0; i < 8; i++) patients.push(await waitingPatient(server.url, doctor.id));
    try {
      const called = await d.request('queue.callNext', {});
      expect(called.called?.entryId).toBe(patients[0]!.entryId);
      const snap = await d.request('queue.state', { doctorId: doctor.id });
      const version = snap.snapshot!.version;
      await waitFor(
        () => patients.every((p) => p.state.latest?.version === version),
        'all clients at the new version',
      );
      // Positions are 1..7 in check-in order, with the ETA growing by one median per place.
      const positions = patients.slice(1).map((p) => p.state.latest!.position);
      expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const median = snap.snapshot!.medianConsultSeconds;
      expect(patients.slice(1).map((p) => p.state.latest!.etaSeconds)).toEqual(
        positions.map((n) => (n! - 1) * median),
      );
      expect(patients[0]!.state.latest).toMatchObject({ status: 'called', position: null });
      await waitFor(() => patients[0]!.state.called, 'called event');
      expect(latest()?.entries.filter((e) => e.status === 'waiting')).toHaveLength(7);
      // The called patient can enter the call room; other patients cannot.
      await expect(patients[0]!.c.subscribe(`call:${patients[0]!.state.called}`)).resolves.toBeTruthy();
      await expect(patients[1]!.c.subscribe(`call:${patients[0]!.state.called}`)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(d.subscribe(`call:${patients[0]!.state.called}`)).resolves.toBeTruthy();
    } finally {
      d.close();
      for (const p of patients) p.c.close();
    }
  });

  it('orders by triage priority, lets the doctor override, skip, and end visits into the median', async () => {
    const { doctor, d } = await doctorClient();
    const a = await waitingPatient(server.url, doctor.id, { priority: 3, summary: 'cough' });
    const b = await waitingPatient(server.url, doctor.id, { priority: 1, summary: 'chest pain' });
    const c = await waitingPatient(server.url, doctor.id);
    try {
      const order = async () =>
        (await d.request('queue.state', { doctorId: doctor.id }))
          .snapshot!.entries.filter((e) => e.status === 'waiting')
          .map((e) => e.entryId);
      expect(await order()).toEqual([b.entryId, a.entryId, c.entryId]);
      await d.request('queue.setPriority', { entryId: c.entryId, priority: 1 });
      expect(await order()).toEqual([b.entryId, c.entryId, a.entryId]);
      await d.request('queue.skip', { entryId: b.entryId });
      expect(await order()).toEqual([c.entryId, b.entryId, a.entryId]);
      const first = await d.request('queue.callNext', {});
      expect(first.called?.entryId).toBe(c.entryId);
      await c.c.request('queue.accept', { entryId: c.entryId });
      // Backdate the start so the duration is measurable without waiting.
      await t.db.query(`UPDATE queue_entries SET started_at = now() - interval '600 seconds' WHERE id = $1`, [
        c.entryId,
      ]);
      await d.request('queue.end', { entryId: c.entryId });
      const snap = (await d.request('queue.state', { doctorId: doctor.id })).snapshot!;
      expect(snap.medianConsultSeconds).toBe(600);
      await waitFor(() => c.state.latest?.status === 'done', 'done pushed to the patient');
      // A patient only ever sees their own entry.
      const own = await a.c.request('queue.state', { doctorId: doctor.id });
      expect(own.snapshot).toBeUndefined();
      expect(own.entries).toHaveLength(1);
      expect(own.entries![0]).toMatchObject({ entryId: a.entryId, position: 2 });
      // Doctor-only operations.
      await expect(a.c.request('queue.callNext', {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(a.c.request('queue.skip', { entryId: b.entryId })).rejects.toMatchObject({
        code: 'forbidden',
      });
    } finally {
      d.close();
      for (const p of [a, b, c]) p.c.close();
    }
  });

  it('requeues a no-show once, then removes them; notifies by email when offline', async () => {
    const { doctor, d } = await doctorClient();
    const p = await waitingPatient(server.url, doctor.id);
    const q = await waitingPatient(server.url, doctor.id);
    try {
      await d.request('queue.callNext', {});
      await server.sweepNoShows(); // timeout 0 in this suite: the called patient is due at once
      const order = async () =>
        (await d.request('queue.state', { doctorId: doctor.id })).snapshot!.entries.map(
          (e) => `${e.entryId}:${e.status}`,
        );
      expect(await order()).toEqual([`${q.entryId}:waiting`, `${p.entryId}:waiting`]);
      await d.request('queue.callNext', {}); // q
      await d.request('queue.noShow', { entryId: q.entryId }); // q's first no-show: requeued
      await d.request('queue.callNext', {}); // p again
      await server.sweepNoShows(); // p's second no-show: removed
      expect(await order()).toEqual([`${q.entryId}:waiting`]);
      await waitFor(() => p.state.latest?.status === 'no_show', 'final status pushed');
      // q goes offline, then is called: in-app notification plus an outbox email.
      q.c.close();
      // Closing the user's last socket removes the node's presence entry (no TTL wait).
      await eventually(
        async () => Object.keys((await bus.presence.read([q.user.id]))[q.user.id]!).length === 0,
        'q offline',
      );
      await d.request('queue.callNext', {});
      const mail = await eventually(async () => {
        const r = await t.db.query<{ template: string; text_body: string }>(
          `SELECT o.template, o.text_body FROM outbox_emails o JOIN users u ON u.email = o.to_address WHERE u.id = $1`,
          [q.user.id],
        );
        return r.rows[0];
      }, 'called email');
      expect(mail.template).toBe('queue.called');
      const notes = await t.db.query(`SELECT kind FROM notifications WHERE user_id = $1`, [q.user.id]);
      expect(notes.rows).toContainEqual({ kind: 'queue.called' });
    } finally {
      d.close();
      p.c.close();
    }
  });

  it('is durable: a new server sees the same queue and check-in is idempotent', async () => {
    const { doctor, d } = await doctorClient();
    const p = await waitingPatient(server.url, doctor.id);
    const other = await startServer({ db: t.db, bus: createMemoryBus() });
    const again = client(other.url, p.user);
    await again.connect();
    try {
      const ack = await again.request('queue.checkIn', { doctorId: doctor.id });
      expect(ack).toMatchObject({ entryId: p.entryId });
      const state = await again.request('queue.state', { doctorId: doctor.id });
      expect(state.entries![0]).toMatchObject({ entryId: p.entryId, position: 1 });
      await again.request('queue.leave', { doctorId: doctor.id });
      const after = await d.request('queue.state', { doctorId: doctor.id });
      expect(after.snapshot!.entries).toEqual([]);
    } finally {
      again.close();
      d.close();
      p.c.close();
      await other.close({ force: true });
    }
  });

  it('refuses walk-ins to a doctor who is not on call', async () => {
    const { doctor, d } = await doctorClient({ onCall: false });
    const user = await createUser(t.db, 'patient');
    const c = client(server.url, user);
    await c.connect();
    try {
      await expect(c.request('queue.checkIn', { doctorId: doctor.id })).rejects.toMatchObject({
        code: 'doctor_not_on_call',
      });
      // A booked appointment can still check in.
      const ack = await c.request('queue.checkIn', {
        doctorId: doctor.id,
        appointmentId: '7a1a3a7e-1111-4222-8333-944455556666',
      });
      expect(ack.position).toBe(1);
    } finally {
      c.close();
      d.close();
    }
  });
});
