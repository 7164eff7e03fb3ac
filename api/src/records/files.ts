import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { audit } from '../audit/index.ts';
import type { Config } from '../config/index.ts';
import type { Db, Queryable } from '@telehealth/platform/db/index';
import { AppError } from '../http/errors.ts';
import { createObjectStore, type ObjectStore } from '../storage/index.ts';
import {
  CHUNK_SIZE,
  createChunkDecryptor,
  createChunkEncryptor,
  createKeyring,
  ENC_VERSION,
  newDataKey,
  newNoncePrefix,
  parsePreviousKeys,
  unwrapDataKey,
  wrapDataKey,
  type Keyring,
} from './crypto.ts';
import type { RecordFile } from './schemas.ts';
import { cleanFilename, detectMediaType, SNIFF_BYTES, type MediaType } from './sniff.ts';

/** What the file service needs: where bytes go, the master keys, and the upload limit. */
export interface Vault {
  store: ObjectStore;
  keyring: Keyring;
  maxUploadBytes: number;
}

export function keyringFromConfig(config: Config): Keyring {
  return createKeyring(
    { id: config.env.RECORDS_MASTER_KEY_ID, key: config.recordsMasterKey },
    parsePreviousKeys(config.env.RECORDS_PREVIOUS_KEYS),
  );
}

export function createVault(config: Config, store: ObjectStore = createObjectStore(config)): Vault {
  return { store, keyring: keyringFromConfig(config), maxUploadBytes: config.env.UPLOAD_MAX_BYTES };
}

export interface FileRow {
  id: string;
  patient_id: string;
  uploaded_by: string | null;
  status: 'pending' | 'ready' | 'deleted';
  filename: string | null;
  media_type: MediaType;
  size_bytes: number;
  storage_key: string;
  enc_version: number;
  chunk_size: number;
  nonce_prefix: Uint8Array | null;
  key_id: string | null;
  wrapped_key: Uint8Array | null;
  created_at: Date;
  deleted_at: Date | null;
  emergency_grant_id: string | null;
}

export const toRecordFile = (r: FileRow): RecordFile => ({
  id: r.id,
  patientId: r.patient_id,
  uploadedBy: r.uploaded_by,
  filename: r.filename ?? '',
  mediaType: r.media_type,
  sizeBytes: Number(r.size_bytes),
  createdAt: r.created_at.toISOString(),
  emergencyGrantId: r.emergency_grant_id,
});

/** Only server-made keys: two hex characters of fan-out, then the file id. */
export const storageKeyFor = (id: string) => `${id.slice(0, 2)}/${id}.enc`;

export async function findFile(q: Queryable, id: string): Promise<FileRow | undefined> {
  return (await q.query<FileRow>(`SELECT * FROM record_files WHERE id = $1 AND status = 'ready'`, [id]))
    .rows[0];
}

export const payloadTooLarge = (max: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than the ${max} byte limit`, { maxBytes: max });
export const unsupportedType = () =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Only PDF, PNG, JPEG, WebP and HEIC files can be stored', {
    accepted: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic'],
  });

export interface AuditActor {
  actorId: string;
  actorRole: string;
  ip: string | null;
}

export interface UploadInput {
  patientId: string;
  uploadedBy: string;
  filename: string | undefined;
  /** The request body (or any byte stream): read once, never buffered whole. */
  source: AsyncIterable<Buffer | Uint8Array>;
  declaredLength?: number;
  actor: AuditActor;
  details?: Record<string, unknown>;
  /** The emergency grant a doctor uploads under (the file is marked with it). */
  emergencyGrantId?: string;
}

/**
 * Streams an upload into the store: sniffs the type from the first bytes (415 before anything is
 * stored), enforces the size limit while streaming (413), encrypts chunk by chunk, and only then
 * marks the row ready and writes the audit entry. Memory use is a few chunks whatever the file size.
 *
 * A pending row is written first so an interrupted upload (crash) leaves a findable trace; any
 * failure here removes both the row and the partial object.
 */
export async function uploadFile(db: Db, vault: Vault, u: UploadInput): Promise<FileRow> {
  const max = vault.maxUploadBytes;
  if (u.declaredLength !== undefined && u.declaredLength > max) throw payloadTooLarge(max);
  const it = u.source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLen = 0;
  let ended = false;
  while (headLen < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    head.push(b);
    headLen += b.length;
  }
  const first = Buffer.concat(head);
  const mediaType = detectMediaType(first);
  // The rest of the body is left unread: the route closes the connection after the error response.
  if (!mediaType) throw unsupportedType();
  if (first.length > max) throw payloadTooLarge(max);

  const id = randomUUID();
  const dataKey = newDataKey();
  const noncePrefix = newNoncePrefix();
  const { keyId, wrapped } = wrapDataKey(vault.keyring, dataKey, id);
  const storageKey = storageKeyFor(id);
  await db.query(
    `INSERT INTO record_files (id, patient_id, uploaded_by, status, filename, media_type, storage_key, enc_version, chunk_size, nonce_prefix, key_id, wrapped_key, emergency_grant_id)
     VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      u.patientId,
      u.uploadedBy,
      cleanFilename(u.filename, mediaType),
      mediaType,
      storageKey,
      ENC_VERSION,
      CHUNK_SIZE,
      noncePrefix,
      keyId,
      wrapped,
      u.emergencyGrantId ?? null,
    ],
  );

  let size = 0;
  const enc = createChunkEncryptor({ dataKey, noncePrefix, fileId: id, chunkSize: CHUNK_SIZE });
  async function* sealed(): AsyncGenerator<Buffer> {
    size = first.length;
    yield* enc.update(first);
    while (!ended) {
      const r = await it.next();
      if (r.done) break;
      size += r.value.byteLength;
      if (size > max) throw payloadTooLarge(max);
      yield* enc.update(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
    }
    yield* enc.final();
  }
  try {
    await vault.store.put(
      storageKey,
      Readable.from(sealed(), { objectMode: false, highWaterMark: CHUNK_SIZE }),
    );
    return await db.tx(async (q) => {
      const { rows } = await q.query<FileRow>(
        `UPDATE record_files SET status = 'ready', size_bytes = $2 WHERE id = $1 AND status = 'pending' RETURNING *`,
        [id, size],
      );
      const row = rows[0];
      if (!row) throw new Error('upload row vanished');
      await audit(q, {
        ...u.actor,
        action: 'file.upload',
        subjectId: u.patientId,
        recordType: 'file',
        recordId: id,
        details: {
          mediaType,
          sizeBytes: size,
          ...(u.emergencyGrantId ? { basis: 'emergency', emergencyAccessId: u.emergencyGrantId } : {}),
          ...u.details,
        },
      });
      return row;
    });
  } catch (err) {
    await vault.store.delete(storageKey).catch(() => {});
    await db.query(`DELETE FROM record_files WHERE id = $1 AND status = 'pending'`, [id]).catch(() => {});
    throw err;
  }
}

