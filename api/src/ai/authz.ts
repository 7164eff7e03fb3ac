/** Who may call the AI routes (authorization matrix, api/src/authz/types.ts). */
import { only, outcomes, type RouteAuthzTable } from '../authz/types.ts';

export const aiAuthz: RouteAuthzTable = {
  'POST /triage': {
    call: () => ({
      path: '/triage',
      body: { symptoms: 'Sore throat for two days, no fever', age: 29, sex: 'male' },
    }),
    expect: only.patients('ok'),
  },
  // The questions are generic: no patient data in them.
  'GET /triage/screen': {
    call: () => ({ path: '/triage/screen?age=30&sex=female' }),
    expect: only.authenticated('ok'),
  },
  // Admins see no clinical content without a break-glass of their own (issue 21).
  'GET /triage/:id': {
    call: (w) => ({ path: `/triage/${w.a.triageId}` }),
    expect: only.authenticated(404, {
      patientOwn: 'ok',
      doctorTreating: 'ok',
      admin: { status: 403, code: 'BREAK_GLASS_REQUIRED' },
    }),
  },
  'POST /triage/:id/override': {
    call: (w) => ({
      path: `/triage/${w.a.triageId}/override`,
      body: { priority: 'urgent', reason: 'The headache is getting worse' },
    }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  // A doctor who may not read the file (unverified, or no consent) finds no such record.
  'POST /records/files/:id/summary': {
    call: (w) => ({ path: `/records/files/${w.a.fileId}/summary` }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
};
