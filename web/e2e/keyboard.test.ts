// Issue 18 item 3: a patient who uses only the keyboard books and pays for a visit, then joins an
// on-call doctor's waiting room from her profile and talks to her in the call. No clicks and no
// fills on the patient's side: Tab / Shift+Tab to move, Enter / Space / arrows to act, typing into
// the field that has focus. A focus ring is asserted where a sighted keyboard user must see where
// they are. The doctor (the other party) uses the app as usual.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import { DEMO, launchBrowser, newUser, shot, signIn, startServer, type TestServer } from './harness.ts';
import { focused, tabTo } from './keyboard.ts';

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

test('keyboard only: sign in, find Dr. Rao, pick a slot with the arrows, pay from the wallet, join her waiting room and chat in the call', async () => {
  const { page: p, problems } = await newUser(browser, server.url);
  const k = p.keyboard;

  // The first Tab on a page reaches "Skip to content", which shows itself and jumps to the page.
  await p.goto('/');
  await p.getByRole('heading', { level: 1 }).waitFor();
  const skip = await tabTo(p, /^Skip to content$/, { max: 1 });
  expect(skip.ring).toBe(true);
  await k.press('Enter');
  expect(await p.evaluate(() => document.activeElement?.id)).toBe('main');

  // Sign in from the header.
  await tabTo(p, /^Sign in$/, { back: true });
  await k.press('Enter');
  await p.getByRole('heading', { name: 'Sign in' }).waitFor();
  const email = await tabTo(p, /^Email$/);
  expect(email.ring).toBe(true);
  await k.type(DEMO.patient.email);
  await tabTo(p, /^Password$/, { tag: 'input' });
  await k.type(DEMO.patient.password);
  await k.press('Enter');
  await p.waitForURL('**/doctors');
  await p.getByRole('heading', { name: 'Dr. Asha Rao' }).waitFor();

  // The search's result: her name is a link.
  const card = await tabTo(p, /^Dr\. Asha Rao$/, { tag: 'a' });
  expect(card.ring).toBe(true);
  await k.press('Enter');
  await p.getByRole('heading', { level: 1, name: 'Dr. Asha Rao' }).waitFor();
  await p.locator('input[name="slot"]').first().waitFor({ state: 'attached' });

  // The slots are one radio group: Tab enters it, the arrows move between times.
  const slot = await tabTo(p, /\d/, { tag: 'input' });
  expect(slot.type).toBe('radio');
  expect(slot.ring).toBe(true);
  await k.press('ArrowRight');
  await k.press('ArrowLeft');
  const chosen = await p.evaluate(() => (document.activeElement as HTMLInputElement).checked);
  expect(chosen).toBe(true);
  await tabTo(p, /^Book /);
  await k.press('Enter');
  await p.getByRole('heading', { name: 'Book a consultation' }).waitFor();

  const reserve = await tabTo(p, /^Reserve this time$/);
  expect(reserve.ring).toBe(true);
  await k.press('Space');
  await p.getByText(/Slot held until/).waitFor();
  // The button is gone: focus went on to the payment choice, the wallet (demo credit covers the fee).
  await expect.poll(async () => (await focused(p))?.type).toBe('radio');
  const wallet = await focused(p);
  expect(wallet).toMatchObject({ name: expect.stringMatching(/^Wallet/), ring: true });
  await tabTo(p, /^Pay /);
  await k.press('Enter');
  await p.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();
  await expect.poll(async () => (await focused(p))?.name).toBe('Your consultation is booked');
  await checkA11y(p, 'booked');

  // Dr. Rao is on call: from her profile, the waiting room (through the symptom check).
  await tabTo(p, /^Find doctors$/, { back: true });
  await k.press('Enter');
  await p.getByRole('heading', { name: 'Dr. Asha Rao' }).waitFor();
  await tabTo(p, /^Dr\. Asha Rao$/, { tag: 'a' });
  await k.press('Enter');
  await p.getByRole('heading', { level: 1, name: 'Dr. Asha Rao' }).waitFor();
  const join = await tabTo(p, /^Join the waiting room$/);
  expect(join.ring).toBe(true);
  await k.press('Enter');
  await p.waitForURL('**/symptom-check?doctor=*');
  await p.getByText('After this check you can join the waiting room of Dr. Asha Rao.').waitFor();

  await tabTo(p, /^Age \(years\)/);
  await k.type('34');
  await tabTo(p, /^Your symptoms$/);
  await k.type('Fever and sore throat for two days, mild cough');
  const check = await tabTo(p, /^Check my symptoms$/);
  expect(check.ring).toBe(true);
  await k.press('Enter');
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  // The doctor whose profile she came from is offered first.
  await p
    .getByRole('button', { name: /^Join the waiting room: / })
    .first()
    .waitFor();
  expect(
    await p
      .getByRole('button', { name: /^Join the waiting room: / })
      .first()
      .getAttribute('aria-label'),
  ).toBe('Join the waiting room: Dr. Asha Rao');
  await checkA11y(p, 'assessment');
  // The form she was typing in is gone: focus moved to the result, and Tab goes on from there.
  expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('triage-result');
  await tabTo(p, /^Join the waiting room: Dr\. Asha Rao$/);
  await k.press('Enter');
  await p.waitForURL('**/waiting-room/**');
  await checkA11y(p, 'waiting room');
  await shot(p, 'keyboard-waiting-room');

  // The doctor calls her in (the doctor's side is not under test here).
  const doctor = await newUser(browser, server.url);
  await signIn(doctor.page, DEMO.doctor);
  await doctor.page.goto('/doctor/queue');
  await doctor.page.getByText('Priya Sharma').waitFor();
  await doctor.page.getByRole('button', { name: 'Call next patient' }).click();
  await p.waitForURL('**/call/**', { timeout: 30_000 });

  // In the call: a chat line typed and sent with Enter, then Leave.
  await p.getByLabel('Type a message').waitFor();
  await expect.poll(() => p.getByLabel('Type a message').isEnabled(), { timeout: 20_000 }).toBe(true);
  const box = await tabTo(p, /^Type a message$/);
  expect(box.ring).toBe(true);
  await k.type('Hello doctor, typed with the keyboard');
  await k.press('Enter');
  await doctor.page.locator('.msgs').getByText('Hello doctor, typed with the keyboard').waitFor();
  await checkA11y(p, 'call');
  const leave = await tabTo(p, /^Leave$/, { back: true });
  expect(leave.ring).toBe(true);
  await k.press('Enter');
  await p.getByRole('heading', { level: 1, name: 'You left the consultation' }).waitFor();

  expect([...problems, ...doctor.problems]).toEqual([]);
});
