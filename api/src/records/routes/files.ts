import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { audit } from '../../audit/index.ts';
import type { AppContext } from '../../context.ts';
import { doctorNotVerified, isVerifiedClinician } from '../../doctors/clinician.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import type { RouteBuilder } from '../../http/route.ts';
import { ObjectNotFoundError } from '../../storage/index.ts';
import {
  basisDetails,
  basisReason,
  mayDoctorWrite,
  QUARANTINED,
  readableRecordsSql,
  recordsListAccess,
} from '../access.ts';
import { DecryptionError, MasterKeyUnavailableError } from '../crypto.ts';
import {
  deleteObjects,
  findFile,
  openFileContent,
  purgeStaleUploads,
  shredFiles,
  toRecordFile,
  uploadFile,
  type FileRow,
  type Vault,
} from '../files.ts';
import { IdParams, RecordFile, RecordsList, RecordsQuery, UploadQuery } from '../schemas.ts';
import { loadVisits } from '../visits.ts';
import type { AuditedReads } from './audited.ts';
import { actorOf, contentDisposition } from './http.ts';

/** Files in the vault (upload, download, delete) and the patient's records list. */
export function registerRecordFileRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  vault: Vault,
  { auditDenied, deniedAudited, auditedRead }: AuditedReads,
) {
  const { db, log } = ctx;
  const tags = ['records'];
  const clinical = ['patient', 'doctor'] as const;
  // Reads an admin may make, each only under their own break-glass (access.ts): reviewing quarantine.
  const clinicalOrAdmin = ['patient', 'doctor', 'admin'] as const;

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
      return deniedAudited(user, req, { patientId, recordType: null, recordId: null }, () =>
        db.tx(async (q) => {
          const { access, basis } = await recordsListAccess(q, user, patientId);
          const readable = readableRecordsSql(access, user.role);
          const params = access === 'partial' ? [patientId, user.id] : [patientId];
          const fileRows = (
            await q.query<FileRow>(
              `SELECT * FROM (SELECT *, uploaded_by AS author FROM record_files WHERE patient_id = $1 AND status = 'ready') x
                WHERE true ${readable} ORDER BY created_at DESC`,
              params,
            )
          ).rows;
          const visitIds = (
            await q.query<{ id: string }>(
              `SELECT id FROM (SELECT id, doctor_id AS author, emergency_grant_id FROM visit_records WHERE patient_id = $1) x
                WHERE true ${readable}`,
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
        }),
      );
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
}
