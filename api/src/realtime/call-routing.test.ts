import { createSfu, type Sfu } from '@telehealth/sfu';
import { MEDIASOUP_AVAILABLE, workerBinary } from '@telehealth/sfu/testing/env';
import { createDefaultAuthorizer } from '@telehealth/signaling';
import {
  client,
  createUser,
  REDIS_URL,
  redisNodes,
  waitFor,
  type TestUser,
} from '@telehealth/signaling/test-helpers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallAuthorizer, registerCallHandlers } from '../consultations/calls.ts';
import { createLogger } from '../observability/logger.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { createCallRouting, type CallRouting } from './call-routing.ts';

/**
 * Two signaling nodes with an SFU each on one Redis, as two app processes would have: a room lives
 * on one node and the other node's participant is served there. (The browser version with media and
 * a crashed process: web/e2e/two-nodes.test.ts.)
 */
describe.skipIf(!MEDIASOUP_AVAILABLE)('calls across nodes', () => {
  let t: TestDb;
  let cluster: ReturnType<typeof redisNodes>;
  const nodes: {
    server: Awaited<ReturnType<ReturnType<typeof redisNodes>['node']>>;
    sfu: Sfu;
    routing: CallRouting;
    redis: Redis;
  }[] = [];
  let doctor: TestUser;
  let patient: TestUser;
  let roomId: string;

  beforeAll(async () => {
    t = await createTestPostgres({ max: 4 });
    cluster = redisNodes(() => t.db);
    doctor = await createUser(t.db, 'doctor');
    patient = await createUser(t.db, 'patient');
    const starts = new Date(Date.now() + 2 * 60_000);
    roomId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO appointments (doctor_id, patient_id, starts_at, ends_at, blocked_until, status, price_minor, currency, confirmed_at)
         VALUES ($1, $2, $3, $3::timestamptz + interval '30 minutes', $3::timestamptz + interval '30 minutes', 'confirmed', 5000, 'EUR', now()) RETURNING id`,
        [doctor.id, patient.id, starts],
      )
    ).rows[0]!.id;
    const deps = { db: t.db, now: () => new Date() };
    const bin = workerBinary();
    for (let i = 0; i < 2; i++) {
      const server = await cluster.node(
        {},
        { authorize: createCallAuthorizer(deps, createDefaultAuthorizer(t.db)) },
      );
      const sfu = await createSfu({ workers: 1, rtcPortBase: 0, ...(bin ? { workerBin: bin } : {}) });
      const redis = new Redis(REDIS_URL);
      const log = createLogger('silent');
      const routing = createCallRouting(server, { redis, bus: server.bus, prefix: cluster.prefix, sfu, log });
      registerCallHandlers(routing.server, { ...deps, sfu, log, reconnectGraceMs: 60_000 });
      await routing.start();
      nodes.push({ server, sfu, routing, redis });
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.routing.close().catch(() => {});
      await n.sfu.close();
      n.redis.disconnect();
    }
    await cluster?.close();
    await t?.drop();
  });

  it('puts both in one room on one node, forwards the other side, and moves the room when its node dies', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const d = client(a.server.url, doctor);
    const p = client(b.server.url, patient);
    await Promise.all([d.connect(), p.connect()]);
    await Promise.all([d.subscribe(`call:${roomId}`), p.subscribe(`call:${roomId}`)]);
    const events: { name: string; peerId?: string }[] = [];
    for (const c of [d, p])
      for (const name of ['call.peerJoined', 'call.peerReconnecting'])
        c.on(name as never, (data: { peerId?: string }) => events.push({ name, peerId: data.peerId }));

    await d.request('call.join', { roomId });
    const pj = (await p.request('call.join', { roomId })) as { peers: { peerId: string }[] };
    // The patient, whose socket is on the other node, joined the doctor's room.
    expect(pj.peers.map((x) => x.peerId)).toEqual([doctor.id]);
    const [rA, rB] = [(await a.sfu.rooms()).length, (await b.sfu.rooms()).length];
    expect([rA, rB].sort()).toEqual([0, 1]);
    const host = rA === 1 ? a : b;
    const survivor = host === a ? b : a;
    // Transports come from the hosting node's SFU: the browser sends its media there.
    const tr = (await p.request('call.createTransport', { roomId, direction: 'send' })) as {
      iceCandidates: { port: number }[];
    };
    expect(tr.iceCandidates.map((c) => c.port)).toContain(host.sfu.workers()[0]!.port);
    await waitFor(
      () => events.some((e) => e.name === 'call.peerJoined' && e.peerId === patient.id),
      'peerJoined',
    );

    // The socket on the node without the room closes: the room's node hears of it (the seat is
    // kept for the reconnect grace, and the room is told).
    const [away, stays, awayUser] = host === a ? [p, d, patient] : [d, p, doctor];
    away.close();
    await waitFor(
      () => events.some((e) => e.name === 'call.peerReconnecting' && e.peerId === awayUser.id),
      'the room node saw the remote participant go',
    );
    stays.close();

    // The hosting node crashes (still announced as alive): a join through the survivor finds nobody
    // on its channel, and the room is placed on the survivor.
    await host.routing.close({ force: true });
    await host.server.close({ force: true });
    const back = client(survivor.server.url, awayUser);
    await back.connect();
    await back.subscribe(`call:${roomId}`);
    expect(await back.request('call.join', { roomId })).toMatchObject({ peerId: awayUser.id });
    expect((await survivor.sfu.rooms()).length).toBe(1);
    back.close();
  });
});
