import { z } from 'zod';
import { PageQuery, paged } from '../http/pagination.ts';

export const AuditQuery = PageQuery.extend({
  actorId: z.uuid().optional(),
  subjectId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z0-9_.]+$/, 'must be an action like file.read, or a prefix ending in a dot like file.')
    .max(80)
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const AuditItem = z
  .object({
    seq: z.number().int(),
    id: z.uuid(),
    at: z.string(),
    actorId: z.uuid().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    subjectId: z.uuid().nullable(),
    recordType: z.string().nullable(),
    recordId: z.string().nullable(),
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPage = paged(AuditItem).meta({ id: 'AuditPage' });

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    headSeq: z.number().int(),
    firstBroken: z
      .object({
        seq: z.number().int(),
        id: z.uuid().nullable(),
        problem: z.enum(['missing_entry', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch']),
      })
      .optional(),
  })
  .meta({ id: 'AuditVerification' });
