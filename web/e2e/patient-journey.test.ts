// Proof 1: a new patient signs up with the emailed code, finds a doctor, books a slot, pays from the
// wallet, and the confirmation email arrives. Screenshots of the main screens go to docs/screenshots/.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import { launchBrowser, newUser, shot, startServer, waitForMail, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a new patient signs up with the emailed code, books a slot, pays from the wallet and gets the confirmation email', async () => {
  const { page, problems } = await newUser(browser, server.url);
  const email = `neha.${Date.now()}@example.com`;

  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shot(page, 'landing');

  await page.getByRole('link', { name: 'Create account' }).click();
  await page.getByLabel('Full name').fill('Neha Kapoor');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('Neha-secret-2026');
  await shot(page, 'signup');
  await checkA11y(page, 'signup');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForMail(server.url, email, /verification code/);
  const code = /\b(\d{6})\b/.exec(mail.subject)![1]!;
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Confirm and create account' }).click();

  // Patients land on the doctor search, signed in.
  await page.waitForURL('**/doctors', { waitUntil: 'commit' });
  await page.getByRole('link', { name: 'Neha Kapoor' }).waitFor();
  await page.getByRole('heading', { name: 'Dr. Asha Rao' }).waitFor();
  await shot(page, 'find-doctors');

  await page.locator('main').getByLabel('Specialty', { exact: true }).selectOption('Cardiology');
  await expect.poll(() => page.locator('article h2').allTextContents()).toEqual(['Dr. Vikram Mehta']);
  await page.locator('main').getByLabel('Specialty', { exact: true }).selectOption('');
  await page.locator('main').getByLabel('Language', { exact: true }).selectOption('hi');
  await expect.poll(() => page.locator('article h2').count()).toBe(2);

  await page.getByRole('link', { name: 'Dr. Asha Rao' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dr. Asha Rao' }).waitFor();
  await page.getByText('General Medicine').first().waitFor();
  await shot(page, 'doctor-profile');

  // A reload keeps the session (refresh cookie → new in-memory access token).
  await page.reload();
  await page.getByRole('link', { name: 'Neha Kapoor' }).waitFor();

  // Book: the first free slot, shown in the patient's zone, held while paying.
  await page.locator('.time').first().click();
  await page.getByRole('link', { name: /^Book / }).click();
  await page.getByRole('heading', { name: 'Book a consultation' }).waitFor();
  await page.getByRole('button', { name: 'Reserve this time' }).click();
  await page.getByText(/Slot held until/).waitFor();
  await shot(page, 'book-and-pay');
  await checkA11y(page, 'book-and-pay');

  // Pay from the wallet (new patients on a demo instance get welcome credit in their currency).
  await page.locator('input[name="method"][value="wallet"]').check();
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();
  await shot(page, 'booking-confirmed');
  await checkA11y(page, 'booking-confirmed');
  const confirmation = await waitForMail(server.url, email, /confirm|booked/i);
  expect(confirmation.text).toContain('Asha Rao');

  await page.getByRole('link', { name: 'Appointments' }).first().click();
  await page.getByText('Dr. Asha Rao').first().waitFor();
  await shot(page, 'appointments');

  expect(problems).toEqual([]);
});
