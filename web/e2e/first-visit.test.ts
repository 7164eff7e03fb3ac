// Issue 18 item 6, the small things a first visit hits. A visitor on an on-call doctor's profile
// joins her waiting room from there: signing in on the way, through the symptom check (the queue
// takes a patient with a check), which then offers that doctor first. While the check looks for
// doctors on call it says so, and never flashes "No doctor is on call" (the answer is held back
// here, as a slow network would). A doctor who is not on call offers no waiting room.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import { DEMO, launchBrowser, newUser, shot, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ SFU_WORKERS: '1', SFU_RTC_PORT_BASE: process.env.SFU_RTC_PORT_BASE ?? '0' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('from an on-call doctor\'s profile to her waiting room, with no "nobody on call" flash on the way', async () => {
  const { page: p, problems } = await newUser(browser, server.url);

  // A doctor who is not on call: no waiting room on her profile.
  await p.goto('/doctors');
  await p.getByRole('link', { name: 'Dr. Vikram Mehta' }).click();
  await p.getByRole('heading', { level: 1, name: 'Dr. Vikram Mehta' }).waitFor();
  expect(await p.getByRole('heading', { name: 'On call now' }).count()).toBe(0);

  // Dr. Meera Iyer is on call, and last of the three on call in the search's order.
  await p.getByRole('link', { name: 'Find a doctor' }).first().click();
  await p.getByRole('link', { name: 'Dr. Meera Iyer' }).click();
  await p.getByRole('heading', { level: 1, name: 'Dr. Meera Iyer' }).waitFor();
  await p.getByRole('heading', { name: 'On call now' }).waitFor();
  const doctorUrl = p.url();
  await shot(p, 'doctor-profile-on-call');
  await p.getByRole('link', { name: 'Join the waiting room' }).click();

  // A guest signs in on the way and comes back to the check for this doctor.
  await p.waitForURL('**/login?next=*');
  await p.getByLabel('Email').fill(DEMO.patient.email);
  await p.getByLabel('Password', { exact: true }).fill(DEMO.patient.password);
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await p.waitForURL('**/symptom-check?doctor=*');
  await p.getByText('After this check you can join the waiting room of Dr. Meera Iyer.').waitFor();

  // Hold the list of doctors back, and watch the page for the sentence it must not show meanwhile.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let asked = false;
  await p.route(
    (u) => u.pathname === '/api/v1/doctors',
    async (route: Route) => {
      asked = true;
      await held;
      await route.continue();
    },
  );
  await p.evaluate(() => {
    const w = window as unknown as { sawNobody: boolean };
    w.sawNobody = false;
    new MutationObserver(() => {
      if (document.body.innerText.includes('No doctor is on call')) w.sawNobody = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await p.getByLabel('Age (years)').fill('29');
  await p.getByLabel('Your symptoms').fill('Mild fever and a runny nose since yesterday');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  const finding = p.getByRole('status').filter({ hasText: 'Looking for doctors on call…' });
  await finding.waitFor();
  await finding.scrollIntoViewIfNeeded();
  expect(asked).toBe(true);
  await shot(p, 'symptom-check-finding-doctors');
  await checkA11y(p, 'looking for doctors on call');
  release();

  // The doctor she came from is offered first, then the others on call.
  const joins = p.getByRole('button', { name: /^Join the waiting room: / });
  await joins.first().waitFor();
  expect(await joins.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')))).toEqual([
    'Join the waiting room: Dr. Meera Iyer',
    'Join the waiting room: Dr. Asha Rao',
    'Join the waiting room: Dr. James Okafor',
  ]);
  expect(await p.evaluate(() => (window as unknown as { sawNobody: boolean }).sawNobody)).toBe(false);
  expect(await p.getByRole('status').filter({ hasText: 'Looking for doctors on call…' }).count()).toBe(0);

  await joins.first().click();
  await p.waitForURL('**/waiting-room/**');
  await p.locator('main').getByText('Dr. Meera Iyer').first().waitFor();
  expect(new URL(p.url()).pathname).toBe(`/waiting-room/${new URL(doctorUrl).pathname.split('/').at(-1)}`);
  await checkA11y(p, 'waiting room');
  expect(problems).toEqual([]);
});
