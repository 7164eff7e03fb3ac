// Call guests (issue 18): in a walk-in consultation the doctor invites an interpreter by e-mail; the
// guest opens the link from the dev mailbox, enters a name and waits; the doctor admits them and the
// guest's video flows; the doctor removes them and the guest is told so; the link is refused after.
// A second link (copied, not e-mailed) opens the guest page in Hindi and the doctor declines. The
// doctor lets the patient invite too. And the doctor's chat hint speaks of the patient (item 6).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { callNext, joinQueue, videoFlows } from './flows.ts';
import {
  DEMO,
  launchBrowser,
  newUser,
  shot,
  signIn,
  startServer,
  waitForMail,
  type TestServer,
} from './harness.ts';

let server: TestServer;
let browser: Browser;
let patient: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;
let guest: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  patient = await newUser(browser, server.url);
  doctor = await newUser(browser, server.url);
  guest = await newUser(browser, server.url);
  // Opt these profiles into the call pages' diagnostics hook (window.__call).
  for (const u of [doctor, guest]) await u.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('the doctor invites a guest by e-mail, admits, sees and removes them; the link works once', async () => {
  const p = patient.page;
  const d = doctor.page;
  const g = guest.page;
  await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);
  await joinQueue(p);
  await callNext(d, p);
  await videoFlows(d);

  // Item 6: each side's empty chat names the other side.
  await expect.poll(() => d.locator('.msgs .empty').innerText()).toContain('conversation with the patient');
  await expect.poll(() => p.locator('.msgs .empty').innerText()).toContain('conversation with the doctor');

  // The patient has no invite button until the doctor allows it.
  expect(await p.getByRole('button', { name: 'Invite a guest' }).count()).toBe(0);

  const to = `interpreter-${Date.now()}@example.test`;
  await d.getByRole('button', { name: 'Invite a guest' }).click();
  await d.getByLabel('Their e-mail').fill(to);
  await d.getByRole('button', { name: 'Send invitation' }).click();
  await d.getByText(`Invitation sent to ${to}`).waitFor();
  await shot(d, 'call-guests-invite');
  await d.getByRole('button', { name: 'Close' }).click();

  const mail = await waitForMail(server.url, to, /invites you to join a video consultation/);
  const link = /https?:\/\/\S+\/call\/join\?invite=[\w-]+/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();

  await g.goto(link!);
  await g.getByRole('heading', { name: 'Join a consultation' }).waitFor();
  await shot(g, 'call-guest-join');
  await g.getByLabel('Your name').fill('Meera Iyer');
  await g.getByRole('button', { name: 'Ask to join' }).click();
  await g.getByText('Waiting for Dr. Asha Rao to admit you').waitFor();
  await shot(g, 'call-guest-waiting');

  await d.getByText('Meera Iyer is waiting to join').waitFor();
  await shot(d, 'call-guest-knock');
  // Waiting is not in: the guest has no media yet.
  expect(await d.locator('.guest', { hasText: 'Meera Iyer' }).count()).toBe(0);
  await d.getByRole('button', { name: 'Admit Meera Iyer' }).click();

  await g.getByRole('heading', { name: 'Consultation with Dr. Asha Rao' }).waitFor();
  await videoFlows(g);
  await d.locator('.guest', { hasText: 'Meera Iyer' }).locator('video').waitFor();
  // The call's own chat: the guest and both sides read it; the private chat stays private.
  await g.getByLabel('Message everyone in the call').fill('Namaste, I will interpret for Priya');
  await g.getByRole('button', { name: 'Send' }).click();
  await d.locator('.roomchat').getByText('Namaste, I will interpret for Priya').waitFor();
  await p.locator('.roomchat').getByText('Namaste, I will interpret for Priya').waitFor();
  await d.getByLabel('Message everyone in the call').fill('Thank you, please go ahead');
  await d.locator('.roomchat').getByRole('button', { name: 'Send' }).click();
  await g.locator('.roomchat').getByText('Thank you, please go ahead').waitFor();
  expect(await g.locator('.msgs').count()).toBe(0);
  await shot(g, 'call-guest-in-call');

  await d.getByRole('button', { name: 'Invite a guest' }).click();
  await d.getByRole('button', { name: 'Remove Meera Iyer' }).click();
  await g.getByRole('heading', { name: 'You were removed from the consultation' }).waitFor();
  await d.locator('.guest', { hasText: 'Meera Iyer' }).waitFor({ state: 'detached' });
  await d.locator('dialog li', { hasText: 'Meera Iyer' }).getByText('Removed').waitFor();

  // The same link again: refused, used once already.
  await g.goto(link!);
  await g.getByLabel('Your name').fill('Meera Iyer');
  await g.getByRole('button', { name: 'Ask to join' }).click();
  await g.getByText('This invitation was already used').waitFor();

  // A copied link, opened in Hindi; the doctor declines this one.
  await d.getByRole('button', { name: 'Create link' }).click();
  const copied = await d.getByLabel('Invitation link').inputValue();
  expect(copied).toMatch(/\/call\/join\?invite=/);
  const hindi = await newUser(browser, server.url);
  await hindi.context.addInitScript(() => localStorage.setItem('th.locale', 'hi'));
  const h = hindi.page;
  await h.goto(copied);
  await h.getByRole('heading', { name: 'परामर्श में शामिल हों' }).waitFor();
  await h.getByLabel('आपका नाम').fill('रमेश');
  await shot(h, 'call-guest-join-hi');
  await h.getByRole('button', { name: 'शामिल होने का अनुरोध करें' }).click();
  await h.getByRole('heading', { name: 'डॉक्टर की प्रतीक्षा' }).waitFor();
  await shot(h, 'call-guest-waiting-hi');
  await d.locator('dialog li', { hasText: 'रमेश' }).waitFor();
  await d.getByRole('button', { name: 'Close' }).click();
  await d.getByRole('button', { name: 'Decline रमेश' }).click();
  await h.getByRole('heading', { name: 'डॉक्टर ने आपको अंदर नहीं आने दिया' }).waitFor();

  // The doctor lets the patient invite: the patient's call screen offers it.
  await d.getByRole('button', { name: 'Invite a guest' }).click();
  await d.getByLabel('Let the patient invite guests').check();
  await p.getByRole('button', { name: 'Invite a guest' }).waitFor({ timeout: 15_000 });
  await p.getByRole('button', { name: 'Invite a guest' }).click();
  await p.getByRole('button', { name: 'Create link' }).click();
  expect(await p.getByLabel('Invitation link').inputValue()).toMatch(/\/call\/join\?invite=/);
  // The patient removes no one.
  expect(await p.getByRole('button', { name: /^Remove / }).count()).toBe(0);

  for (const u of [patient, doctor, guest, hindi]) expect(u.problems).toEqual([]);
}, 480_000);
