import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './index.ts';
import { MIGRATIONS_DIR } from '../schema.ts';
import { testDbFactories, type TestDb } from '../testing/db.ts';

describe.each(Object.entries(testDbFactories))('database on %s', (_kind, factory) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await factory();
  });
  afterAll(() => t.drop());

  it('applies every migration once and is idempotent on a second run', async () => {
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)[0]).toBe('0001_foundation.sql');
    expect(await migrate(t.db, MIGRATIONS_DIR)).toEqual([]);
  });

  it('returns int8 as numbers and rolls back a failed transaction', async () => {
    const { rows } = await t.db.query<{ n: number }>('SELECT 9007199254740991::int8 AS n');
    expect(rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(
      t.db.tx(async (q) => {
        await q.query(
          `INSERT INTO users (email, name, role, password_hash) VALUES ('rb@x.test', 'R', 'patient', 'h')`,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await t.db.query(`SELECT 1 FROM users WHERE email = 'rb@x.test'`);
    expect(after.rowCount).toBe(0);
  });

  it('counts rows the same way on both engines', async () => {
    expect((await t.db.query('SELECT 1 UNION ALL SELECT 2')).rowCount).toBe(2);
    expect((await t.db.query('SELECT 1 WHERE false')).rowCount).toBe(0);
    await t.db.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('rc1@x.test', 'A', 'patient', 'h'), ('rc2@x.test', 'B', 'patient', 'h')`,
    );
    expect((await t.db.query(`UPDATE users SET name = 'C' WHERE email LIKE 'rc%@x.test'`)).rowCount).toBe(2);
    expect((await t.db.query(`DELETE FROM users WHERE email LIKE 'rc%@x.test' RETURNING id`)).rowCount).toBe(
      2,
    );
  });

  it('has btree_gist for exclusion constraints', async () => {
    const { rows } = await t.db.query<{ extname: string }>(
      `SELECT extname FROM pg_extension WHERE extname = 'btree_gist'`,
    );
    expect(rows).toHaveLength(1);
  });
});
