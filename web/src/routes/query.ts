import { goto } from '$app/navigation';

type QueryValue = string | number | null | undefined;

/**
 * Filters and pages live in the URL: this navigates to the current page with `changes` applied to
 * its query (empty values dropped), the page's load runs with them, and the link can be shared.
 * Typing in a filter replaces the history entry instead of filling the Back button.
 */
export function setQuery(url: URL, changes: Record<string, QueryValue>, { push = false } = {}) {
  const next = new URL(url);
  for (const [key, value] of Object.entries(changes))
    if (value === null || value === undefined || value === '') next.searchParams.delete(key);
    else next.searchParams.set(key, String(value));
  return goto(next, { keepFocus: true, noScroll: true, replaceState: !push });
}

/** The page number from `?page=`: 1 when absent or not a positive integer. */
export function pageParam(url: URL): number {
  const n = Number(url.searchParams.get('page'));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Pager's page as a URL change (page 1 is the bare URL), for `bind:page={() => n, pageTo(url)}`. */
export const pageTo = (url: URL) => (page: number) =>
  void setQuery(url, { page: page > 1 ? page : null }, { push: true });
