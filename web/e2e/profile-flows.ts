// Browser steps of the health profile and safer prescribing (issue 19), shared with the dependents'
// test: a patient (or a guardian, with `patientId`) fills allergies in the profile screen; the doctor
// reads them in the call panel and prescribes over a warning with a reason.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface AllergyInput {
  substance: string;
  reaction?: string;
  severity?: 'mild' | 'moderate' | 'severe';
}

/**
 * Patient side: opens the health profile from the menu (or, with `patientId`, the profile of someone
 * the signed-in patient acts for), fills what is given, adds the allergies and saves.
 */
export async function fillHealthProfile(
  p: Page,
  f: { dateOfBirth?: string; sexAtBirth?: 'female' | 'male' | 'intersex'; allergies?: AllergyInput[] },
  opts: { patientId?: string } = {},
) {
  if (opts.patientId) await p.goto(`/health-profile?patient=${opts.patientId}`);
  else {
    await p.goto('/');
    await p.getByRole('link', { name: 'Health profile' }).first().click();
  }
  await p.getByRole('heading', { level: 1, name: 'Health profile' }).waitFor();
  if (f.dateOfBirth) await p.getByLabel('Date of birth').fill(f.dateOfBirth);
  if (f.sexAtBirth) await p.getByLabel('Sex at birth').selectOption(f.sexAtBirth);
  for (const a of f.allergies ?? []) {
    await p.getByRole('button', { name: 'Add an allergy' }).click();
    const row = p.getByRole('group', { name: /^Allergies \d+$/ }).last();
    await row.getByLabel('Allergic to').fill(a.substance);
    if (a.reaction) await row.getByLabel('Reaction').fill(a.reaction);
    if (a.severity) await row.getByLabel('Severity').selectOption(a.severity);
  }
  await p.getByRole('button', { name: 'Save health profile' }).click();
  await p.getByText('Health profile saved').waitFor();
}

/** Doctor side, in the call room: the Patient tab shows the profile, allergies first. */
export async function allergyShownFirst(d: Page, substance: string) {
  await d.getByRole('tab', { name: 'Patient' }).click();
  const profile = d.getByTestId('patient-profile');
  await profile.getByRole('list', { name: 'Allergies' }).getByText(substance).waitFor();
  // The profile comes before the triage and the records in the panel.
  const order = await d.evaluate(() => {
    const el = document.querySelector('[data-testid="patient-profile"]');
    const triage = [...document.querySelectorAll('h4')].find((h) => h.textContent === 'Symptom check');
    return el && triage ? el.compareDocumentPosition(triage) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
  });
  expect(order).toBeGreaterThan(0);
}

/**
 * Doctor side, in the call room: writes a visit with one prescription, expects the warning `warning`
 * on saving, gives `reason` and saves anyway (`beforeConfirm` runs with the warning on screen). Ends
 * with the visit written.
 */
export async function prescribeOverWarning(
  d: Page,
  rx: { diagnosis: string; drug: string; dose: string; frequency: string; duration: string },
  warning: RegExp,
  reason: string,
  opts: { beforeConfirm?: () => Promise<void> } = {},
) {
  await d.getByRole('tab', { name: 'Visit notes' }).click();
  await d.getByLabel('Diagnosis', { exact: true }).fill(rx.diagnosis);
  await d.getByLabel('Drug').fill(rx.drug);
  await d.getByLabel('Dose').fill(rx.dose);
  await d.getByLabel('Frequency').fill(rx.frequency);
  await d.getByLabel('Duration').fill(rx.duration);
  await d.getByRole('button', { name: 'Save visit record' }).click();
  const box = d.getByTestId('prescribing-warnings');
  await box.getByText(warning).waitFor();
  await d.getByLabel(`Reason to prescribe ${rx.drug} anyway`).fill(reason);
  await opts.beforeConfirm?.();
  await d.getByRole('button', { name: 'Prescribe anyway and save' }).click();
  await d.getByTestId('visits-written').getByText(rx.diagnosis).waitFor();
  expect(await box.count()).toBe(0);
}
