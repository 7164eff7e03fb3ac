// Care proofs: a demo patient sees her wallet balance, history and a receipt; a doctor writes a visit
// record with a prescription from the consultation room and the patient finds it, with its PDF, in
// her records vault; after a walk-in call (triage in the doctor's panel) both chat in the inbox live.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Appointment, Doctor, Paged, Payment, SlotList } from '../src/lib/types.ts';
import { checkA11y } from './a11y.ts';
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

let server: TestServer;
let browser: Browser;
let appointmentId: string;
let bookAndPay: (slot: number) => Promise<string>;
let priya: Awaited<ReturnType<typeof apiLogin>>;

beforeAll(async () => {
  // One SFU worker is plenty for the one call of the chat proof.
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  // Setup through the API: Priya books a free slot of Dr. Asha Rao's and pays from her wallet, so
  // her wallet has a payment with a receipt and the doctor has an appointment room with her.
  priya = await apiLogin(server.url, DEMO.patient);
  const doctors = await priya<Paged<Doctor>>('GET', '/doctors?pageSize=100');
  const asha = doctors.items.find((d) => /Asha Rao/.test(d.name))!;
  const { slots: all } = await priya<SlotList>('GET', `/doctors/${asha.id}/slots`);
  // Slots at least two hours away: the visit-record test needs a call that is not open yet (the
  // first free slot can be minutes away, depending on when the suite runs).
  const slots = all.filter((s) => Date.parse(s.startsAt) > Date.now() + 2 * 3_600_000);
  bookAndPay = async (i) => {
    const appt = await priya<Appointment>('POST', '/appointments', {
      doctorId: asha.id,
      startsAt: slots[i]!.startsAt,
    });
    await priya<Payment>('POST', `/appointments/${appt.id}/pay`, { method: 'wallet' });
    return appt.id;
  };
  appointmentId = await bookAndPay(0);
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

  await page
    .getByRole('link', { name: /View receipt/ })
    .first()
    .click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  await expect.poll(() => page.getByTestId('receipt-number').innerText()).not.toBe('');
  await shot(page, 'wallet-receipt');

  // The bell: a second booking paid elsewhere arrives live over the socket; then mark all read.
  const count = page.getByTestId('notif-count');
  await expect.poll(() => count.innerText()).toBe('1');
  await bookAndPay(1);
  await expect.poll(() => count.innerText(), { timeout: 10_000 }).toBe('2');
  await page.getByRole('button', { name: /Notifications/ }).click();
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByText('Your consultation is booked')
    .first()
    .waitFor();
  await shot(page, 'notifications');
  await checkA11y(page, 'notifications');
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await count.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');

  // Hindi strings on the wallet. The choice is saved on the account: always restore English, which
  // the next tests read.
  await page.goto('/wallet');
  try {
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'वॉलेट', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'लेन-देन का इतिहास' }).waitFor();
    await page
      .getByRole('link', { name: /रसीद देखें/ })
      .first()
      .waitFor();
    await shot(page, 'wallet-hi');
  } finally {
    await priya('PATCH', '/me', { locale: 'en' });
  }
  await page.goto('/wallet');
  await page.getByRole('heading', { name: 'Wallet', level: 1 }).waitFor();

  // The inbox loads over the socket; Priya has had no consultation yet, so it is empty.
  await page.getByRole('link', { name: 'Messages' }).click();
  await page.getByRole('heading', { name: 'No conversations yet' }).waitFor();
  expect(problems).toEqual([]);
});

test('the doctor writes a visit record with a prescription; the patient sees it with its PDF', async () => {
  const doctor = await newUser(browser, server.url);
  await signIn(doctor.page, DEMO.doctor);
  const d = doctor.page;
  // Hours before the booked slot the call itself is not open yet, but the notes are.
  await d.goto(`/call/${appointmentId}`);
  await d.getByRole('heading', { name: 'Visit notes' }).waitFor({ timeout: 20_000 });
  await d.getByRole('heading', { name: 'Priya Sharma' }).waitFor();
  await d.getByLabel('Notes', { exact: true }).fill('Dry cough for a week, no fever. Chest clear.');
  await d.getByLabel('Diagnosis', { exact: true }).fill('Acute bronchitis');
  await d.getByLabel('Code (optional)').fill('J20.9');
  await d.getByLabel('Drug').fill('Amoxicillin');
  await d.getByLabel('Dose').fill('500 mg');
  await d.getByLabel('Route').selectOption('oral');
  await d.getByLabel('Frequency').fill('Three times a day');
  await d.getByLabel('Duration').fill('5 days');
  await shot(d, 'visit-notes-form');
  await checkA11y(d, 'visit-notes-form');
  await d.getByRole('button', { name: 'Save visit record' }).click();
  await d.getByTestId('visits-written').getByText('Acute bronchitis').waitFor();
  expect(doctor.problems).toEqual([]);

  const patient = await newUser(browser, server.url);
  await signIn(patient.page, DEMO.patient);
  const p = patient.page;
  await p.goto('/records');
  await p.getByText(/Acute bronchitis/).waitFor();
  const [pdf] = await Promise.all([
    p.waitForEvent('download'),
    p
      .getByRole('button', { name: /Download the visit summary of .* as PDF/ })
      .first()
      .click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^visit-\d{4}-\d{2}-\d{2}\.pdf$/);
  const body = await pdf.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  });
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  await shot(p, 'records-visit');
  expect(patient.problems).toEqual([]);
});

