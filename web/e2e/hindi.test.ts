// Issue 18, languages: a patient and a doctor who chose Hindi use the key pages of the product and
// see no English interface text. Each page's visible text (and the labels a screen reader reads)
// is searched for English sentinel words; what people typed or were named (names, the doctor's
// specialty and bio) is data and is taken out first, read from the API like the page reads it.
// The patient books and pays from the wallet (the confirmation e-mail arrives in Hindi), runs a
// symptom check with a warning sign (the red-flag screen), then a routine one into the waiting room;
// the doctor sees the live queue in Hindi, calls her in, and both are in the call with its panel.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  DEMO,
  apiLogin,
  launchBrowser,
  newUser,
  shot,
  startServer,
  waitForMail,
  type TestServer,
} from './harness.ts';

let server: TestServer;
let browser: Browser;
let patient: Awaited<ReturnType<typeof newUser>>;
let doctor: Awaited<ReturnType<typeof newUser>>;
/** Strings that are data, not interface: names, specialties, bios, qualifications. */
let data: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [patient, doctor] = await Promise.all([newUser(browser, server.url), newUser(browser, server.url)]);
  const admin = await apiLogin(server.url, DEMO.admin);
  const doctors = await admin<{ items: Record<string, unknown>[] }>('GET', '/doctors?pageSize=100');
  const users = await admin<{ items: { name: string }[] }>('GET', '/admin/users?pageSize=100');
  data = [
    ...doctors.items.flatMap((d) => [d.name, d.specialty, d.bio, ...((d.qualifications as string[]) ?? [])]),
    ...users.items.map((u) => u.name),
    // Time zones are shown by their IANA names ("Europe/Isle of Man"), identifiers in every language.
    ...Intl.supportedValuesOf('timeZone').map((z) => z.replaceAll('_', ' ')),
  ]
    .filter((s): s is string => typeof s === 'string' && s.length > 1)
    // Longest first, so a bio goes before a name inside it.
    .sort((a, b) => b.length - a.length);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * English interface words. Matched as whole words, case-sensitively for the capitalised ones a
 * heading, button or label starts with, and in any case for the small words every English
 * sentence has.
 */
const SENTINELS = [
  'Book',
  'Booked',
  'Appointment',
  'Appointments',
  'Waiting',
  'Records',
  'Record',
  'Wallet',
  'Symptom',
  'Symptoms',
  'Cancel',
  'Loading',
  'Join',
  'Doctor',
  'Doctors',
  'Pay',
  'Paid',
  'Patient',
  'Patients',
  'Queue',
  'Search',
  'Sign',
  'Account',
  'Messages',
  'Message',
  'Consultation',
  'Upcoming',
  'Today',
  'Save',
  'Back',
  'Next',
  'Previous',
  'Share',
  'Upload',
  'Balance',
  'Receipt',
  'Emergency',
  'Available',
  'Profile',
  'Language',
  'Fee',
  'Notes',
  'Prescription',
  'Video',
  'Camera',
  'Mute',
  'Leave',
  'Chat',
  'Send',
  'Menu',
  'Close',
  'Skip',
  'View',
  'Choose',
  'Reserve',
  'Confirmed',
  'Pending',
  'Completed',
  'Cancelled',
  'Call',
  'Start',
  'End',
  'Time',
  'Date',
  'Amount',
  'Total',
  'Status',
  'Priority',
  'Routine',
  'Urgent',
  'Yes',
  'No',
  'Not',
  'Find',
  'Filter',
  'Clear',
  'Specialty',
  'Minutes',
  'Hours',
  'Name',
  'Email',
  'Password',
  'Phone',
  'Security',
  'Settings',
  'Notifications',
  'Inbox',
  'Unread',
  'Open',
  'Closed',
  'Online',
  'Offline',
  'Connecting',
  'Reconnecting',
  'Assessment',
  'Age',
  'Sex',
  'Male',
  'Female',
  'Why',
  'Warning',
  'Signs',
  'Visit',
  'Visits',
  'Agenda',
  'Availability',
  'Speaks',
  'About',
  'Error',
  'Retry',
  'Refund',
  'Transaction',
  'Transactions',
  'Credit',
  'Description',
  'Download',
  'Delete',
  'Welcome',
] as const;
const SMALL_WORDS = [
  'the',
  'and',
  'your',
  'you',
  'with',
  'for',
  'this',
  'from',
  'are',
  'is',
  'of',
  'to',
  'in',
  'on',
  'at',
];
const CAPITALISED = new RegExp(`\\b(${SENTINELS.join('|')})\\b`, 'g');
const SMALL = new RegExp(`\\b(${SMALL_WORDS.join('|')})\\b`, 'gi');

