/**
 * The records vault for other modules:
 * - canDoctorRead(q, doctorId, patientId, recordId?): the consent check (author, consent, emergency).
 * - mayDoctorWrite(q, doctorId, patientId, appointmentId?): may a doctor add to a patient's records.
 * - createVisitRecord(q, input, { doctorId, ip }): write a visit record from a consultation (checks
 *   authorisation and writes the audit entry on the caller's transaction).
 * For audit entries use `audit` from '../audit/index.ts'.
 */
export { canDoctorRead, doctorGrant, mayDoctorWrite, type ReadBasis, type WriteBasis } from './access.ts';
export { createVisitRecord, findVisit, loadVisits } from './visits.ts';
export { VisitInput, VisitRecord } from './schemas.ts';
export { registerRecordsRoutes } from './routes.ts';
export { seedRecordsDemo } from './seed.ts';
