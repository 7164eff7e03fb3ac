// Doctor practice and admin oversight pages: availability exceptions, agenda, analytics charts, emergency review.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import {
  DEMO,
  apiLogin,
  launchBrowser,
  newUser,
  shot,
  signIn,
  startServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** YYYY-MM-DD `n` days from today in New York (Dr. Carter's zone). */
const nyDay = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
    new Date(Date.now() + n * 86_400_000),
  );

test('doctor: availability exceptions (day off, extra hours) are listed', async () => {
  const { page, problems } = await newUser(browser, server.url, { timezone: 'America/New_York' });
  await signIn(page, { email: 'emily.carter@telehealth.local', password: DEMO.doctor.password });
  await page.goto('/doctor/availability');
  await page.getByText('Times are in your zone: America/New_York').waitFor();

  // Weekly hours: a late Sunday window; an overlapping start is refused before saving.
  await page.getByRole('button', { name: 'Add hours: Sunday' }).click();
  const sunday = page.getByRole('group', { name: 'Sunday' }).last();
  await sunday.getByLabel('Sunday From').fill('21:00');
  await page
    .getByText('Sunday: each window must start before it ends and must not overlap another.')
    .waitFor();
  expect(await page.getByRole('button', { name: 'Save weekly hours' }).isDisabled()).toBe(true);
  await sunday.getByLabel('Sunday From').fill('22:00');
  await page.getByRole('button', { name: 'Save weekly hours' }).click();
  await page.getByText('Weekly hours saved').waitFor();
  await page.getByRole('button', { name: 'Remove Sunday 22:00–23:00' }).waitFor();

  const add = page.getByRole('form', { name: 'Add an exception' });
  await add.getByLabel('Date').fill(nyDay(7));
  await add.getByLabel('Type').selectOption('dayOff');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  const list = page.getByRole('list', { name: 'Exceptions' });
  await list.getByText('Day off').waitFor();

  await add.getByLabel('Date').fill(nyDay(8));
  await add.getByLabel('Type').selectOption('extra');
  await add.getByLabel('From').fill('18:00');
  await add.getByLabel('To').fill('20:30');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await list.getByText('Extra hours').waitFor();
  await list.getByText('6:00 PM–8:30 PM').waitFor();
  expect(await list.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
  await shot(page, 'doctor-availability');
  await checkA11y(page, 'doctor-availability');

  // Agenda: a patient holds Dr. Carter's next free slot; the doctor finds it with the date picker.
  const patient = await apiLogin(server.url, DEMO.patient);
  const found = await patient<{ items: { id: string; name: string }[] }>('GET', '/search/doctors?q=Carter');
  const carter = found.items.find((d) => d.name.includes('Carter'))!;
  const slots = await patient<{ slots: { startsAt: string }[] }>('GET', `/doctors/${carter.id}/slots`);
  const slot = slots.slots[0]!;
  await patient('POST', '/appointments', { doctorId: carter.id, startsAt: slot.startsAt });
  await page.getByRole('link', { name: 'Today' }).first().click();
  await page.getByText('Times in America/New_York').waitFor();
  await page
    .getByLabel('Day', { exact: true })
    .fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(slot.startsAt)));
  const agenda = page.getByRole('list', { name: 'Agenda' });
  await agenda.getByText('Priya', { exact: false }).waitFor();
  await agenda.getByText('Awaiting payment').waitFor();
  await shot(page, 'doctor-agenda');
  expect(problems).toEqual([]);
});

