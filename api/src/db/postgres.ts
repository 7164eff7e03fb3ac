import pg from 'pg';
import { isRetryable } from './errors.ts';
import type { Db, Queryable, TxOptions } from './types.ts';

// int8 carries money in minor units and counts; all stay far below 2^53, so numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

// Slot storms make deadlocks between exclusion-constraint checks likely; each retry waits a jittered,
// growing delay (up to ~1 s) so the contenders spread out instead of colliding again.
const MAX_TX_ATTEMPTS = 8;
const retryDelayMs = (attempt: number) => Math.random() * Math.min(1000, 10 * 2 ** attempt);

export function createPostgresDb(url: string, opts: { max?: number } = {}): Db {
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
    async tx<T>(fn: (q: Queryable) => Promise<T>, txOpts?: TxOptions) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query(txOpts?.isolation ? `BEGIN ISOLATION LEVEL ${txOpts.isolation}` : 'BEGIN');
          const q: Queryable = {
            async query(text, params) {
              const r = await client.query(text, params as unknown[] | undefined);
              return { rows: r.rows, rowCount: r.rowCount ?? 0 };
            },
            async exec(sql) {
              await client.query(sql);
            },
          };
          const out = await fn(q);
          await client.query('COMMIT');
          return out;
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
      }
    },
    async close() {
      await pool.end();
    },
  };
}
