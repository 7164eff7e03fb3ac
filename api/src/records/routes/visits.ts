import type { Request } from 'express';
import { audit } from '../../audit/index.ts';
import type { AppContext } from '../../context.ts';
import type { AuthedUser } from '../../http/auth-middleware.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { RouteBuilder } from '../../http/route.ts';
import { authorizeRecordRead, basisDetails, basisReason } from '../access.ts';
import { prescriptionPdf, visitSummaryPdf } from '../pdf.ts';
import { IdParams, VisitInput, VisitRecord } from '../schemas.ts';
import { createCheckedVisit } from '../../prescribing/visit.ts';
import { keyringFromConfig } from '../files.ts';
import { findPrescription, findVisit } from '../visits.ts';
import type { AuditedReads } from './audited.ts';
import { actorOf, sendPdf } from './http.ts';

/** Visit records: written by doctors, read (and printed with their prescriptions) under access.ts. */
export function registerVisitRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  { deniedAudited, auditedRead }: AuditedReads,
) {
  const { db } = ctx;
  const keyring = keyringFromConfig(ctx.config);
  const tags = ['records'];
  const clinical = ['patient', 'doctor'] as const;
  const clinicalOrAdmin = ['patient', 'doctor', 'admin'] as const;

  /** The PDF is the patient's document: their name, zone and language, whoever downloads it. */
  async function patientContext(patientId: string) {
    const { rows } = await db.query<{ name: string; timezone: string; locale: string }>(
      'SELECT name, timezone, locale FROM users WHERE id = $1',
      [patientId],
    );
    return {
      patientName: rows[0]?.name ?? 'Unknown',
      timezone: rows[0]?.timezone ?? 'UTC',
      locale: rows[0]?.locale ?? 'en',
    };
  }

  route({
    method: 'post',
    path: '/records/visits',
    summary: 'Write a visit record (doctors: with consent, emergency access, or for an appointment)',
    tags,
    access: ['doctor'],
    body: VisitInput,
    response: VisitRecord,
    status: 201,
    handler: async ({ req, user, body }) =>
      deniedAudited(
        user,
        req,
        { patientId: body.patientId, recordType: 'visit', recordId: null },
        async () => {
          // Prescriptions are checked against the health profile first (prescribing/visit.ts).
          const r = await db.tx((q) =>
            createCheckedVisit(q, keyring, body, { doctorId: user.id, ip: req.ip ?? null }, ctx.now()),
          );
          if (!r.ok)
            throw conflict(
              'PRESCRIPTION_WARNINGS',
              'A prescription needs your attention (allergy, duplicate or age); give a reason to prescribe it anyway',
              { warnings: r.warnings, unacknowledged: r.unacknowledged },
            );
          return r.visit;
        },
      ),
  });

  const loadVisitFor = async (user: AuthedUser, req: Request, id: string, action: string) => {
    const v = await findVisit(db, id);
    if (!v) throw notFound('VISIT_NOT_FOUND', 'No such visit record');
    await auditedRead(
      user,
      req,
      { id: v.id, patientId: v.patientId, authorId: v.doctorId, emergencyGrantId: v.emergencyGrantId },
      'visit',
      action,
      'VISIT_NOT_FOUND',
    );
    return v;
  };

  route({
    method: 'get',
    path: '/records/visits/:id',
    summary: 'A visit record',
    tags,
    access: clinicalOrAdmin,
    params: IdParams,
    response: VisitRecord,
    handler: async ({ req, user, params }) => loadVisitFor(user, req, params.id, 'visit.read'),
  });

  route({
    method: 'get',
    path: '/records/visits/:id/pdf',
    summary: 'Visit summary as PDF',
    tags,
    access: clinical,
    params: IdParams,
    handler: async ({ req, res, user, params }) => {
      const v = await loadVisitFor(user, req, params.id, 'visit.export_pdf');
      await sendPdf(
        res,
        visitSummaryPdf(v, await patientContext(v.patientId)),
        `visit-${v.visitAt.slice(0, 10)}.pdf`,
      );
    },
  });

  route({
    method: 'get',
    path: '/records/prescriptions/:id/pdf',
    summary: 'A prescription as PDF',
    tags,
    access: clinical,
    params: IdParams,
    handler: async ({ req, res, user, params }) => {
      const found = await findPrescription(db, params.id);
      if (!found) throw notFound('PRESCRIPTION_NOT_FOUND', 'No such prescription');
      const { visit, prescription } = found;
      // Access follows the visit the prescription belongs to (its consent, its author).
      const target = { patientId: visit.patientId, recordType: 'prescription', recordId: prescription.id };
      await deniedAudited(user, req, target, () =>
        db.tx(async (q) => {
          const basis = await authorizeRecordRead(
            q,
            user,
            {
              id: visit.id,
              patientId: visit.patientId,
              authorId: visit.doctorId,
              emergencyGrantId: visit.emergencyGrantId,
            },
            'PRESCRIPTION_NOT_FOUND',
          );
          await audit(q, {
            ...actorOf(user, req),
            action: 'prescription.export_pdf',
            subjectId: visit.patientId,
            recordType: 'prescription',
            recordId: prescription.id,
            reason: basisReason(basis),
            details: { ...basisDetails(basis), visitId: visit.id },
          });
        }),
      );
      await sendPdf(
        res,
        prescriptionPdf(visit, prescription, await patientContext(visit.patientId)),
        `prescription-${prescription.id.slice(0, 8)}.pdf`,
      );
    },
  });
}
