import { requireUser } from '../guard.ts';
import type { PageLoad } from './$types';

/**
 * Conversations are live on the signaling socket (list, history, receipts, typing), so the page
 * itself reads them; the load only decides who may be here.
 */
export const load: PageLoad = async (event) => {
  await requireUser(event, ['patient', 'doctor']);
};
