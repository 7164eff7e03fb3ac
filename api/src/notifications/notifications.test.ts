import { notify } from '@telehealth/signaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { registerNotificationRoutes } from './routes.ts';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestPostgres();
  await seedDemo(t.db);
  app = await startTestApp(t.db, { modules: [registerNotificationRoutes] });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('notifications API', () => {
  it('lists my notifications with the unread count, marks them read, and shows nobody else mine', async () => {
    const priya = createClient(app.url);
    const me = (await priya.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient)).user;
    const published: string[] = [];
    const l = app.ctx.bus.listen((_topic, frame) => published.push(frame));
    await l.subscribe(`user:${me.id}`);
    await notify(t.db, app.ctx.bus, me.id, {
      kind: 'booking.confirmed',
      title: 'Booked',
      data: { appointmentId: 'x' },
    });
    await notify(t.db, app.ctx.bus, me.id, { kind: 'payment.received', title: 'Paid' });
    const list = await priya.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(2);
    expect(list.body.notifications.map((n: { kind: string }) => n.kind)).toEqual([
      'payment.received',
      'booking.confirmed',
    ]);
    expect(published.length).toBe(2);
    await l.close();

    const john = createClient(app.url);
    await john.login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
    expect((await john.get('/api/v1/notifications')).body.notifications).toEqual([]);
    expect(
      (await john.post('/api/v1/notifications/read', { ids: [list.body.notifications[0].id] })).body
        .unreadCount,
    ).toBe(0);
    expect((await priya.get('/api/v1/notifications')).body.unreadCount).toBe(2);

    expect((await priya.post('/api/v1/notifications/read', { all: true })).body.unreadCount).toBe(0);
  });
});
