/** Who may review chat reports (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

export const moderationAuthz: RouteAuthzTable = {
  'GET /admin/chat-reports': { call: () => ({ path: '/admin/chat-reports' }), expect: only.admin() },
  // A report id nobody filed: the admin is past authorization (404 REPORT_NOT_FOUND), others refused.
  'POST /admin/chat-reports/:id/resolve': {
    call: () => ({
      path: '/admin/chat-reports/00000000-0000-4000-8000-000000000000/resolve',
      body: { resolution: 'dismiss', note: 'Matrix: nothing to see' },
    }),
    expect: only.admin({ status: 404, code: 'REPORT_NOT_FOUND' }),
  },
};
