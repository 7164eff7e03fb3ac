import { api } from '$lib/api.ts';
import { has } from '$lib/capabilities.svelte.ts';
import type { Appointment, Doctor, PaymentMethods, Wallet } from '$lib/types.ts';
import { failed } from '../../../failed.ts';
import type { PageLoad } from './$types';

/**
 * Booking `?start=` (a slot to hold) or paying a held `?appointment=`: the doctor, how the patient
 * can pay (when the server takes payments) and the wallet to pay from.
 */
export const load: PageLoad = async ({ params, parent, url }) => {
  await parent();
  const resumeId = url.searchParams.get('appointment');
  const [doctor, methods, wallet, appt] = await Promise.all([
    api.get<Doctor>(`/doctors/${params.doctorId}`),
    has('/payments/methods') ? api.get<PaymentMethods>('/payments/methods') : null,
    has('/wallet') ? api.get<Wallet>('/wallet') : null,
    resumeId ? api.get<Appointment>(`/appointments/${resumeId}`) : null,
  ]).catch(failed);
  return { doctor, methods, wallet, appt, start: url.searchParams.get('start') };
};
