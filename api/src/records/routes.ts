import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { disconnectUser } from '@telehealth/signaling/access-control';
import { z } from 'zod';
import { audit, registerAuditRoutes } from '../audit/index.ts';
import { reauthenticate } from '../auth/reauth.ts';
import type { AppContext } from '../context.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/errors.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { ObjectNotFoundError } from '../storage/index.ts';
import { doctorNotVerified, isVerifiedClinician } from '../doctors/clinician.ts';
import {
  ACTIVE_CONSENT,
  authorizeRecordRead,
  basisDetails,
  basisReason,
  breakGlassRequired,
  doctorGrant,
  mayDoctorWrite,
  QUARANTINED,
  type ReadBasis,
} from './access.ts';
import { activeBreakGlass, closeBreakGlass, listBreakGlass, openBreakGlass } from './break-glass.ts';
import { grantConsent, listConsents, revokeConsent } from './consents.ts';
import { DecryptionError, MasterKeyUnavailableError } from './crypto.ts';
import { recordsLinks } from './emails.ts';
import { listEmergencyAccess, requestEmergencyAccess, reviewEmergencyAccess } from './emergency.ts';
import { eraseAccount } from './erasure.ts';
import { buildExport } from './export.ts';
import {
  createVault,
  deleteObjects,
  findFile,
  openFileContent,
  purgeStaleUploads,
  shredFiles,
  toRecordFile,
  uploadFile,
  type AuditActor,
  type FileRow,
  type Vault,
} from './files.ts';
import { prescriptionPdf, visitSummaryPdf } from './pdf.ts';
import {
  AdminBreakGlass,
  AdminBreakGlassInput,
  Consent,
  ConsentInput,
  ConsentsQuery,
  EmergencyAccess,
  EmergencyInput,
  EmergencyReviewInput,
  EraseMeInput,
  ErasureResult,
  IdParams,
  RecordFile,
  RecordsList,
  RecordsQuery,
  ReviewStatuses,
  UploadQuery,
  VisitInput,
  VisitRecord,
} from './schemas.ts';
import { createVisitRecord, findPrescription, findVisit, loadVisits } from './visits.ts';

const actorOf = (user: AuthedUser, req: Request): AuditActor => ({
  actorId: user.id,
  actorRole: user.role,
  ip: req.ip ?? null,
});

const contentDisposition = (kind: 'attachment' | 'inline', name: string) => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

/**
 * The records vault (issue 9): files, visit records, consent, emergency access, patient rights, and
 * the admin audit explorer. `vault` is injectable for tests (another store or keyring).
 */
