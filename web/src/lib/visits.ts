import type { RoutesOfAdministration } from '@telehealth/api/records/schemas';
import { download } from './api.ts';
import { allOf } from './types.ts';

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

type Priority = 'emergency' | 'urgent' | 'routine';

export interface Triage {
  id: string;
  priority: 'emergency' | 'urgent' | 'routine';
  currentPriority: 'emergency' | 'urgent' | 'routine';
  reasons: string[];
  redFlags: { code: string; label: string; priority: 'emergency' | 'urgent' | 'routine' }[];
  suggestedSpecialty: string;
  createdAt: string;
  /** The red-flag screen as answered (labels in English, for the doctor). */
  screen: { code: string; answer: 'yes' | 'no' | 'unsure'; label: string }[];
  /** The patient's own view of the priority: shown to the doctor, never used for queue order. */
  patientOverride: { priority: Priority; reason: string | null; at: string } | null;
}

export interface ConsultationInfo {
  roomId: string;
  kind: 'appointment' | 'queue';
  appointmentId: string | null;
  patient: { id: string; name: string };
  doctor: { id: string; name: string };
  triageId: string | null;
}

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