test('phone width, Hindi: availability and agenda fit the screen', async () => {
  const { page, problems } = await newUser(browser, server.url, {
    phone: true,
    timezone: 'America/New_York',
  });
  await page.goto('/login');
  await page.getByLabel('Email').fill('emily.carter@telehealth.local');
  await page.getByLabel('Password', { exact: true }).fill(DEMO.doctor.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/doctor', { waitUntil: 'commit' });
  // The signed-in user's saved language wins over the device's, so switch after signing in.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByLabel('Language').selectOption('hi');
  await page.getByRole('button', { name: 'मेन्यू' }).click();
  await page.getByText('समय America/New_York में').waitFor();
  await shot(page, 'phone-doctor-agenda-hi');
  await page.goto('/doctor/availability');
  await page.getByRole('heading', { name: 'साप्ताहिक घंटे' }).waitFor();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'phone-doctor-availability-hi');
  await checkA11y(page, 'phone-doctor-availability-hi');
  expect(problems).toEqual([]);
});

test('admin: analytics charts render as SVG with table alternatives; emergency access review', async () => {
  // Revenue today: a patient books Dr. Rao's next slot and pays it from the demo wallet credit (INR).
  const patient = await apiLogin(server.url, DEMO.patient);
  const found = await patient<{ items: { id: string; name: string }[] }>('GET', '/search/doctors?q=Rao');
  const rao = found.items.find((d) => d.name.includes('Rao'))!;
  const slots = await patient<{ slots: { startsAt: string }[] }>('GET', `/doctors/${rao.id}/slots`);
  // The demo patient may already be booked at Dr. Rao's first free time (the demo visits, the slot the
  // agenda test held): take the first slot that does not overlap one of theirs.
  let appt: { id: string } | undefined;
  for (const slot of slots.slots) {
    try {
      appt = await patient<{ id: string }>('POST', '/appointments', {
        doctorId: rao.id,
        startsAt: slot.startsAt,
      });
      break;
    } catch (err) {
      if (!String(err).includes('PATIENT_OVERLAP')) throw err;
    }
  }
  if (!appt) throw new Error('no slot of Dr. Rao is free for the demo patient');
  await patient('POST', `/appointments/${appt.id}/pay`, { method: 'wallet' });

  const { page, problems } = await newUser(browser, server.url);
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Analytics', exact: true }).first().click();
  await page.waitForURL('**/admin/analytics', { waitUntil: 'commit' });
  const charts = page.locator('figure.chart');
  await page.getByRole('img', { name: /Appointments per day/ }).waitFor();
  await page.getByRole('img', { name: /Revenue per day in INR/ }).waitFor();
  await page.getByRole('img', { name: /Median queue wait per day/ }).waitFor();
  expect(await charts.locator('svg').count()).toBeGreaterThanOrEqual(3);
  expect(await charts.locator('table').count()).toBe(await charts.count());
  await shot(page, 'admin-analytics');
  const revenue = charts.filter({ hasText: 'Revenue per day in INR' });
  await revenue.locator('summary', { hasText: 'Show as table' }).click();
  await revenue.getByRole('table').getByRole('row').nth(1).waitFor();
  expect(await revenue.locator('rect').count()).toBeGreaterThanOrEqual(1);
  await shot(page, 'admin-analytics-table');
  await checkA11y(page, 'admin-analytics-table');

  // Emergency access review: a doctor opens Priya's records without consent; the admin approves it.
  const me = await patient<{ id: string }>('GET', '/me');
  const doctor = await apiLogin(server.url, DEMO.doctor);
  await doctor('POST', '/emergency-access', {
    patientId: me.id,
    reasonCode: 'unconscious_patient',
    justification: 'Unconscious on arrival, needs allergy history before treatment.',
  });
  await page.getByRole('link', { name: 'Emergency access', exact: true }).first().click();
  const grant = page.getByRole('article').filter({ hasText: 'Unconscious on arrival' });
  await grant.getByText('To review').waitFor();
  await grant.getByLabel('Note (optional)').fill('Checked with the ward.');
  await grant.getByRole('button', { name: /^Approve the access by/ }).click();
  await grant.getByText('Checked with the ward.').waitFor();
  await shot(page, 'admin-emergency-access');
  expect(problems).toEqual([]);
});