/**
 * The decrypted content of a file, as an async iterator of plaintext chunks. The data key is
 * unwrapped first (a missing master key fails before any I/O); each chunk is authenticated before it
 * is yielded, and a failure surfaces as DecryptionError from next().
 */
export async function openFileContent(vault: Vault, row: FileRow): Promise<AsyncGenerator<Buffer>> {
  if (row.status !== 'ready' || !row.wrapped_key || !row.nonce_prefix || !row.key_id)
    throw new Error('file is not readable');
  const dataKey = unwrapDataKey(vault.keyring, row.key_id, row.wrapped_key, row.id);
  const dec = createChunkDecryptor({
    dataKey,
    noncePrefix: row.nonce_prefix,
    fileId: row.id,
    chunkSize: row.chunk_size,
  });
  const src = await vault.store.get(row.storage_key);
  return (async function* () {
    try {
      for await (const c of src) yield* dec.update(c as Buffer);
      yield* dec.final();
    } finally {
      src.destroy();
    }
  })();
}

/** A Node stream of the decrypted file (for zip entries and the like). */
export async function fileReadable(vault: Vault, row: FileRow): Promise<Readable> {
  return Readable.from(await openFileContent(vault, row), { objectMode: false, highWaterMark: CHUNK_SIZE });
}

/**
 * Erases files on the caller's transaction: the rows keep their id, owner, type and size (for the
 * audit trail) but lose the wrapped key, nonce and name, which makes every copy of the ciphertext
 * unreadable (crypto-shredding). Returns the storage keys to delete once the transaction commits.
 */
export async function shredFiles(
  q: Queryable,
  where: { id?: string; patientId?: string },
): Promise<string[]> {
  const { rows } = await q.query<{ storage_key: string }>(
    `UPDATE record_files SET status = 'deleted', deleted_at = now(), wrapped_key = NULL, nonce_prefix = NULL, filename = NULL, key_id = NULL
      WHERE status <> 'deleted' AND ($1::uuid IS NULL OR id = $1) AND ($2::uuid IS NULL OR patient_id = $2)
        AND ($1::uuid IS NOT NULL OR $2::uuid IS NOT NULL)
      RETURNING storage_key`,
    [where.id ?? null, where.patientId ?? null],
  );
  return rows.map((r) => r.storage_key);
}

/** Removes objects whose keys were shredded; failures only leave unreadable ciphertext behind. */
export async function deleteObjects(
  store: ObjectStore,
  keys: string[],
  log?: { warn: (o: object, m: string) => void },
) {
  for (const k of keys) {
    await store
      .delete(k)
      .catch((err: Error) => log?.warn({ key: k, err: err.message }, 'could not delete shredded object'));
  }
}

/**
 * Removes uploads left pending by a crash mid-stream (the row and any partial object). Called before
 * each upload: one indexed query, idempotent across API nodes.
 */
export async function purgeStaleUploads(
  q: Queryable,
  store: ObjectStore,
  olderThanHours = 24,
): Promise<number> {
  const { rows } = await q.query<{ storage_key: string }>(
    `DELETE FROM record_files WHERE status = 'pending' AND created_at < now() - make_interval(hours => $1::int)
     RETURNING storage_key`,
    [olderThanHours],
  );
  await deleteObjects(
    store,
    rows.map((r) => r.storage_key),
  );
  return rows.length;
}
