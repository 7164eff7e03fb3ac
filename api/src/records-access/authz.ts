/** Who may read the log of reads of their records (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

export const recordsAccessAuthz: RouteAuthzTable = {
  // After the records rows: A sees the treating doctor's reads of A's records; B has none of A's.
  'GET /me/records-access': {
    call: () => ({ path: '/me/records-access?pageSize=100' }),
    sees: (b, w) => b.items.some((e: { actorId: string | null }) => e.actorId === w.ids.doctorTreating),
    expect: only.patients('ok', { patientOther: 'filtered' }),
  },
};
