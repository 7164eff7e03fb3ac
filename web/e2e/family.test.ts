// Issue 19, dependents: a parent adds her child on the Family page (English, then Hindi), moves
// money into the child's wallet, books a paediatrician for the child from the header's switcher,
// records the child's penicillin allergy in the child's health profile, runs the symptom check for
// the child (age pre-filled) and joins the paediatrician's waiting room and call as the child's
// guardian. The doctor sees the child's allergy first in the call panel, is warned when prescribing
// amoxicillin (a penicillin) and prescribes it with a reason; the prescription is in the child's
// records and the drug in the child's current medications, and none of it is in the parent's.
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
  waitForMail,
  type TestServer,
} from './harness.ts';
import { callNext } from './flows.ts';
import { allergyShownFirst, fillHealthProfile, prescribeOverWarning } from './profile-flows.ts';

let server: TestServer;
let browser: Browser;
let parent: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;
/** A paediatrician, on call in the demo. */
const MEERA = { email: 'meera.iyer@telehealth.local', password: 'Doctor-demo-2026' };
const CHILD = 'Aarav Sharma';
/** Seven and a half years ago: 7 on any day of the run. */
const DOB = new Date(Date.now() - 7.5 * 365.25 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  parent = await newUser(browser, server.url);
  doctor = await newUser(browser, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a parent adds her child on the Family page and moves money into the child’s wallet', async () => {
  const p = parent.page;
  await signIn(p, DEMO.patient);
  await p.getByRole('link', { name: 'Family' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Family' }).waitFor();
  await p.getByText('No family members yet.').waitFor();

  // A date of birth in the future is refused with the field named.
  await p.getByLabel('Full name').fill(CHILD);
  await p.getByLabel('Date of birth').fill('2099-01-01');
  await p.getByRole('button', { name: 'Add a family member' }).click();
  await p.getByText('must not be in the future').waitFor();

  await p.getByLabel('Date of birth').fill(DOB);
  await p.getByLabel('They are your').selectOption('child');
  await p.getByRole('button', { name: 'Add a family member' }).click();
  const card = p.getByRole('article').filter({ hasText: CHILD });
  await card.getByText('7 years old').waitFor();
  await card.getByText('Sees paediatricians').waitFor();
  // The header now asks whom this tab books for.
  await expect
    .poll(() => p.getByTestId('family-switcher').locator('option').allTextContents())
    .toEqual(['Me (Priya Sharma)', `${CHILD} (7)`]);

  await card.getByText(`Add money to ${CHILD}’s wallet`).click();
  await card.getByLabel('Amount (INR)').fill('200');
  await card.getByRole('button', { name: 'Move money' }).click();
  await p.getByText(`₹200.00 moved to ${CHILD}’s wallet`).waitFor();
  await card.getByText(`Give ${CHILD} their own login`).click();
  await card.getByText('From age 13 a family member can have their own login.').waitFor();
  await shot(p, 'family');

  await p.getByRole('combobox', { name: 'Language' }).selectOption('hi');
  await p.getByRole('heading', { level: 1, name: 'परिवार' }).waitFor();
  await p.getByRole('article').filter({ hasText: CHILD }).getByText('7 वर्ष के').waitFor();
  await shot(p, 'family-hi');
  await p.getByRole('combobox', { name: 'भाषा' }).selectOption('en');
  await p.getByRole('heading', { level: 1, name: 'Family' }).waitFor();
  expect(parent.problems).toEqual([]);
});

test('she books a paediatrician for the child, paid from the child’s wallet topped up from hers', async () => {
  const p = parent.page;
  await p.getByRole('button', { name: `Book a doctor for ${CHILD}` }).click();
  await p.waitForURL('**/doctors?specialty=Pediatrics');
  const banner = p.getByTestId('acting-banner');
  await banner.getByText(`You are acting for ${CHILD} (7).`).waitFor();
  await expect.poll(() => p.getByTestId('family-switcher').inputValue()).not.toBe('');
  await p.getByRole('heading', { name: 'Dr. Meera Iyer' }).waitFor();
  await shot(p, 'family-acting');

  await p.getByRole('link', { name: 'Dr. Meera Iyer' }).click();
  await p.getByRole('heading', { level: 1, name: 'Dr. Meera Iyer' }).waitFor();
  await p.locator('.time').first().click();
  await p.getByRole('link', { name: /^Book / }).click();
  await p.getByRole('heading', { name: 'Book a consultation' }).waitFor();
  // The child's ₹200 does not cover the ₹700 fee: the parent pays the rest from her own wallet.
  const fund = p.getByRole('button', { name: 'Pay the ₹500.00 short from my wallet (Priya Sharma)' });
  await fund.scrollIntoViewIfNeeded();
  await shot(p, 'family-book-fund');
  await fund.click();
  await p.getByText(/wallet now has ₹700.00/).waitFor();
  await p.getByRole('button', { name: 'Reserve this time' }).click();
  await p.getByText(/Slot held until/).waitFor();
  await p.locator('input[name="method"][value="wallet"]').check();
  await p.getByRole('button', { name: /^Pay / }).click();
  await p.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();

  // The visit is the child's: on the child's list, not on the parent's.
  await p.getByRole('link', { name: 'Appointments' }).first().click();
  await p.getByText('Dr. Meera Iyer').first().waitFor();
  const asParent = await apiLogin(server.url, DEMO.patient);
  const own = await asParent<{ items: { doctorName?: string; doctorId: string }[] }>('GET', '/appointments');
  expect(JSON.stringify(own.items)).not.toContain('Meera');
  expect(parent.problems).toEqual([]);
});

test('she records the child’s allergy, runs the symptom check for the child and joins the call as the child’s guardian', async () => {
  const p = parent.page;
  const d = doctor.page;
  // Still acting for the child: the health profile is the child's, its date of birth already there.
  await fillHealthProfile(p, {
    sexAtBirth: 'male',
    allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }],
  });
  await expect.poll(() => p.getByLabel('Date of birth').inputValue()).toBe(DOB);

  await signIn(d, MEERA);
  await p.goto('/symptom-check');
  await p.getByTestId('acting-banner').waitFor();
  await expect.poll(() => p.getByLabel('Age (years)').inputValue()).toBe('7');
  await p.getByLabel('Your symptoms').fill('Sore throat and fever since yesterday, not eating well');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p.getByRole('button', { name: 'Join the waiting room: Dr. Meera Iyer' }).click();
  await p.waitForURL('**/waiting-room/**');
  await callNext(d, p, CHILD);
  expect(parent.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});

test('in the call the paediatrician sees the child’s allergy first and prescribes amoxicillin over the warning, with a reason', async () => {
  const d = doctor.page;
  await allergyShownFirst(d, 'Penicillin');
  await shot(d, 'family-call-doctor');
  await prescribeOverWarning(
    d,
    {
      diagnosis: 'Streptococcal pharyngitis',
      drug: 'Amoxicillin 250 mg',
      dose: '250 mg',
      frequency: 'Three times a day',
      duration: '10 days',
    },
    /Amoxicillin 250 mg is one of the penicillins; the patient is allergic to Penicillin/i,
    'Parent reports the hives were with a viral illness; first dose under observation',
  );
  expect(doctor.problems).toEqual([]);
});

test('the prescription is in the child’s records and amoxicillin in the child’s current medications, not the parent’s', async () => {
  const p = parent.page;
  await p.goto('/records');
  await p.getByTestId('acting-banner').waitFor();
  await p.getByText(/Streptococcal pharyngitis/).waitFor();
  await shot(p, 'family-child-records');

  await p.getByRole('link', { name: 'Health profile' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Health profile' }).waitFor();
  const meds = p.getByRole('group', { name: /^Current medications \d+$/ });
  await expect.poll(() => meds.getByLabel('Medicine').inputValue()).toBe('Amoxicillin 250 mg');

  // Back to herself: her own records and medications do not have the child's visit.
  await p.getByTestId('acting-banner').getByRole('button', { name: 'Back to me' }).click();
  await expect.poll(() => p.getByTestId('acting-banner').count()).toBe(0);
  const asParent = await apiLogin(server.url, DEMO.patient);
  const records = await asParent<{ visits: { diagnoses?: unknown }[] }>('GET', '/records');
  expect(JSON.stringify(records)).not.toContain('Streptococcal');
  expect(parent.problems).toEqual([]);
});

test('she gives her mother her own login: the invitation e-mail’s link sets a password on the same account', async () => {
  const p = parent.page;
  await p.getByRole('link', { name: 'Family' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Family' }).waitFor();
  await p.getByLabel('Full name').fill('Kamala Sharma');
  await p.getByLabel('Date of birth').fill('1952-03-10');
  await p.getByLabel('They are your').selectOption('parent');
  await p.getByRole('button', { name: 'Add a family member' }).click();
  const card = p.getByRole('article').filter({ hasText: 'Kamala Sharma' });
  await card.getByText('Parent').waitFor();
  const email = `kamala.${Date.now()}@example.com`;
  await card.getByText('Give Kamala Sharma their own login').click();
  await card.getByLabel('Their e-mail').fill(email);
  await card.getByRole('button', { name: 'Send invitation' }).click();
  await card.getByText(`Invitation sent to ${email}`).waitFor();

  const mail = await waitForMail(server.url, email, /own Telehealth Hub login/);
  const link = /https?:\/\/\S+\/family\/join\?token=[\w-]+/.exec(mail.text)![0];
  const mother = await newUser(browser, server.url);
  const m = mother.page;
  await m.goto(new URL(link).pathname + new URL(link).search);
  await m.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await shot(m, 'family-join');
  await m.getByLabel('New password').fill('Kamala-own-2026');
  await m.getByRole('button', { name: 'Save and sign in' }).click();
  await m.waitForURL('**/appointments');
  await m.getByRole('button', { name: 'Sign out' }).waitFor();
  // The same account, now hers: her family page names who acts for her.
  await m.getByRole('link', { name: 'Family' }).first().click();
  await m.getByText('Who acts for you').waitFor();
  await m.getByText('Priya Sharma').first().waitFor();
  // The parent still acts for her, and sees that she signs in on her own.
  await p.reload();
  await p
    .getByRole('article')
    .filter({ hasText: 'Kamala Sharma' })
    .getByText('Signs in on their own')
    .waitFor();
  await shot(m, 'family-guardians');
  // Her account is hers: she stops her daughter acting for her.
  m.once('dialog', (dlg) => void dlg.accept());
  await m.getByRole('button', { name: 'Stop Priya Sharma acting for me' }).click();
  await m.getByText('Priya Sharma no longer acts for you').waitFor();
  await p.reload();
  await p.getByRole('heading', { level: 1, name: 'Family' }).waitFor();
  await expect.poll(() => p.getByRole('article').filter({ hasText: 'Kamala Sharma' }).count()).toBe(0);
  expect(parent.problems).toEqual([]);
  expect(mother.problems).toEqual([]);
});
