import { api } from '$lib/api.ts';
import type { Appointment, Proposal } from '$lib/types.ts';
import type { ConsultationInfo } from '$lib/visits.ts';
import { DEPS } from '../../../deps.ts';
import { failed } from '../../../failed.ts';
import { finishedToday } from '../finished-today.ts';
import type { PageLoad } from './$types';

/** One finished consultation: its appointment and proposals when it was booked (walk-ins have none). */
export const load: PageLoad = async ({ params, parent, depends }) => {
  depends(DEPS.visit);
  await parent();
  const [info, finished] = await Promise.all([
    api.get<ConsultationInfo & { startedAt: string | null; endedAt: string | null }>(
      `/consultations/${params.roomId}`,
    ),
    finishedToday(),
  ]).catch(failed);
  const [appt, proposals] = info.appointmentId
    ? await Promise.all([
        api.get<Appointment>(`/appointments/${info.appointmentId}`),
        api.get<Proposal[]>('/proposals', { query: { appointmentId: info.appointmentId } }),
      ]).catch(failed)
    : [null, []];
  return { info, appt, proposals, finished };
};
