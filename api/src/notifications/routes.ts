import { listNotifications, markRead } from '@telehealth/signaling';
import { NotificationSchema } from '@telehealth/signaling/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { RouteBuilder } from '../http/route.ts';

// The notification as the socket carries it (signaling's protocol), named for OpenAPI.
const Notification = NotificationSchema.meta({ id: 'Notification' });

/** The bell: the same notifications the socket pushes on `user:<id>`, for first paint and paging. */
export function registerNotificationRoutes(route: RouteBuilder, ctx: AppContext) {
  const tags = ['notifications'];
  route({
    method: 'get',
    path: '/notifications',
    summary: 'My notifications, newest first, with the unread count',
    tags,
    access: 'authenticated',
    query: z.object({
      before: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({ notifications: z.array(Notification), unreadCount: z.number().int() }),
    handler: async ({ user, query }) =>
      listNotifications(ctx.db, user.id, {
        limit: query.limit,
        ...(query.before ? { before: query.before } : {}),
      }),
  });
  route({
    method: 'post',
    path: '/notifications/read',
    summary: 'Mark some or all of my notifications read',
    tags,
    access: 'authenticated',
    body: z.object({ ids: z.array(z.uuid()).max(200).optional(), all: z.boolean().optional() }),
    response: z.object({ unreadCount: z.number().int() }),
    handler: async ({ user, body }) => markRead(ctx.db, user.id, body),
  });
}
