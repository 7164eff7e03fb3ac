import { api } from '$lib/api.ts';
import type { Consent, EmergencyAccess, Paged } from '$lib/types.ts';
import { failed } from '../../../failed.ts';
import { pageParam } from '../../../query.ts';
import type { PageLoad } from './$types';

// Shape of GET /me/records-access (api/src/records-access).
export interface AccessEntry {
  at: string;
  actorName: string;
  actorRole: string | null;
  action:
    | 'records.list'
    | 'file.read'
    | 'visit.read'
    | 'visit.export_pdf'
    | 'prescription.export_pdf'
    | 'triage.read'
    | 'ai.summarize'
    | 'summary.read';
  basis: 'consent' | 'emergency' | 'author' | 'admin_break_glass' | 'clinician' | 'other';
  /** Why: the consent's scope, or the emergency access's coded reason and justification. */
  consentScope: 'all' | 'record' | null;
  reasonCode:
    | 'unconscious_patient'
    | 'life_threatening'
    | 'patient_cannot_consent'
    | 'urgent_continuity_of_care'
    | null;
  reason: string | null;
}

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const page = pageParam(url);
  const [log, consents, emergencies] = await Promise.all([
    api.get<Paged<AccessEntry>>('/me/records-access', { query: { page, pageSize: 20 } }),
    api.get<Consent[]>('/consents', { query: { active: 'false' } }),
    api.get<Paged<EmergencyAccess>>('/emergency-access', { query: { pageSize: 50 } }).then((r) => r.items),
  ]).catch(failed);
  return { page, log, consents, emergencies };
};
