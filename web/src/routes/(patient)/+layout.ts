import { requireUser } from '../guard.ts';
import type { LayoutLoad } from './$types';

/**
 * The patient's own areas (appointments list, booking, records, symptom check, waiting room,
 * wallet). Pages that other roles open too (an appointment, a receipt) live outside this group and
 * name their roles in their own load.
 */
export const load: LayoutLoad = async (event) => {
  await requireUser(event, ['patient']);
};
