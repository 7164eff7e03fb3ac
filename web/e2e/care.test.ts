// Care proofs: a demo patient sees her wallet balance, history and a receipt; a doctor writes a visit
// record with a prescription from the consultation room and the patient finds it, with its PDF, in
// her records vault.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Appointment, Doctor, Paged, Payment, SlotList } from '../src/lib/types.ts';
import { apiLogin, DEMO, launchBrowser, newUser, shot, signIn, startServer, type TestServer } from './harness.ts';

let server: TestServer;
let browser: Browser;
let appointmentId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // Setup through the API: Priya books Dr. Asha Rao's first free slot and pays from her wallet, so
  // her wallet has a payment with a receipt and the doctor has an appointment room with her.
  const priya = await apiLogin(server.url, DEMO.patient);
  const doctors = await priya<Paged<Doctor>>('GET', '/doctors?pageSize=100');
  const asha = doctors.items.find((d) => /Asha Rao/.test(d.name))!;
  const { slots } = await priya<SlotList>('GET', `/doctors/${asha.id}/slots`);
  const appt = await priya<Appointment>('POST', '/appointments', { doctorId: asha.id, startsAt: slots[0]!.startsAt });
  await priya<Payment>('POST', `/appointments/${appt.id}/pay`, { method: 'wallet' });
  appointmentId = appt.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('the patient sees her wallet balance, history and a receipt', async () => {
  const { page, problems } = await newUser(browser, server.url);
  await signIn(page, DEMO.patient);
  await page.getByRole('link', { name: 'Wallet' }).click();
  await page.getByRole('heading', { name: 'Wallet', level: 1 }).waitFor();
  await expect.poll(() => page.getByTestId('wallet-balance').first().innerText()).toMatch(/₹|\$|£|€/);
  const table = page.getByRole('table');
  await table.getByText('Credit', { exact: true }).first().waitFor();
  await table.getByText('Payment', { exact: true }).first().waitFor();
  await shot(page, 'wallet');

  await page.getByRole('link', { name: /View receipt/ }).first().click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  await expect.poll(() => page.getByTestId('receipt-number').innerText()).not.toBe('');
  await shot(page, 'wallet-receipt');
  expect(problems).toEqual([]);
});
