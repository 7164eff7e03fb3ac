import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { offsetOf, PageQuery, paged } from '../../http/pagination.ts';
import type { RouteBuilder } from '../../http/route.ts';
import { closeBreakGlass, listBreakGlass, openBreakGlass } from '../break-glass.ts';
import { recordsLinks } from '../emails.ts';
import { listEmergencyAccess, requestEmergencyAccess, reviewEmergencyAccess } from '../emergency.ts';
import {
  AdminBreakGlass,
  AdminBreakGlassInput,
  EmergencyAccess,
  EmergencyInput,
  EmergencyReviewInput,
  IdParams,
  ReviewStatuses,
} from '../schemas.ts';
import { actorOf } from './http.ts';

/**
 * Time-boxed access without the patient's consent: a doctor's emergency access (notified, reviewed
 * by admins) and an admin's own break-glass.
 */
export function registerEmergencyRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['emergency-access'];
  const adminTags = ['emergency-access', 'admin'];
  const links = recordsLinks(ctx.config.publicUrl);

  route({
    method: 'post',
    path: '/emergency-access',
    summary:
      "Break-glass (verified doctors): a reason code and text give time-boxed access to a patient's records now; the patient and every admin are notified at once; at most EMERGENCY_ACCESS_DAILY_LIMIT a day (429 with Retry-After)",
    tags,
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
    tags,
    access: ['patient', 'doctor'],
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
    tags: adminTags,
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
    tags: adminTags,
    access: ['admin'],
    params: IdParams,
    body: EmergencyReviewInput,
    response: EmergencyAccess,
    handler: async ({ req, user, params, body }) =>
      db.tx((q) => reviewEmergencyAccess(q, params.id, body, actorOf(user, req))),
  });

  route({
    method: 'post',
    path: '/admin/break-glass',
    summary:
      "An admin's own break-glass for one patient: a stated reason, ADMIN_BREAK_GLASS_MINUTES long; reads under it are audited and the patient is notified",
    tags: adminTags,
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
    tags: adminTags,
    access: ['admin'],
    response: z.array(AdminBreakGlass),
    handler: async ({ user }) => listBreakGlass(db, user.id),
  });

  route({
    method: 'delete',
    path: '/admin/break-glass/:id',
    summary: 'End my break-glass now',
    tags: adminTags,
    access: ['admin'],
    params: IdParams,
    handler: async ({ req, user, params }) => {
      await db.tx((q) => closeBreakGlass(q, params.id, actorOf(user, req)));
    },
  });
}