/** What a sighted or a screen-reader user meets on the page: visible text and accessible labels. */
const pageText = (p: Page) =>
  p.evaluate(() => {
    const labels = [
      ...document.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title], img[alt]'),
    ]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) =>
        ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').join(' '),
      );
    return [document.title, document.body.innerText, ...labels].join('\n');
  });

/** English words left on the page, each with a little context (empty when the page is all Hindi). */
async function englishOn(p: Page): Promise<string[]> {
  let text = await pageText(p);
  for (const s of data) text = text.split(s).join(' ');
  return [...text.matchAll(CAPITALISED), ...text.matchAll(SMALL)].map(
    (m) =>
      `${m[0]}: …${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\s+/g, ' ')}…`,
  );
}

/** The page has settled (its heading is there, its requests answered) and shows no English. */
async function allHindi(p: Page, page: string, ready: Locator = p.locator('h1').first()) {
  await ready.waitFor();
  // Live pages keep a socket open, which networkidle does not wait for; HTTP loads it does.
  await p.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  expect.soft(await englishOn(p), `English on ${page} (${new URL(p.url()).pathname})`).toEqual([]);
}

/** Signs in (the sign-in page is shown in the device's language, English here), then picks Hindi. */
async function signInAndChooseHindi(p: Page, who: { email: string; password: string }) {
  await p.goto('/login');
  await p.getByLabel('Email').fill(who.email);
  await p.getByLabel('Password', { exact: true }).fill(who.password);
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await p.waitForURL((u) => u.pathname !== '/login');
  await p.getByRole('button', { name: 'Sign out' }).waitFor();
  // The language picker in the header; the choice is saved to the account (PATCH /me).
  await p.getByRole('banner').getByRole('combobox').first().selectOption('hi');
  await p.getByRole('button', { name: 'साइन आउट' }).waitFor();
  await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('hi');
}

