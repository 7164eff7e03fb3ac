import type { Db } from '@telehealth/platform/db/index';
import { audit } from '../audit/index.ts';
import { rewrapDataKey, type Keyring } from '../records/crypto.ts';
import { profileKeyBinding } from './seal.ts';

/**
 * Key rotation for health profiles, the records vault's procedure (records/rotation.ts, README of
 * records): every profile whose data key is wrapped by an old master key gets it re-wrapped by the
 * current one; the sealed profile itself is not touched. Small transactions, locked rows skipped and
 * picked up by the next batch (a profile being saved right now is sealed under the current key
 * anyway), one audit entry per batch. Run before dropping the old key from RECORDS_PREVIOUS_KEYS.
 */
export async function rotateProfileKeys(db: Db, ring: Keyring, opts: { batchSize?: number } = {}) {
  const batch = opts.batchSize ?? 200;
  let rewrapped = 0;
  for (;;) {
    const n = await db.tx(async (q) => {
      const { rows } = await q.query<{ patient_id: string; key_id: string; wrapped_key: Uint8Array }>(
        `SELECT patient_id, key_id, wrapped_key FROM health_profiles
          WHERE key_id <> $1 ORDER BY patient_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [ring.currentId, batch],
      );
      for (const r of rows) {
        const w = rewrapDataKey(ring, r.key_id, r.wrapped_key, profileKeyBinding(r.patient_id));
        await q.query('UPDATE health_profiles SET key_id = $2, wrapped_key = $3 WHERE patient_id = $1', [
          r.patient_id,
          w.keyId,
          w.wrapped,
        ]);
      }
      if (rows.length)
        await audit(q, {
          actorId: null,
          actorRole: 'system',
          action: 'keys.rotate',
          details: {
            scope: 'health_profiles',
            rewrapped: rows.length,
            to: ring.currentId,
            from: [...new Set(rows.map((r) => r.key_id))].sort(),
          },
        });
      return rows.length;
    });
    rewrapped += n;
    if (n < batch) break;
  }
  const remaining = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM health_profiles WHERE key_id <> $1', [
      ring.currentId,
    ])
  ).rows[0]!.n;
  return { rewrapped, remaining };
}
