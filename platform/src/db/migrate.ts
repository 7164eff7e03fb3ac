import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './types.ts';

// Any constant works; it only has to be the same for every node running migrations.
const MIGRATION_LOCK = 7_420_001;

/**
 * Applies the `NNNN_name.sql` files of `dir` in order, each in its own transaction, under an advisory
 * lock so that several nodes starting at once apply each file exactly once. The same files run on
 * PGlite and on PostgreSQL, so they must stay within what both support (PostgreSQL 15 is the floor).
 */
export async function migrate(db: Db, dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await q.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(new URL(file, `file://${dir.endsWith('/') ? dir : dir + '/'}`), 'utf8');
      await q.exec(sql);
      await q.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
  });
  return applied;
}