test('the key pages in Hindi show no English interface text, for the patient and the doctor', async () => {
  const p = patient.page;
  const d = doctor.page;
  await Promise.all([signInAndChooseHindi(p, DEMO.patient), signInAndChooseHindi(d, DEMO.doctor)]);

  // Home, search, a doctor's profile.
  await p.goto('/');
  await allHindi(p, 'home');
  await p.getByRole('navigation').getByRole('link', { name: 'डॉक्टर खोजें' }).first().click();
  await p.locator('article h2').first().waitFor();
  await allHindi(p, 'find doctors');
  await shot(p, 'find-doctors-hi');
  await p.getByRole('link', { name: 'Dr. Asha Rao' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Dr. Asha Rao' }).waitFor();
  await p.locator('.time').first().waitFor();
  await allHindi(p, 'doctor profile');

  // Book the first free time and pay from the wallet.
  await p.locator('.time').first().click();
  await p.getByRole('link', { name: /बुक करें$/ }).click();
  await p.getByRole('heading', { level: 1, name: 'परामर्श बुक करें' }).waitFor();
  await allHindi(p, 'book');
  await p.getByRole('button', { name: 'यह समय आरक्षित करें' }).click();
  await p.getByText(/तक आरक्षित है/).waitFor();
  await allHindi(p, 'book: slot held, payment');
  await shot(p, 'book-and-pay-hi');
  await p.locator('input[name="method"][value="wallet"]').check();
  await p.getByRole('button', { name: /का भुगतान करें$/ }).click();
  await p.getByRole('heading', { name: 'आपका परामर्श बुक हो गया' }).waitFor();
  await allHindi(p, 'booking confirmed');
  // The confirmation e-mail is written in her language too.
  const mail = await waitForMail(server.url, DEMO.patient.email, /^पुष्टि हो गई/);
  expect(mail.text).toContain('Dr. Asha Rao');
  expect(mail.text).toContain('नमस्ते');
  // So is the receipt, down to what she paid for (the doctor and the time, in Hindi).
  const receipt = await waitForMail(server.url, DEMO.patient.email, /^टेलीहेल्थ हब से रसीद/);
  expect(receipt.text).toMatch(/Dr\. Asha Rao के साथ परामर्श \(.+ \d{4} को .+\) के लिए ₹[\d,.]+ मिले।/);
  expect(receipt.text.replace(/http\S+/g, '')).not.toMatch(/\b(consultation|Receipt|Hello|wallet)\b/i);

  await p.getByRole('navigation').getByRole('link', { name: 'अपॉइंटमेंट' }).first().click();
  await p.getByText('Dr. Asha Rao').first().waitFor();
  await allHindi(p, 'appointments');
  await shot(p, 'appointments-hi');

  // A symptom check with a warning sign: the emergency action, in Hindi.
  await p.getByRole('navigation').getByRole('link', { name: 'लक्षण जाँच' }).first().click();
  await p.getByLabel('आयु (वर्ष)').fill('67');
  await p.getByLabel('लिंग').selectOption('male');
  const groups = p.getByRole('radiogroup');
  await groups.first().waitFor();
  await allHindi(p, 'symptom check: warning-sign questions');
  await groups.first().getByLabel('हाँ', { exact: true }).check();
  await p.getByTestId('emergency-action').waitFor();
  await allHindi(p, 'symptom check: red-flag screen');
  await shot(p, 'symptom-check-red-flag-hi');

  // A routine check into the doctor's waiting room.
  await p.reload();
  await p.getByLabel('आयु (वर्ष)').fill('34');
  await p.getByLabel('लिंग').selectOption('female');
  await groups.nth(5).waitFor();
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByLabel('नहीं', { exact: true }).check();
  await p.getByLabel('आपके लक्षण').fill('दो दिन से हल्का गला खराब है');
  await p.getByRole('button', { name: 'मेरे लक्षण जाँचें' }).click();
  await p.getByRole('heading', { name: 'आकलन' }).waitFor();
  await allHindi(p, 'symptom check: result');
  await p.getByRole('button', { name: /^प्रतीक्षा कक्ष में जाएँ: Dr. Asha Rao/ }).click();
  await p.waitForURL('**/waiting-room/**');
  await expect.poll(() => p.getByTestId('queue-position').textContent(), { timeout: 15_000 }).toBe('1');
  await allHindi(p, 'waiting room');
  await shot(p, 'waiting-room-hi');

  // The doctor: today's agenda, the live queue, then the call with its panel.
  await d.goto('/doctor');
  await allHindi(d, 'doctor: today');
  await d.goto('/doctor/queue');
  await d.getByText('Priya Sharma').waitFor();
  await allHindi(d, 'doctor: queue');
  await shot(d, 'doctor-queue-hi');
  await d.getByRole('button', { name: 'अगले मरीज़ को बुलाएँ' }).click();
  await Promise.all([d.waitForURL('**/call/**'), p.waitForURL('**/call/**', { timeout: 30_000 })]);
  const endCall = d.getByRole('button', { name: 'परामर्श समाप्त करें' });
  await allHindi(d, 'doctor: call', endCall);
  await d.getByRole('tab', { name: 'विज़िट नोट्स' }).click();
  await allHindi(d, 'doctor: call, visit notes', endCall);
  await shot(d, 'call-doctor-panel-hi');
  await allHindi(p, 'patient: call', p.getByLabel('संदेश लिखें'));
  await p.getByLabel('संदेश लिखें').fill('नमस्ते डॉक्टर साहब');
  await p.getByRole('button', { name: 'भेजें' }).click();
  await d.getByRole('tab', { name: 'चैट' }).click();
  await d.locator('.msgs').getByText('नमस्ते डॉक्टर साहब').waitFor();
  await allHindi(d, 'doctor: call, chat', endCall);
  await d.getByRole('button', { name: 'परामर्श समाप्त करें' }).click();

  // Her records, wallet, account and messages.
  for (const [path, name] of [
    ['/records', 'records'],
    ['/wallet', 'wallet'],
    ['/account', 'account'],
    ['/messages', 'messages'],
  ] as const) {
    await p.goto(path);
    await allHindi(p, name);
    if (name === 'wallet') await shot(p, 'wallet-ledger-hi');
  }

  expect(patient.problems).toEqual([]);
  expect(doctor.problems).toEqual([]);
});
