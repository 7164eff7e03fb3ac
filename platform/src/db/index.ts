export type { Db, Queryable, QueryResult, DbKind, TxOptions, TxQueryable } from './types.ts';
export type { AfterCommitCallback, AfterCommitErrorHandler } from './after-commit.ts';
export { PgCodes, pgCode, pgConstraint } from './errors.ts';
export { createPostgresDb } from './postgres.ts';
export { createPgliteDb } from './pglite.ts';
export { migrate } from './migrate.ts';
