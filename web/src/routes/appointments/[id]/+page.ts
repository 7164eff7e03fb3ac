import { api, ApiError } from '$lib/api.ts';
import { t } from '$lib/i18n/index.svelte.ts';
import type { Appointment, Proposal, Rating } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed, missing } from '../../failed.ts';
import { requireUser } from '../../guard.ts';
import type { PageLoad } from './$types';

/**
 * One booked visit for its patient, its doctor, or an admin (read-only). E-mails and invites link
 * here, so a signed-out visitor is sent to sign in and comes back.
 */
export const load: PageLoad = async (event) => {
  event.depends(DEPS.appointment);
  const user = await requireUser(event, ['patient', 'doctor', 'admin']);
  const id = event.params.id;
  const appt = await api
    .get<Appointment>(`/appointments/${id}`)
    .catch(missing(t('appt.missing'), t('appt.missingBody')));
  const [proposals, rating] = await Promise.all([
    // Proposals are the patient's and the doctor's business; the page works without them.
    user.role === 'admin'
      ? []
      : api.get<Proposal[]>('/proposals', { query: { appointmentId: id } }).catch((): Proposal[] => []),
    // Only a completed visit can have a rating; 404: not rated yet.
    appt.status === 'completed'
      ? api
          .get<Rating>(`/appointments/${id}/rating`)
          .catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? null : failed(err)))
      : undefined,
  ]);
  return { appt, proposals, rating };
};
