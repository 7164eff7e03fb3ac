import { api } from '$lib/api.ts';
import type { Paged, Wallet, WalletEntry } from '$lib/types.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import type { PageLoad } from './$types';

const PAGE_SIZE = 10;

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const page = pageParam(url);
  const currency = url.searchParams.get('currency') ?? '';
  const [wallet, history] = await Promise.all([
    api.get<Wallet>('/wallet'),
    api.get<Paged<WalletEntry>>('/wallet/transactions', {
      query: { page, pageSize: PAGE_SIZE, currency },
    }),
  ]).catch(failed);
  return { page, currency, wallet, history };
};
