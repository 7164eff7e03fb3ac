import pg from 'pg';
import {
  createAfterCommitQueue,
  createSavepoints,
  warnAfterCommitError,
  type AfterCommitErrorHandler,
} from './after-commit.ts';
import { isRetryable } from './errors.ts';
import type { Db, TxOptions, TxQueryable } from './types.ts';

// int8 carries money in minor units and counts; all stay far below 2^53, so numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

// Slot storms make deadlocks between exclusion-constraint checks likely; each retry waits a jittered,
// growing delay (up to ~1 s) so the contenders spread out instead of colliding again.
const MAX_TX_ATTEMPTS = 8;
const retryDelayMs = (attempt: number) => Math.random() * Math.min(1000, 10 * 2 ** attempt);

export interface PostgresDbOptions {
  max?: number;
  /** Where a failed `afterCommit` callback is reported (the host's logger). */
  onAfterCommitError?: AfterCommitErrorHandler;
}

export function createPostgresDb(url: string, opts: PostgresDbOptions = {}): Db {
  const onAfterCommitError = opts.onAfterCommitError ?? warnAfterCommitError;
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    async query(text, params) {
      const r = await pool.query(text, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async tx<T>(fn: (q: TxQueryable) => Promise<T>, txOpts?: TxOptions) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        const afterCommit = createAfterCommitQueue();
        let out: T;
        try {
          await client.query(txOpts?.isolation ? `BEGIN ISOLATION LEVEL ${txOpts.isolation}` : 'BEGIN');
          const q: TxQueryable = {
            async query(text, params) {
              const r = await client.query(text, params as unknown[] | undefined);
              return { rows: r.rows, rowCount: r.rowCount ?? 0 };
            },
            async exec(sql) {
              await client.query(sql);
            },
            afterCommit: afterCommit.add,
            savepoint: createSavepoints((text) => client.query(text), afterCommit),
          };
          out = await fn(q);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          if (attempt < MAX_TX_ATTEMPTS && isRetryable(err)) {
            await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
            continue;
          }
          throw err;
        } finally {
          client.release();
        }
        await afterCommit.run(onAfterCommitError);
        return out;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
