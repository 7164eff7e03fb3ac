import type { z } from 'zod';
import type { Queryable } from '@telehealth/platform/db/index';
import { audit } from '../audit/index.ts';
import type { Keyring } from '../records/crypto.ts';
import { mayDoctorWrite } from '../records/access.ts';
import type { VisitInput, VisitRecord } from '../records/schemas.ts';
import { createVisitRecord } from '../records/visits.ts';
import { ageInYears } from '../profile/age.ts';
import type { Medication } from '../profile/schemas.ts';
import { loadProfile, saveProfile } from '../profile/store.ts';
import { checkPrescriptions, unacknowledged } from './check.ts';
import { normalize } from './identify.ts';
import type { PrescribingWarning } from './schemas.ts';

export type CheckedVisit =
  | { ok: true; visit: VisitRecord; warnings: PrescribingWarning[] }
  | { ok: false; warnings: PrescribingWarning[]; unacknowledged: number[] };

/**
 * Writes a visit record with the prescribing checks (issue 19), on the caller's transaction:
 * 1. the patient's profile is locked and the prescriptions checked against it (check.ts);
 * 2. a warned prescription without an override reason stops the save: the warnings are returned
 *    (after the write is authorised, so only a doctor who may write learns them) and the look at
 *    the profile is audited; the caller answers 409 and the doctor decides;
 * 3. otherwise the visit is written (createVisitRecord authorises and audits it), each override is
 *    recorded with its reason and the warnings it answered, and the prescribed drugs join the
 *    patient's current medications (the doctor's save is the confirmation).
 */
export async function createCheckedVisit(
  q: Queryable,
  ring: Keyring,
  input: z.output<typeof VisitInput>,
  actor: { doctorId: string; ip: string | null },
  now: Date,
): Promise<CheckedVisit> {
  if (input.prescriptions.length === 0)
    return { ok: true, visit: await createVisitRecord(q, input, actor), warnings: [] };
  const stored = await loadProfile(q, ring, input.patientId, { forUpdate: true });
  const warnings = checkPrescriptions({
    drugs: input.prescriptions,
    allergies: stored.profile.allergies,
    medications: stored.profile.medications,
    ageYears: ageInYears(stored.profile.dateOfBirth, now),
  });
  const missing = unacknowledged(warnings, input.safetyOverrides);
  if (missing.length > 0) {
    const perm = await mayDoctorWrite(q, actor.doctorId, input.patientId, input.appointmentId);
    // Not allowed to write: createVisitRecord throws the refusal it always throws.
    if (!perm.ok) await createVisitRecord(q, input, actor);
    await auditProfileLook(q, actor, input.patientId, { basis: perm.ok ? perm.basis : 'none', warnings });
    return { ok: false, warnings, unacknowledged: missing };
  }
  const visit = await createVisitRecord(q, input, actor);
  for (const o of input.safetyOverrides) {
    const answered = warnings.filter((w) => w.index === o.index);
    const rx = visit.prescriptions[o.index];
    if (answered.length === 0 || !rx) continue;
    await q.query(
      'INSERT INTO prescription_overrides (prescription_id, doctor_id, reason, warnings) VALUES ($1, $2, $3, $4)',
      [rx.id, actor.doctorId, o.reason, JSON.stringify(answered)],
    );
    await audit(q, {
      actorId: actor.doctorId,
      actorRole: 'doctor',
      action: 'prescription.override',
      subjectId: input.patientId,
      recordType: 'prescription',
      recordId: rx.id,
      ip: actor.ip,
      // Kinds only: the reason and the allergy are clinical text, kept in prescription_overrides.
      details: { visitId: visit.id, kinds: [...new Set(answered.map((w) => w.kind))] },
    });
  }
  if (warnings.length > 0)
    await auditProfileLook(q, actor, input.patientId, { basis: 'visit', warnings, visitId: visit.id });
  const medications = withPrescribed(stored.profile.medications, visit, now);
  if (medications.length > stored.profile.medications.length) {
    await saveProfile(
      q,
      ring,
      input.patientId,
      { ...stored.profile, medications },
      stored.version,
      actor.doctorId,
    );
    await audit(q, {
      actorId: actor.doctorId,
      actorRole: 'doctor',
      action: 'profile.medications_add',
      subjectId: input.patientId,
      recordType: 'health_profile',
      recordId: input.patientId,
      ip: actor.ip,
      details: { visitId: visit.id, added: medications.length - stored.profile.medications.length },
    });
  }
  return { ok: true, visit, warnings };
}

/** The current medications with this visit's prescriptions added (a drug already listed is not repeated). */
export function withPrescribed(current: readonly Medication[], visit: VisitRecord, now: Date): Medication[] {
  const out = [...current];
  const since = now.toISOString().slice(0, 10);
  for (const p of visit.prescriptions) {
    if (out.some((m) => normalize(m.name) === normalize(p.drug))) continue;
    out.push({ name: p.drug, dose: `${p.dose}, ${p.frequency}`.slice(0, 200), since, visitId: visit.id });
  }
  return out;
}

/** The warnings showed the doctor part of the profile: a profile read, audited (ids and kinds only). */
async function auditProfileLook(
  q: Queryable,
  actor: { doctorId: string; ip: string | null },
  patientId: string,
  d: { basis: string; warnings: PrescribingWarning[]; visitId?: string },
) {
  await audit(q, {
    actorId: actor.doctorId,
    actorRole: 'doctor',
    action: 'profile.read',
    subjectId: patientId,
    recordType: 'health_profile',
    recordId: patientId,
    ip: actor.ip,
    details: {
      basis: d.basis,
      via: 'prescribing_check',
      warnings: d.warnings.length,
      ...(d.visitId ? { visitId: d.visitId } : {}),
    },
  });
}
