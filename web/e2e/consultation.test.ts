// Proofs 2 and 3: a patient runs the symptom check and joins an on-call doctor's waiting room; the
// doctor calls next; both are in the consultation room seeing each other's live video (inbound
// framesDecoded grows on both sides) and chat goes both ways. Then the patient reloads mid-call and
// is back with video flowing both ways, without the doctor doing anything.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, launchBrowser, newUser, shot, signIn, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;
let patient: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  // One SFU worker is plenty for one call and leaves the shared CPU to the two browsers.
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  patient = await newUser(browser, server.url);
  doctor = await newUser(browser, server.url);
  // Opt these profiles into the call page's diagnostics hook (window.__call).
  for (const u of [patient, doctor]) await u.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Inbound video frames decoded by this page's receive transport (0 before the call is up). */
const framesDecoded = (page: Page) =>
  page.evaluate(async () => {
    const call = (window as unknown as { __call?: { framesDecoded(): Promise<number> } }).__call;
    return call ? call.framesDecoded() : 0;
  });

/** Waits until inbound video on `page` has decoded `more` frames beyond what it had now. */
async function videoFlows(page: Page, more = 20) {
  const start = await framesDecoded(page);
  try {
    await expect
      .poll(() => framesDecoded(page), { timeout: 40_000, interval: 500 })
      .toBeGreaterThan(start + more);
  } catch (err) {
    for (const [who, u] of [
      ['patient', patient],
      ['doctor', doctor],
    ] as const)
      console.error(
        who,
        JSON.stringify(
          await u.page.evaluate(() =>
            (window as unknown as { __call?: { debug(): unknown } }).__call?.debug(),
          ),
        ),
      );
    console.error(server.output().slice(-4000));
    throw err;
  }
}

test('symptom check, waiting room, doctor calls next; both see each other live and chat both ways', async () => {
  const p = patient.page;
  const d = doctor.page;
  await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);

  await d.goto('/doctor/queue');
  await d.getByRole('heading', { name: 'Today’s queue' }).waitFor();
  await d.getByText('Nobody is waiting').waitFor();

  // An emergency is sent to emergency services, not to a queue.
  await p.goto('/symptom-check');
  await p.getByLabel('Your symptoms').fill('Crushing chest pain spreading to my left arm, sweating a lot');
  await p.getByLabel('Age (years)').fill('58');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Call emergency services now' }).waitFor();
  expect(await p.getByRole('button', { name: /Join the waiting room/ }).count()).toBe(0);
  await shot(p, 'symptom-check-emergency');
  await p.getByRole('button', { name: 'Start a new check' }).click();

  await p.getByLabel('Your symptoms').fill('Fever and sore throat for two days, mild cough');
  await p.getByLabel('Age (years)').fill('34');
  await p.getByLabel('Sex').selectOption('female');
  await p.getByLabel('For how many hours (optional)').fill('48');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p
    .getByText(/not a diagnosis|advisory|medical advice/i)
    .first()
    .waitFor();
  expect(await p.getByRole('heading', { name: 'Call emergency services now' }).count()).toBe(0);
  await shot(p, 'symptom-check');

  await p.getByRole('button', { name: 'Join the waiting room: Dr. Asha Rao' }).click();
  await p.waitForURL('**/waiting-room/**');
  await expect.poll(() => p.getByTestId('queue-position').textContent(), { timeout: 15_000 }).toBe('1');
  await p.getByText('Waiting for Dr. Asha Rao').waitFor();
  await shot(p, 'waiting-room');

  // The doctor's queue updates live with the patient's priority and triage summary.
  await d.getByText('Priya Sharma').waitFor();
  await d
    .locator('.summary')
    .getByText(/^(ROUTINE|URGENT) · /)
    .waitFor();
  await shot(d, 'doctor-queue');

  await d.getByRole('button', { name: 'Call next patient' }).click();
  await Promise.all([d.waitForURL('**/call/**'), p.waitForURL('**/call/**', { timeout: 20_000 })]);
  expect(new URL(d.url()).pathname).toBe(new URL(p.url()).pathname);

  // Each side decodes the other's camera.
  await Promise.all([videoFlows(p), videoFlows(d)]);
  await Promise.all([p.getByTestId('remote-video').waitFor(), d.getByTestId('remote-video').waitFor()]);

  // Chat, both ways, in the call.
  await p.getByLabel('Type a message').fill('Hello doctor, I can see you.');
  await p.getByRole('button', { name: 'Send' }).click();
  await d.locator('.msgs').getByText('Hello doctor, I can see you.').waitFor();
  await d.getByLabel('Type a message').fill('Hello Priya. How high was the fever?');
  await d.keyboard.press('Enter');
  await p.locator('.msgs').getByText('Hello Priya. How high was the fever?').waitFor();

  await Promise.all([shot(p, 'call-patient'), shot(d, 'call-doctor')]);
  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});

test('the patient reloads mid-call and is back with video flowing both ways; the doctor does nothing', async () => {
  const p = patient.page;
  const d = doctor.page;
  const callUrl = p.url();
  await p.reload();
  expect(p.url()).toBe(callUrl);
  // Back in: the patient decodes the doctor's video again on a brand-new receive transport...
  await videoFlows(p);
  await p.getByTestId('remote-video').waitFor();
  // ...and the doctor's page picked up the patient's new producers on its own.
  await videoFlows(d);
  await d.getByTestId('remote-video').waitFor();
  await expect.poll(() => d.getByText('Reconnecting').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => d.getByText(/is reconnecting/).count(), { timeout: 15_000 }).toBe(0);
  // The chat history survived the reload.
  await p.locator('.msgs').getByText('Hello Priya. How high was the fever?').waitFor();

  // The doctor ends the consultation; the patient is told.
  await d.getByRole('button', { name: 'End consultation' }).click();
  // The doctor lands on that visit's notes (issue 15), not on the queue.
  await d.waitForURL('**/doctor/visits/**');
  await d.getByRole('heading', { name: 'Visit notes: Priya Sharma' }).waitFor();
  await p.getByRole('heading', { name: 'The consultation has ended' }).waitFor();
  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});
