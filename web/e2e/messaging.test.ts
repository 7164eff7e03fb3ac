// Issue 18 on screen: a patient writes to her doctor outside a visit (from the appointment page), the
// doctor replies live and closes the conversation, the patient sees why it is closed and reports the
// doctor's message; the admin reviews the message in context on "Chat reports" and warns the sender,
// which the audit log shows; the admin changes a user's role with a reason. The messages page in Hindi.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Appointment, Doctor, Paged, Payment, SlotList } from '../src/lib/types.ts';
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
let ashaId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ SFU_WORKERS: '1' }), launchBrowser()]);
  // Setup through the API, as the booking pages would leave it: Priya has a paid visit with Dr. Asha
  // Rao (upcoming; a past one gives the same right to write).
  const priya = await apiLogin(server.url, DEMO.patient);
  const doctors = await priya<Paged<Doctor>>('GET', '/doctors?pageSize=100');
  const asha = doctors.items.find((d) => /Asha Rao/.test(d.name))!;
  const { slots } = await priya<SlotList>('GET', `/doctors/${asha.id}/slots`);
  const slot = slots.find((s) => Date.parse(s.startsAt) > Date.now() + 2 * 3_600_000)!;
  const appt = await priya<Appointment>('POST', '/appointments', {
    doctorId: asha.id,
    startsAt: slot.startsAt,
  });
  await priya<Payment>('POST', `/appointments/${appt.id}/pay`, { method: 'wallet' });
  appointmentId = appt.id;
  ashaId = asha.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a patient writes to her doctor outside a visit; the doctor replies live and closes it; a report reaches the admin, who warns the sender', async () => {
  // The doctor has the inbox open before anything is written.
  const doc = await newUser(browser, server.url);
  await signIn(doc.page, DEMO.doctor);
  await doc.page.goto('/messages');
  await doc.page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();

  // The patient starts where she is: her appointment.
  const pat = await newUser(browser, server.url);
  await signIn(pat.page, DEMO.patient);
  await pat.page.goto(`/appointments/${appointmentId}`);
  await pat.page.getByRole('button', { name: 'Message the doctor' }).click();
  await pat.page.waitForURL(/\/messages\?c=[0-9a-f-]{36}/);
  await pat.page.getByRole('heading', { name: 'Conversation with Dr. Asha Rao' }).waitFor();
  await pat.page.getByLabel('Write a message').fill('Can I take the new tablets with food?');
  await pat.page.getByRole('button', { name: 'Send', exact: true }).click();

  // The new conversation appears in the doctor's open inbox, and the message with it, live.
  await doc.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: /Priya Sharma/ })
    .click();
  await doc.page.getByText('Can I take the new tablets with food?').waitFor();
  await doc.page.getByLabel('Write a message').fill('Yes, after meals. Come back if the nausea lasts.');
  await doc.page.getByRole('button', { name: 'Send', exact: true }).click();
  await pat.page.getByText('Yes, after meals. Come back if the nausea lasts.').waitFor();
  await shot(pat.page, 'messages-direct');

  // The doctor closes the conversation with a note; the patient sees it closed, and why, live.
  await doc.page.getByRole('button', { name: 'Close conversation' }).click();
  const closeDialog = doc.page.getByRole('dialog', { name: 'Close the conversation with Priya Sharma?' });
  await closeDialog
    .getByLabel('Note for the patient (optional)')
    .fill('Please book a follow-up visit for anything new.');
  await closeDialog.getByRole('button', { name: 'Close conversation' }).click();
  await doc.page.getByRole('button', { name: 'Reopen conversation' }).waitFor();
  const closed = pat.page.getByTestId('conversation-closed');
  await closed.getByText(/Dr\. Asha Rao closed this conversation on/).waitFor();
  await closed.getByText('Note: “Please book a follow-up visit for anything new.”').waitFor();
  expect(await pat.page.getByLabel('Write a message').count()).toBe(0);
  await shot(pat.page, 'messages-closed');

  // The patient reports the doctor's reply, with a reason.
  await pat.page.getByRole('button', { name: 'Report this message from Dr. Asha Rao' }).click();
  const reportDialog = pat.page.getByRole('dialog', { name: 'Report a message' });
  await reportDialog
    .getByLabel('What is wrong with it?')
    .fill('It brushed off my question about side effects.');
  await reportDialog.getByRole('button', { name: 'Send report' }).click();
  await pat.page.getByText('Reported. An administrator will review it.').waitFor();
  // Still marked after a reload (the history says which messages she reported).
  await pat.page.reload();
  await pat.page.getByText('Yes, after meals. Come back if the nausea lasts.').waitFor();
  await pat.page.getByText('Reported', { exact: true }).waitFor();
  expect(await pat.page.getByRole('button', { name: 'Report this message from Dr. Asha Rao' }).count()).toBe(
    0,
  );

  // The messages page in Hindi (the choice is saved on the account: English is restored after).
  try {
    await pat.page.getByLabel('Language').selectOption('hi');
    await pat.page.getByRole('heading', { name: 'संदेश', exact: true }).waitFor();
    await pat.page.getByText(/ने .* को यह बातचीत बंद कर दी।/).waitFor();
    await shot(pat.page, 'messages-hi');
  } finally {
    await pat.page.getByLabel('भाषा').selectOption('en');
    await pat.page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
  }
  // The doctor reopens it: the patient can write again, live.
  await doc.page.getByRole('button', { name: 'Reopen conversation' }).click();
  await pat.page.getByLabel('Write a message').waitFor();
  expect(await pat.page.getByTestId('conversation-closed').count()).toBe(0);
  expect(pat.problems).toEqual([]);

  // The admin: the reported message in context, a warning with a note.
  const adm = await newUser(browser, server.url);
  await signIn(adm.page, DEMO.admin);
  await adm.page.getByRole('link', { name: 'Chat reports' }).first().click();
  await adm.page.getByRole('heading', { name: 'Chat reports' }).waitFor();
  const report = adm.page.getByRole('article', { name: 'Resolve the report about Dr. Asha Rao' });
  await report.getByText('“It brushed off my question about side effects.”').waitFor();
  const context = report.getByRole('list', { name: 'The reported message in context' });
  await context.getByText('Can I take the new tablets with food?').waitFor();
  await context
    .locator('li.reported')
    .getByText('Yes, after meals. Come back if the nausea lasts.')
    .waitFor();
  // The review in Hindi (the choice is saved on the account: English is restored after).
  try {
    await adm.page.getByLabel('Language').selectOption('hi');
    await adm.page.getByRole('heading', { name: 'चैट शिकायतें' }).waitFor();
    await adm.page.getByText('शिकायत वाला संदेश', { exact: true }).waitFor();
    await shot(adm.page, 'admin-chat-reports-hi');
  } finally {
    await adm.page.getByLabel('भाषा').selectOption('en');
    await adm.page.getByRole('heading', { name: 'Chat reports' }).waitFor();
  }
  await report.getByLabel('Warn the sender').check();
  await report.getByLabel(/^Note/).fill('Please answer questions about side effects in full.');
  await shot(adm.page, 'admin-chat-reports');
  await report.getByRole('button', { name: 'Resolve report' }).click();
  await adm.page.getByText('No open reports').waitFor();
  await adm.page.getByRole('link', { name: 'Resolved' }).click();
  await adm.page
    .getByRole('article', { name: 'Resolve the report about Dr. Asha Rao' })
    .getByText('Sender warned')
    .waitFor();

  // The doctor is told, in the bell.
  await doc.page.getByRole('button', { name: /Notifications/ }).click();
  await doc.page
    .getByRole('region', { name: 'Notifications' })
    .getByText('A message you sent was reported')
    .waitFor();
  expect(doc.problems).toEqual([]);

  // The decision is in the audit log, with its note.
  await adm.page.goto('/admin/audit');
  await adm.page.getByLabel('Action').fill('admin.chat_report');
  await adm.page
    .getByRole('row')
    .filter({ hasText: 'admin.chat_report.resolve' })
    .getByText('“Please answer questions about side effects in full.”')
    .waitFor();
  expect(adm.problems).toEqual([]);
});

