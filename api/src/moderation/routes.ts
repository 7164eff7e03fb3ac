import { disconnectUser } from '@telehealth/signaling/access-control';
import { notify } from '@telehealth/signaling';
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { ChatReportList, ChatReportQuery, ResolveChatReport } from './schemas.ts';
import { listReports, markResolved } from './store.ts';

/**
 * Chat reports (issue 18): admins review reported messages (the message and a little context, never
 * the whole conversation) and resolve each report: dismiss it, warn the sender (a notification with
 * the admin's note), or deactivate the sender's account. Reading the reports and every resolution
 * write a hash-chained audit entry on the same transaction.
 */
export function registerModerationRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['admin'];
  const admin = ['admin'] as const;

  route({
    method: 'get',
    path: '/admin/chat-reports',
    summary: 'Chat reports with the reported message in context (open by default)',
    tags,
    access: admin,
    query: ChatReportQuery,
    response: ChatReportList,
    handler: async ({ query, user, req }) =>
      db.tx(async (q) => {
        const items = await listReports(q, query);
        // Reported messages are other people's words: reading them is visible.
        await audit(q, {
          actorId: user.id,
          actorRole: user.role,
          ip: req.ip ?? null,
          action: 'admin.chat_reports.read',
          details: { status: query.status, items: items.length },
        });
        return { items };
      }),
  });

  route({
    method: 'post',
    path: '/admin/chat-reports/:id/resolve',
    summary: 'Resolve a chat report: dismiss, warn the sender, or deactivate the sender',
    tags,
    access: admin,
    params: z.object({ id: z.uuid() }),
    body: ResolveChatReport,
    status: 204,
    handler: async ({ params, body, user, req }) => {
      const actor = { actorId: user.id, actorRole: user.role, ip: req.ip ?? null };
      await db.tx(async (q) => {
        const r = await markResolved(q, {
          reportId: params.id,
          adminId: user.id,
          resolution: body.resolution,
          note: body.note,
        });
        if (!r.ok)
          throw r.code === 'not_found'
            ? notFound('REPORT_NOT_FOUND', 'No such chat report')
            : conflict('REPORT_ALREADY_RESOLVED', 'Another admin resolved this report');
        await audit(q, {
          ...actor,
          action: 'admin.chat_report.resolve',
          recordType: 'chat_report',
          recordId: params.id,
          reason: body.note,
          details: { resolution: body.resolution, reportedUserId: r.reportedId },
        });
        if (body.resolution === 'warn')
          await notify(q, ctx.bus, r.reportedId, {
            kind: 'moderation.warning',
            title: 'A message you sent was reported',
            body: `An administrator reviewed it: ${body.note}`,
            data: { reportId: params.id },
          });
        if (body.resolution === 'deactivate') {
          // Admins are managed on the users page, with its own safeguards, not from a report.
          if (r.reportedRole === 'admin')
            throw conflict('CANNOT_DEACTIVATE_ADMIN', 'An admin account is not deactivated from a report');
          if (r.reportedStatus === 'active') {
            await q.query(`UPDATE users SET status = 'suspended', updated_at = now() WHERE id = $1`, [
              r.reportedId,
            ]);
            await q.query(
              'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
              [r.reportedId],
            );
            await audit(q, {
              ...actor,
              action: 'admin.user.suspend',
              recordType: 'user',
              recordId: r.reportedId,
              reason: body.note,
              details: { from: 'active', to: 'suspended', chatReportId: params.id },
            });
          }
          // Open sockets close on every node once the suspension is visible.
          q.afterCommit(() => disconnectUser(ctx.bus, r.reportedId, 'suspended', ctx.log));
        }
      });
    },
  });
}
