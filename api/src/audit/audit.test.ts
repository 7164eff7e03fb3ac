import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '@telehealth/platform/db/index';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { canonicalJson, createChainVerifier, entryHash, GENESIS_HASH, type StoredEntry } from './chain.ts';
import { audit, searchAudit, verifyAuditChain } from './log.ts';

const ACTOR = '11111111-1111-4111-8111-111111111111';
const PATIENT = '22222222-2222-4222-8222-222222222222';

describe('hash chain (pure)', () => {
  const mk = (seq: number, prevHash: string, over: Partial<StoredEntry> = {}): StoredEntry => {
    const e = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: ACTOR,
      actorRole: 'doctor',
      action: 'file.read',
      subjectId: PATIENT,
      recordType: 'file',
      recordId: null,
      reason: null,
      ip: '127.0.0.1',
      details: { b: 1, a: [1, { d: 2, c: 3 }] },
      prevHash,
      ...over,
    };
    return { ...e, hash: entryHash(e) };
  };

  it('serialises canonically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    expect(canonicalJson({ b: 1, a: { c: null, d: [1, 2] } })).toBe(
      canonicalJson({ a: { d: [1, 2], c: null }, b: 1 }),
    );
  });

  it('accepts an intact chain and pinpoints the first broken link', () => {
    const a = mk(1, GENESIS_HASH);
    const b = mk(2, a.hash);
    const c = mk(3, b.hash);
    const ok = createChainVerifier();
    [a, b, c].forEach((e) => ok.add(e));
    expect(ok.finish({ seq: 3, hash: c.hash })).toEqual({ ok: true, checked: 3, headSeq: 3 });

    const edited = createChainVerifier();
    [a, { ...b, reason: 'changed' }, c].forEach((e) => edited.add(e));
    expect(edited.finish({ seq: 3, hash: c.hash }).firstBroken).toEqual({
      seq: 2,
      id: b.id,
      problem: 'hash_mismatch',
    });

    const gap = createChainVerifier();
    [a, c].forEach((e) => gap.add(e));
    expect(gap.finish({ seq: 3, hash: c.hash }).firstBroken).toEqual({
      seq: 2,
      id: null,
      problem: 'missing_entry',
    });

    const tail = createChainVerifier();
    [a, b].forEach((e) => tail.add(e));
    expect(tail.finish({ seq: 3, hash: c.hash }).firstBroken).toEqual({
      seq: 3,
      id: null,
      problem: 'missing_entry',
    });

    // A forger who rewrites an entry and its hash still breaks the next link.
    const b2 = mk(2, a.hash, { reason: 'forged' });
    const rehashed = createChainVerifier();
    [a, b2, c].forEach((e) => rehashed.add(e));
    expect(rehashed.finish({ seq: 3, hash: c.hash }).firstBroken).toEqual({
      seq: 3,
      id: c.id,
      problem: 'prev_hash_mismatch',
    });
  });
});

class Rollback extends Error {}

describe.each(Object.entries(testDbFactories))('audit log on %s', (kind, factory) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(() => t?.drop());

  /** Runs fn as a superuser tamperer inside a transaction that is rolled back afterwards. */
  async function tamper<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    let out: T | undefined;
    await t.db
      .tx(async (q) => {
        await q.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
        out = await fn(q);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return out as T;
  }

  it('appends a verifiable chain, also under concurrency, and searches it', async () => {
    await t.db.tx((q) =>
      audit(q, {
        actorId: ACTOR,
        actorRole: 'doctor',
        action: 'file.read',
        subjectId: PATIENT,
        recordType: 'file',
        recordId: 'f1',
        ip: '10.0.0.1',
        details: { z: 1, a: 'x', when: new Date(0) },
      }),
    );
    // A rolled-back transaction leaves no entry and no hole.
    await t.db
      .tx(async (q) => {
        await audit(q, { actorId: ACTOR, action: 'file.read' });
        throw new Rollback();
      })
      .catch(() => {});
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        // Half inside callers' transactions, half handed the pool (audit opens its own transaction).
        i % 2
          ? t.db.tx((q) =>
              audit(q, { actorId: null, actorRole: 'system', action: 'test.concurrent', reason: `n${i}` }),
            )
          : audit(t.db, { actorId: null, actorRole: 'system', action: 'test.concurrent', reason: `n${i}` }),
      ),
    );
    const v = await verifyAuditChain(t.db, { batchSize: 5 });
    expect(v).toEqual({ ok: true, checked: 13, headSeq: 13 });
    const { rows } = await t.db.query<{ seq: number }>('SELECT seq FROM audit_log ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));

    const found = await searchAudit(t.db, { subjectId: PATIENT }, { limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ action: 'file.read', record_id: 'f1', ip: '10.0.0.1' });
    expect((await searchAudit(t.db, { actionPrefix: 'test.' }, { limit: 5, offset: 10 })).rows).toHaveLength(
      2,
    );
  });

  it('rejects malformed entries before touching the chain', async () => {
    await expect(t.db.tx((q) => audit(q, { actorId: 'not-a-uuid', action: 'file.read' }))).rejects.toThrow(
      /actorId must be a uuid/,
    );
    await expect(t.db.tx((q) => audit(q, { actorId: null, action: 'Read File' }))).rejects.toThrow(
      /domain.verb/,
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and rewinding the head', async () => {
    await expect(t.db.query(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('UPDATE audit_chain_head SET seq = 1')).rejects.toThrow(/only advances/);
    await expect(t.db.query('DELETE FROM audit_chain_head')).rejects.toThrow(/only advances/);
    if (kind === 'postgres') {
      // The usual replication-mode trick does not bypass the triggers either (they are ENABLE ALWAYS).
      await expect(
        t.db.tx(async (q) => {
          await q.query('SET LOCAL session_replication_role = replica');
          await q.query(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`);
        }),
      ).rejects.toThrow(/append-only/);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reports exactly the entry a superuser tampered with', async () => {
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM audit_log WHERE seq = 5');
    const edited = await tamper(async (q) => {
      await q.query(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 5`);
      return verifyAuditChain(q);
    });
    expect(edited).toMatchObject({
      ok: false,
      firstBroken: { seq: 5, id: rows[0]!.id, problem: 'hash_mismatch' },
    });

    const removed = await tamper(async (q) => {
      await q.query('DELETE FROM audit_log WHERE seq = 7');
      return verifyAuditChain(q);
    });
    expect(removed.firstBroken).toEqual({ seq: 7, id: null, problem: 'missing_entry' });

    const truncatedTail = await tamper(async (q) => {
      await q.query('DELETE FROM audit_log WHERE seq >= 12');
      return verifyAuditChain(q);
    });
    expect(truncatedTail.firstBroken).toEqual({ seq: 12, id: null, problem: 'missing_entry' });

    const backdated = await tamper(async (q) => {
      await q.query(`UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 3`);
      return verifyAuditChain(q);
    });
    expect(backdated.firstBroken).toMatchObject({ seq: 3, problem: 'hash_mismatch' });

    // Rolled back: the real chain is intact.
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
