import { api } from '$lib/api.ts';
import type { MailItem } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, depends }) => {
  depends(DEPS.mailbox);
  await parent();
  const filters = { to: url.searchParams.get('to') ?? '' };
  const items = await api
    .get<MailItem[]>('/admin/mailbox', { query: { to: filters.to.trim() || undefined, limit: 100 } })
    .catch(failed);
  return { filters, items };
};
