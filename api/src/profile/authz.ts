/**
 * Who may call the health profile routes (authorization matrix, api/src/authz/types.ts): A's
 * profile is read by A and the treating doctor (A's consent; an open visit is the other way in,
 * profile.test.ts), never by another patient, an unverified or unrelated doctor, or an admin without
 * break-glass; only A edits it.
 */
import { NOT_VERIFIED, outcomes, type HttpExpect, type RouteAuthzTable } from '../authz/types.ts';

const CONSENT_REQUIRED: HttpExpect = { status: 403, code: 'CONSENT_REQUIRED' };
const BREAK_GLASS_REQUIRED: HttpExpect = { status: 403, code: 'BREAK_GLASS_REQUIRED' };

export const profileAuthz: RouteAuthzTable = {
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
  // A saves from the version A read; B finds no such patient; no doctor or admin edits it.
  'PUT /patients/:patientId/health-profile': {
    call: async (w) => {
      const cur = await w.clients.patientOwn.get(`/api/v1/patients/${w.ids.patientA}/health-profile`);
      const version = cur.status === 200 ? (cur.body as { version: number }).version : 0;
      return {
        path: `/patients/${w.ids.patientA}/health-profile`,
        body: { version, profile: { allergies: [{ substance: 'Penicillin', severity: 'severe' }] } },
      };
    },
    expect: outcomes(403, { anonymous: 401, patientOther: 404, patientOwn: 'ok' }),
  },
};
