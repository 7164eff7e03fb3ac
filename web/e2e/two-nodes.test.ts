// Two complete app processes on one PostgreSQL and one Redis behind a small load balancer: the
// patient's socket on node A, the doctor's on node B. Queue, call (video decoded both ways: the
// room lives on one node's SFU and the other node runs its participant's call requests there),
// chat. Then the node hosting the room is killed mid-call: its participant's page reconnects
// through the balancer to the surviving node, the call is placed again there, video flows both ways
// again and the chat history is intact.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { clusterEnv, startBalancer, startNode, type AppNode, type Balancer } from './cluster.ts';
import { callDebug, callNext, chatBothWays, joinQueue, videoFlows } from './flows.ts';
import { DEMO, launchBrowser, newUser, signIn } from './harness.ts';

/** Consultation rooms on a node's SFU, from its /metrics (open outside production). */
async function sfuRooms(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^sfu_rooms (\d+)$/m.exec(text)?.[1] ?? NaN);
}

let db: TestDb;
let nodes: AppNode[] = [];
let balancer: Balancer;
let browser: Browser;

beforeAll(async () => {
  db = await createTestPostgres({ max: 1 });
  // Patients' sockets to A, doctors' to B while both are up; plain HTTP round-robin.
  balancer = await startBalancer(
    () => nodes,
    (role) => (role === 'doctor' ? 'B' : 'A'),
  );
  const env = clusterEnv(db.url!, balancer.url);
  // Only A seeds the demo data; both migrate under the advisory lock.
  const [a, b, br] = await Promise.all([
    startNode('A', { ...env, SEED_DEMO: 'true' }),
    startNode('B', { ...env, SEED_DEMO: 'false' }),
    launchBrowser(),
  ]);
  nodes = [a, b];
  browser = br;
});
afterAll(async () => {
  await browser?.close();
  await balancer?.close();
  for (const n of nodes) await n.stop();
  await db?.drop();
});

test('patient on node A, doctor on node B: queue, call, chat; the room’s node dies and the call carries on on the other', async () => {
  const patient = await newUser(browser, balancer.url);
  const doctor = await newUser(browser, balancer.url);
  for (const u of [patient, doctor]) await u.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
  const p = patient.page;
  const d = doctor.page;
  const diagnose = async (err: unknown) => {
    console.error('patient', JSON.stringify(await callDebug(p).catch(() => null)));
    console.error('doctor', JSON.stringify(await callDebug(d).catch(() => null)));
    for (const n of nodes) console.error(`node ${n.name}\n${n.output().slice(-3000)}`);
    throw err;
  };

  await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);
  await joinQueue(p);
  await callNext(d, p);
  await Promise.all([videoFlows(p), videoFlows(d)]).catch(diagnose);
  await chatBothWays(p, d, 'across nodes');
  // The two sides really are on different nodes.
  expect(new Set(balancer.sockets.filter((s) => s.role === 'patient').map((s) => s.node))).toEqual(
    new Set(['A']),
  );
  expect(new Set(balancer.sockets.filter((s) => s.role === 'doctor').map((s) => s.node))).toEqual(
    new Set(['B']),
  );

  // One room, on one node's SFU (the node's own /metrics says so): the other node's participant
  // reaches it through the call routing.
  const rooms = await Promise.all(nodes.map((n) => sfuRooms(n.port)));
  expect(rooms.sort()).toEqual([0, 1]);
  const host = nodes[rooms.indexOf(1)]!;
  const survivor = nodes.find((n) => n !== host)!;
  const movedRole = host.name === 'A' ? 'patient' : 'doctor';

  // The node hosting the room crashes: its participant's socket and both participants' media go.
  // That participant's page reconnects through the balancer to the survivor; both rejoin the call,
  // now placed on the survivor's SFU.
  const before = balancer.sockets.length;
  await host.kill();
  await expect
    .poll(
      () => balancer.sockets.slice(before).some((s) => s.role === movedRole && s.node === survivor.name),
      {
        timeout: 60_000,
      },
    )
    .toBe(true);
  await Promise.all([videoFlows(p), videoFlows(d)]).catch(diagnose);
  await expect.poll(() => sfuRooms(survivor.port), { timeout: 30_000 }).toBe(1);
  // The chat from before the crash is still there, and it goes on.
  await p.locator('.msgs').getByText('Doctor says across nodes').waitFor();
  await chatBothWays(p, d, 'after the crash');
  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});
