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
