import type { TestDb } from '@telehealth/platform/testing/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectUser } from './access-control.ts';
import { createMemoryBus, type Bus } from './bus.ts';
import { openConversation } from './chat/store.ts';
import { SignalingClientError, type ClientEvents } from './client.ts';
import { client, createUser, setupDb, startServer, type TestUser } from './test-helpers.ts';

let t: TestDb;
let bus: Bus;
let server: Awaited<ReturnType<typeof startServer>>;
let patient: TestUser, doctor: TestUser;
let conversationId: string;

beforeAll(async () => {
  t = await setupDb();
  bus = createMemoryBus();
  server = await startServer({ db: t.db, bus });
  patient = await createUser(t.db, 'patient');
  doctor = await createUser(t.db, 'doctor');
  conversationId = (await openConversation(t.db, { patientId: patient.id, doctorId: doctor.id })).id;
});
afterAll(async () => {
  await server?.close({ force: true });
  await bus?.close();
  await t?.drop();
});

describe('client reconnect', () => {
  it('emits reconnected after a drop, with its topics resumed, and not for the first connect', async () => {
    const asked: number[] = [];
    const p = client(server.url, patient, { reconnectPolicy: { delayMs: (a) => (asked.push(a), 20) } });
    const d = client(server.url, doctor);
    const seen: ClientEvents['reconnected'][] = [];
    p.on('reconnected', (e) => seen.push(e));
    try {
      await Promise.all([p.connect(), d.connect()]);
      await p.subscribe(`chat:${conversationId}`);
      expect(seen).toEqual([]);

      const back = new Promise<void>((resolve) => {
        const off = p.on('reconnected', () => {
          off();
          resolve();
        });
      });
      // The server closes the patient's socket (as on a role change); the token is still good.
      await disconnectUser(bus, patient.id, 'role_changed');
      await back;
      expect(seen).toEqual([{ attempts: 1 }]);
      expect(asked).toEqual([0]);
      expect(p.connected).toBe(true);

      // The chat topic was re-subscribed before the event: a message sent now arrives live.
      const live = new Promise<string>((resolve) => p.on('chat.message', (m) => resolve(m.text)));
      await d.sendChat(conversationId, 'after the drop');
      expect(await live).toBe('after the drop');
    } finally {
      p.close();
      d.close();
    }
  });

  it('stops when the policy gives up: connect() fails instead of retrying forever', async () => {
    const asked: number[] = [];
    // Nothing listens on port 1: every attempt is refused at once.
    const p = client('ws://127.0.0.1:1/ws', patient, {
      reconnectPolicy: { delayMs: (a) => (asked.push(a), a < 2 ? 10 : null) },
    });
    const drops: ClientEvents['disconnected'][] = [];
    p.on('disconnected', (e) => drops.push(e));
    try {
      const failed = await p.connect().catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(SignalingClientError);
      expect((failed as SignalingClientError).code).toBe('closed');
      expect(asked).toEqual([0, 1, 2]);
      expect(drops.map((x) => x.opened)).toEqual([false, false, false]);
    } finally {
      p.close();
    }
  });
});
