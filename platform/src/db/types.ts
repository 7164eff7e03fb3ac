import type { AfterCommitCallback } from './after-commit.ts';

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

/** One transaction's connection, as `Db.tx` hands it to its callback. */
export interface TxQueryable extends Queryable {
  /**
   * Runs cb after this transaction has committed: for work the outside world must only see once the
   * change is visible to every other connection (a refund submitted after a cancel, a notification, a
   * socket announcement), instead of a timer guessing when the commit has happened.
   * - It runs once, after COMMIT succeeded; never when the transaction rolls back. When a deadlock
   *   or serialization failure re-runs fn, only the callbacks of the attempt that committed run.
   * - Callbacks run in registration order, each awaited, after the connection is back in the pool
   *   (a callback may open its own transaction); `tx()` resolves after they have run. Work that must
   *   not delay the caller starts itself in the background from the callback.
   * - A callback that throws does not fail `tx()` (the change is committed): the error goes to the
   *   driver's `onAfterCommitError` (the host's logger) and the next callback still runs.
   */
  afterCommit(cb: AfterCommitCallback): void;
  /**
   * Runs fn inside a savepoint. When fn throws, its changes are rolled back, the after-commit
   * callbacks it registered are dropped with them, and the error is rethrown; the transaction goes
   * on. Use it instead of writing SAVEPOINT by hand, which would leave those callbacks queued.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
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
   * touch the database, so re-running it is safe; anything else goes to `q.afterCommit`); any other
   * error rolls back and is rethrown.
   */
  tx<T>(fn: (q: TxQueryable) => Promise<T>, opts?: TxOptions): Promise<T>;
  close(): Promise<void>;
}
