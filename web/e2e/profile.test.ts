// Issue 19: a patient records a penicillin allergy in the health profile (English, then the same
// screen in Hindi); the symptom check is pre-filled from it; in the call the doctor (no standing
// consent: the open visit is the basis) sees the allergy first, prescribes amoxicillin, is warned
// that it is a penicillin, and prescribes anyway with a reason. The patient then finds the visit in
// their records and amoxicillin in their current medications.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiLogin,
  DEMO,
  launchBrowser,
  newUser,
  shot,
  signIn,
  startServer,
  type TestServer,
} from './harness.ts';
import { callNext } from './flows.ts';
import { allergyShownFirst, fillHealthProfile, prescribeOverWarning } from './profile-flows.ts';

let server: TestServer;
let browser: Browser;
let patient: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;
/** On call, and Priya never consented to him: what he sees, he sees for the visit. */
const JAMES = { email: 'james.okafor@telehealth.local', password: 'Doctor-demo-2026' };
const DOB = '1991-04-12';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  patient = await newUser(browser, server.url);
  doctor = await newUser(browser, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ageOn = (dob: string, now = new Date()) => {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const before = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (before ? 1 : 0);
};

test('the patient records a penicillin allergy in the health profile, in English and in Hindi', async () => {
  const p = patient.page;
  await signIn(p, DEMO.patient);
  await fillHealthProfile(p, {
    dateOfBirth: DOB,
    sexAtBirth: 'female',
    allergies: [{ substance: 'Penicillin', reaction: 'Hives and swollen lips', severity: 'severe' }],
  });
  await p.reload();
  await expect.poll(() => p.getByLabel('Allergic to').inputValue(), { timeout: 15_000 }).toBe('Penicillin');
  // A reload keeps the scroll position of the save button; the shot shows the top of the form.
  await p.evaluate(() => window.scrollTo(0, 0));
  await shot(p, 'health-profile');

  await p.getByRole('banner').locator('select').selectOption('hi');
  await p.getByRole('heading', { level: 1, name: 'स्वास्थ्य प्रोफ़ाइल' }).waitFor();
  await p.getByRole('heading', { name: 'एलर्जी' }).waitFor();
  await p.evaluate(() => window.scrollTo(0, 0));
  await shot(p, 'health-profile-hi');
  await p.getByRole('banner').locator('select').selectOption('en');
  await p.getByRole('heading', { level: 1, name: 'Health profile' }).waitFor();
  expect(patient.problems).toEqual([]);
});

test('the symptom check is pre-filled from the profile; the patient waits for an on-call doctor', async () => {
  const p = patient.page;
  const d = doctor.page;
  await signIn(d, JAMES);
  await p.goto('/symptom-check');
  await expect
    .poll(() => p.getByLabel('Age (years)').inputValue(), { timeout: 15_000 })
    .toBe(String(ageOn(DOB)));
  expect(await p.getByLabel('Sex').inputValue()).toBe('female');
  await p.getByLabel('Your symptoms').fill('Sore throat and fever for three days, painful swallowing');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p.getByRole('button', { name: 'Join the waiting room: Dr. James Okafor' }).click();
  await p.waitForURL('**/waiting-room/**');
  await callNext(d, p, 'Priya Sharma');
  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});

test('in the call the doctor sees the allergy first, is warned about amoxicillin, and prescribes it with a reason', async () => {
  const d = doctor.page;
  await allergyShownFirst(d, 'Penicillin');
  await shot(d, 'call-doctor-health-profile');
  const reason = 'Childhood rash was viral; tolerated amoxicillin in 2024 under observation';
  await prescribeOverWarning(
    d,
    {
      diagnosis: 'Streptococcal pharyngitis',
      drug: 'Amoxicillin 500 mg',
      dose: '500 mg',
      frequency: 'Three times a day',
      duration: '5 days',
    },
    /Amoxicillin 500 mg is one of the penicillins; the patient is allergic to Penicillin/,
    reason,
    { beforeConfirm: () => shot(d, 'prescribing-warning') },
  );
  // The doctor's panel reads the profile again: amoxicillin is now a current medication.
  await d.getByRole('tab', { name: 'Patient' }).click();
  await d
    .getByTestId('patient-profile')
    .getByRole('list', { name: 'Current medications' })
    .getByText('Amoxicillin 500 mg')
    .waitFor();
  expect(doctor.problems).toEqual([]);
});

test('the patient finds the visit in their records and amoxicillin in their current medications', async () => {
  const p = patient.page;
  await p.goto('/records');
  await p
    .getByRole('listitem')
    .filter({ hasText: 'Dr. James Okafor' })
    .getByText(/Streptococcal pharyngitis/)
    .waitFor();
  // The prescription itself, as the patient's own records API serves it.
  const me = await apiLogin(server.url, DEMO.patient);
  const list = await me<{ visits: { id: string; doctorName: string }[] }>('GET', '/records');
  const visit = list.visits.find((v) => v.doctorName === 'Dr. James Okafor')!;
  const full = await me<{ prescriptions: { drug: string }[] }>('GET', `/records/visits/${visit.id}`);
  expect(full.prescriptions.map((r) => r.drug)).toEqual(['Amoxicillin 500 mg']);

  await p.getByRole('link', { name: 'Health profile' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Health profile' }).waitFor();
  const meds = p.getByRole('group', { name: /^Current medications \d+$/ });
  await expect
    .poll(() => meds.getByLabel('Medicine').inputValue(), { timeout: 15_000 })
    .toBe('Amoxicillin 500 mg');
  await meds.getByText('Added from a prescription').waitFor();
  await meds.scrollIntoViewIfNeeded();
  await shot(p, 'health-profile-medications');
  expect(patient.problems).toEqual([]);
});

test('a doctor under the patient’s consent sees the same profile on the patient’s page', async () => {
  const asha = await newUser(browser, server.url);
  const a = asha.page;
  await signIn(a, DEMO.doctor);
  const me = await apiLogin(server.url, DEMO.patient);
  const { id } = await me<{ id: string }>('GET', '/me');
  await a.goto(`/doctor/patients/${id}`);
  const profile = a.getByTestId('patient-profile');
  await profile.getByRole('list', { name: 'Allergies' }).getByText('Penicillin').waitFor();
  await profile.getByRole('list', { name: 'Current medications' }).getByText('Amoxicillin 500 mg').waitFor();
  await shot(a, 'doctor-patient-health-profile');
  expect(asha.problems).toEqual([]);
});
