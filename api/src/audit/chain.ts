import { createHash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything stored except the hash itself. */
export interface ChainedEntry {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectId: string | null;
  recordType: string | null;
  recordId: string | null;
  reason: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level, so the same value always serialises to the same
 * bytes — in particular after a round trip through jsonb, which reorders keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 over the previous hash and the canonical form of this entry. */
export function entryHash(e: ChainedEntry): string {
  const body = canonicalJson({
    v: 1,
    seq: e.seq,
    id: e.id.toLowerCase(),
    at: e.at.toISOString(),
    actorId: e.actorId?.toLowerCase() ?? null,
    actorRole: e.actorRole,
    action: e.action,
    subjectId: e.subjectId?.toLowerCase() ?? null,
    recordType: e.recordType,
    recordId: e.recordId,
    reason: e.reason,
    ip: e.ip,
    details: e.details,
  });
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}

export type ChainProblem = 'missing_entry' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';

export interface StoredEntry extends ChainedEntry {
  hash: string;
}

/**
 * Pure chain walker: feed entries in seq order; the first broken link is remembered. Kept separate
 * from the database so the rules are unit-tested on plain values.
 */
export function createChainVerifier() {
  let prev = GENESIS_HASH;
  let expected = 1;
  let checked = 0;
  let broken: { seq: number; id: string | null; problem: ChainProblem } | undefined;
  return {
    /** Returns false once the chain is broken (further entries are ignored). */
    add(e: StoredEntry): boolean {
      if (broken) return false;
      if (e.seq !== expected) broken = { seq: expected, id: null, problem: 'missing_entry' };
      else if (e.prevHash !== prev) broken = { seq: e.seq, id: e.id, problem: 'prev_hash_mismatch' };
      else if (entryHash(e) !== e.hash) broken = { seq: e.seq, id: e.id, problem: 'hash_mismatch' };
      if (broken) return false;
      prev = e.hash;
      expected++;
      checked++;
      return true;
    },
    /** Compares the end of the walk with the recorded chain head (catches removed tail entries). */
    finish(head: { seq: number; hash: string }) {
      if (!broken) {
        // Entries at the end were removed (the head still counts them), or the head itself was altered.
        if (head.seq > expected - 1) broken = { seq: expected, id: null, problem: 'missing_entry' };
        else if (head.seq < expected - 1) broken = { seq: head.seq + 1, id: null, problem: 'head_mismatch' };
        else if (head.hash !== prev) broken = { seq: head.seq, id: null, problem: 'head_mismatch' };
      }
      return { ok: !broken, checked, headSeq: head.seq, ...(broken ? { firstBroken: broken } : {}) };
    },
  };
}
