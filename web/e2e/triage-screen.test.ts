// Issue 14: the structured red-flag screen in the symptom check. A patient signs in, opens the
// symptom check from the menu and answers "Yes" to a warning sign: the emergency action shows at
// once (her country's number), also in Hindi, and she is never offered the waiting room, so the
// doctor's queue stays empty. A routine check (every warning sign "No", mild words) still reaches
// the waiting room and the doctor's live queue, where the doctor can change her priority.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import { DEMO, launchBrowser, newUser, shot, signIn, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;
let patient: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  // Nobody calls in this file: one SFU worker on a port the OS picks, so that it never holds the
  // fixed media port another browser test running beside it needs.
  [server, browser] = await Promise.all([
    startServer({ SFU_WORKERS: '1', SFU_RTC_PORT_BASE: '0' }),
    launchBrowser(),
  ]);
  patient = await newUser(browser, server.url);
  doctor = await newUser(browser, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const STROKE = /face dropped on one side/;
const question = (p: Page, name: RegExp) => p.getByRole('radiogroup', { name });

test('a "Yes" to a warning sign shows the emergency action at once and keeps the patient out of the queue', async () => {
  const p = patient.page;
  const d = doctor.page;
  await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);
  await d.goto('/doctor/queue');
  await d.getByText('Nobody is waiting').waitFor();

  // From the menu, as a patient would.
  await p.getByRole('link', { name: 'Symptom check' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Symptom check' }).waitFor();
  await p.getByText('Enter the age first').waitFor();
  await p.getByLabel('Age (years)').fill('67');
  await p.getByLabel('Sex').selectOption('male');
  await question(p, STROKE).waitFor();
  // A man of 67 is asked the adult 999 questions, not the child or pregnancy ones.
  await question(p, /chest pain, pressure/).waitFor();
  expect(await question(p, /baby/i).count()).toBe(0);
  expect(await p.getByRole('heading', { name: 'Call emergency services now' }).count()).toBe(0);

  // "Yes": the emergency action at once, before anything is sent, with India's number (her phone is +91).
  await question(p, STROKE).getByLabel('Yes', { exact: true }).check();
  const alert = p.getByTestId('emergency-action');
  await alert.getByRole('heading', { name: 'Call emergency services now' }).waitFor();
  await alert.getByText('Call 112 now or go to the nearest emergency department').waitFor();
  expect(await alert.getByRole('link', { name: 'Call 112' }).getAttribute('href')).toBe('tel:112');
  await alert.getByText('the waiting room is not offered').waitFor();
  await shot(p, 'symptom-check-screen-yes');
  await checkA11y(p, 'symptom-check-screen-yes');

  // Mild words do not talk it down: the stored check is an emergency, and no waiting room is offered.
  await p.getByLabel('Your symptoms').fill('Feeling a bit off since this morning');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p
    .getByText(/stroke signs\) \(screen: yes\)/)
    .first()
    .waitFor();
  await p.getByText('Emergency', { exact: true }).first().waitFor();
  expect(await p.getByRole('button', { name: /Join the waiting room/ }).count()).toBe(0);
  expect(await p.getByRole('heading', { name: 'Doctors on call now' }).count()).toBe(0);
  // The doctor's queue never got her.
  await d.reload();
  await d.getByText('Nobody is waiting').waitFor();

  // The same screen in Hindi: question and emergency action.
  await p.getByRole('button', { name: 'Start a new check' }).click();
  await p.getByRole('banner').locator('select').selectOption('hi');
  await p.getByLabel('आयु (वर्ष)').fill('67');
  await p.getByLabel('लिंग').selectOption('male');
  await question(p, /चेहरा एक तरफ़ लटक गया है/)
    .getByLabel('हाँ', { exact: true })
    .check();
  await p.getByTestId('emergency-action').getByText('अभी 112 पर कॉल करें').waitFor();
  await shot(p, 'symptom-check-screen-yes-hi');
  await checkA11y(p, 'symptom-check-screen-yes-hi');
  await p.getByRole('banner').locator('select').selectOption('en');
  await p.getByRole('heading', { level: 1, name: 'Symptom check' }).waitFor();

  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});

test('a routine check with every warning sign answered "No" still reaches the waiting room', async () => {
  const p = patient.page;
  const d = doctor.page;
  await p.goto('/symptom-check');
  await p.getByLabel('Age (years)').fill('34');
  await p.getByLabel('Sex').selectOption('female');
  await question(p, /Could you be pregnant/).waitFor();
  const groups = p.getByRole('radiogroup');
  const n = await groups.count();
  expect(n).toBeGreaterThan(5);
  for (let i = 0; i < n; i++) await groups.nth(i).getByLabel('No', { exact: true }).check();
  expect(await p.getByTestId('emergency-action').count()).toBe(0);

  await p.getByLabel('Your symptoms').fill('Mild sore throat since yesterday');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p.getByText('Routine', { exact: true }).first().waitFor();
  expect(await p.getByTestId('emergency-action').count()).toBe(0);
  await p.getByRole('button', { name: 'Join the waiting room: Dr. Asha Rao' }).click();
  await p.waitForURL('**/waiting-room/**');
  await expect.poll(() => p.getByTestId('queue-position').textContent(), { timeout: 15_000 }).toBe('1');

  // The doctor sees her, live, as the only one waiting.
  await d.getByText('Priya Sharma').waitFor();
  await d.getByText('1 waiting').waitFor();
  await d
    .locator('.summary')
    .getByText(/^ROUTINE · /)
    .waitFor();
  // Her doctor, not she, changes her place: the choice is kept by the server (seen after a reload).
  await d.getByLabel('Priority for Priya Sharma').selectOption('1');
  await d.reload();
  await expect
    .poll(() => d.getByLabel('Priority for Priya Sharma').inputValue(), { timeout: 15_000 })
    .toBe('1');

  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});
