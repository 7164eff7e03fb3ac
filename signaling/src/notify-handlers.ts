import { listNotifications, markRead } from './notify.ts';
import { Requests } from './protocol.ts';
import type { Core } from './server.ts';
import type { SignalingDeps } from './types.ts';

export function registerNotificationHandlers(core: Core, deps: SignalingDeps) {
  core.server.registerHandler('notif.list', Requests['notif.list'], (ctx, m) => {
    const opts: { before?: string; limit: number } = { limit: m.limit };
    if (m.before) opts.before = m.before;
    return listNotifications(deps.db, ctx.principal.userId, opts);
  });
  core.server.registerHandler('notif.read', Requests['notif.read'], (ctx, m) => {
    const opts: { ids?: string[]; all?: boolean } = {};
    if (m.ids) opts.ids = m.ids;
    if (m.all) opts.all = m.all;
    return markRead(deps.db, ctx.principal.userId, opts);
  });
}
