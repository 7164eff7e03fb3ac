import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Envelope encryption for record files.
 *
 * - Each file gets a random 256-bit data key; the data key is stored in the database wrapped
 *   (AES-256-GCM) by a master key from configuration, with the master key's id beside it. Rotating
 *   the master key re-wraps data keys only; file bytes are never re-encrypted.
 * - File bytes are encrypted as a stream of fixed-size chunks (64 KiB plaintext each), every chunk
 *   its own AES-256-GCM message: nonce = 8-byte per-file random prefix ‖ 32-bit chunk counter, AAD =
 *   file id ‖ chunk index ‖ final-chunk flag. Dropping, reordering or swapping chunks, or truncating
 *   the file at a chunk boundary, fails authentication. Memory use is one chunk, whatever the size.
 *
 * Stored layout: for each chunk, ciphertext (≤ chunkSize bytes) followed by its 16-byte tag. The last
 * chunk is flagged final and may be short (or empty, for an empty file).
 */

export const CHUNK_SIZE = 64 * 1024;
export const ENC_VERSION = 1;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const NONCE_PREFIX_BYTES = 8;
const MAX_CHUNKS = 2 ** 32;

/** The file could not be authenticated: corrupted, tampered with, truncated or under the wrong key. */
export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED';
  constructor(message: string) {
    super(`File decryption failed: ${message}`);
    this.name = 'DecryptionError';
  }
}

/** The wrapped data key names a master key that is not configured. */
export class MasterKeyUnavailableError extends Error {
  readonly code = 'MASTER_KEY_UNAVAILABLE';
  constructor(keyId: string) {
    super(`Master key "${keyId}" is not configured (set RECORDS_PREVIOUS_KEYS until keys are rotated)`);
    this.name = 'MasterKeyUnavailableError';
  }
}

export interface Keyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export function createKeyring(
  current: { id: string; key: Buffer },
  previous: { id: string; key: Buffer }[] = [],
): Keyring {
  const keys = new Map<string, Buffer>();
  for (const k of [...previous, current]) {
    if (k.key.length !== KEY_BYTES) throw new Error(`Master key "${k.id}" must be ${KEY_BYTES} bytes`);
    keys.set(k.id, k.key);
  }
  return { currentId: current.id, keys };
}

/** Parses RECORDS_PREVIOUS_KEYS ("id:base64,id:base64"). */
export function parsePreviousKeys(v: string | undefined): { id: string; key: Buffer }[] {
  if (!v) return [];
  return v.split(',').map((pair) => {
    const i = pair.indexOf(':');
    return { id: pair.slice(0, i), key: Buffer.from(pair.slice(i + 1), 'base64') };
  });
}

const wrapAad = (keyId: string, fileId: string) => Buffer.from(`th-dek:v1:${keyId}:${fileId}`);

export const newDataKey = () => randomBytes(KEY_BYTES);
export const newNoncePrefix = () => randomBytes(NONCE_PREFIX_BYTES);

/** Wraps a data key under the current master key; bound to the file id so it cannot be moved. */
export function wrapDataKey(
  ring: Keyring,
  dataKey: Buffer,
  fileId: string,
): { keyId: string; wrapped: Buffer } {
  const master = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', master, iv);
  c.setAAD(wrapAad(ring.currentId, fileId));
  const ct = Buffer.concat([c.update(dataKey), c.final()]);
  return { keyId: ring.currentId, wrapped: Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), ct]) };
}

export function unwrapDataKey(ring: Keyring, keyId: string, wrapped: Uint8Array, fileId: string): Buffer {
  const master = ring.keys.get(keyId);
  if (!master) throw new MasterKeyUnavailableError(keyId);
  const w = Buffer.from(wrapped);
  if (w.length !== 1 + 12 + TAG_BYTES + KEY_BYTES || w[0] !== 1)
    throw new DecryptionError('wrapped data key is malformed');
  try {
    const d = createDecipheriv('aes-256-gcm', master, w.subarray(1, 13));
    d.setAAD(wrapAad(keyId, fileId));
    d.setAuthTag(w.subarray(13, 13 + TAG_BYTES));
    return Buffer.concat([d.update(w.subarray(13 + TAG_BYTES)), d.final()]);
  } catch {
    throw new DecryptionError(`data key does not authenticate under master key "${keyId}"`);
  }
}

/** Re-wraps a data key under the ring's current master key (key rotation). */
export function rewrapDataKey(ring: Keyring, keyId: string, wrapped: Uint8Array, fileId: string) {
  return wrapDataKey(ring, unwrapDataKey(ring, keyId, wrapped, fileId), fileId);
}

