import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  ciphertextSize,
  createChunkDecryptor,
  createChunkEncryptor,
  createDecryptStream,
  createEncryptStream,
  createKeyring,
  DecryptionError,
  MasterKeyUnavailableError,
  newDataKey,
  newNoncePrefix,
  parsePreviousKeys,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './crypto.ts';
import { cleanFilename, detectMediaType } from './sniff.ts';

const FILE = '7a1c2f55-3b1e-4c39-9d8e-0c2a8b5d1e11';
const params = (chunkSize = 1024) => ({
  dataKey: newDataKey(),
  noncePrefix: newNoncePrefix(),
  fileId: FILE,
  chunkSize,
});

function enc(p: ReturnType<typeof params>, plain: Buffer, pieces = 7) {
  const e = createChunkEncryptor(p);
  const out: Buffer[] = [];
  const step = Math.max(1, Math.ceil(plain.length / pieces));
  for (let i = 0; i < plain.length; i += step) out.push(...e.update(plain.subarray(i, i + step)));
  out.push(...e.final());
  return Buffer.concat(out);
}
function dec(p: ReturnType<typeof params>, sealed: Buffer, pieces = 5) {
  const d = createChunkDecryptor(p);
  const out: Buffer[] = [];
  const step = Math.max(1, Math.ceil(sealed.length / pieces));
  for (let i = 0; i < sealed.length; i += step) out.push(...d.update(sealed.subarray(i, i + step)));
  out.push(...d.final());
  return Buffer.concat(out);
}

describe('chunked AES-256-GCM file encryption', () => {
  it('round-trips every size around chunk boundaries', () => {
    const p = params(1024);
    for (const n of [0, 1, 1023, 1024, 1025, 2048, 5000]) {
      const plain = randomBytes(n);
      const sealed = enc(p, plain);
      expect(sealed.length).toBe(ciphertextSize(n, 1024));
      expect(dec(p, sealed)).toEqual(plain);
    }
  });

  it('contains none of the plaintext', () => {
    const p = params(1024);
    const plain = Buffer.from('Diagnosis: hypertension. '.repeat(200));
    const sealed = enc(p, plain);
    expect(sealed.includes(Buffer.from('hypertension'))).toBe(false);
  });

  it('detects a flipped byte, truncation, reordering, and the wrong file or key', () => {
    const p = params(1024);
    const plain = randomBytes(4000);
    const sealed = enc(p, plain);
    const flipped = Buffer.from(sealed);
    flipped[1500] = flipped[1500]! ^ 1;
    expect(() => dec(p, flipped)).toThrow(DecryptionError);
    expect(() => dec(p, flipped)).toThrow(/chunk 1 failed authentication/);
    // Cut at a chunk boundary: the surviving last chunk was not sealed as final.
    expect(() => dec(p, sealed.subarray(0, 2 * 1040))).toThrow(/chunk 1 \(last\) failed authentication/);
    expect(() => dec(p, sealed.subarray(0, 5))).toThrow(/truncated/);
    const swapped = Buffer.concat([
      sealed.subarray(1040, 2080),
      sealed.subarray(0, 1040),
      sealed.subarray(2080),
    ]);
    expect(() => dec(p, swapped)).toThrow(DecryptionError);
    expect(() => dec({ ...p, fileId: '00000000-0000-4000-8000-000000000000' }, sealed)).toThrow(
      DecryptionError,
    );
    expect(() => dec({ ...p, dataKey: newDataKey() }, sealed)).toThrow(DecryptionError);
    expect(() => dec(p, Buffer.concat([sealed, randomBytes(20)]))).toThrow(DecryptionError);
  });

  it('works as Node streams with the default 64 KiB chunks', async () => {
    const p = { ...params(), chunkSize: undefined };
    const plain = randomBytes(300_000);
    const sealedParts: Buffer[] = [];
    await pipeline(
      Readable.from([plain.subarray(0, 100_000), plain.subarray(100_000)]),
      createEncryptStream(p),
      async (src) => {
        for await (const c of src) sealedParts.push(c as Buffer);
      },
    );
    const sealed = Buffer.concat(sealedParts);
    expect(sealed.length).toBe(ciphertextSize(300_000));
    const back: Buffer[] = [];
    await pipeline(Readable.from([sealed]), createDecryptStream(p), async (src) => {
      for await (const c of src) back.push(c as Buffer);
    });
    expect(Buffer.concat(back).equals(plain)).toBe(true);
  });
});

describe('data key wrapping', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };

  it('wraps under the current key and rotation re-wraps under the new one', () => {
    const dk = newDataKey();
    const w1 = wrapDataKey(createKeyring(k1), dk, FILE);
    expect(w1.keyId).toBe('k1');
    const ring2 = createKeyring(k2, [k1]);
    expect(unwrapDataKey(ring2, 'k1', w1.wrapped, FILE)).toEqual(dk);
    const w2 = rewrapDataKey(ring2, 'k1', w1.wrapped, FILE);
    expect(w2.keyId).toBe('k2');
    expect(unwrapDataKey(createKeyring(k2), 'k2', w2.wrapped, FILE)).toEqual(dk);
    expect(() => unwrapDataKey(createKeyring(k2), 'k1', w1.wrapped, FILE)).toThrow(MasterKeyUnavailableError);
    expect(() => unwrapDataKey(ring2, 'k1', w1.wrapped, '00000000-0000-4000-8000-000000000000')).toThrow(
      DecryptionError,
    );
  });

  it('parses the previous-keys list', () => {
    const v = `old:${k1.key.toString('base64')},older:${k2.key.toString('base64')}`;
    expect(parsePreviousKeys(v).map((k) => [k.id, k.key.length])).toEqual([
      ['old', 32],
      ['older', 32],
    ]);
  });
});

describe('type detection from bytes', () => {
  const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46], 'image/jpeg'],
    ['RIFF\x10\x00\x00\x00WEBPVP8 ', 'image/webp'],
    ['\x00\x00\x00\x18ftypheic\x00\x00\x00\x00', 'image/heic'],
    ['\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00', 'image/heif'],
    ['\x00\x00\x00\x18ftypavif\x00\x00\x00\x00', undefined],
    ['<html><script>', undefined],
    ['GIF89a', undefined],
    ['MZ\x90\x00', undefined],
    ['', undefined],
  ] as const)('%j → %s', (head, type) => {
    expect(detectMediaType(b(head as never))).toBe(type);
  });

  it('cleans file names', () => {
    expect(cleanFilename('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFilename('C:\\x\\scan "1".pdf', 'application/pdf')).toBe('scan 1.pdf');
    expect(cleanFilename(undefined, 'image/png')).toBe('document.png');
    expect(cleanFilename('a\r\nb.png', 'image/png')).toBe('ab.png');
  });
});
