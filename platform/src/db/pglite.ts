import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import {
  createAfterCommitQueue,
  createSavepoints,
  warnAfterCommitError,
  type AfterCommitErrorHandler,
} from './after-commit.ts';
import type { Db, Queryable } from './types.ts';

const parsers = { [types.INT8]: (v: string) => Number(v) };

/**
 * In-process PostgreSQL for the embedded default. `dataDir` undefined means in memory (tests).
 * PGlite runs one query at a time, so concurrency here is serialised; correctness still rests on the
 * same constraints and transactions as on a server.
 */
export async function createPgliteDb(
  dataDir?: string,
  opts: { onAfterCommitError?: AfterCommitErrorHandler } = {},
): Promise<Db> {
  const onAfterCommitError = opts.onAfterCommitError ?? warnAfterCommitError;
  const pg = await PGlite.create({ dataDir, extensions: { btree_gist }, parsers });
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query(text, params) {
      const r = await target.query(text, params as unknown[] | undefined);
      // PGlite reports affectedRows 0 for SELECT; node-postgres's rowCount counts returned rows there.
      return { rows: r.rows as never[], rowCount: r.rows.length || (r.affectedRows ?? 0) };
    },
    async exec(sql) {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    async tx(fn, txOpts) {
      // PGlite never retries (one connection, no deadlocks), so one attempt owns the callbacks.
      const afterCommit = createAfterCommitQueue();
      const out = await pg.transaction(async (t) => {
        if (txOpts?.isolation) await t.query(`SET TRANSACTION ISOLATION LEVEL ${txOpts.isolation}`);
        return fn({
          ...wrap(t),
          afterCommit: afterCommit.add,
          savepoint: createSavepoints((text) => t.query(text), afterCommit),
        });
      });
      await afterCommit.run(onAfterCommitError);
      return out;
    },
    async close() {
      await pg.close();
    },
  };
}
