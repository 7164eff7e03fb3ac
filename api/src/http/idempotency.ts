import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db, Queryable, TxQueryable } from '@telehealth/platform/db/index';
import { AppError, badRequest, toErrorBody, unprocessable, type ErrorBody } from './errors.ts';

/**
 * `Idempotency-Key` for unsafe requests (booking, payments): at most one execution per (user, key),
 * and every repeat gets the first answer. One protocol, claim → work → record, on one table:
 * - claim: the key row is inserted with the request's hash and no answer yet. The same key with a
 *   different request is 422; a recorded answer is replayed;
 * - work: the request's own effect;
 * - record: the answer (status and body) is stored on the row. Business refusals (4xx AppError)
 *   are recorded too, so a replay returns the first answer rather than re-deciding; anything else
 *   (5xx, crashes) releases the claim so the client may retry.
 * Two ways to run the work, for two kinds of work:
 * - `runIdempotent`: database work only. Claim, work and record share one transaction, so a
 *   concurrent duplicate blocks on the primary key until the first commits, then replays its
 *   answer; if the first rolls back, the duplicate runs instead. A savepoint lets a refusal be
 *   recorded while its work rolls back.
 * - `runIdempotentAround`: work that calls out (a payment gateway) and must not hold a transaction
 *   open meanwhile. The claim commits on its own, the work runs its own transactions, the answer is
 *   recorded in another. A duplicate arriving meanwhile gets 409 IDEMPOTENCY_IN_PROGRESS; a claim
 *   whose process died is taken over once its lease has run out.
 * Keys are scoped per user.
 */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Keys are kept this long; purgeIdempotencyKeys removes older ones. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * A claim without an answer after this long belongs to a process that died: the key may run again.
 * Longer than any work can take (a checkout makes up to three gateway calls of at most 120 s each),
 * since running a live one twice could charge twice; a dead one only makes its retries wait.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 600;

/** The header's value, validated; undefined when absent. */
export function readIdempotencyKey(req: Pick<Request, 'get'>): string | undefined {
  const v = req.get(IDEMPOTENCY_HEADER);
  if (v === undefined || v === '') return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(v)) {
    throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1-200 printable ASCII characters');
  }
  return v;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** A stable hash of what identifies the request (method, path with ids, parsed body). */
export function requestHash(fingerprint: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(fingerprint)))
    .digest('hex');
}

export interface IdempotentOptions {
  key: string | undefined;
  userId: string;
  /** e.g. `['POST', '/appointments/<id>/cancel', body]`: the same key with a different one is refused. */
  fingerprint: unknown;
  /** Status stored with a successful result (the route's). */
  status?: number;
}

export interface IdempotentResult<T> {
  body: T;
  status: number;
  replayed: boolean;
}

type Claim =
  { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'in_progress' };

interface KeyRef {
  userId: string;
  key: string;
}

/** Claim: ours when the key is new (or its claim's lease ran out), else what the first request left. */
async function claim(q: Queryable, k: KeyRef, hash: string): Promise<Claim> {
  const mine = await q.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, key) DO UPDATE SET created_at = now()
       WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
         AND idempotency_keys.created_at < now() - make_interval(secs => $4)
     RETURNING 1`,
    [k.userId, k.key, hash, IDEMPOTENCY_LEASE_SECONDS],
  );
  if (mine.rowCount > 0) return { kind: 'claimed' };
  const prior = (
    await q.query<{ request_hash: string; status_code: number | null; response: unknown }>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [k.userId, k.key],
    )
  ).rows[0]!;
  if (prior.request_hash !== hash) {
    throw unprocessable(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request',
    );
  }
  if (prior.status_code === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: prior.status_code, body: prior.response };
}

async function record(q: Queryable, k: KeyRef, status: number, body: unknown) {
  await q.query(
    `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
    [k.userId, k.key, status, JSON.stringify(body ?? null)],
  );
}

