import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '@telehealth/platform/db/index';
import { actingNow } from './acting.ts';
import { createChainVerifier, entryHash, type ChainProblem, type StoredEntry } from './chain.ts';

/**
 * One audited event. `subjectId` is the patient whose data is touched; `recordType`/`recordId` name
 * what was touched (`file`, `visit`, `consent`, ... or another module's own type).
 */
export interface AuditEntry {
  actorId: string | null;
  actorRole?: string | null;
  /** Dotted lower-case verb, e.g. `file.read`, `visit.create`, `ai.summary.create`. */
  action: string;
  subjectId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  reason?: string | null;
  ip?: string | null;
  /** Small, non-PHI context (ids, counts, access basis); stored as jsonb and covered by the hash. */
  details?: Record<string, unknown>;
}

export interface AuditReceipt {
  id: string;
  seq: number;
  hash: string;
  at: Date;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOrNull(v: string | null | undefined, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (!UUID.test(v)) throw new TypeError(`audit: ${field} must be a uuid`);
  return v.toLowerCase();
}

/**
 * Appends an entry to the hash chain on the caller's transaction `q`, so the entry exists if and only
 * if the audited change commits (given the pool itself, it uses a transaction of its own). The chain head row is locked FOR UPDATE: concurrent appends queue
 * behind it until the holder commits, so the chain never forks. Call it late in the transaction —
 * the lock is held until commit.
 */
export async function audit(q: Queryable | Db, e: AuditEntry): Promise<AuditReceipt> {
  // Handed the pool instead of a transaction: append in a transaction of its own (the chain-head lock
  // must be held from reading the head to writing it).
  if ('tx' in q && typeof q.tx === 'function') return q.tx((t) => audit(t, e));
  if (!ACTION.test(e.action)) throw new TypeError(`audit: action "${e.action}" must look like "domain.verb"`);
  // A guardian acting for a dependent (issue 19): the entry names the guardian as the actor and the
  // dependent it was done for, whichever module wrote it with the signed-in (dependent's) id.
  const acting = actingNow();
  const onBehalf = !!acting && e.actorId === acting.principalId;
  const actorId = uuidOrNull(onBehalf ? acting.actorId : e.actorId, 'actorId');
  const subjectId = uuidOrNull(e.subjectId, 'subjectId');
  // A round trip through JSON gives exactly what jsonb will hand back (dates as strings, no undefined).
  const details = JSON.parse(
    JSON.stringify(onBehalf ? { ...e.details, onBehalfOf: acting.principalId } : (e.details ?? {})),
  ) as Record<string, unknown>;
  const { rows } = await q.query<{ seq: number; hash: string; at: Date }>(
    `SELECT seq, hash, date_trunc('milliseconds', clock_timestamp()) AS at FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
  );
  const head = rows[0];
  if (!head) throw new Error('audit: chain head missing (migration 0050 not applied?)');
  const entry = {
    seq: Number(head.seq) + 1,
    id: randomUUID(),
    at: new Date(head.at),
    actorId,
    actorRole: onBehalf ? 'guardian' : (e.actorRole ?? null),
    action: e.action,
    subjectId,
    recordType: e.recordType ?? null,
    recordId: e.recordId ?? null,
    reason: e.reason ?? null,
    ip: e.ip ?? null,
    details,
    prevHash: head.hash,
  };
  const hash = entryHash(entry);
  await q.query(
    `INSERT INTO audit_log (seq, id, at, actor_id, actor_role, action, subject_id, record_type, record_id, reason, ip, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      entry.seq,
      entry.id,
      entry.at,
      entry.actorId,
      entry.actorRole,
      entry.action,
      entry.subjectId,
      entry.recordType,
      entry.recordId,
      entry.reason,
      entry.ip,
      JSON.stringify(details),
      entry.prevHash,
      hash,
    ],
  );
  await q.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [entry.seq, hash]);
  return { id: entry.id, seq: entry.seq, hash, at: entry.at };
}

export interface AuditRow {
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_id: string | null;
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  ip: string | null;
  details: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

export const toStoredEntry = (r: AuditRow): StoredEntry => ({
  seq: Number(r.seq),
  id: r.id,
  at: new Date(r.at),
  actorId: r.actor_id,
  actorRole: r.actor_role,
  action: r.action,
  subjectId: r.subject_id,
  recordType: r.record_type,
  recordId: r.record_id,
  reason: r.reason,
  ip: r.ip,
  details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken?: { seq: number; id: string | null; problem: ChainProblem };
}

/**
 * Walks the whole chain in seq order, in batches (memory stays flat however long the log is), and
 * reports the first broken link. Only entries up to the head read at the start are checked: the head
 * and its entry commit together, so everything up to it is committed and later appends do not race.
 */
export async function verifyAuditChain(
  db: Queryable,
  opts: { batchSize?: number } = {},
): Promise<VerifyResult> {
  const batch = opts.batchSize ?? 1000;
  const head = (
    await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id = 1')
  ).rows[0];
  if (!head) throw new Error('audit: chain head missing');
  const headSeq = Number(head.seq);
  const v = createChainVerifier();
  let after = 0;
  for (;;) {
    const { rows } = await db.query<AuditRow>(
      'SELECT * FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
      [after, headSeq, batch],
    );
    if (rows.length === 0) break;
    let stop = false;
    for (const r of rows) {
      if (!v.add(toStoredEntry(r))) {
        stop = true;
        break;
      }
    }
    if (stop) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return v.finish({ seq: headSeq, hash: head.hash });
}

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  action?: string;
  /** Prefix match on action, e.g. `file.` */
  actionPrefix?: string;
  from?: Date;
  to?: Date;
}

/** Newest first; keyset-friendly order by seq. */
export async function searchAudit(
  q: Queryable,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const params = [
    f.actorId ?? null,
    f.subjectId ?? null,
    f.action ?? null,
    f.actionPrefix ? `${f.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    f.from ?? null,
    f.to ?? null,
  ];
  const where = `WHERE ($1::uuid IS NULL OR actor_id = $1) AND ($2::uuid IS NULL OR subject_id = $2)
    AND ($3::text IS NULL OR action = $3) AND ($4::text IS NULL OR action LIKE $4)
    AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${where}`, params))
    .rows[0]!.n;
  const { rows } = await q.query<AuditRow>(
    `SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT $7 OFFSET $8`,
    [...params, page.limit, page.offset],
  );
  return { rows, total };
}
