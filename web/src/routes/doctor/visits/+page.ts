import { failed } from '../../failed.ts';
import { finishedToday } from './finished-today.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  return { finished: await finishedToday().catch(failed) };
};
