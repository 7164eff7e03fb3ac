/** Who may call the notification routes (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

/** Notifications are always the caller's own. */
export const notificationsAuthz: RouteAuthzTable = {
  'GET /notifications': { call: () => ({ path: '/notifications' }), expect: only.authenticated('ok') },
  'POST /notifications/read': {
    call: () => ({ path: '/notifications/read', body: { all: true } }),
    expect: only.authenticated('ok'),
  },
};
