import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who acts for whom in the request being handled (issue 19): a guardian holding an acting-for token
 * is signed in as the dependent, so every route keeps working with the dependent's id, and `audit()`
 * reads this to record the human who acted. The store is per asynchronous call chain, never shared
 * between requests or apps: the route builder opens it around a handler and it ends with it.
 */
export interface ActingFor {
  /** The dependent the request is signed in as. */
  principalId: string;
  /** The guardian acting for them. */
  actorId: string;
}

const current: AsyncLocalStorage<ActingFor> = new AsyncLocalStorage();

export const runActingFor = <T>(acting: ActingFor, fn: () => T): T => current.run(acting, fn);
export const actingNow = (): ActingFor | undefined => current.getStore();
