import { audit } from '../audit/index.ts';
import type { Db } from '@telehealth/platform/db/index';
import { rewrapDataKey, type Keyring } from './crypto.ts';

/**
 * Re-wraps every data key that is not under the keyring's current master key. File bytes are not
 * touched. Runs in small transactions (rows locked, others skipped and picked up by the next batch),
 * so it can run while the API serves; each batch writes one audit entry.
 *
 * Order of operations for a rotation: give every API node the new RECORDS_MASTER_KEY(_ID) with the
 * old key in RECORDS_PREVIOUS_KEYS, run this, then drop the old key from RECORDS_PREVIOUS_KEYS.
 */
export async function rotateDataKeys(db: Db, ring: Keyring, opts: { batchSize?: number } = {}) {
  const batch = opts.batchSize ?? 200;
  let rewrapped = 0;
  const from = new Set<string>();
  for (;;) {
    const n = await db.tx(async (q) => {
      const { rows } = await q.query<{ id: string; key_id: string; wrapped_key: Uint8Array }>(
        `SELECT id, key_id, wrapped_key FROM record_files
          WHERE status <> 'deleted' AND key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [ring.currentId, batch],
      );
      for (const r of rows) {
        const w = rewrapDataKey(ring, r.key_id, r.wrapped_key, r.id);
        await q.query('UPDATE record_files SET key_id = $2, wrapped_key = $3 WHERE id = $1', [
          r.id,
          w.keyId,
          w.wrapped,
        ]);
        from.add(r.key_id);
      }
      if (rows.length)
        await audit(q, {
          actorId: null,
          actorRole: 'system',
          action: 'keys.rotate',
          details: {
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
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_files WHERE status <> 'deleted' AND key_id <> $1`,
      [ring.currentId],
    )
  ).rows[0]!.n;
  return { rewrapped, remaining, currentKeyId: ring.currentId, fromKeyIds: [...from].sort() };
}
