import { api, ApiError } from './api.ts';
import { profilePath, type HealthProfile } from './profile.ts';

/**
 * A doctor's read of a patient's health profile, as a screen shows it: the profile, no access (403:
 * no open visit and no consent), or a failure to retry. Every successful read is audited by the API,
 * so a screen reads once and again only when something changed (a saved prescription).
 */
export type ProfileView =
  { kind: 'ok'; profile: HealthProfile } | { kind: 'denied' } | { kind: 'error'; error: unknown };

export async function readPatientProfile(patientId: string): Promise<ProfileView> {
  try {
    return { kind: 'ok', profile: await api.get<HealthProfile>(profilePath(patientId)) };
  } catch (err) {
    return err instanceof ApiError && err.status === 403 ? { kind: 'denied' } : { kind: 'error', error: err };
  }
}
