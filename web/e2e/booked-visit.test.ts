// Issue 15, end to end in the browser: a new doctor joins through the app, stays invisible until an
// admin verifies her, then a patient finds and books her for a few minutes ahead, pays from the
// wallet, opens the confirmation e-mail's link (signing in on the way), waits for the call window
// on the appointment page and joins; the doctor starts the call from her agenda; both decode each
// other's video and chat; the doctor ends the visit, lands on its notes and proposes a follow-up;
// the visit reads completed on both sides and the patient rates it and books the follow-up in one
// click. Then every link of every e-mail template is opened as its recipient.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { EMAIL_CATALOG, emailLinks, type Recipient } from '@telehealth/api/email/catalog';
import {
  DEMO,
  apiLogin,
  launchBrowser,
  newUser,
  shot,
  signIn,
  startServer,
  waitForMail,
  type TestServer,
} from './harness.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const NISHA = {
  email: `nisha.${Date.now()}@example.com`,
  password: 'Nisha-secret-2026',
  name: 'Dr. Nisha Verma',
};
// The doctor works in a zone where it is not near midnight now, so "a few minutes from now" is today.
const utcHour = new Date().getUTCHours();
const ZONE = utcHour >= 1 && utcHour <= 21 ? 'UTC' : 'Asia/Tokyo';

let server: TestServer;
let browser: Browser;
let doctor: Awaited<ReturnType<typeof newUser>>;
let patient: Awaited<ReturnType<typeof newUser>>;
let admin: Awaited<ReturnType<typeof newUser>>;
let appointmentId = '';
let doctorId = '';

