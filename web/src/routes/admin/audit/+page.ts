import { api } from '$lib/api.ts';
import { has } from '$lib/capabilities.svelte.ts';
import type { AuditEntry, Paged } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import type { PageLoad } from './$types';

const uuid = /^[0-9a-f-]{36}$/i;

/** Filters as typed (`from`/`to` are datetime-local values); ids apply only once they are whole. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const sp = url.searchParams;
  const filters = {
    action: sp.get('action') ?? '',
    actorId: sp.get('actorId') ?? '',
    subjectId: sp.get('subjectId') ?? '',
    from: sp.get('from') ?? '',
    to: sp.get('to') ?? '',
  };
  const page = pageParam(url);
  // A server without the audit domain: the page says it is not available yet.
  if (!has('/admin/audit')) return { filters, page, entries: null };
  const id = (s: string) => (uuid.test(s.trim()) ? s.trim() : undefined);
  const at = (s: string) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined);
  const entries = await api
    .get<Paged<AuditEntry>>('/admin/audit', {
      query: {
        action: filters.action.trim() || undefined,
        actorId: id(filters.actorId),
        subjectId: id(filters.subjectId),
        from: at(filters.from),
        to: at(filters.to),
        page,
        pageSize: 25,
      },
    })
    .catch(failed);
  return { filters, page, entries };
};
