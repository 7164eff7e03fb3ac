/** Who may read the audit log (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

export const auditAuthz: RouteAuthzTable = {
  'GET /admin/audit': { call: () => ({ path: '/admin/audit' }), expect: only.admin() },
  'GET /admin/audit/verify': { call: () => ({ path: '/admin/audit/verify' }), expect: only.admin() },
};