async function release(q: Queryable, k: KeyRef) {
  await q.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL`, [
    k.userId,
    k.key,
  ]);
}

/** A recorded refusal: the work's 4xx is the answer; anything else is not. */
const isRefusal = (err: unknown): err is AppError => err instanceof AppError && err.status < 500;

/** The first is still at work (a gateway call takes seconds): the client retries, then gets its answer. */
const inProgress = () =>
  new AppError(
    409,
    'IDEMPOTENCY_IN_PROGRESS',
    'A request with this Idempotency-Key is still in progress; retry shortly',
    undefined,
    { 'Retry-After': '1' },
  );

const fromStored = (status: number, body: unknown): AppError => {
  const e = (body as ErrorBody | undefined)?.error;
  return new AppError(status, e?.code ?? 'ERROR', e?.message ?? 'Request failed', e?.details, {
    [REPLAYED_HEADER]: 'true',
  });
};

function replayed<T>(c: { status: number; body: unknown }): IdempotentResult<T> {
  if (c.status >= 400) throw fromStored(c.status, c.body);
  return { body: c.body as T, status: c.status, replayed: true };
}

type Outcome<T> =
  { kind: 'done'; body: T } | { kind: 'refused'; error: AppError } | Exclude<Claim, { kind: 'claimed' }>;

/**
 * Database work, at most once per (user, key), claimed, done and recorded in one transaction.
 * Without a key it is just `db.tx`. `work` must only touch the database through `q` (it may be
 * re-run on deadlock retries). The result must be JSON (it is stored and replayed as such).
 */
export async function runIdempotent<T>(
  db: Db,
  o: IdempotentOptions,
  work: (q: TxQueryable) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const status = o.status ?? 200;
  if (!o.key) return { body: await db.tx(work), status, replayed: false };
  const k = { userId: o.userId, key: o.key };
  const hash = requestHash(o.fingerprint);
  const outcome = await db.tx(async (q): Promise<Outcome<T>> => {
    const c = await claim(q, k, hash);
    if (c.kind !== 'claimed') return c;
    try {
      const body = await q.savepoint(() => work(q));
      await record(q, k, status, body);
      return { kind: 'done', body };
    } catch (err) {
      if (!isRefusal(err)) throw err;
      await record(q, k, err.status, toErrorBody(err));
      return { kind: 'refused', error: err };
    }
  });
  switch (outcome.kind) {
    case 'done':
      return { body: outcome.body, status, replayed: false };
    case 'refused':
      throw outcome.error;
    case 'in_progress':
      throw inProgress();
    case 'replay':
      return replayed(outcome);
  }
}

/**
 * Work that calls out (a payment gateway), at most once per (user, key): the claim commits first, the
 * work runs outside any transaction of ours (it opens its own), and its answer is recorded after.
 * Without a key the work just runs.
 */
export async function runIdempotentAround<T>(
  db: Db,
  o: IdempotentOptions,
  work: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  const status = o.status ?? 200;
  if (!o.key) return { body: await work(), status, replayed: false };
  const k = { userId: o.userId, key: o.key };
  const c = await db.tx((q) => claim(q, k, requestHash(o.fingerprint)));
  if (c.kind === 'in_progress') throw inProgress();
  if (c.kind === 'replay') return replayed(c);
  let body: T;
  try {
    body = await work();
  } catch (err) {
    if (isRefusal(err)) await record(db, k, err.status, toErrorBody(err));
    else await release(db, k);
    throw err;
  }
  await record(db, k, status, body);
  return { body, status, replayed: false };
}

/** Deletes keys older than the TTL; returns how many. Run periodically (the booking sweeper does). */
export async function purgeIdempotencyKeys(
  q: Queryable,
  olderThanHours = IDEMPOTENCY_TTL_HOURS,
): Promise<number> {
  const r = await q.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
    [olderThanHours],
  );
  return r.rowCount;
}
