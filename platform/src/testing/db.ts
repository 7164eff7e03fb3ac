import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AfterCommitErrorHandler } from '../db/after-commit.ts';
import { createPgliteDb, createPostgresDb, migrate, type Db } from '../db/index.ts';
import { MIGRATIONS_DIR } from '../schema.ts';

/** The server the tests use; CI and the machines have it on 127.0.0.1 with trust auth. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  url?: string;
  drop(): Promise<void>;
}

export interface TestDbOptions {
  /** Pool size (PostgreSQL only). */
  max?: number;
  onAfterCommitError?: AfterCommitErrorHandler;
}

/**
 * A brand-new, migrated database on the real PostgreSQL server, private to the caller so test files
 * can run in parallel. drop() closes the pool and removes the database.
 */
export async function createTestPostgres(opts: TestDbOptions = {}): Promise<TestDb> {
  const name = `th_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const db = createPostgresDb(url.toString(), opts);
  await migrate(db, MIGRATIONS_DIR);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An in-memory PGlite with the same migrations: the embedded path. */
export async function createTestPglite(opts: TestDbOptions = {}): Promise<TestDb> {
  const db = await createPgliteDb(undefined, opts);
  await migrate(db, MIGRATIONS_DIR);
  return { db, drop: () => db.close() };
}

export const testDbFactories = { postgres: createTestPostgres, pglite: createTestPglite } as const;
