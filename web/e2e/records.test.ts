// Proof 4: a patient uploads a PDF report, shares it with a doctor, the doctor opens it; after the
// patient revokes, the doctor is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, launchBrowser, newUser, shot, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A small, valid one-page PDF. */
function pdf(text: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 14 Tf 20 150 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 14 Tf 20 150 Td (${text}) Tj ET\nendstream`,
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

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

test('upload a PDF, share it with a doctor who opens it, revoke, and the doctor is refused', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'th-pdf-')), 'blood-test-2026.pdf');
  writeFileSync(file, pdf('Haemoglobin 13.2 g/dL'));

  const patient = await newUser(browser, server.url, { timezone: 'Europe/London' });
  await signIn(patient.page, 'amelia@telehealth.local', DEMO.patient.password);
  await patient.page.waitForURL('**/doctors', { waitUntil: 'commit' });
  await patient.page.goto('/records');
  await patient.page.getByRole('heading', { name: 'Medical records' }).waitFor();
  await patient.page.locator('#rec-file').setInputFiles(file);
  await patient.page.getByText('blood-test-2026.pdf', { exact: true }).waitFor();

  await patient.page.getByRole('button', { name: 'Share blood-test-2026.pdf' }).click();
  const dialog = patient.page.getByRole('dialog');
  await dialog.getByLabel('Doctor').selectOption({ label: 'Dr. James Okafor — General Medicine' });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await patient.page.getByRole('button', { name: 'Revoke Dr. James Okafor' }).waitFor();
  await shot(patient.page, 'records-vault');

  const doctor = await newUser(browser, server.url, { timezone: 'Europe/London' });
  await signIn(doctor.page, 'james.okafor@telehealth.local', DEMO.doctor.password);
  await doctor.page.waitForURL('**/doctor', { waitUntil: 'commit' });
  await doctor.page.goto('/doctor/patients');
  await doctor.page.getByRole('heading', { name: 'Shared with me' }).waitFor();
  const link = doctor.page.getByRole('link', { name: /Amelia Hughes/ });
  await link.waitFor({ timeout: 10_000 }).catch(async (e) => {
    console.error(await doctor.page.locator('main').innerText());
    throw e;
  });
  await link.click();
  await doctor.page.getByRole('button', { name: 'View blood-test-2026.pdf' }).click();
  const viewer = doctor.page.getByTestId('file-viewer');
  await viewer.locator('iframe').waitFor();
  expect(await viewer.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
  await shot(doctor.page, 'doctor-opens-record');
  await doctor.page.keyboard.press('Escape');

  await patient.page.getByRole('button', { name: 'Revoke Dr. James Okafor' }).click();
  await patient.page.getByText('No doctor has access').waitFor();

  await doctor.page.getByRole('button', { name: 'View blood-test-2026.pdf' }).click();
  await doctor.page
    .getByRole('heading', { name: 'You do not have access to these records (any more).' })
    .waitFor();
  await doctor.page.reload();
  await doctor.page
    .getByRole('heading', { name: 'You do not have access to these records (any more).' })
    .waitFor();

  expect([...patient.problems, ...doctor.problems]).toEqual([]);
});
