// Money on screens (issue 18): adding money to the wallet through the configured gateway with the new
// balance shown live, the doctor search's fee filter in one currency at a time (INR in paise, JPY
// without a minor unit), and a patient whose wallet is in one currency booking a doctor who charges
// in another: told before the hold, and paying by a top-up in that currency or by card. Stripe and
// Razorpay are the local stand-ins (gateways.ts); the providers' webhooks settle the payments.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y } from './a11y.ts';
import { CARDS, routeGateways, startPaymentStandins, type Standins } from './gateways.ts';
import { apiLogin, launchBrowser, newUser, shot, signIn, startServer, type TestServer } from './harness.ts';

const PASSWORD = 'Patient-demo-2026';
const PRIYA = { email: 'priya@telehealth.local', password: PASSWORD }; // ₹5,000 demo credit
const AMELIA = { email: 'amelia@telehealth.local', password: PASSWORD }; // £150 demo credit
const JOHN = { email: 'john@telehealth.local', password: PASSWORD }; // $200 demo credit

let server: TestServer;
let browser: Browser;
let standins: Standins;

beforeAll(async () => {
  standins = await startPaymentStandins();
  [server, browser] = await Promise.all([startServer(standins.env), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await standins?.close();
});

async function patientPage(who: { email: string; password: string }, timezone?: string) {
  const u = await newUser(browser, server.url, timezone ? { timezone } : {});
  await routeGateways(u.page, standins, server.url);
  await signIn(u.page, who);
  return u;
}

const balanceIn = (page: Page, currency: string) =>
  page
    .getByTestId('wallet-balance')
    .filter({ hasText: `Balance in ${currency}` })
    .locator('strong');

/** Marks the document: still there after an update means the page did not reload. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test('wallet: add money by card (Stripe, yen) and by Razorpay Checkout (rupees); the balance updates live', async () => {
  const { page, problems } = await patientPage(AMELIA, 'Europe/London');
  await page.getByRole('link', { name: 'Wallet' }).first().click();
  await page.getByRole('heading', { name: 'Add money' }).waitFor();
  await expect.poll(() => balanceIn(page, 'GBP').innerText()).toBe('£150.00');
  await mark(page);

  // Yen have no minor unit: a decimal amount is refused in the form, before any payment starts.
  const topup = page.getByTestId('topup');
  await topup.getByLabel('Currency').selectOption('JPY');
  await topup.getByLabel('Amount').fill('1500.5');
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  await topup.getByText('JPY has no decimal places: enter a whole amount.').waitFor();
  expect(standins.stripe.intents.size).toBe(0);

  await topup.getByLabel('Amount').fill('5,000');
  await topup.getByText('You pay securely with Stripe.').waitFor();
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  await topup.getByLabel('Card number').fill(CARDS.ok);
  await shot(page, 'wallet-topup');
  await checkA11y(page, 'wallet: add money, card form');
  await topup.getByRole('button', { name: 'Add ¥5,000' }).click();
  await topup.getByText('¥5,000 was added to your wallet.').waitFor();
  await expect.poll(() => balanceIn(page, 'JPY').innerText()).toBe('¥5,000');
  await page.getByRole('cell', { name: '+¥5,000' }).waitFor();
  const intent = [...standins.stripe.intents.values()].at(-1)!;
  expect({ amount: intent.amount, currency: intent.currency.toUpperCase() }).toEqual({
    amount: 5000,
    currency: 'JPY',
  });

  // A declined card: the money is not added and the patient is told why.
  await topup.getByRole('button', { name: 'Add more money' }).click();
  await topup.getByLabel('Currency').selectOption('JPY');
  await topup.getByLabel('Amount').fill('2000');
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  await topup.getByLabel('Card number').fill(CARDS.declined);
  await topup.getByRole('button', { name: 'Add ¥2,000' }).click();
  await topup.getByText('Your card was declined.').waitFor();
  await topup.getByRole('button', { name: 'Cancel' }).click();
  expect(await balanceIn(page, 'JPY').innerText()).toBe('¥5,000');

  // Rupees go through Razorpay Checkout (PAYMENT_RAZORPAY_CURRENCIES), the same page and form.
  await topup.getByLabel('Currency').selectOption('INR');
  await topup.getByText('You pay securely with Razorpay.').waitFor();
  await topup.getByLabel('Amount').fill('750.50');
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  const checkout = page.getByRole('dialog', { name: 'Razorpay Checkout' });
  await checkout.getByText('Razorpay Checkout: INR 75050').waitFor();
  await checkout.getByRole('button', { name: 'Pay with Razorpay' }).click();
  await topup.getByText('₹750.50 was added to your wallet.').waitFor();
  await expect.poll(() => balanceIn(page, 'INR').innerText()).toBe('₹750.50');

  expect(await notReloaded(page)).toBe(true);
  expect(await balanceIn(page, 'GBP').innerText()).toBe('£150.00');
  expect(problems).toEqual([]);
});

test('wallet: money added in another tab shows up live (the payment notification on the socket)', async () => {
  const { page, context, problems } = await patientPage(JOHN, 'America/New_York');
  await page.goto('/wallet');
  await expect.poll(() => balanceIn(page, 'USD').innerText()).toBe('$200.00');
  await mark(page);

  const other = await context.newPage();
  await routeGateways(other, standins, server.url);
  await other.goto('/wallet');
  const topup = other.getByTestId('topup');
  await topup.getByLabel('Amount').fill('25');
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  await topup.getByLabel('Card number').fill(CARDS.ok);
  await topup.getByRole('button', { name: 'Add $25.00' }).click();
  await topup.getByText('$25.00 was added to your wallet.').waitFor();

  // The first tab did nothing: its balance follows from the socket's payment notification.
  await expect.poll(() => balanceIn(page, 'USD').innerText(), { timeout: 15_000 }).toBe('$225.00');
  expect(await notReloaded(page)).toBe(true);
  await other.close();
  expect(problems).toEqual([]);
});

test('wallet in Hindi: the add-money form', async () => {
  const { page, problems } = await patientPage(JOHN, 'America/New_York');
  const john = await apiLogin(server.url, JOHN);
  await page.goto('/wallet');
  try {
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'पैसे जोड़ें' }).waitFor();
    await page.getByLabel('राशि', { exact: true }).fill('25');
    await page.getByText('आप Stripe से सुरक्षित भुगतान करते हैं।').waitFor();
    await shot(page, 'wallet-topup-hi');
  } finally {
    await john('PATCH', '/me', { locale: 'en' });
  }
  expect(problems).toEqual([]);
});

test('doctor search: the maximum fee is in the chosen currency (rupees in paise, yen without decimals)', async () => {
  const { page, problems } = await patientPage(PRIYA);
  await page.getByRole('link', { name: 'Find doctors' }).first().click();
  await page.getByRole('heading', { name: 'Dr. Asha Rao' }).waitFor();
  const names = () => page.locator('article h2').allTextContents();
  const filters = page.getByRole('search');

  // Priya's wallet is in rupees: typing a fee without a currency reads it as rupees.
  await filters.getByLabel('Maximum fee').fill('800');
  await expect.poll(() => filters.getByLabel('Fee currency').inputValue()).toBe('INR');
  // ₹500 and ₹700, not ₹1,200 — and not the $80 / $90 doctors the old filter let through as "8,000".
  await expect.poll(names).toEqual(['Dr. Asha Rao', 'Dr. Meera Iyer']);
  await page.getByText('Showing doctors who charge in INR.').waitFor();
  expect(new URL(page.url()).searchParams.get('currency')).toBe('INR');
  await shot(page, 'doctors-fee-filter');

  await filters.getByLabel('Fee currency').selectOption('JPY');
  await filters.getByLabel('Maximum fee (JPY)').fill('12000');
  await expect.poll(names).toEqual(['Dr. Kenji Watanabe']);
  await page.locator('article').getByText('¥12,000').waitFor();
  await filters.getByLabel('Maximum fee (JPY)').fill('11999');
  await expect.poll(names).toEqual([]);
  await filters.getByLabel('Maximum fee (JPY)').fill('11999.5');
  await page.getByRole('alert').getByText('JPY has no decimal places').waitFor();
  await checkA11y(page, 'doctor search: a fee yen cannot hold');

  await filters.getByLabel('Fee currency').selectOption('USD');
  await filters.getByLabel('Maximum fee (USD)').fill('85.50');
  await expect.poll(names).toEqual(['Dr. Emily Carter']);

  await filters.getByLabel('Maximum fee (USD)').fill('');
  await filters.getByLabel('Fee currency').selectOption('');
  await expect.poll(async () => (await names()).length).toBe(7);
  expect(problems).toEqual([]);
});

/** From the doctor's page: pick a time and open the booking page (the next time if one fails). */
async function pickTime(page: Page, doctorName: string, nth: number) {
  await page.goto('/doctors');
  await page.getByRole('link', { name: doctorName }).click();
  await page.getByRole('heading', { level: 1, name: doctorName }).waitFor();
  await page.locator('.time').nth(nth).click();
  await page.getByRole('link', { name: /^Book / }).click();
  await page.getByRole('heading', { name: 'Book a consultation' }).waitFor();
}

/** Reserve; a time the patient is already booked at (a demo visit) answers 409: take the next one. */
async function reserve(page: Page, doctorName: string) {
  for (let nth = 0; nth < 6; nth++) {
    if (nth > 0) await pickTime(page, doctorName, nth);
    await page.getByRole('button', { name: 'Reserve this time' }).click();
    const held = page.getByText(/Slot held until/);
    const taken = page.getByText('Someone just took this time');
    await held.or(taken).waitFor();
    if (await held.isVisible()) return;
  }
  throw new Error(`no time of ${doctorName} could be reserved`);
}

test('rupees in the wallet, a doctor in dollars: told before the hold, adds dollars, pays from the wallet', async () => {
  const { page, problems } = await patientPage(PRIYA);
  // The profile says it first: the fee is in dollars, the wallet holds rupees.
  await page.getByRole('link', { name: 'Find doctors' }).first().click();
  await page.getByRole('link', { name: 'Dr. Emily Carter' }).click();
  await page
    .getByTestId('fee-currency-note')
    .getByText('Fees are in USD. Your wallet holds ₹5,000.00, which cannot pay them')
    .waitFor();
  await pickTime(page, 'Dr. Emily Carter', 0);

  const plan = page.getByTestId('pay-plan');
  await plan.getByText('This doctor charges in USD').waitFor();
  await plan.getByText(/Your wallet holds ₹5,000\.00, which cannot pay a fee in USD/).waitFor();
  await plan.scrollIntoViewIfNeeded();
  await shot(page, 'book-other-currency');

  await plan.getByRole('button', { name: 'Add $80.00 to the wallet' }).click();
  const topup = plan.getByTestId('topup');
  expect(await topup.getByLabel('Amount').inputValue()).toBe('80.00');
  expect(await topup.getByLabel('Currency').inputValue()).toBe('USD');
  await checkA11y(page, 'book: fee in another currency, top-up open');
  await topup.getByRole('button', { name: 'Continue to payment' }).click();
  await topup.getByLabel('Card number').fill(CARDS.ok);
  await topup.getByRole('button', { name: 'Add $80.00' }).click();
  await page.getByText('Your wallet now has $80.00: it pays this visit.').waitFor();

  await reserve(page, 'Dr. Emily Carter');
  await page.getByText('Balance: $80.00').waitFor();
  const pay = page.getByRole('button', { name: 'Pay $80.00' });
  expect(await pay.isEnabled()).toBe(true);
  await pay.click();
  await page.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();

  // The dollars paid the visit; the rupees are untouched.
  await page.goto('/wallet');
  await expect.poll(() => balanceIn(page, 'USD').innerText()).toBe('$0.00');
  expect(await balanceIn(page, 'INR').innerText()).toBe('₹5,000.00');
  expect(problems).toEqual([]);
});

test('pounds in the wallet, a doctor in yen: pays by card, and Pay is never disabled after the hold', async () => {
  const { page, problems } = await patientPage(AMELIA, 'Europe/London');
  await pickTime(page, 'Dr. Kenji Watanabe', 0);
  const plan = page.getByTestId('pay-plan');
  await plan.getByText('This doctor charges in JPY').waitFor();
  // The card is the default way; the choice is stated before the hold.
  await plan.getByRole('button', { name: 'Pay ¥12,000 by card', pressed: true }).waitFor();
  await plan.getByText('You will pay ¥12,000 by card once the time is reserved.').waitFor();

  await reserve(page, 'Dr. Kenji Watanabe');
  const pay = page.getByRole('button', { name: 'Pay ¥12,000' });
  expect(await pay.isEnabled()).toBe(true);
  // Choosing the wallet (short in yen) offers a top-up in yen in place of a disabled Pay.
  await page.locator('input[name="method"][value="wallet"]').check();
  await page.getByRole('heading', { name: 'Add JPY to your wallet' }).waitFor();
  await checkA11y(page, 'book: held, wallet short in yen');
  expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
  await page.locator('input[name="method"][value="card"]').check();
  await pay.click();
  await page.getByLabel('Card number').fill(CARDS.ok);
  await shot(page, 'book-pay-card-other-currency');
  await page.getByRole('button', { name: 'Pay ¥12,000' }).click();
  await page.getByRole('heading', { name: 'Your consultation is booked' }).waitFor();
  const intent = [...standins.stripe.intents.values()].at(-1)!;
  expect({ amount: intent.amount, currency: intent.currency.toUpperCase() }).toEqual({
    amount: 12000,
    currency: 'JPY',
  });
  expect(problems).toEqual([]);
});

test('in Hindi: the booking page says the fee is in another currency', async () => {
  const { page, problems } = await patientPage(AMELIA, 'Europe/London');
  const amelia = await apiLogin(server.url, AMELIA);
  try {
    await page.goto('/doctors');
    await page.getByRole('banner').locator('select').selectOption('hi');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await page.getByRole('link', { name: 'Dr. Emily Carter' }).click();
    await page
      .getByTestId('fee-currency-note')
      .getByText(/^शुल्क USD में है।/)
      .waitFor();
    await page.locator('.time').first().click();
    await page.getByRole('link', { name: /बुक करें$/ }).click();
    const plan = page.getByTestId('pay-plan');
    await plan.getByText('ये डॉक्टर USD में शुल्क लेते हैं').waitFor();
    await plan.getByRole('button', { name: 'कार्ड से $80.00 चुकाएँ' }).waitFor();
    await plan.scrollIntoViewIfNeeded();
    await shot(page, 'book-other-currency-hi');
  } finally {
    await amelia('PATCH', '/me', { locale: 'en' });
  }
  expect(problems).toEqual([]);
});