test('the admin changes a user’s role with a reason', async () => {
  const adm = await newUser(browser, server.url);
  await signIn(adm.page, DEMO.admin);
  await adm.page.goto('/admin/users?q=amelia');
  const row = adm.page.getByRole('row').filter({ hasText: 'Amelia Hughes' });
  await row.getByRole('button', { name: 'Change role: Amelia Hughes' }).click();
  const dialog = adm.page.getByRole('dialog', { name: 'Change the role of Amelia Hughes' });
  await dialog.getByLabel('Role').selectOption('doctor');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Registered GP joining the practice');
  await shot(adm.page, 'admin-role-change');
  await dialog.getByRole('button', { name: 'Change role' }).click();
  await row.getByRole('cell', { name: 'Doctor', exact: true }).waitFor();
  await adm.page.goto('/admin/audit');
  await adm.page.getByLabel('Action').fill('admin.user.role_change');
  await adm.page
    .getByRole('row')
    .filter({ hasText: 'admin.user.role_change' })
    .getByText('“Registered GP joining the practice”')
    .waitFor();
  expect(adm.problems).toEqual([]);
});

test('from the doctor’s profile: a patient with a visit reaches her conversation, one without is told why', async () => {
  const john = await newUser(browser, server.url);
  await signIn(john.page, { email: 'john@telehealth.local', password: DEMO.patient.password });
  await john.page.goto(`/doctors/${ashaId}`);
  await john.page.getByRole('button', { name: 'Message the doctor' }).click();
  await john.page
    .getByRole('status')
    .filter({ hasText: 'You can write to a doctor once you have a booked visit with them.' })
    .waitFor();
  expect(john.page.url()).toContain(`/doctors/${ashaId}`);
  expect(john.problems).toEqual([]);

  const pat = await newUser(browser, server.url);
  await signIn(pat.page, DEMO.patient);
  await pat.page.goto(`/doctors/${ashaId}`);
  await pat.page.getByRole('button', { name: 'Message the doctor' }).click();
  await pat.page.waitForURL(/\/messages\?c=[0-9a-f-]{36}/);
  await pat.page.getByRole('heading', { name: 'Conversation with Dr. Asha Rao' }).waitFor();
  expect(pat.problems).toEqual([]);
});
