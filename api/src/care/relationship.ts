import type { Queryable } from '@telehealth/platform/db/index';
import { OCCUPYING_SQL } from '../booking/states.ts';
import { VERIFIED_CLINICIAN } from '../doctors/clinician.ts';

/**
 * A doctor is treating a patient when they have an appointment that was not abandoned, or the
 * patient is (or was) in the doctor's queue. This grants what a treating clinician needs for the
 * visit (triage, chat); records additionally follow the patient's consent. Only a verified
 * clinician treats anyone (issue 21): an unverified doctor's appointments and queue grant nothing.
 */
export async function doctorTreatsPatient(
  q: Queryable,
  doctorId: string,
  patientId: string,
): Promise<boolean> {
  const { rows } = await q.query<{ ok: boolean }>(
    `SELECT ${VERIFIED_CLINICIAN('$1::uuid')}
        AND (EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND patient_id = $2
                      AND ${OCCUPYING_SQL})
             OR EXISTS (SELECT 1 FROM queue_entries WHERE doctor_id = $1 AND patient_id = $2)) AS ok`,
    [doctorId, patientId],
  );
  return rows[0]?.ok ?? false;
}
