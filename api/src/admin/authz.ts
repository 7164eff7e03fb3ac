/** Who may call the admin routes (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

export const adminAuthz: RouteAuthzTable = {
  'GET /admin/users': {
    call: () => ({ path: '/admin/users?pageSize=100' }),
    sees: (b, w) => b.items.some((u: { id: string }) => u.id === w.ids.patientA),
    expect: only.admin(),
  },
  // The admin suspends a fresh patient; everyone else is refused on patient A.
  'PATCH /admin/users/:id': {
    call: async (w, p) => ({
      path: `/admin/users/${p === 'admin' ? (await w.fresh.patient()).id : w.ids.patientA}`,
      body: { status: 'suspended' },
    }),
    expect: only.admin(),
  },
  // The admin verifies a fresh self-registered doctor (the matrix's unverified doctor stays so).
  'POST /admin/doctors/:id/verify': {
    call: async (w, p) => ({
      path: `/admin/doctors/${p === 'admin' ? (await w.fresh.doctor()).id : w.ids.doctorUnverified}/verify`,
      body: { verified: true },
    }),
    expect: only.admin(),
  },
  'GET /admin/mailbox': { call: () => ({ path: '/admin/mailbox?limit=5' }), expect: only.admin() },
  'GET /admin/analytics': { call: () => ({ path: '/admin/analytics' }), expect: only.admin() },
};
