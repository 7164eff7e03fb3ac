import { untrack } from 'svelte';
import { beforeNavigate } from '$app/navigation';
import { setQuery } from './query.ts';

/**
 * Filter fields whose source of truth is the URL. The form edits `values` at once, so a load that
 * answers late never overwrites what is being typed; `commit` moves them into the query string after
 * a pause (and back to page 1), and the page's load runs with them. A URL changed some other way (a
 * link, Back) resets the fields. Call during component initialisation.
 */
export function urlFilters<T extends Record<string, string>>(
  current: () => { url: URL; values: T },
  pauseMs = 250,
) {
  const values = $state({ ...untrack(current).values });
  // As the URL will hold them: a number input's binding gives numbers (or null when empty).
  const asQuery = () =>
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]),
    );
  let sent = JSON.stringify(asQuery());
  let timer: ReturnType<typeof setTimeout> | undefined;

  $effect(() => {
    const incoming = current().values;
    const key = JSON.stringify(incoming);
    if (key === sent) return;
    sent = key;
    Object.assign(values, incoming);
  });
  $effect(() => () => clearTimeout(timer));
  // A pending commit must not cancel a link the user clicked meanwhile.
  beforeNavigate(() => clearTimeout(timer));

  return {
    values,
    /** Typing waits for a pause; a select or a button commits `now`. */
    commit(now = false) {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          const query = asQuery();
          sent = JSON.stringify(query);
          void setQuery(untrack(current).url, { ...query, page: null });
        },
        now ? 0 : pauseMs,
      );
    },
  };
}
