import type { Request } from 'express';
import type { Db } from '@telehealth/platform/db/index';
import { audit } from '../../audit/index.ts';
import type { AuthedUser } from '../../http/auth-middleware.ts';
import { AppError } from '../../http/errors.ts';
import { authorizeRecordRead, basisDetails, basisReason, type ReadBasis } from '../access.ts';
import { actorOf } from './http.ts';

export type AuditedReads = ReturnType<typeof auditedReads>;

/** Reads of clinical content and their audit trail, granted or refused, over one database. */
export function auditedReads(db: Db) {
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

  /** Runs `work`; a 403 it throws is audited as a refusal before it reaches the caller. */
  async function deniedAudited<T>(
    user: AuthedUser,
    req: Request,
    target: { patientId: string; recordType: string | null; recordId: string | null },
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AppError && err.status === 403)
        await auditDenied(user, req, target.patientId, target.recordType, target.recordId, err.code);
      throw err;
    }
  }

  /** Authorises and audits one read in a single transaction: no read without its audit entry. */
  const auditedRead = (
    user: AuthedUser,
    req: Request,
    record: { id: string; patientId: string; authorId: string | null; emergencyGrantId: string | null },
    recordType: 'file' | 'visit',
    action: string,
    notFoundCode: string,
  ): Promise<ReadBasis> =>
    deniedAudited(user, req, { patientId: record.patientId, recordType, recordId: record.id }, () =>
      db.tx(async (q) => {
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
      }),
    );

  return { auditDenied, deniedAudited, auditedRead };
}
