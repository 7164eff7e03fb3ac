import { requireUser } from '../guard.ts';
import type { LayoutLoad } from './$types';

/** Everything under /admin is for admins. */
export const load: LayoutLoad = async (event) => {
  await requireUser(event, ['admin']);
};
