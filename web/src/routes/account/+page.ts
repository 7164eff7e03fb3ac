import { requireUser } from '../guard.ts';
import type { PageLoad } from './$types';

/** Any signed-in user's own account (the form starts from the session's user). */
export const load: PageLoad = async (event) => {
  await requireUser(event);
};
