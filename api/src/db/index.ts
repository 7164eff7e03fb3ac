export type { Db, Queryable, QueryResult, DbKind, TxOptions } from './types.ts';
export { PgCodes, pgCode, pgConstraint } from './errors.ts';
export { createPostgresDb } from './postgres.ts';
export { createPgliteDb } from './pglite.ts';
export { migrate } from './migrate.ts';