beforeAll(async () => {
  // The patient's call window opens one minute before the start (a config knob, CALL_*_MINUTES).
  [server, browser] = await Promise.all([
    startServer({ SFU_WORKERS: '1', CALL_PATIENT_EARLY_MINUTES: '1', CALL_DOCTOR_EARLY_MINUTES: '5' }),
    launchBrowser(),
  ]);
  doctor = await newUser(browser, server.url, { timezone: ZONE });
  admin = await newUser(browser, server.url);
  for (const u of [doctor]) await u.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Inbound video frames decoded on this page's call (0 before the call is up). */
const framesDecoded = (page: Page) =>
  page.evaluate(async () => {
    const call = (window as unknown as { __call?: { framesDecoded(): Promise<number> } }).__call;
    return call ? call.framesDecoded() : 0;
  });

/** "HH:MM" in `zone`, `minutes` from now, rounded up to the minute. */
function wallClock(zone: string, minutes: number) {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

test('a new doctor joins, is invisible until an admin verifies her, then patients find her', async () => {
  const d = doctor.page;
  await d.goto('/');
  await d.getByRole('link', { name: 'Are you a doctor? Join as a doctor' }).click();
  await d.getByRole('heading', { name: 'Join as a doctor' }).waitFor();
  await d.getByLabel('Full name').fill(NISHA.name);
  await d.getByLabel('Email').fill(NISHA.email);
  await d.getByLabel('Password', { exact: true }).fill(NISHA.password);
  await shot(d, 'join-as-doctor');
  await d.getByRole('button', { name: 'Continue' }).click();
  const code = /\b(\d{6})\b/.exec(
    (await waitForMail(server.url, NISHA.email, /verification code/)).subject,
  )![1]!;
  await d.getByLabel('Verification code').fill(code);
  await d.getByRole('button', { name: 'Confirm and create account' }).click();

  // The application: what is missing, then each part.
  await d.waitForURL('**/doctor/onboarding');
  const state = d.getByTestId('onboarding-state');
  await state.getByText('Application incomplete').waitFor();
  await state.getByText('Registration and qualifications').waitFor();
  await d.getByLabel('Specialty', { exact: true }).fill('Endocrinology');
  await d.getByLabel('Consultation fee').fill('300');
  await d.getByLabel('Currency').selectOption('INR');
  await d.getByLabel('Consultation length').selectOption('5');
  await d.getByLabel('Hindi').check();
  await d.getByRole('button', { name: 'Save profile' }).click();
  await state.getByText('Practice profile (specialty').waitFor({ state: 'detached' });
  await d.getByLabel('Registration number').fill('NMC-2014-77102');
  await d.getByLabel('Issuing council').fill('National Medical Commission (India)');
  await d.getByLabel('Qualifications').fill('MBBS, MD (Endocrinology)');
  await d.getByLabel('Years of experience').fill('9');
  await d.getByRole('button', { name: 'Save registration' }).click();
  await state.getByText('Registration and qualifications').waitFor({ state: 'detached' });
  await d
    .getByLabel('Photo (PNG, JPEG or WebP, at most 2 MB)')
    .setInputFiles({ name: 'nisha.png', mimeType: 'image/png', buffer: PNG });
  await state.getByText('Profile photo').waitFor({ state: 'detached' });
  for (const day of ['Sat', 'Sun']) await d.getByLabel(day, { exact: true }).check();
  await d.getByRole('button', { name: 'Save hours' }).click();
  await state.getByText('Pending verification').waitFor();
  await shot(d, 'doctor-onboarding');
  doctorId = (await (await apiLogin(server.url, NISHA))<{ id: string }>('GET', '/me')).id;

  // Patients do not see her yet.
  patient = await newUser(browser, server.url);
  await patient.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
  const p = patient.page;
  await signIn(p, DEMO.patient);
  await p.goto('/doctors?q=Nisha');
  await p.getByRole('heading', { name: 'No doctors match these filters' }).waitFor();
  await p.goto(`/doctors/${doctorId}`);
  await p.getByText('This doctor could not be found.').waitFor();

  // The admin reviews the credentials and verifies her.
  await signIn(admin.page, DEMO.admin);
  await admin.page.goto('/admin/doctors');
  const row = admin.page.getByRole('row', { name: /Dr\. Nisha Verma/ });
  await row.getByText('NMC-2014-77102').waitFor();
  await row.getByText('Pending verification').waitFor();
  await shot(admin.page, 'admin-doctor-review');
  await row.getByRole('button', { name: 'Verify Dr. Nisha Verma' }).click();
  await row.getByText('Verified', { exact: true }).waitFor();
  await waitForMail(server.url, NISHA.email, /You are verified/);

  // Now she is found, with her specialty.
  await p.goto('/doctors?q=Nisha');
  await p.getByRole('heading', { name: 'Dr. Nisha Verma' }).waitFor();
  expect([...doctor.problems, ...patient.problems, ...admin.problems]).toEqual([]);
});

test(
  'booked a few minutes ahead, paid, joined from the e-mail; video and chat both ways; completed and rated',
  async () => {
    const d = doctor.page;
    const p = patient.page;
    // Her hours today start a few minutes from now: the first slot is then, its call opens a minute before.
    await d.getByLabel('From', { exact: true }).fill(wallClock(ZONE, 3));
    await d.getByLabel('To', { exact: true }).fill('23:59');
    await Promise.all([
      d.waitForResponse(
        (r) => r.url().endsWith('/doctors/me/availability') && r.request().method() === 'PUT' && r.ok(),
      ),
      d.getByRole('button', { name: 'Save hours' }).click(),
    ]);

    await p.goto(`/doctors/${doctorId}`);
    await p.getByRole('heading', { level: 1, name: 'Dr. Nisha Verma' }).waitFor();
    await p.locator('.time').first().click();
    await p.getByRole('link', { name: /^Book / }).click();
    await p.getByLabel('Reason for the visit (optional)').fill('Review of my thyroid results');
    await p.getByRole('button', { name: 'Reserve this time' }).click();
    await p.locator('input[name="method"][value="wallet"]').check();
    await p.getByRole('button', { name: /^Pay / }).click();
    await p.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();

    // The confirmation e-mail's link, opened signed out: sign in, and land on the appointment page.
    const mail = await waitForMail(
      server.url,
      DEMO.patient.email,
      /Confirmed: consultation with Dr\. Nisha Verma/,
    );
    const link = /https?:\/\/\S+\/appointments\/[0-9a-f-]{36}/.exec(mail.text)![0];
    appointmentId = link.slice(-36);
    const inbox = await newUser(browser, server.url);
    await inbox.context.addInitScript(() => localStorage.setItem('th.e2e', '1'));
    const q = inbox.page;
    await q.goto(link);
    await q.waitForURL(/\/login\?next=/);
    await q.getByLabel('Email').fill(DEMO.patient.email);
    await q.getByLabel('Password', { exact: true }).fill(DEMO.patient.password);
    await q.getByRole('button', { name: 'Sign in', exact: true }).click();
    await q.waitForURL(`**/appointments/${appointmentId}`);
    await q.getByRole('heading', { name: 'Consultation with Dr. Nisha Verma' }).waitFor();
    await q.getByTestId('countdown').waitFor();
    expect(await q.getByRole('button', { name: 'Join the consultation' }).isDisabled()).toBe(true);
    await q.getByTestId('visit-reason').getByText('Review of my thyroid results').waitFor();
    await shot(q, 'appointment-countdown');
    await p.close();

    // The receipt e-mail: the amount once, the time in the patient's zone, a real receipt page.
    const receipt = await waitForMail(server.url, DEMO.patient.email, /^Receipt TH-/);
    expect(receipt.text.split('₹300.00').length - 1).toBe(1);
    expect(receipt.text).toMatch(/\(Asia\/(Kolkata|Calcutta)\)/);

    // The doctor's agenda: the visit and its reason.
    await d.goto('/doctor');
    const item = d.getByRole('listitem').filter({ hasText: 'Priya Sharma' });
    await item.getByText('Review of my thyroid results').waitFor();

    // The window opens: Join checks the patient in; the agenda shows her as arrived, live.
    const join = q.getByRole('button', { name: 'Join the consultation' });
    await expect.poll(() => join.isEnabled(), { timeout: 6 * 60_000, interval: 1000 }).toBe(true);
    await join.click();
    await q.waitForURL(`**/call/${appointmentId}`);
    await item.getByText('Arrived').waitFor({ timeout: 20_000 });
    await shot(d, 'doctor-agenda-arrived');
    await item.getByRole('link', { name: 'Start call with Priya Sharma' }).click();
    await d.waitForURL(`**/call/${appointmentId}`);

    for (const page of [q, d])
      await expect.poll(() => framesDecoded(page), { timeout: 40_000, interval: 500 }).toBeGreaterThan(10);
    await q.getByLabel('Type a message').fill('Good morning doctor, I have my results here.');
    await q.getByRole('button', { name: 'Send' }).click();
    await d.locator('.msgs').getByText('Good morning doctor, I have my results here.').waitFor();
    await d.getByLabel('Type a message').fill('Good morning Priya. Let us go through them.');
    await d.keyboard.press('Enter');
    await q.locator('.msgs').getByText('Good morning Priya. Let us go through them.').waitFor();
    await shot(q, 'booked-call-patient');

    // The doctor ends the visit and lands on its notes; she proposes a follow-up.
    await d.getByRole('button', { name: 'End consultation' }).click();
    await d.waitForURL(`**/doctor/visits/${appointmentId}`);
    await d.getByRole('heading', { name: 'Visit notes: Priya Sharma' }).waitFor();
    await d.getByText('Completed', { exact: true }).first().waitFor();
    await d.getByTestId('finished-today').getByText('Priya Sharma').waitFor();
    await d.getByRole('button', { name: 'Propose a follow-up' }).click();
    const dialog = d.getByRole('dialog');
    await dialog.getByLabel(/What the follow-up is for/).fill('Repeat TSH in six weeks');
    await dialog.getByRole('button', { name: 'Next →' }).click();
    await dialog.locator('.time').first().click();
    await dialog.getByRole('button', { name: 'Propose this time' }).click();
    await d.getByText('Proposed', { exact: true }).waitFor();
    await d.evaluate(() => window.scrollTo(0, 0));
    await shot(d, 'doctor-visit-notes');

    // The patient: completed, rated; the follow-up booked in one click.
    await q.getByRole('heading', { name: 'The consultation has ended' }).waitFor();
    await q.getByRole('link', { name: 'Rate your consultation' }).click();
    await q.waitForURL(`**/appointments/${appointmentId}`);
    await q.getByRole('heading', { name: 'This consultation is completed' }).waitFor();
    await q.getByLabel('5 out of 5 stars').check({ force: true });
    await q.getByLabel('Comment (optional, read by our team)').fill('Clear and kind.');
    await q.getByRole('button', { name: 'Send rating' }).click();
    await q.getByTestId('my-rating').getByText('You rated this consultation 5 out of 5').waitFor();
    await q.getByTestId('proposal').getByText('Dr. Nisha Verma proposes a follow-up').waitFor();
    await shot(q, 'appointment-completed');
    await q.getByRole('button', { name: 'Book the follow-up' }).click();
    await q.waitForURL(/\/book\/.+\?appointment=/);
    await q.getByText(/Slot held until/).waitFor();

    // The doctor's side reads completed too; her profile shows the average; admins read the comment.
    await d.goto(`/appointments/${appointmentId}`);
    await d.getByRole('heading', { name: 'This consultation is completed' }).waitFor();
    await q.goto(`/doctors/${doctorId}`);
    await expect.poll(() => q.getByTestId('doctor-rating').innerText()).toBe('★ 5.0 · 1 rating');
    await admin.page.goto('/admin/ratings');
    await admin.page
      .getByRole('row')
      .filter({ hasText: 'Dr. Nisha Verma' })
      .getByText('Clear and kind.')
      .waitFor();
    await shot(admin.page, 'admin-ratings');
    expect([...doctor.problems, ...inbox.problems]).toEqual([]);
    // Waiting for the call window is most of it: the slot starts three to four minutes after booking.
  },
  8 * 60_000,
);

test('every link of every e-mail template opens a real page for its recipient', async () => {
  expect(appointmentId).not.toBe('');
  const priya = await apiLogin(server.url, DEMO.patient);
  const paymentId = (await priya<{ receiptId: string }>('GET', `/appointments/${appointmentId}`)).receiptId;
  const fixture = { publicUrl: server.url, appointmentId, doctorId, paymentId };

  const as: Record<Recipient, Page> = {
    patient: (await newUser(browser, server.url)).page,
    doctor: doctor.page,
    admin: admin.page,
    anyone: (await newUser(browser, server.url)).page,
  };
  await signIn(as.patient, DEMO.patient);

  // The catalog's renderings, and the real e-mails this server sent during the journey.
  const toOpen = new Map<string, Recipient>();
  for (const e of EMAIL_CATALOG)
    for (const l of emailLinks(e.render(fixture))) toOpen.set(`${e.recipient} ${l}`, e.recipient);
  for (const [who, email] of [
    ['patient', DEMO.patient.email],
    ['doctor', NISHA.email],
  ] as const) {
    const adminApi = await apiLogin(server.url, DEMO.admin);
    for (const m of await adminApi<{ html: string; text: string; subject: string }[]>(
      'GET',
      `/admin/mailbox?to=${encodeURIComponent(email)}`,
    ))
      for (const l of emailLinks(m)) toOpen.set(`${who} ${l}`, who);
  }
  expect(toOpen.size).toBeGreaterThanOrEqual(10);

  for (const [key, who] of toOpen) {
    const link = key.slice(who.length + 1);
    const page = as[who];
    const refused: string[] = [];
    const onResponse = (r: Response) => {
      if (r.url().includes('/api/v1/') && [401, 403].includes(r.status()))
        refused.push(`${r.status()} ${r.url()}`);
    };
    page.on('response', onResponse);
    const res = await page.goto(link);
    expect(res?.status(), link).toBeLessThan(400);
    expect(res?.headers()['content-type'] ?? '', link).toContain('text/html');
    await page.locator('main h1, main h2').first().waitFor();
    // Settled: the page's own data requests answered.
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { name: 'Page not found' }).count(), link).toBe(0);
    expect(await page.getByRole('heading', { name: 'Something went wrong' }).count(), link).toBe(0);
    expect(await page.getByRole('heading', { name: 'Not available for your account' }).count(), link).toBe(0);
    expect(refused, link).toEqual([]);
    page.off('response', onResponse);
    if (who === 'patient' && link.endsWith('/records/access')) await shot(page, 'records-access');
  }
});

test('admins deactivate an account with a reason, and the audit log shows it', async () => {
  const a = admin.page;
  await a.goto('/admin/users');
  await a.getByRole('searchbox').fill('kenji');
  await a.getByRole('button', { name: 'Deactivate Dr. Kenji Watanabe' }).click();
  const dialog = a.getByRole('dialog');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Left the practice in November');
  await shot(a, 'admin-user-deactivate');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await a
    .getByRole('row', { name: /Dr\. Kenji Watanabe/ })
    .getByText('Suspended')
    .waitFor();
  await a.goto('/admin/audit');
  await a.getByLabel('Action').fill('admin.user.');
  await a
    .getByRole('row')
    .filter({ hasText: 'admin.user.suspend' })
    .getByText('“Left the practice in November”')
    .waitFor();
  expect(admin.problems).toEqual([]);
});
