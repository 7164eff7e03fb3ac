import { api } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { has } from '$lib/capabilities.svelte.ts';
import { browserZone } from '$lib/format.ts';
import { parseAmount } from '@telehealth/platform/money-input';
import type { DoctorWithNextSlot, Paged, Wallet } from '$lib/types.ts';
import { failed } from '../failed.ts';
import { pageParam } from '../query.ts';
import type { PageLoad } from './$types';

const PAGE_SIZE = 12;

/** The search lives in the address, so results can be shared and survive reloads. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  const sp = url.searchParams;
  // What doctors charge in, most doctors first: the fee filter's currencies.
  const [feeCurrencies, wallet] = await Promise.all([
    api
      .get<{ currency: string; doctors: number }[]>('/fee-currencies', { anonymous: true })
      .catch((): { currency: string; doctors: number }[] => []),
    auth.user?.role === 'patient' && has('/wallet') ? api.get<Wallet>('/wallet').catch(() => null) : null,
  ]);
  /**
   * A fee ceiling is in one currency: the one chosen, else the patient's wallet currency (their
   * largest balance), else the one most doctors charge in.
   */
  const walletCurrency = [...(wallet?.balances ?? [])].sort((a, b) => b.balanceMinor - a.balanceMinor)[0]
    ?.currency;
  const defaultCurrency =
    (walletCurrency && feeCurrencies.some((c) => c.currency === walletCurrency)
      ? walletCurrency
      : undefined) ??
    feeCurrencies[0]?.currency ??
    '';
  const maxFee = sp.get('maxFee') ?? '';
  const filters = {
    q: sp.get('q') ?? '',
    specialty: sp.get('specialty') ?? '',
    language: sp.get('language') ?? '',
    currency: sp.get('currency') || (maxFee ? defaultCurrency : ''),
    maxFee,
  };
  // Read in the currency's own exponent (yen have none); an amount it cannot hold filters nothing.
  const fee = filters.maxFee && filters.currency ? parseAmount(filters.maxFee, filters.currency) : null;
  const page = pageParam(url);
  // With booking on, the search also returns each doctor's next free slot.
  const withSlots = has('/search/doctors');
  const [result, specialties] = await Promise.all([
    api
      .get<Paged<DoctorWithNextSlot>>(withSlots ? '/search/doctors' : '/doctors', {
        query: {
          q: filters.q.trim(),
          specialty: filters.specialty,
          language: filters.language,
          currency: filters.currency,
          maxFeeMinor: fee?.ok ? fee.minor : undefined,
          page,
          pageSize: PAGE_SIZE,
          ...(withSlots ? { tz: auth.user?.timezone ?? browserZone(), sort: 'name' } : {}),
        },
      })
      .catch(failed),
    // The specialty filter's options: without them the filter offers "All" only.
    api
      .get<{ specialty: string; doctors: number }[]>('/specialties', { anonymous: true })
      .catch((): { specialty: string; doctors: number }[] => []),
  ]);
  return {
    filters,
    page,
    result,
    specialties,
    feeCurrencies,
    defaultCurrency,
    feeError: fee && !fee.ok ? fee.reason : null,
  };
};
