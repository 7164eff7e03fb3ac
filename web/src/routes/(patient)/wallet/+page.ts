import { api } from '$lib/api.ts';
import { has } from '$lib/capabilities.svelte.ts';
import type { Paged, PaymentMethods, Wallet, WalletEntry } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import { pageParam } from '../../query.ts';
import type { PageLoad } from './$types';

const PAGE_SIZE = 10;

export const load: PageLoad = async ({ parent, url, depends }) => {
  depends(DEPS.wallet);
  await parent();
  const page = pageParam(url);
  const currency = url.searchParams.get('currency') ?? '';
  const [wallet, history, methods, feeCurrencies] = await Promise.all([
    api.get<Wallet>('/wallet'),
    api.get<Paged<WalletEntry>>('/wallet/transactions', {
      query: { page, pageSize: PAGE_SIZE, currency },
    }),
    has('/payments/methods') ? api.get<PaymentMethods>('/payments/methods') : null,
    // What doctors charge in: the currencies worth topping up (the page still works without them).
    api
      .get<{ currency: string }[]>('/fee-currencies', { anonymous: true })
      .catch((): { currency: string }[] => []),
  ]).catch(failed);
  // The wallet's own currencies first, then the ones doctors charge in.
  const topupCurrencies = [
    ...new Set([...wallet.balances.map((b) => b.currency), ...feeCurrencies.map((c) => c.currency)]),
  ];
  return { page, currency, wallet, history, methods, topupCurrencies };
};