test('after a walk-in call the doctor sees the triage; both chat live in the inbox with unread, typing and read receipts', async () => {
  const patient = await newUser(browser, server.url);
  const doctor = await newUser(browser, server.url);
  const p = patient.page;
  const d = doctor.page;
  await Promise.all([signIn(p, DEMO.patient), signIn(d, DEMO.doctor)]);

  await p.goto('/symptom-check');
  await p.getByLabel('Your symptoms').fill('Dry cough for a week, mild sore throat');
  await p.getByLabel('Age (years)').fill('34');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('button', { name: 'Join the waiting room: Dr. Asha Rao' }).click();
  await p.waitForURL('**/waiting-room/**');

  await d.goto('/doctor/queue');
  await d.getByText('Priya Sharma').first().waitFor();
  await d.getByRole('button', { name: 'Call next patient' }).click();
  await d.waitForURL('**/call/**');
  // The doctor's side panel: the symptom check the patient just ran.
  await d.getByRole('tab', { name: 'Patient' }).click();
  await d.getByRole('tabpanel').getByRole('heading', { name: 'Priya Sharma' }).waitFor();
  await d
    .getByRole('tabpanel')
    .getByText(/^(Routine|Urgent)$/)
    .waitFor();
  await shot(d, 'call-doctor-panel');
  await checkA11y(d, 'call-doctor-panel');
  // A draft note survives switching to the chat and back (tabs by keyboard).
  await d.getByRole('tab', { name: 'Visit notes' }).click();
  await d.getByLabel('Notes', { exact: true }).fill('Cough, no fever.');
  await d.getByRole('tab', { name: 'Visit notes' }).press('ArrowRight');
  await d.getByLabel('Type a message').waitFor();
  await d.getByRole('tab', { name: 'Chat' }).press('ArrowLeft');
  expect(await d.getByLabel('Notes', { exact: true }).inputValue()).toBe('Cough, no fever.');

  // Joining the call opened the conversation; both go to the inbox.
  await p.waitForURL('**/call/**', { timeout: 20_000 });
  await Promise.all([p.goto('/messages'), d.goto('/messages')]);
  await p.getByRole('link', { name: /Dr\. Asha Rao/ }).click();
  const compose = p.getByLabel('Write a message');
  await compose.fill('Is it fine to take paracetamol tonight?');
  await compose.press('Enter');
  await p.locator('.msgs').getByText('Is it fine to take paracetamol tonight?').waitFor();

  // Unread on the doctor's list, live; opening the thread reads it and the patient sees "Read".
  await expect.poll(() => d.getByTestId('unread-count').innerText(), { timeout: 10_000 }).toContain('1');
  await d.getByRole('link', { name: /Priya Sharma/ }).click();
  await d.locator('.msgs').getByText('Is it fine to take paracetamol tonight?').waitFor();
  await expect.poll(() => p.getByTestId('receipt').last().innerText(), { timeout: 10_000 }).toBe('Read');

  const reply = d.getByLabel('Write a message');
  await reply.pressSequentially('Yes, ', { delay: 20 });
  await p.getByText('Dr. Asha Rao is typing…').waitFor();
  await reply.pressSequentially('500 mg, at most four times a day.');
  await d.getByRole('button', { name: 'Send' }).click();
  await p.locator('.msgs').getByText('Yes, 500 mg, at most four times a day.').waitFor();
  await expect.poll(() => p.getByText('Dr. Asha Rao is typing…').count()).toBe(0);
  await Promise.all([shot(p, 'messages-patient'), shot(d, 'messages-doctor')]);
  await checkA11y(p, 'messages-patient');
  await checkA11y(d, 'messages-doctor');
  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});
