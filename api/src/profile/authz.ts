/**
 * Who may call the health profile routes (authorization matrix, api/src/authz/types.ts): each
 * patient their own; A's profile also the treating doctor (A's consent; an open visit is the other
 * way in, profile.test.ts), never another patient, an unverified or unrelated doctor, or an admin
 * without break-glass.
 */
import { NOT_VERIFIED, only, outcomes, type HttpExpect, type RouteAuthzTable } from '../authz/types.ts';

const CONSENT_REQUIRED: HttpExpect = { status: 403, code: 'CONSENT_REQUIRED' };
const BREAK_GLASS_REQUIRED: HttpExpect = { status: 403, code: 'BREAK_GLASS_REQUIRED' };

export const profileAuthz: RouteAuthzTable = {
  'GET /me/health-profile': {
    call: () => ({ path: '/me/health-profile' }),
    sees: (b, w) => b.patientId === w.ids.patientA,
    expect: only.patients('ok', { patientOther: 'filtered' }),
  },
  // Each patient saves their own, from the version they read.
  'PUT /me/health-profile': {
    call: async (w, p) => {
      const cur = await w.clients[p].get('/me/health-profile');
      const version = cur.status === 200 ? (cur.body as { version: number }).version : 0;
      return {
        path: '/me/health-profile',
        body: { version, profile: { allergies: [{ substance: 'Penicillin', severity: 'severe' }] } },
      };
    },
    expect: only.patients('ok'),
  },
  'GET /patients/:patientId/health-profile': {
    call: (w) => ({ path: `/patients/${w.ids.patientA}/health-profile` }),
    sees: (b, w) => b.patientId === w.ids.patientA,
    expect: outcomes(404, {
      anonymous: 401,
      patientOwn: 'ok',
      doctorTreating: 'ok',
      doctorUnverified: NOT_VERIFIED,
      doctorUnrelated: CONSENT_REQUIRED,
      admin: BREAK_GLASS_REQUIRED,
    }),
  },
};
