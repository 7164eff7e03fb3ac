/** Work that must only happen once a transaction's changes are visible to everyone. */
export type AfterCommitCallback = () => void | Promise<void>;

/** Told about a callback that failed: the transaction has committed, so its caller is not. */
export type AfterCommitErrorHandler = (err: unknown) => void;

/**
 * Until a host wires its logger in, a failed callback still shows up (as a process warning) instead
 * of vanishing; a rejection escaping instead would crash the process for work already committed.
 */
export const warnAfterCommitError: AfterCommitErrorHandler = (err) =>
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'AfterCommitError');

/**
 * The callbacks of ONE transaction attempt. A retried attempt gets a new queue, so callbacks
 * registered by an attempt that rolled back are dropped with it and never run.
 */
export function createAfterCommitQueue() {
  const callbacks: AfterCommitCallback[] = [];
  return {
    add(cb: AfterCommitCallback): void {
      callbacks.push(cb);
    },
    /** Where the queue stands now, for a savepoint to return to. */
    mark(): number {
      return callbacks.length;
    },
    /** Forgets the callbacks registered since `mark` (their savepoint rolled back). */
    dropFrom(mark: number): void {
      callbacks.length = Math.min(callbacks.length, mark);
    },
    /** In registration order, each awaited; a failure is reported and the next one still runs. */
    async run(onError: AfterCommitErrorHandler): Promise<void> {
      for (const cb of callbacks.splice(0)) {
        try {
          await cb();
        } catch (err) {
          onError(err);
        }
      }
    },
  };
}

export type AfterCommitQueue = ReturnType<typeof createAfterCommitQueue>;

/**
 * `TxQueryable.savepoint` for one transaction: names are unique within it (savepoints nest), and a
 * rollback also drops the after-commit callbacks registered inside, so a refund or notification
 * queued by work that was undone never runs.
 */
export function createSavepoints(
  query: (text: string) => Promise<unknown>,
  queue: AfterCommitQueue,
): <T>(fn: () => Promise<T>) => Promise<T> {
  let opened = 0;
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const name = `sp_${++opened}`;
    const mark = queue.mark();
    await query(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (err) {
      await query(`ROLLBACK TO SAVEPOINT ${name}`);
      queue.dropFrom(mark);
      throw err;
    }
  };
}
