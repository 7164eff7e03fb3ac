import { api } from '$lib/api.ts';
import { t } from '$lib/i18n/index.svelte.ts';
import { requireUser } from '../../../guard.ts';
import { missing } from '../../../failed.ts';
import type { PageLoad } from './$types';

// Shape of GET /receipts/{id} (api/src/payments).
interface Receipt {
  receiptNumber: string;
  paymentId: string;
  issuedAt: string;
  patientName: string;
  description: string;
  currency: string;
  amountMinor: number;
  walletMinor: number;
  gatewayMinor: number;
  gateway: string | null;
  status: string;
  refunds: { id: string; amountMinor: number; status: string; reason: string; createdAt: string }[];
}

/** The patient's own receipt, or any receipt for an admin (the receipt e-mail links here). */
export const load: PageLoad = async (event) => {
  await requireUser(event, ['patient', 'admin']);
  const receipt = await api.get<Receipt>(`/receipts/${event.params.id}`).catch(missing(t('receipt.missing')));
  return { receipt };
};
