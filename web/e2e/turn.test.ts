// TURN: browsers restricted to relay candidates (SFU_ICE_TRANSPORT_POLICY=relay) complete a call
// through a coturn started here, with credentials the server issued per user and call (TURN REST
// API: username `expiry:userId`, HMAC-SHA1 of it with the shared secret). Nothing reaches the SFU
// directly, so video decoded both ways proves the relay path end to end.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { coturnMissing, startCoturn, type Coturn } from './coturn.ts';
import { callDebug, callNext, candidateTypes, chatBothWays, joinQueue, videoFlows } from './flows.ts';
import { DEMO, launchBrowser, newUser, signIn, startServer, type TestServer } from './harness.ts';

const missing = coturnMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('calls through TURN only', () => {
  let turn: Coturn;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    turn = await startCoturn();
    [server, browser] = await Promise.all([
      startServer({
        SFU_WORKERS: '1',
        SFU_RTC_PORT_BASE: '0',
        TURN_URLS: turn.url,
        TURN_SECRET: turn.secret,
        SFU_ICE_TRANSPORT_POLICY: 'relay',
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await turn?.stop();
  });

  test('patient and doctor see each other and chat with relay candidates only', async () => {
    const patient = await newUser(browser, server.url);
    const doctor = await newUser(browser, server.url);
    for (const u of [patient, doctor])
      await u.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
    const p = patient.page;
    const d = doctor.page;
    await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);
    await joinQueue(p);
    await callNext(d, p);
    try {
      await Promise.all([videoFlows(p), videoFlows(d)]);
    } catch (err) {
      console.error(
        'patient',
        JSON.stringify(await callDebug(p)),
        '\ndoctor',
        JSON.stringify(await callDebug(d)),
      );
      console.error(turn.output().slice(-4000), server.output().slice(-3000));
      throw err;
    }
    // Both transports of both browsers go through the TURN server.
    expect(await candidateTypes(p)).toEqual({ send: 'relay', recv: 'relay' });
    expect(await candidateTypes(d)).toEqual({ send: 'relay', recv: 'relay' });
    // coturn accepted time-limited REST credentials (expiry:userId), issued by the server.
    const users = [...turn.output().matchAll(/user <(\d{10}):([0-9a-f-]{36})>/g)];
    expect(users.length).toBeGreaterThan(0);
    for (const [, expiry] of users) expect(Number(expiry) * 1000).toBeGreaterThan(Date.now());
    expect(new Set(users.map((u) => u[2])).size).toBe(2);
    await chatBothWays(p, d, 'over TURN');
    expect(patient.problems).toEqual([]);
    expect(doctor.problems).toEqual([]);
  });
});
