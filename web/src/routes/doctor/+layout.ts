import { requireUser } from '../guard.ts';
import type { LayoutLoad } from './$types';

/** Everything under /doctor is for doctors. */
export const load: LayoutLoad = async (event) => {
  await requireUser(event, ['doctor']);
};
