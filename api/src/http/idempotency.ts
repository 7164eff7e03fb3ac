import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db, Queryable } from '@telehealth/platform/db/index';
import { AppError, badRequest, toErrorBody, unprocessable, type ErrorBody } from './errors.ts';

/**
 * `Idempotency-Key` for unsafe requests (booking, payments). The key row is inserted first, in the
 * same transaction as the work: a concurrent duplicate blocks on the primary key until the first
 * commits, then replays its stored response; if the first rolls back, the duplicate runs instead.
 * Business refusals (4xx AppError) are stored too, behind a savepoint, so a replay returns the first
 * answer rather than re-deciding; anything else (5xx, crashes) rolls back with the key so the client
 * may retry. Keys are scoped per user; the same key with a different request is 422.
 */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Keys are kept this long; purgeIdempotencyKeys removes older ones. */
export const IDEMPOTENCY_TTL_HOURS = 24;

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

type Outcome<T> =
  | { kind: 'done'; body: T }
  | { kind: 'refused'; error: AppError }
  | { kind: 'replay'; status: number; body: unknown };

const fromStored = (status: number, body: unknown): AppError => {
  const e = (body as ErrorBody | undefined)?.error;
  return new AppError(status, e?.code ?? 'ERROR', e?.message ?? 'Request failed', e?.details, {
    [REPLAYED_HEADER]: 'true',
  });
};

/**
 * Runs `work` in one transaction, at most once per (user, key). Without a key it is just `db.tx`.
 * `work` must only touch the database through `q` (it may be re-run on deadlock retries). The
 * result must be JSON (it is stored and replayed as such).
 */
export async function runIdempotent<T>(
  db: Db,
  o: IdempotentOptions,
  work: (q: Queryable) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const status = o.status ?? 200;
  if (!o.key) return { body: await db.tx(work), status, replayed: false };
  const key = o.key;
  const hash = requestHash(o.fingerprint);
  const outcome = await db.tx(async (q): Promise<Outcome<T>> => {
    const mine = await q.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [o.userId, key, hash],
    );
    if (mine.rowCount === 0) {
      const prior = (
        await q.query<{ request_hash: string; status_code: number; response: unknown }>(
          `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
          [o.userId, key],
        )
      ).rows[0]!;
      if (prior.request_hash !== hash) {
        throw unprocessable(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request',
        );
      }
      return { kind: 'replay', status: prior.status_code, body: prior.response };
    }
    await q.query('SAVEPOINT idempotent_work');
    try {
      const body = await work(q);
      await q.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
        [o.userId, key, status, JSON.stringify(body ?? null)],
      );
      return { kind: 'done', body };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      await q.query('ROLLBACK TO SAVEPOINT idempotent_work');
      await q.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
        [o.userId, key, err.status, JSON.stringify(toErrorBody(err))],
      );
      return { kind: 'refused', error: err };
    }
  });
  switch (outcome.kind) {
    case 'done':
      return { body: outcome.body, status, replayed: false };
    case 'refused':
      throw outcome.error;
    case 'replay':
      if (outcome.status >= 400) throw fromStored(outcome.status, outcome.body);
      return { body: outcome.body as T, status: outcome.status, replayed: true };
  }
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
