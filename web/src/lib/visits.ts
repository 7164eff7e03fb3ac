import type { RoutesOfAdministration } from '@telehealth/api/records/schemas';
import { download } from './api.ts';
import { allOf } from './all-of.ts';

/** The routes of administration the API accepts for a prescription. */
export type RouteOfAdministration = (typeof RoutesOfAdministration)[number];
export const ROUTES_OF_ADMINISTRATION = allOf<RouteOfAdministration>()([
  'oral',
  'sublingual',
  'buccal',
  'intravenous',
  'intramuscular',
  'subcutaneous',
  'topical',
  'transdermal',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'other',
]);

export interface PrescriptionDraft {
  drug: string;
  dose: string;
  route: RouteOfAdministration;
  frequency: string;
  duration: string;
  instructions: string;
}

export type { Triage, Consultation as ConsultationInfo } from './types.ts';

/** Downloads a visit summary PDF with the access token (a plain link would not carry it). */
export async function saveVisitPdf(visitId: string, visitAt: string) {
  const blob = await download(`/records/visits/${visitId}/pdf`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `visit-${visitAt.slice(0, 10)}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
