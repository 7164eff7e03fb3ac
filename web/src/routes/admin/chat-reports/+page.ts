import type { z } from 'zod';
import type { ChatReportList } from '@telehealth/api/moderation/schemas';
import { api } from '$lib/api.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

export type ChatReport = z.output<typeof ChatReportList>['items'][number];

/** Open reports (oldest first, the queue to work through) or resolved ones (?status=resolved). */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const status = url.searchParams.get('status') === 'resolved' ? 'resolved' : 'open';
  const list = await api
    .get<z.output<typeof ChatReportList>>('/admin/chat-reports', { query: { status } })
    .catch(failed);
  return { status, reports: list.items };
};
