// Issue 18, the records side: a report summary made from the vault with live progress and read by a
// doctor under consent; emergency access from a patient's page and the patient's "who opened my
// records" with the reasons; the patient's own view of a triage priority (shown to the doctor,
// never moving the queue); the whole export as a zip; a fresh account deleted in two steps; and
// the key pages in Hindi.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readZip } from '@telehealth/api/records/zip.testutil';
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

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PRIYA = DEMO.patient;
const JOHN = { email: 'john@telehealth.local', password: DEMO.patient.password };
const AMELIA = { email: 'amelia@telehealth.local', password: DEMO.patient.password };
const ASHA = DEMO.doctor;
const EMILY = { email: 'emily.carter@telehealth.local', password: DEMO.doctor.password };
const VIKRAM = { email: 'vikram.mehta@telehealth.local', password: DEMO.doctor.password };

/** A one-page PDF with a text layer, one line per entry (what a lab prints). */
function pdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 11 Tf 20 ${260 - i * 16} Td (${l}) Tj ET`).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function labReport(name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'th-vault-')), name);
  writeFileSync(
    file,
    pdf([
      'City Diagnostics - Complete Blood Count',
      'Test            Result     Units     Reference range',
      'Hemoglobin      9.1        g/dL      12.0 - 15.5',
      'Platelets       250        10^3/uL   150 - 400',
      'Impression: low hemoglobin, suggest iron studies.',
    ]),
  );
  return file;
}

/** `ai.progress` frames this page's socket receives (attach before the socket opens). */
function progressFrames(page: Page) {
  const frames: { jobId: string; stage: string; pct: number }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"ai.progress"')) return;
      const f = JSON.parse(payload) as { event: string; data: { jobId: string; stage: string; pct: number } };
      if (f.event === 'ai.progress') frames.push(f.data);
    }),
  );
  return frames;
}

/** The stage lines the progress row shows, in order, as the page renders them. */
async function recordStages(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __stages: string[] };
    w.__stages = [];
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid="summary-progress"] span')?.textContent?.trim();
      if (s && w.__stages.at(-1) !== s) w.__stages.push(s);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
}

async function uploadInVault(page: Page, file: string, name: string) {
  await page.goto('/records');
  await page.locator('#rec-file').setInputFiles(file);
  await page.getByText(name, { exact: true }).waitFor();
}

test('Summarise a PDF in the vault: live progress from the socket, an advisory summary with its source, read by a doctor under consent', async () => {
  const patient = await newUser(browser, server.url);
  const frames = progressFrames(patient.page);
  await signIn(patient.page, PRIYA);
  await uploadInVault(patient.page, labReport('cbc-march.pdf'), 'cbc-march.pdf');

  const stages = await recordStages(patient.page);
  await patient.page.getByRole('button', { name: 'Summarise cbc-march.pdf' }).click();
  const summary = patient.page.getByTestId('report-summary');
  await summary.waitFor();
  await summary.getByText('Advisory — not a diagnosis').waitFor();
  await summary.getByText('Local rules').waitFor();
  expect(await summary.getByRole('table').innerText()).toMatch(/Hemoglobin/i);
  expect(await summary.getByRole('table').innerText()).not.toMatch(/Platelets/i);
  // The progress row was on screen while the job ran, and the socket carried the job to "saved".
  expect((await stages()).length).toBeGreaterThan(0);
  expect(frames.map((f) => f.stage)).toContain('saved');
  expect(new Set(frames.map((f) => f.jobId)).size).toBe(1);
  await shot(patient.page, 'vault-summary');

  // Stored beside the file: after a reload the file offers its summary instead of a new one.
  await patient.page.reload();
  await patient.page.getByRole('button', { name: 'Summary of cbc-march.pdf' }).click();
  await patient.page.getByTestId('report-summary').waitFor();

  // Shared (this file only) with Dr. Emily Carter, who reads the summary from the patient's records.
  await patient.page.getByRole('button', { name: 'Share cbc-march.pdf' }).click();
  const dialog = patient.page.getByRole('dialog');
  await dialog.getByLabel('Doctor').selectOption({ label: 'Dr. Emily Carter — Dermatology' });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await patient.page.getByRole('button', { name: 'Revoke Dr. Emily Carter' }).waitFor();

  const doctor = await newUser(browser, server.url);
  await signIn(doctor.page, EMILY);
  await doctor.page.goto('/doctor/patients');
  await doctor.page.getByRole('link', { name: /Priya Sharma/ }).click();
  await doctor.page.getByRole('button', { name: 'Summary of cbc-march.pdf' }).click();
  const seen = doctor.page.getByTestId('report-summary');
  await seen.getByText('Advisory — not a diagnosis').waitFor();
  expect(await seen.innerText()).toMatch(/Hemoglobin/i);
  await shot(doctor.page, 'doctor-report-summary');

  expect([...patient.problems, ...doctor.problems]).toEqual([]);
  await patient.context.close();
  await doctor.context.close();
});

test('a doctor opens emergency access from the patient’s page; the patient sees who opened what, on which basis and why', async () => {
  const priya = await (await apiLogin(server.url, PRIYA))<{ id: string }>('GET', '/me');
  const doctor = await newUser(browser, server.url);
  await signIn(doctor.page, VIKRAM);
  await doctor.page.goto(`/doctor/patients/${priya.id}`);
  await doctor.page
    .getByRole('heading', { name: 'You do not have access to these records (any more).' })
    .waitFor();
  await doctor.page.getByLabel('Reason').selectOption({ label: 'Patient unconscious' });
  const justification = 'Brought in unconscious after a fall; need her recent blood results.';
  await doctor.page.getByLabel('What is happening (at least 20 characters)').fill(justification);
  await shot(doctor.page, 'emergency-access-request');
  await doctor.page.getByRole('button', { name: 'Open emergency access' }).click();
  await doctor.page.getByRole('button', { name: 'View cbc-march.pdf' }).click();
  await doctor.page.getByTestId('file-viewer').locator('iframe').waitFor();
  await doctor.page.keyboard.press('Escape');

  const patient = await newUser(browser, server.url);
  await signIn(patient.page, PRIYA);
  await patient.page.goto('/records');
  await patient.page.getByRole('link', { name: 'Who opened my records' }).click();
  const log = patient.page.getByTestId('records-access-log');
  await log.waitFor();
  const emergencyRow = log
    .getByRole('row')
    .filter({ hasText: 'Dr. Vikram Mehta' })
    .filter({ hasText: 'A report or file' });
  await emergencyRow.getByText('Emergency access').waitFor();
  await emergencyRow.getByText('Patient unconscious').waitFor();
  await emergencyRow.getByText(justification, { exact: false }).waitFor();
  const consentRow = log
    .getByRole('row')
    .filter({ hasText: 'Dr. Emily Carter' })
    .filter({ hasText: 'The summary of a report' });
  await consentRow.getByText('Your consent').waitFor();
  await consentRow.getByText('You shared this record').waitFor();
  await patient.page.getByText('Emergency access is opened by a doctor without your consent').waitFor();
  await shot(patient.page, 'records-access-reasons');

  expect([...patient.problems, ...doctor.problems]).toEqual([]);
  await patient.context.close();
  await doctor.context.close();
});

test('the patient’s own view of the priority reaches the doctor and does not move the queue', async () => {
  const check = async (p: Page, symptoms: string) => {
    await p.goto('/symptom-check');
    await p.getByLabel('Your symptoms').fill(symptoms);
    await p.getByLabel('Age (years)').fill('34');
    await p.getByRole('button', { name: 'Check my symptoms' }).click();
    await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  };
  const join = async (p: Page) => {
    await p.getByRole('button', { name: 'Join the waiting room: Dr. Asha Rao' }).click();
    await p.waitForURL('**/waiting-room/**');
  };

  // John checks in first, routine.
  const john = await newUser(browser, server.url, { timezone: 'America/New_York' });
  await signIn(john.page, JOHN);
  await check(john.page, 'Mild sore throat since yesterday, no fever');
  await join(john.page);

  // Priya's check is routine too; she says it is urgent to her, with a reason, then checks in.
  const priya = await newUser(browser, server.url);
  await signIn(priya.page, PRIYA);
  await check(priya.page, 'Sore throat and a mild cough for two days');
  const reason = 'It hurts much more tonight and I can hardly swallow';
  await priya.page.getByLabel('How urgent it feels to you').selectOption({ label: 'Urgent' });
  await priya.page.getByLabel('Why (at least 3 characters)').fill(reason);
  await priya.page.getByRole('button', { name: 'Send my view to the doctor' }).click();
  await priya.page.getByText('Your view is recorded: Urgent').waitFor();
  await shot(priya.page, 'triage-own-view');
  await join(priya.page);

  const doctor = await newUser(browser, server.url);
  await signIn(doctor.page, ASHA);
  await doctor.page.goto('/doctor/queue');
  const waiting = doctor.page.locator('ol.entries > li');
  await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(2);
  // The order is the assessment's (both routine: first come, first served), not the patient's view.
  expect(await waiting.nth(0).innerText()).toContain('John');
  const second = await waiting.nth(1).innerText();
  expect(second).toContain('Priya Sharma');
  expect(second).toContain("Patient's own view: URGENT");
  expect(second).toContain(reason);
  await shot(doctor.page, 'queue-patient-view');

  expect([...john.problems, ...priya.problems, ...doctor.problems]).toEqual([]);
  for (const u of [john, priya, doctor]) await u.context.close();
});

test('the patient downloads everything as a zip: profile, appointments, payments, chat, triage, records', async () => {
  const patient = await newUser(browser, server.url);
  await signIn(patient.page, PRIYA);
  await patient.page.goto('/account');
  await patient.page.getByRole('heading', { name: 'Your data' }).waitFor();
  const [download] = await Promise.all([
    patient.page.waitForEvent('download'),
    patient.page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^telehealth-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = readZip(readFileSync((await download.path())!));
  for (const name of [
    'me.json',
    'profile.json',
    'appointments.json',
    'payments.json',
    'chat.json',
    'triage.json',
    'summaries.json',
  ])
    expect([...entries.keys()]).toContain(name);
  const json = (name: string) => JSON.parse(entries.get(name)!.toString('utf8'));
  expect(json('profile.json').email).toBe(PRIYA.email);
  // The symptom check of the test before, with her own view of it.
  const triage = json('triage.json') as { overrides: { to: string; byRole: string }[] }[];
  expect(triage.some((c) => c.overrides.some((o) => o.to === 'urgent' && o.byRole === 'patient'))).toBe(true);
  expect((json('summaries.json') as { source: string; advisory: boolean }[])[0]).toMatchObject({
    source: 'rules',
    advisory: true,
  });
  expect(json('payments.json').wallets.length).toBeGreaterThan(0);
  expect(Array.isArray(json('appointments.json'))).toBe(true);
  expect(Array.isArray(json('chat.json'))).toBe(true);
  const me = json('me.json') as { files: { path: string; filename: string }[]; sections: { file: string }[] };
  const report = me.files.find((f) => f.filename === 'cbc-march.pdf')!;
  expect(entries.get(report.path)!.subarray(0, 5).toString()).toBe('%PDF-');
  expect(me.sections.map((s) => s.file)).toContain('triage.json');
  expect(patient.problems).toEqual([]);
  await patient.context.close();
});

test('a new patient deletes their account in two steps, with the retention explained, and cannot sign in after', async () => {
  const { page, problems, context } = await newUser(browser, server.url);
  const email = `ravi.${Date.now()}@example.com`;
  const password = 'Ravi-secret-2026';
  await page.goto('/');
  await page.getByRole('link', { name: 'Create account' }).click();
  await page.getByLabel('Full name').fill('Ravi Verma');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForMail(server.url, email, /verification code/);
  await page.getByLabel('Verification code').fill(/\b(\d{6})\b/.exec(mail.subject)![1]!);
  await page.getByRole('button', { name: 'Confirm and create account' }).click();
  await page.waitForURL('**/doctors', { waitUntil: 'commit' });

  // Through the header, as the new user would (no reload: the session stays the one sign-up made).
  await page.getByRole('link', { name: 'Ravi Verma' }).click();
  await page.waitForURL('**/account');
  await page.getByRole('button', { name: 'Delete my account…' }).click();
  const retention = page.getByTestId('retention');
  await retention.getByText('Kept, because the law requires it').waitFor();
  await retention.getByText('Payments, refunds and the wallet ledger (tax and accounting law)').waitFor();
  await retention.getByText('The audit log of who opened your records').waitFor();
  // Nothing is deleted before the second step.
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  const confirm = page.getByRole('form', { name: 'Confirm the deletion' });
  await confirm.getByLabel('Your password').fill(password);
  await confirm.getByLabel('Type ERASE to confirm').fill('erase');
  await confirm.getByRole('button', { name: 'Delete my account for good' }).click();
  await confirm.getByText('Type ERASE in capital letters.').waitFor();
  await confirm.getByLabel('Type ERASE to confirm').fill('ERASE');
  await page
    .getByRole('heading', { name: 'Delete my account', exact: true })
    .evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -100));
  await shot(page, 'account-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete my account for good' }).click();
  // The sign-in page, with or without the guard's ?next= (signing out re-runs the account page's guard).
  await page.waitForURL((u) => u.pathname === '/login');
  await page.getByText('Your account was deleted.').waitFor();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Email or password is wrong').waitFor();
  expect(page.url()).toContain('/login');
  expect(problems).toEqual([]);
  await context.close();
});

test('the vault summary, who opened my records, my data and the own view of a priority in Hindi', async () => {
  const { page, problems, context } = await newUser(browser, server.url, { timezone: 'Europe/London' });
  await signIn(page, AMELIA);
  await page.goto('/account');
  await page.getByLabel('Language', { exact: true }).selectOption('hi');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'आपका डेटा' }).waitFor();
  await page.getByRole('button', { name: 'मेरा खाता हटाएँ…' }).click();
  await page.getByText('रखा जाएगा, क्योंकि कानून इसकी माँग करता है').waitFor();
  await shot(page, 'my-data-hi');

  await uploadInVault(page, labReport('rakt-jaanch.pdf'), 'rakt-jaanch.pdf');
  await page.getByRole('button', { name: 'rakt-jaanch.pdf का सारांश बनाएँ' }).click();
  const summary = page.getByTestId('report-summary');
  await summary.getByText('केवल सलाह — यह निदान नहीं है').waitFor();
  await summary.getByText('स्थानीय नियम').waitFor();
  await shot(page, 'vault-summary-hi');

  await page.goto('/records/access');
  await page.getByRole('heading', { name: 'मेरे रिकॉर्ड किसने खोले' }).waitFor();
  await shot(page, 'records-access-hi');

  // Her own view of a symptom check's priority, in Hindi.
  await page.goto('/symptom-check');
  await page.getByLabel('आपके लक्षण').fill('Gale mein dard aur halki khansi, do din se');
  await page.getByLabel('आयु (वर्ष)').fill('41');
  await page.getByRole('button', { name: 'मेरे लक्षण जाँचें' }).click();
  await page.getByRole('heading', { name: 'आकलन' }).waitFor();
  await page.getByLabel('आपको यह कितना ज़रूरी लगता है').selectOption({ label: 'तत्काल' });
  await page.getByLabel('क्यों (कम से कम 3 अक्षर)').fill('रात में दर्द बहुत बढ़ जाता है');
  await page.getByRole('button', { name: 'अपनी राय डॉक्टर को भेजें' }).click();
  await page.getByText('आपकी राय दर्ज हो गई: तत्काल').waitFor();
  await shot(page, 'triage-own-view-hi');
  expect(problems).toEqual([]);
  await context.close();
});
