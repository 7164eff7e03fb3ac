import type { AppContext } from '../context.ts';
import { offsetOf } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { audit, searchAudit, toStoredEntry, verifyAuditChain } from './log.ts';
import { AuditPage, AuditQuery, AuditVerification } from './schemas.ts';

/** Admin audit explorer and chain verification. Reading the log is itself audited. */
export function registerAuditRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['audit'];

  route({
    method: 'get',
    path: '/admin/audit',
    summary: 'Search the audit log (newest first); `action` ending in "." matches a prefix',
    tags,
    access: ['admin'],
    query: AuditQuery,
    response: AuditPage,
    handler: async ({ query, user, req }) => {
      const prefix = query.action?.endsWith('.') ? query.action : undefined;
      const filter = {
        actorId: query.actorId,
        subjectId: query.subjectId,
        action: prefix ? undefined : query.action,
        actionPrefix: prefix,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      };
      const { rows, total } = await searchAudit(db, filter, {
        limit: query.pageSize,
        offset: offsetOf(query),
      });
      await db.tx((q) =>
        audit(q, {
          actorId: user.id,
          actorRole: user.role,
          action: 'audit.search',
          subjectId: query.subjectId ?? null,
          ip: req.ip ?? null,
          details: { filter: { ...query, page: undefined, pageSize: undefined }, page: query.page },
        }),
      );
      return {
        items: rows.map((r) => {
          const e = toStoredEntry(r);
          return { ...e, at: e.at.toISOString() };
        }),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },
  });

  route({
    method: 'get',
    path: '/admin/audit/verify',
    summary: 'Verify the audit hash chain and report the first broken link',
    tags,
    access: ['admin'],
    response: AuditVerification,
    handler: async ({ user, req }) => {
      const result = await verifyAuditChain(db);
      await db.tx((q) =>
        audit(q, {
          actorId: user.id,
          actorRole: user.role,
          action: 'audit.verify',
          ip: req.ip ?? null,
          details: {
            ok: result.ok,
            checked: result.checked,
            ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}),
          },
        }),
      );
      return result;
    },
  });
}
