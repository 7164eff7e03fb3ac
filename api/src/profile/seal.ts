import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, newDataKey, unwrapDataKey, wrapDataKey, type Keyring } from '../records/crypto.ts';

/**
 * Envelope encryption of one health profile, the records vault's scheme (records/crypto.ts) for a
 * small document: a fresh 256-bit data key per save, wrapped by the current master key and bound to
 * the patient; the JSON sealed with AES-256-GCM whose AAD names the patient and the version, so a
 * sealed profile cannot be moved to another patient or replayed as another version. Key rotation
 * re-wraps the data key only (`rewrapDataKey` with the same binding).
 */

export interface SealedProfile {
  keyId: string;
  wrappedKey: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
}

/** What a profile's data key is bound to when wrapped (never a file id: those are bare uuids). */
export const profileKeyBinding = (patientId: string) => `health-profile:${patientId}`;
const aad = (patientId: string, version: number) => Buffer.from(`th-profile:v1:${patientId}:${version}`);

export function sealProfile(ring: Keyring, patientId: string, version: number, doc: unknown): SealedProfile {
  const dataKey = newDataKey();
  const { keyId, wrapped } = wrapDataKey(ring, dataKey, profileKeyBinding(patientId));
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dataKey, nonce);
  c.setAAD(aad(patientId, version));
  const body = Buffer.concat([c.update(JSON.stringify(doc), 'utf8'), c.final()]);
  return { keyId, wrappedKey: wrapped, nonce, ciphertext: Buffer.concat([body, c.getAuthTag()]) };
}

/** Opens a sealed profile; DecryptionError if it was altered, moved or is under the wrong key. */
export function openProfile(
  ring: Keyring,
  patientId: string,
  version: number,
  s: { keyId: string; wrappedKey: Uint8Array; nonce: Uint8Array; ciphertext: Uint8Array },
): unknown {
  const dataKey = unwrapDataKey(ring, s.keyId, s.wrappedKey, profileKeyBinding(patientId));
  const ct = Buffer.from(s.ciphertext);
  if (ct.length < 16) throw new DecryptionError('sealed profile is truncated');
  try {
    const d = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(s.nonce));
    d.setAAD(aad(patientId, version));
    d.setAuthTag(ct.subarray(ct.length - 16));
    const plain = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new DecryptionError('health profile does not authenticate');
  }
}
