// Short paths through the app shared by the deployment tests (TURN relay, two nodes): the patient
// joins the on-call doctor's queue after a quick symptom check, the doctor calls them in, and each
// side's decoded video is measured through the call page's diagnostics hook (localStorage th.e2e=1).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

type CallHook = {
  framesDecoded(): Promise<number>;
  candidateTypes(): Promise<{ send: string | null; recv: string | null }>;
  debug(): unknown;
};
const hook = (page: Page) => page.evaluate(() => !!(window as unknown as { __call?: CallHook }).__call);

/** Inbound video frames decoded by this page's receive transport (0 before the call is up). */
export const framesDecoded = (page: Page) =>
  page.evaluate(async () => {
    const call = (window as unknown as { __call?: CallHook }).__call;
    return call ? call.framesDecoded() : 0;
  });

export const candidateTypes = (page: Page) =>
  page.evaluate(async () => (window as unknown as { __call?: CallHook }).__call?.candidateTypes() ?? null);

export const callDebug = (page: Page) =>
  page.evaluate(() => (window as unknown as { __call?: CallHook }).__call?.debug() ?? null);

/** Waits until inbound video on `page` has decoded `more` frames beyond what it had now. */
export async function videoFlows(page: Page, more = 20, timeout = 60_000) {
  await expect.poll(() => hook(page), { timeout }).toBe(true);
  // A rejoin replaces the consumers and their counters start again from zero: the baseline follows
  // the lowest count seen, so frames from the call before the rejoin are never counted as progress.
  let base = await framesDecoded(page);
  const grown = async () => {
    const n = await framesDecoded(page);
    base = Math.min(base, n);
    return n - base;
  };
  await expect.poll(grown, { timeout, interval: 500 }).toBeGreaterThan(more);
}

/** Patient (signed in): a routine symptom check, then the doctor's waiting room. */
export async function joinQueue(p: Page, doctorName = 'Dr. Asha Rao') {
  await p.goto('/symptom-check');
  await p.getByLabel('Your symptoms').fill('Fever and sore throat for two days, mild cough');
  await p.getByLabel('Age (years)').fill('34');
  await p.getByRole('button', { name: 'Check my symptoms' }).click();
  await p.getByRole('heading', { name: 'Assessment' }).waitFor();
  await p.getByRole('button', { name: `Join the waiting room: ${doctorName}` }).click();
  await p.waitForURL('**/waiting-room/**');
}

/** Doctor (signed in, patient waiting): calls the next patient; both pages end up in the same room. */
export async function callNext(d: Page, p: Page, patientName = 'Priya Sharma') {
  await d.goto('/doctor/queue');
  await d.getByText(patientName).waitFor();
  await d.getByRole('button', { name: 'Call next patient' }).click();
  await Promise.all([d.waitForURL('**/call/**'), p.waitForURL('**/call/**', { timeout: 30_000 })]);
  expect(new URL(d.url()).pathname).toBe(new URL(p.url()).pathname);
}

/** One chat line each way in the call room. */
export async function chatBothWays(p: Page, d: Page, tag: string) {
  await p.getByLabel('Type a message').fill(`Patient says ${tag}`);
  await p.getByRole('button', { name: 'Send' }).click();
  await d.locator('.msgs').getByText(`Patient says ${tag}`).waitFor();
  await d.getByLabel('Type a message').fill(`Doctor says ${tag}`);
  await d.keyboard.press('Enter');
  await p.locator('.msgs').getByText(`Doctor says ${tag}`).waitFor();
}
