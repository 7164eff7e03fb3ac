export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs SQL: the pool itself or one transaction's connection. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements without parameters (migrations, test setup). */
  exec(sql: string): Promise<void>;
}

export const DbKinds = ['postgres', 'pglite'] as const;
export type DbKind = (typeof DbKinds)[number];

export interface TxOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Runs fn inside one transaction. Deadlocks and serialization failures are retried (fn must only
   * touch the database, so re-running it is safe); any other error rolls back and is rethrown.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>, opts?: TxOptions): Promise<T>;
  close(): Promise<void>;
}