export function registerRecordsRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  vault: Vault = createVault(ctx.config),
) {
  const { db, log } = ctx;
  const tags = ['records'];
  const clinical = ['patient', 'doctor'] as const;
  // Reads an admin may make, each only under their own break-glass (access.ts): reviewing quarantine.
  const clinicalOrAdmin = ['patient', 'doctor', 'admin'] as const;
  const links = recordsLinks(ctx.config.publicUrl);

  /** Refused attempts leave a trace too, committed on their own since the request itself fails. */
  async function auditDenied(
    user: AuthedUser,
    req: Request,
    patientId: string,
    recordType: string | null,
    recordId: string | null,
    code: string,
  ) {
    await db.tx((q) =>
      audit(q, {
        ...actorOf(user, req),
        action: 'record.access_denied',
        subjectId: patientId,
        recordType,
        recordId,
        details: { code },
      }),
    );
  }

  /** Authorises and audits one read in a single transaction: no read without its audit entry. */
  async function auditedRead(
    user: AuthedUser,
    req: Request,
    record: { id: string; patientId: string; authorId: string | null; emergencyGrantId: string | null },
    recordType: 'file' | 'visit',
    action: string,
    notFoundCode: string,
  ): Promise<ReadBasis> {
    try {
      return await db.tx(async (q) => {
        const basis = await authorizeRecordRead(q, user, record, notFoundCode);
        await audit(q, {
          ...actorOf(user, req),
          action,
          subjectId: record.patientId,
          recordType,
          recordId: record.id,
          reason: basisReason(basis),
          details: basisDetails(basis),
        });
        return basis;
      });
    } catch (err) {
      if (err instanceof AppError && err.status === 403)
        await auditDenied(user, req, record.patientId, recordType, record.id, err.code);
      throw err;
    }
  }

  async function patientContext(patientId: string) {
    const { rows } = await db.query<{ name: string; timezone: string }>(
      'SELECT name, timezone FROM users WHERE id = $1',
      [patientId],
    );
    return { patientName: rows[0]?.name ?? 'Unknown', timezone: rows[0]?.timezone ?? 'UTC' };
  }

  async function sendPdf(res: Response, doc: PDFKit.PDFDocument, filename: string) {
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition('attachment', filename));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await pipeline(doc as unknown as Readable, res);
  }

  // ---------------------------------------------------------------- files
  route({
    method: 'post',
    path: '/records/files',
    summary:
      'Upload a PDF or image as the raw request body (any non-JSON Content-Type; the type is detected from the bytes). Name via X-Filename header or ?filename=',
    tags,
    access: clinical,
    query: UploadQuery,
    response: RecordFile,
    status: 201,
    handler: async ({ req, res, user, query }) => {
      let patientId = user.id;
      let emergencyGrantId: string | undefined;
      if (user.role === 'patient') {
        if (query.patientId && query.patientId !== user.id)
          throw forbidden('NOT_YOUR_VAULT', 'Patients upload into their own records');
      } else {
        if (!query.patientId)
          throw badRequest('PATIENT_REQUIRED', 'Doctors upload for a patient: pass ?patientId=');
        patientId = query.patientId;
        const p = await db.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'patient'`, [patientId]);
        if (p.rows.length === 0) throw notFound('PATIENT_NOT_FOUND', 'No such patient');
        const perm = await mayDoctorWrite(db, user.id, patientId);
        if (!perm.ok) {
          await auditDenied(user, req, patientId, 'file', null, perm.code);
          if (perm.code === 'DOCTOR_NOT_VERIFIED') throw doctorNotVerified();
          throw forbidden(
            perm.code,
            "Uploading into a patient's records needs their consent or emergency access",
          );
        }
        emergencyGrantId = perm.emergencyGrantId;
      }
      // The JSON parser has already consumed a body sent as application/json: it cannot be a file.
      if ((req as { _body?: boolean })._body)
        throw new AppError(
          415,
          'UPLOAD_NOT_STREAMED',
          'Send the file bytes as the body with a non-JSON Content-Type, e.g. application/octet-stream',
        );
      const header = req.headers['x-filename'];
      let filename = query.filename;
      if (typeof header === 'string') {
        try {
          filename = decodeURIComponent(header);
        } catch {
          filename = header;
        }
      }
      await purgeStaleUploads(db, vault.store);
      const length = req.headers['content-length'];
      try {
        const row = await uploadFile(db, vault, {
          patientId,
          uploadedBy: user.id,
          filename,
          source: req,
          declaredLength: length !== undefined ? Number(length) : undefined,
          actor: actorOf(user, req),
          ...(emergencyGrantId ? { emergencyGrantId } : {}),
        });
        return toRecordFile(row);
      } catch (err) {
        // Part of the body is unread: do not keep the connection (the client may still be sending).
        if (!req.complete) res.setHeader('Connection', 'close');
        throw err;
      }
    },
  });

  route({
    method: 'get',
    path: '/records',
    summary:
      "My records, or (doctors, ?patientId=) the patient's records I may see; admins only under their own break-glass",
    tags,
    access: clinicalOrAdmin,
    query: RecordsQuery,
    response: RecordsList,
    handler: async ({ req, user, query }) => {
      const patientId = user.role === 'patient' ? user.id : query.patientId;
      if (!patientId) throw badRequest('PATIENT_REQUIRED', 'Pass ?patientId=');
      if (user.role === 'patient' && query.patientId && query.patientId !== user.id)
        throw notFound('PATIENT_NOT_FOUND', 'No such patient');
      try {
        return await db.tx(async (q) => {
          let access: 'owner' | 'full' | 'partial' = 'owner';
          let basis: ReadBasis = { kind: 'patient' };
          if (user.role === 'doctor') {
            if (!(await isVerifiedClinician(q, user.id))) throw doctorNotVerified();
            const g = await doctorGrant(q, user.id, patientId);
            access = g ? 'full' : 'partial';
            basis = g ?? { kind: 'author' };
          } else if (user.role === 'admin') {
            const bg = await activeBreakGlass(q, user.id, patientId);
            if (!bg) throw breakGlassRequired();
            access = 'full';
            basis = { kind: 'admin_break_glass', breakGlassId: bg.id };
          }
          // Partial access: what this doctor wrote or uploaded, and single records consented to.
          const partial = access === 'partial';
          const filter = partial
            ? `AND (x.author = $2 OR x.id IN (SELECT record_id FROM consents WHERE patient_id = $1 AND doctor_id = $2
                 AND scope = 'record' AND ${ACTIVE_CONSENT}))`
            : '';
          // What was written under a flagged emergency grant is shown to admins (reviewing it) only.
          const hide = user.role === 'admin' ? '' : `AND NOT ${QUARANTINED('x.emergency_grant_id')}`;
          const params = partial ? [patientId, user.id] : [patientId];
          const fileRows = (
            await q.query<FileRow>(
              `SELECT * FROM (SELECT *, uploaded_by AS author FROM record_files WHERE patient_id = $1 AND status = 'ready') x
                WHERE true ${filter} ${hide} ORDER BY created_at DESC`,
              params,
            )
          ).rows;
          const visitIds = (
            await q.query<{ id: string }>(
              `SELECT id FROM (SELECT id, doctor_id AS author, emergency_grant_id FROM visit_records WHERE patient_id = $1) x
                WHERE true ${filter} ${hide}`,
              params,
            )
          ).rows.map((r) => r.id);
          if (access === 'partial' && fileRows.length === 0 && visitIds.length === 0)
            throw forbidden(
              'CONSENT_REQUIRED',
              "You need the patient's consent (or emergency access) to see their records",
            );
          const visits = visitIds.length ? await loadVisits(q, { ids: visitIds }) : [];
          await audit(q, {
            ...actorOf(user, req),
            action: 'records.list',
            subjectId: patientId,
            reason: basisReason(basis),
            details: { ...basisDetails(basis), access, files: fileRows.length, visits: visits.length },
          });
          return {
            patientId,
            access,
            files: fileRows.map(toRecordFile),
            visits: visits.map((v) => ({
              id: v.id,
              patientId: v.patientId,
              doctorId: v.doctorId,
              doctorName: v.doctorName,
              appointmentId: v.appointmentId,
              visitAt: v.visitAt,
              diagnoses: v.diagnoses,
              createdAt: v.createdAt,
              emergencyGrantId: v.emergencyGrantId,
            })),
          };
        });
      } catch (err) {
        if (err instanceof AppError && err.status === 403)
          await auditDenied(user, req, patientId, null, null, err.code);
        throw err;
      }
    },
  });

  route({
    method: 'get',
    path: '/records/files/:id/content',
    summary: 'Download a file, decrypted (streamed); ?disposition=inline to view in the browser',
    tags,
    access: clinicalOrAdmin,
    params: IdParams,
    query: z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') }),
    handler: async ({ req, res, user, params, query }) => {
      const row = await findFile(db, params.id);
      if (!row) throw notFound('FILE_NOT_FOUND', 'No such file');
      await auditedRead(
        user,
        req,
        {
          id: row.id,
          patientId: row.patient_id,
          authorId: row.uploaded_by,
          emergencyGrantId: row.emergency_grant_id,
        },
        'file',
        'file.read',
        'FILE_NOT_FOUND',
      );
      let content: AsyncGenerator<Buffer>;
      let first: IteratorResult<Buffer>;
      try {
        content = await openFileContent(vault, row);
        // The first chunk is authenticated before any header goes out, so a damaged file is a clean error.
        first = await content.next();
      } catch (err) {
        if (err instanceof DecryptionError) {
          log.error({ fileId: row.id, err: err.message }, 'record file failed its integrity check');
          throw new AppError(
            500,
            'FILE_INTEGRITY_FAILED',
            'The stored file failed its integrity check (corrupted or tampered with); nothing was served',
          );
        }
        if (err instanceof ObjectNotFoundError) {
          log.error({ fileId: row.id }, 'record file missing from storage');
          throw new AppError(500, 'FILE_MISSING', 'The stored file is missing');
        }
        if (err instanceof MasterKeyUnavailableError) {
          log.error({ fileId: row.id, err: err.message }, 'record file master key unavailable');
          throw new AppError(503, 'KEY_UNAVAILABLE', 'The key for this file is not available');
        }
        throw err;
      }
      res.status(200);
      res.setHeader('Content-Type', row.media_type);
      res.setHeader('Content-Length', String(row.size_bytes));
      res.setHeader('Content-Disposition', contentDisposition(query.disposition, row.filename ?? 'document'));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      const body = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* content;
        })(),
        { objectMode: false },
      );
      try {
        await pipeline(body, res);
      } catch (err) {
        // Headers are gone: the only honest signal left is an aborted response (short of Content-Length).
        if (err instanceof DecryptionError)
          log.error(
            { fileId: row.id, err: err.message },
            'record file failed its integrity check mid-stream',
          );
        res.destroy();
      }
    },
  });

  route({
    method: 'delete',
    path: '/records/files/:id',
    summary: 'Delete a file (its owner, or the doctor who uploaded it): the key is destroyed, then the bytes',
    tags,
    access: clinical,
    params: IdParams,
    handler: async ({ req, user, params }) => {
      const keys = await db.tx(async (q) => {
        // A quarantined file is hidden from its uploader and its patient alike: it waits for review,
        // and an author under a flagged grant must not be able to make it disappear.
        const row = (
          await q.query<FileRow>(
            `SELECT * FROM record_files WHERE id = $1 AND status = 'ready' AND NOT ${QUARANTINED('emergency_grant_id')}
               FOR UPDATE`,
            [params.id],
          )
        ).rows[0];
        if (!row || (row.patient_id !== user.id && row.uploaded_by !== user.id))
          throw notFound('FILE_NOT_FOUND', 'No such file');
        if (user.role === 'doctor' && !(await isVerifiedClinician(q, user.id))) throw doctorNotVerified();
        const k = await shredFiles(q, { id: row.id });
        await audit(q, {
          ...actorOf(user, req),
          action: 'file.delete',
          subjectId: row.patient_id,
          recordType: 'file',
          recordId: row.id,
        });
        return k;
      });
      await deleteObjects(vault.store, keys, log);
    },
  });

  // ---------------------------------------------------------------- visit records
  route({
    method: 'post',
    path: '/records/visits',
    summary: 'Write a visit record (doctors: with consent, emergency access, or for an appointment)',
    tags,
    access: ['doctor'],
    body: VisitInput,
    response: VisitRecord,
    status: 201,
    handler: async ({ req, user, body }) => {
      try {
        return await db.tx((q) => createVisitRecord(q, body, { doctorId: user.id, ip: req.ip ?? null }));
      } catch (err) {
        if (err instanceof AppError && err.status === 403)
          await auditDenied(user, req, body.patientId, 'visit', null, err.code);
        throw err;
      }
    },
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
      try {
        await db.tx(async (q) => {
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
        });
      } catch (err) {
        if (err instanceof AppError && err.status === 403)
          await auditDenied(user, req, visit.patientId, 'prescription', prescription.id, err.code);
        throw err;
      }
      await sendPdf(
        res,
        prescriptionPdf(visit, prescription, await patientContext(visit.patientId)),
        `prescription-${prescription.id.slice(0, 8)}.pdf`,
      );
    },
  });

  // ---------------------------------------------------------------- consent
  route({
    method: 'post',
    path: '/consents',
    summary: 'Grant a doctor access to all my records or to one, optionally until a time',
    tags: ['consents'],
    access: ['patient'],
    body: ConsentInput,
    response: Consent,
    status: 201,
    handler: async ({ req, user, body }) => db.tx((q) => grantConsent(q, user.id, body, actorOf(user, req))),
  });

  route({
    method: 'delete',
    path: '/consents/:id',
    summary: 'Revoke a consent (effective immediately)',
    tags: ['consents'],
    access: ['patient'],
    params: IdParams,
    handler: async ({ req, user, params }) => {
      await db.tx((q) => revokeConsent(q, user.id, params.id, actorOf(user, req)));
    },
  });

  route({
    method: 'get',
    path: '/consents',
    summary: 'Consents I granted (patients) or hold (doctors)',
    tags: ['consents'],
    access: clinical,
    query: ConsentsQuery,
    response: z.array(Consent),
    handler: async ({ user, query }) =>
      listConsents(
        db,
        user.role === 'patient' ? { patientId: user.id } : { doctorId: user.id },
        query.active === undefined ? user.role === 'doctor' : query.active === 'true',
      ),
  });

  // ---------------------------------------------------------------- emergency access
  route({
    method: 'post',
    path: '/emergency-access',
    summary:
      "Break-glass (verified doctors): a reason code and text give time-boxed access to a patient's records now; the patient and every admin are notified at once; at most EMERGENCY_ACCESS_DAILY_LIMIT a day (429 with Retry-After)",
    tags: ['emergency-access'],
    access: ['doctor'],
    body: EmergencyInput,
    response: EmergencyAccess,
    status: 201,
    handler: async ({ req, user, body }) =>
      db.tx((q) =>
        requestEmergencyAccess(
          q,
          ctx.bus,
          {
            doctorId: user.id,
            patientId: body.patientId,
            reasonCode: body.reasonCode,
            justification: body.justification,
            hours: ctx.config.env.EMERGENCY_ACCESS_HOURS,
            dailyLimit: ctx.config.env.EMERGENCY_ACCESS_DAILY_LIMIT,
            link: links.access,
            adminLink: links.emergencyReview,
          },
          actorOf(user, req),
        ),
      ),
  });

  route({
    method: 'get',
    path: '/emergency-access',
    summary: 'Emergency accesses to my records (patients) or that I used (doctors)',
    tags: ['emergency-access'],
    access: clinical,
    query: PageQuery,
    response: paged(EmergencyAccess),
    handler: async ({ user, query }) => {
      const r = await listEmergencyAccess(
        db,
        user.role === 'patient' ? { patientId: user.id } : { doctorId: user.id },
        { limit: query.pageSize, offset: offsetOf(query) },
      );
      return { ...r, page: query.page, pageSize: query.pageSize };
    },
  });

  route({
    method: 'get',
    path: '/admin/emergency-access',
    summary: 'Emergency accesses to review',
    tags: ['emergency-access', 'admin'],
    access: ['admin'],
    query: PageQuery.extend({ status: z.enum(ReviewStatuses).optional() }),
    response: paged(EmergencyAccess),
    handler: async ({ query }) => {
      const r = await listEmergencyAccess(
        db,
        { status: query.status },
        { limit: query.pageSize, offset: offsetOf(query) },
      );
      return { ...r, page: query.page, pageSize: query.pageSize };
    },
  });

  route({
    method: 'post',
    path: '/admin/emergency-access/:id/review',
    summary:
      'Approve or flag a pending emergency access (flagging ends it and quarantines what was written under it); clear a flagged one once its writes were reviewed as OK',
    tags: ['emergency-access', 'admin'],
    access: ['admin'],
    params: IdParams,
    body: EmergencyReviewInput,
    response: EmergencyAccess,
    handler: async ({ req, user, params, body }) =>
      db.tx((q) => reviewEmergencyAccess(q, params.id, body, actorOf(user, req))),
  });

  // ---------------------------------------------------------------- admin break-glass
  route({
    method: 'post',
    path: '/admin/break-glass',
    summary:
      "An admin's own break-glass for one patient: a stated reason, ADMIN_BREAK_GLASS_MINUTES long; reads under it are audited and the patient is notified",
    tags: ['emergency-access', 'admin'],
    access: ['admin'],
    body: AdminBreakGlassInput,
    response: AdminBreakGlass,
    status: 201,
    handler: async ({ req, user, body }) =>
      db.tx((q) =>
        openBreakGlass(
          q,
          ctx.bus,
          { ...body, minutes: ctx.config.env.ADMIN_BREAK_GLASS_MINUTES },
          actorOf(user, req),
        ),
      ),
  });

  route({
    method: 'get',
    path: '/admin/break-glass',
    summary: 'My break-glass accesses (newest first)',
    tags: ['emergency-access', 'admin'],
    access: ['admin'],
    response: z.array(AdminBreakGlass),
    handler: async ({ user }) => listBreakGlass(db, user.id),
  });

  route({
    method: 'delete',
    path: '/admin/break-glass/:id',
    summary: 'End my break-glass now',
    tags: ['emergency-access', 'admin'],
    access: ['admin'],
    params: IdParams,
    handler: async ({ req, user, params }) => {
      await db.tx((q) => closeBreakGlass(q, params.id, actorOf(user, req)));
    },
  });

  // ---------------------------------------------------------------- patient rights
  route({
    method: 'get',
    path: '/me/export',
    summary: 'Everything about me: a zip of me.json and my decrypted files (streamed)',
    tags: ['users'],
    access: 'authenticated',
    handler: async ({ req, res, user }) => {
      const { zip } = await db.tx(async (q) => {
        const out = await buildExport(q, vault, user.id);
        await audit(q, {
          ...actorOf(user, req),
          action: 'account.export',
          subjectId: user.id,
          recordType: 'user',
          recordId: user.id,
          details: { files: out.files },
        });
        return out;
      });
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader(
        'Content-Disposition',
        contentDisposition('attachment', `telehealth-export-${new Date().toISOString().slice(0, 10)}.zip`),
      );
      res.setHeader('Cache-Control', 'private, no-store');
      try {
        await pipeline(zip, res);
      } catch (err) {
        log.error({ userId: user.id, err: (err as Error).message }, 'export stream failed');
        res.destroy();
      }
    },
  });

  route({
    method: 'delete',
    path: '/me',
    summary:
      'Erase my account (patients). Visit records and the audit log are retained as the law requires; see RETENTION.md',
    tags: ['users'],
    access: ['patient'],
    body: EraseMeInput,
    response: ErasureResult,
    handler: async ({ req, user, body }) => {
      // Rate-limited like sign-in: a stolen access token must not become a password oracle.
      await reauthenticate(ctx, { userId: user.id, password: body.password, ip: req.ip ?? 'unknown' });
      const r = await db.tx((q) => eraseAccount(q, user.id, actorOf(user, req)));
      // The account is suspended now: its open sockets close on every signaling node.
      await disconnectUser(ctx.bus, user.id, 'erased', log);
      await deleteObjects(vault.store, r.keys, log);
      return { erased: true as const, filesErased: r.filesErased, visitsRetained: r.visitsRetained };
    },
  });

  registerAuditRoutes(route, ctx);
}
