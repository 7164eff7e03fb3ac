// Issue 21 on screen: a doctor breaks the glass with a reason code; the patient sees it in the bell
// and on the records page; the admin reviews the coded reason, flags it (quarantine) and releases it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
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

const KENJI = { email: 'kenji.watanabe@telehealth.local', password: DEMO.doctor.password };
const AMELIA = { email: 'amelia@telehealth.local', password: DEMO.patient.password };

test('emergency access: reason code form, the patient is told, the admin reviews without clinical content', async () => {
  const amelia = await apiLogin(server.url, AMELIA);
  const { id: ameliaId } = await amelia<{ id: string }>('GET', '/me');

  // The doctor has no consent: the page offers emergency access, with a coded reason.
  const doc = await newUser(browser, server.url);
  await signIn(doc.page, KENJI);
  await doc.page.goto(`/doctor/patients/${ameliaId}`);
  await doc.page.getByText('You do not have access to these records (any more).').waitFor();
  const reason = doc.page.getByLabel('Reason', { exact: true });
  await reason.waitFor();
  expect(await reason.locator('option').allTextContents()).toEqual([
    'Patient unconscious',
    'Life-threatening situation',
    'Patient cannot consent',
    'Urgent continuity of care',
  ]);
  // The same form in Hindi (the choice is saved on the account: English is restored after).
  const kenjiApi = await apiLogin(server.url, KENJI);
  try {
    await doc.page.getByLabel('Language').selectOption('hi');
    const hiReason = doc.page.getByLabel('कारण', { exact: true });
    await hiReason.getByRole('option', { name: 'मरीज़ सहमति नहीं दे सकता' }).waitFor({ state: 'attached' });
    await doc.page.getByRole('button', { name: 'आपातकालीन पहुँच खोलें' }).waitFor();
    await shot(doc.page, 'doctor-emergency-access-hi');
    await doc.page.getByLabel('भाषा').selectOption('en');
    await doc.page.getByRole('button', { name: 'Open emergency access' }).waitFor();
  } finally {
    await kenjiApi('PATCH', '/me', { locale: 'en' });
  }
  await reason.selectOption({ label: 'Patient cannot consent' });
  await doc.page
    .getByLabel('What is happening (at least 20 characters)')
    .fill('Confused after a fall, no relative reachable.');
  await shot(doc.page, 'doctor-emergency-access');
  await doc.page.getByRole('button', { name: 'Open emergency access' }).click();
  await doc.page.getByText(/Emergency access is open until/).waitFor();
  await doc.page.getByRole('heading', { name: 'Medical records' }).waitFor();
  expect(doc.problems).toEqual([]);

  // The patient: the bell and the records page say who opened the records and why.
  const pat = await newUser(browser, server.url);
  await signIn(pat.page, AMELIA);
  await pat.page.getByRole('button', { name: /Notifications/ }).click();
  await pat.page
    .getByRole('region', { name: 'Notifications' })
    .getByText('A doctor used emergency access to your records')
    .waitFor();
  await pat.page.goto('/records');
  const mine = pat.page.getByRole('list', { name: 'Emergency access to your records' });
  await mine.getByText('Patient cannot consent').waitFor();
  await mine.getByText('Confused after a fall, no relative reachable.').waitFor();
  expect(pat.problems).toEqual([]);

  // The admin: the coded reason, flag (quarantine), release.
  const adm = await newUser(browser, server.url);
  await signIn(adm.page, DEMO.admin);
  await adm.page.goto('/admin/emergency-access');
  const grant = adm.page.getByRole('article').filter({ hasText: 'Confused after a fall' });
  await grant.getByText('Patient cannot consent').waitFor();
  await grant.getByText('0 visit notes, 0 files').waitFor();
  await grant.getByRole('button', { name: /^Flag the access by/ }).click();
  await grant.getByText('Quarantined').waitFor();
  await shot(adm.page, 'admin-emergency-quarantine');
  await grant.getByRole('button', { name: /^Release what .* wrote from quarantine/ }).click();
  await grant.getByText('Cleared').first().waitFor();
  expect(await grant.getByText('Quarantined').count()).toBe(0);

  // Admin actions are audited with their reason, and the audit explorer shows them.
  await adm.page.goto('/admin/doctors');
  await adm.page
    .getByLabel('Reason, recorded in the audit log (optional)')
    .fill('Licence renewal not received');
  const kenji = adm.page.getByRole('row').filter({ hasText: 'Dr. Kenji Watanabe' });
  await kenji.getByRole('button', { name: 'Revoke verification' }).click();
  await kenji.getByText('Awaiting verification').waitFor();
  await adm.page.goto('/admin/audit');
  await adm.page.getByLabel('Action').fill('admin.');
  const entry = adm.page.getByRole('row').filter({ hasText: 'admin.doctor.unverify' });
  await entry.getByText('“Licence renewal not received”').waitFor();
  await shot(adm.page, 'admin-audit-admin-actions');
  expect(adm.problems).toEqual([]);
});
