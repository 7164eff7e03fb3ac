import { api, ApiError } from '$lib/api.ts';
import { auth } from '$lib/auth.svelte.ts';
import { dayIn } from '$lib/practice.ts';
import type { RecordsList, VisitSummary } from '$lib/types.ts';

// Shape of GET /consultations (api/src/consultations).
interface Consultation {
  roomId: string;
  kind: 'appointment' | 'queue';
  appointmentId: string | null;
  patient: { id: string; name: string };
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
}

/** A finished consultation with the doctor's notes for it (null when the records could not be read). */
export type FinishedVisit = Consultation & { notes: VisitSummary[] | null };

/**
 * The signed-in doctor's consultations that ended today (in the doctor's zone), each with the visit
 * records written for it: the notes are one click away after every call, not behind the Back button.
 */
export async function finishedToday(): Promise<FinishedVisit[]> {
  const tz = auth.user?.timezone ?? 'UTC';
  const all = await api.get<Consultation[]>('/consultations', { query: { limit: 100 } });
  const today = dayIn(tz);
  const ended = all.filter((c) => c.endedAt && dayIn(tz, new Date(c.endedAt)) === today);
  // One records read per patient seen today (each read is audited as the doctor's).
  const byPatient = new Map<string, Promise<VisitSummary[] | null>>();
  for (const c of ended)
    if (!byPatient.has(c.patient.id))
      byPatient.set(
        c.patient.id,
        api
          .get<RecordsList>('/records', { query: { patientId: c.patient.id } })
          .then((r) => r.visits.filter((v) => v.doctorId === auth.user?.id))
          .catch((err: unknown) => (err instanceof ApiError && err.status === 403 ? [] : null)),
      );
  return Promise.all(
    ended.map(async (c) => {
      const visits = await byPatient.get(c.patient.id)!;
      const notes =
        visits?.filter((v) =>
          c.appointmentId
            ? v.appointmentId === c.appointmentId
            : !v.appointmentId && dayIn(tz, new Date(v.visitAt)) === today,
        ) ?? null;
      return { ...c, notes };
    }),
  );
}
