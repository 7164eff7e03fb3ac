import type { Queryable } from '@telehealth/platform/db/index';
import { conflict } from '../http/errors.ts';
import type { Keyring } from '../records/crypto.ts';
import { ageInYears } from './age.ts';
import { EMPTY_PROFILE, HealthProfileInput, type HealthProfile, type HealthProfileData } from './schemas.ts';
import { openProfile, sealProfile } from './seal.ts';

interface ProfileRow {
  patient_id: string;
  version: number;
  key_id: string;
  wrapped_key: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  updated_at: Date;
}

export interface StoredProfile {
  version: number;
  updatedAt: Date | null;
  profile: HealthProfileData;
}

/**
 * A patient's profile, opened (version 0 and the empty profile when there is none). `forUpdate`
 * locks the row for a read-modify-write on the caller's transaction (prescribing adds medications).
 */
export async function loadProfile(
  q: Queryable,
  ring: Keyring,
  patientId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<StoredProfile> {
  const { rows } = await q.query<ProfileRow>(
    `SELECT * FROM health_profiles WHERE patient_id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [patientId],
  );
  const r = rows[0];
  if (!r) return { version: 0, updatedAt: null, profile: EMPTY_PROFILE };
  const doc = openProfile(ring, patientId, r.version, {
    keyId: r.key_id,
    wrappedKey: r.wrapped_key,
    nonce: r.nonce,
    ciphertext: r.ciphertext,
  });
  return { version: r.version, updatedAt: r.updated_at, profile: HealthProfileInput.parse(doc) };
}

/**
 * Writes the profile if it is still at `expectedVersion` (0: none yet), sealed under a fresh data
 * key; 409 PROFILE_CHANGED otherwise. The compare is in the statement (the row's version, or the
 * primary key for a first save), so two concurrent saves from one version cannot both win.
 */
export async function saveProfile(
  q: Queryable,
  ring: Keyring,
  patientId: string,
  profile: HealthProfileData,
  expectedVersion: number,
  actorId: string,
): Promise<StoredProfile> {
  const version = expectedVersion + 1;
  const s = sealProfile(ring, patientId, version, profile);
  const params = [patientId, version, s.keyId, s.wrappedKey, s.nonce, s.ciphertext, actorId];
  const { rows } =
    expectedVersion === 0
      ? await q.query<{ updated_at: Date }>(
          `INSERT INTO health_profiles (patient_id, version, key_id, wrapped_key, nonce, ciphertext, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (patient_id) DO NOTHING RETURNING updated_at`,
          params,
        )
      : await q.query<{ updated_at: Date }>(
          `UPDATE health_profiles SET version = $2, key_id = $3, wrapped_key = $4, nonce = $5, ciphertext = $6,
                  updated_by = $7, updated_at = now()
            WHERE patient_id = $1 AND version = $2 - 1 RETURNING updated_at`,
          params,
        );
  if (!rows[0])
    throw conflict(
      'PROFILE_CHANGED',
      'The health profile was changed since you opened it; reload it and make your change again',
    );
  return { version, updatedAt: rows[0].updated_at, profile };
}

/** The API's view of a stored profile. */
export const toHealthProfile = (patientId: string, s: StoredProfile, now: Date): HealthProfile => ({
  patientId,
  version: s.version,
  updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
  ageYears: ageInYears(s.profile.dateOfBirth, now),
  profile: s.profile,
});

/** Erasure: the profile goes entirely (it is not part of the retained clinical record). */
export async function eraseProfile(q: Queryable, patientId: string): Promise<number> {
  const r = await q.query('DELETE FROM health_profiles WHERE patient_id = $1', [patientId]);
  return r.rowCount;
}

/** The profile for the account export ("everything about me"): null when none was filled in. */
export async function healthProfileForExport(q: Queryable, ring: Keyring, patientId: string) {
  const s = await loadProfile(q, ring, patientId);
  return s.version === 0
    ? null
    : { version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null, ...s.profile };
}
