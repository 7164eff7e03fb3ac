import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type Bus } from './bus.ts';
import { notify } from './notify.ts';
import { client, createUser, setupDb, startServer, waitFor } from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer({ db: t.db, bus });
});
afterAll(async () => {
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

describe('notifications', () => {
  it('persists, pushes over user:<id> with the unread count, lists and marks read', async () => {
    const user = await createUser(t.db, 'patient');
    const other = await createUser(t.db, 'patient');
    const c = client(server.url, user);
    const o = client(server.url, other);
    await Promise.all([c.connect(), o.connect()]);
    try {
      const pushed: { kind: string; unreadCount: number }[] = [];
      const leaked: unknown[] = [];
      c.on('notification', (n) => pushed.push(n));
      o.on('notification', (n) => leaked.push(n));
      await notify(t.db, bus, user.id, {
        kind: 'booking.confirmed',
        title: 'Booked',
        data: { appointmentId: 'a1' },
      });
      await notify(t.db, bus, user.id, { kind: 'payment.received', title: 'Paid', body: 'Thank you' });
      await waitFor(() => pushed.length === 2, 'pushes');
      expect(pushed.map((n) => `${n.kind}:${n.unreadCount}`)).toEqual([
        'booking.confirmed:1',
        'payment.received:2',
      ]);
      expect(leaked).toEqual([]);
      const list = await c.request('notif.list', { limit: 10 });
      expect(list.unreadCount).toBe(2);
      expect(list.notifications.map((n) => n.kind)).toEqual(['payment.received', 'booking.confirmed']);
      const older = await c.request('notif.list', { limit: 10, before: list.notifications[0]!.createdAt });
      expect(older.notifications.map((n) => n.kind)).toEqual(['booking.confirmed']);
      const r1 = await c.request('notif.read', { ids: [list.notifications[0]!.id] });
      expect(r1.unreadCount).toBe(1);
      // Someone else's id changes nothing.
      expect((await o.request('notif.read', { ids: [list.notifications[1]!.id] })).unreadCount).toBe(0);
      expect((await c.request('notif.read', { all: true })).unreadCount).toBe(0);
    } finally {
      c.close();
      o.close();
    }
  });

  it('coalesces notifications with a dedupe key while unread', async () => {
    const user = await createUser(t.db, 'doctor');
    await notify(t.db, bus, user.id, { kind: 'chat.message', title: 'New message', dedupeKey: 'chat:x' });
    const second = await notify(t.db, bus, user.id, {
      kind: 'chat.message',
      title: 'New messages',
      dedupeKey: 'chat:x',
    });
    expect(second.unreadCount).toBe(1);
    await t.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1`, [user.id]);
    const third = await notify(t.db, bus, user.id, {
      kind: 'chat.message',
      title: 'New message',
      dedupeKey: 'chat:x',
    });
    expect(third.unreadCount).toBe(1);
    expect((await t.db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [user.id])).rowCount).toBe(2);
  });
});