export interface FileCipherParams {
  dataKey: Buffer;
  noncePrefix: Uint8Array;
  fileId: string;
  chunkSize?: number;
}

function chunkNonce(prefix: Uint8Array, index: number): Buffer {
  if (index >= MAX_CHUNKS) throw new Error('file too large for its nonce space');
  const n = Buffer.alloc(12);
  Buffer.from(prefix).copy(n, 0, 0, NONCE_PREFIX_BYTES);
  n.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  return n;
}

function chunkAad(fileId: string, index: number, final: boolean): Buffer {
  const head = Buffer.from(`th-file:v${ENC_VERSION}:${fileId}:`);
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail[8] = final ? 1 : 0;
  return Buffer.concat([head, tail]);
}

/** Collects incoming pieces and hands out exact-size blocks without copying more than needed. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    if (b.length) {
      this.parts.push(b);
      this.length += b.length;
    }
  }
  take(n: number): Buffer {
    const first = this.parts[0];
    if (first && first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
      this.length -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let off = 0;
    while (off < n) {
      const p = this.parts[0]!;
      const k = Math.min(p.length, n - off);
      p.copy(out, off, 0, k);
      off += k;
      if (k === p.length) this.parts.shift();
      else this.parts[0] = p.subarray(k);
    }
    this.length -= n;
    return out;
  }
  rest(): Buffer {
    return this.take(this.length);
  }
}

/**
 * Incremental encryptor, usable without streams: update() returns whatever full chunks are ready;
 * a chunk is only sealed once more data follows it, so final() can flag the true last chunk.
 */
export function createChunkEncryptor(p: FileCipherParams) {
  const size = p.chunkSize ?? CHUNK_SIZE;
  const q = new ByteQueue();
  let index = 0;
  let done = false;
  const seal = (plain: Buffer, final: boolean): Buffer[] => {
    const c = createCipheriv('aes-256-gcm', p.dataKey, chunkNonce(p.noncePrefix, index));
    c.setAAD(chunkAad(p.fileId, index, final));
    index++;
    const ct = c.update(plain);
    const f = c.final();
    return f.length ? [ct, f, c.getAuthTag()] : [ct, c.getAuthTag()];
  };
  return {
    update(b: Buffer): Buffer[] {
      if (done) throw new Error('encryptor already finished');
      q.push(b);
      const out: Buffer[] = [];
      while (q.length > size) out.push(...seal(q.take(size), false));
      return out;
    },
    final(): Buffer[] {
      if (done) throw new Error('encryptor already finished');
      done = true;
      return seal(q.rest(), true);
    },
  };
}

export function createChunkDecryptor(p: FileCipherParams) {
  const size = (p.chunkSize ?? CHUNK_SIZE) + TAG_BYTES;
  const q = new ByteQueue();
  let index = 0;
  const open = (sealed: Buffer, final: boolean): Buffer => {
    const d = createDecipheriv('aes-256-gcm', p.dataKey, chunkNonce(p.noncePrefix, index));
    d.setAAD(chunkAad(p.fileId, index, final));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      d.final();
    } catch {
      throw new DecryptionError(
        `chunk ${index}${final ? ' (last)' : ''} failed authentication: the stored file is corrupted, tampered with or truncated`,
      );
    }
    index++;
    return plain;
  };
  return {
    update(b: Buffer): Buffer[] {
      q.push(b);
      const out: Buffer[] = [];
      while (q.length > size) out.push(open(q.take(size), false));
      return out;
    },
    final(): Buffer[] {
      if (q.length < TAG_BYTES)
        throw new DecryptionError(`file is truncated (chunk ${index} missing or incomplete)`);
      return [open(q.rest(), true)];
    },
  };
}

function asTransform(engine: { update(b: Buffer): Buffer[]; final(): Buffer[] }): Transform {
  return new Transform({
    highWaterMark: CHUNK_SIZE,
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        for (const b of engine.update(chunk)) this.push(b);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        for (const b of engine.final()) this.push(b);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

export const createEncryptStream = (p: FileCipherParams) => asTransform(createChunkEncryptor(p));
export const createDecryptStream = (p: FileCipherParams) => asTransform(createChunkDecryptor(p));

/** Bytes on storage for a plaintext of `size` bytes. */
export const ciphertextSize = (size: number, chunkSize = CHUNK_SIZE) =>
  size + Math.max(1, Math.ceil(size / chunkSize)) * TAG_BYTES;
