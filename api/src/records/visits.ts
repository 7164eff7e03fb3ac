import { audit } from '../audit/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { doctorNotVerified } from '../doctors/clinician.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { mayDoctorWrite } from './access.ts';
import { VisitInput, type VisitRecord } from './schemas.ts';
import type { z } from 'zod';

interface VisitRow {
  id: string;
  patient_id: string;
  doctor_id: string | null;
  doctor_name: string;
  appointment_id: string | null;
  visit_at: Date;
  notes: string;
  diagnoses: VisitRecord['diagnoses'];
  vitals: VisitRecord['vitals'];
  created_at: Date;
  emergency_grant_id: string | null;
}
interface PrescriptionRow {
  id: string;
  visit_id: string;
  drug: string;
  dose: string;
  route: VisitRecord['prescriptions'][number]['route'];
  frequency: string;
  duration: string;
  instructions: string | null;
}
interface LabRow {
  id: string;
  visit_id: string;
  test: string;
  value: string;
  unit: string | null;
  reference_range: string | null;
  flag: VisitRecord['labResults'][number]['flag'];
  observed_at: Date | null;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toVisit(v: VisitRow, ps: PrescriptionRow[], ls: LabRow[]): VisitRecord {
  return {
    id: v.id,
    patientId: v.patient_id,
    doctorId: v.doctor_id,
    doctorName: v.doctor_name,
    appointmentId: v.appointment_id,
    visitAt: v.visit_at.toISOString(),
    notes: v.notes,
    diagnoses: json(v.diagnoses),
    vitals: json(v.vitals),
    prescriptions: ps.map((p) => ({
      id: p.id,
      drug: p.drug,
      dose: p.dose,
      route: p.route,
      frequency: p.frequency,
      duration: p.duration,
      instructions: p.instructions,
    })),
    labResults: ls.map((l) => ({
      id: l.id,
      test: l.test,
      value: l.value,
      unit: l.unit,
      referenceRange: l.reference_range,
      flag: l.flag,
      observedAt: l.observed_at ? l.observed_at.toISOString() : null,
    })),
    createdAt: v.created_at.toISOString(),
    emergencyGrantId: v.emergency_grant_id,
  };
}

/** Loads visits with their prescriptions and lab results (three queries, whatever the count). */
export async function loadVisits(
  q: Queryable,
  where: { ids?: string[]; patientId?: string },
): Promise<VisitRecord[]> {
  const { rows } = await q.query<VisitRow>(
    `SELECT * FROM visit_records WHERE ($1::uuid[] IS NULL OR id = ANY($1)) AND ($2::uuid IS NULL OR patient_id = $2)
      AND ($1::uuid[] IS NOT NULL OR $2::uuid IS NOT NULL) ORDER BY visit_at DESC, id`,
    [where.ids ?? null, where.patientId ?? null],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ps = (
    await q.query<PrescriptionRow>(
      'SELECT * FROM prescriptions WHERE visit_id = ANY($1) ORDER BY visit_id, position',
      [ids],
    )
  ).rows;
  const ls = (
    await q.query<LabRow>('SELECT * FROM lab_results WHERE visit_id = ANY($1) ORDER BY visit_id, position', [
      ids,
    ])
  ).rows;
  return rows.map((v) =>
    toVisit(
      v,
      ps.filter((p) => p.visit_id === v.id),
      ls.filter((l) => l.visit_id === v.id),
    ),
  );
}

export async function findVisit(q: Queryable, id: string): Promise<VisitRecord | undefined> {
  return (await loadVisits(q, { ids: [id] }))[0];
}

/**
 * Writes a visit record (notes, diagnoses, vitals, prescriptions, lab results) on the caller's
 * transaction and audits it. This is the entry point for consultations: pass the appointment id.
 * Authorisation is enforced here (see mayDoctorWrite), so callers cannot forget it.
 */
export async function createVisitRecord(
  q: Queryable,
  input: z.input<typeof VisitInput>,
  actor: { doctorId: string; ip?: string | null; reason?: string | null },
): Promise<VisitRecord> {
  const v = VisitInput.parse(input);
  const people = await q.query<{ id: string; role: string; name: string; status: string }>(
    'SELECT id, role, name, status FROM users WHERE id = ANY($1)',
    [[v.patientId, actor.doctorId]],
  );
  const patient = people.rows.find((r) => r.id === v.patientId && r.role === 'patient');
  const doctor = people.rows.find((r) => r.id === actor.doctorId && r.role === 'doctor');
  if (!doctor) throw forbidden('DOCTORS_ONLY', 'Only doctors write visit records');
  if (!patient) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
  const perm = await mayDoctorWrite(q, actor.doctorId, v.patientId, v.appointmentId);
  if (!perm.ok) {
    if (perm.code === 'DOCTOR_NOT_VERIFIED') throw doctorNotVerified();
    throw perm.code === 'APPOINTMENT_MISMATCH'
      ? new AppError(403, 'APPOINTMENT_MISMATCH', 'This appointment is not between you and this patient')
      : forbidden(
          'CONSENT_REQUIRED',
          "Writing a record needs the patient's consent, emergency access, or an appointment",
        );
  }
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO visit_records (patient_id, doctor_id, doctor_name, appointment_id, visit_at, notes, diagnoses, vitals, emergency_grant_id)
     VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()), $6, $7, $8, $9) RETURNING id`,
    [
      v.patientId,
      actor.doctorId,
      doctor.name,
      v.appointmentId ?? null,
      v.visitAt ?? null,
      v.notes,
      JSON.stringify(v.diagnoses),
      JSON.stringify(v.vitals),
      perm.emergencyGrantId ?? null,
    ],
  );
  const id = rows[0]!.id;
  for (const [i, p] of v.prescriptions.entries()) {
    await q.query(
      `INSERT INTO prescriptions (visit_id, position, drug, dose, route, frequency, duration, instructions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, i, p.drug, p.dose, p.route, p.frequency, p.duration, p.instructions ?? null],
    );
  }
  for (const [i, l] of v.labResults.entries()) {
    await q.query(
      `INSERT INTO lab_results (visit_id, position, test, value, unit, reference_range, flag, observed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        i,
        l.test,
        l.value,
        l.unit ?? null,
        l.referenceRange ?? null,
        l.flag ?? null,
        l.observedAt ?? null,
      ],
    );
  }
  await audit(q, {
    actorId: actor.doctorId,
    actorRole: 'doctor',
    action: 'visit.create',
    subjectId: v.patientId,
    recordType: 'visit',
    recordId: id,
    reason: actor.reason ?? null,
    ip: actor.ip ?? null,
    details: {
      basis: perm.basis,
      ...(perm.emergencyGrantId ? { emergencyAccessId: perm.emergencyGrantId } : {}),
      ...(v.appointmentId ? { appointmentId: v.appointmentId } : {}),
      prescriptions: v.prescriptions.length,
      labResults: v.labResults.length,
    },
  });
  return (await findVisit(q, id))!;
}

/** The prescription with its visit (for the prescription PDF and its authorisation). */
export async function findPrescription(q: Queryable, id: string) {
  const { rows } = await q.query<{ visit_id: string }>('SELECT visit_id FROM prescriptions WHERE id = $1', [
    id,
  ]);
  if (!rows[0]) return undefined;
  const visit = await findVisit(q, rows[0].visit_id);
  const prescription = visit?.prescriptions.find((p) => p.id === id);
  return visit && prescription ? { visit, prescription } : undefined;
}
