/**
 * Who may call the records routes (authorization matrix, api/src/authz/types.ts): patients their own
 * vault; doctors only as verified clinicians, and then by consent, authorship or emergency access;
 * admins no clinical content without a break-glass of their own.
 */
import { labReportPdf } from '../authz/fixtures.ts';
import {
  NOT_VERIFIED,
  only,
  outcomes,
  type HttpExpect,
  perWorld,
  type RouteAuthzTable,
  type World,
} from '../authz/types.ts';

const CONSENT_REQUIRED: HttpExpect = { status: 403, code: 'CONSENT_REQUIRED' };
const BREAK_GLASS_REQUIRED: HttpExpect = { status: 403, code: 'BREAK_GLASS_REQUIRED' };
/** Reading one of A's records (files, visits, prescriptions). */
const readOne = (admin: HttpExpect) =>
  outcomes(404, {
    anonymous: 401,
    patientOwn: 'ok',
    doctorTreating: 'ok',
    doctorUnverified: NOT_VERIFIED,
    doctorUnrelated: CONSENT_REQUIRED,
    admin,
  });
const justification = 'Unconscious on arrival at the clinic; checking allergies and medication.';
/** A patient outside the matrix whom the break-glass rows target (one per walk). */
const throwaway = perWorld((w) => w.fresh.patient());

export const recordsAuthz: RouteAuthzTable = {
  // Into A's vault: A, and the treating doctor under A's consent.
  'POST /records/files': {
    call: async (w: World) => {
      const n = w.fresh.seq();
      return {
        path: `/records/files?patientId=${w.ids.patientA}&filename=matrix-${n}.pdf`,
        raw: { contentType: 'application/pdf', data: await labReportPdf(`matrix-${n}`) },
      };
    },
    expect: outcomes(403, {
      anonymous: 401,
      patientOwn: 'ok',
      doctorTreating: 'ok',
      doctorUnverified: NOT_VERIFIED,
      doctorUnrelated: CONSENT_REQUIRED,
    }),
  },
  'GET /records': {
    call: (w) => ({ path: `/records?patientId=${w.ids.patientA}` }),
    sees: (b, w) => b.files.some((f: { id: string }) => f.id === w.a.fileId),
    expect: outcomes(404, {
      anonymous: 401,
      patientOwn: 'ok',
      doctorTreating: 'ok',
      doctorUnverified: NOT_VERIFIED,
      doctorUnrelated: CONSENT_REQUIRED,
      admin: BREAK_GLASS_REQUIRED,
    }),
  },
  'GET /records/files/:id/content': {
    call: (w) => ({ path: `/records/files/${w.a.fileId}/content` }),
    expect: readOne(BREAK_GLASS_REQUIRED),
  },
  // A deletes a fresh file of theirs; nobody else finds A's.
  'DELETE /records/files/:id': {
    call: async (w, p) => ({
      path: `/records/files/${p === 'patientOwn' ? await w.fresh.file() : w.a.fileId}`,
    }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok' }),
  },
  // For A's appointment: its doctor writes; another verified doctor needs consent.
  'POST /records/visits': {
    call: (w) => ({
      path: '/records/visits',
      body: {
        patientId: w.ids.patientA,
        notes: 'Follow-up: headache resolved.',
        diagnoses: [{ description: 'Tension-type headache, resolved' }],
      },
    }),
    expect: outcomes(403, {
      anonymous: 401,
      doctorTreating: 'ok',
      doctorUnverified: NOT_VERIFIED,
      doctorUnrelated: CONSENT_REQUIRED,
    }),
  },
  'GET /records/visits/:id': {
    call: (w) => ({ path: `/records/visits/${w.a.visitId}` }),
    expect: readOne(BREAK_GLASS_REQUIRED),
  },
  'GET /records/visits/:id/pdf': {
    call: (w) => ({ path: `/records/visits/${w.a.visitId}/pdf` }),
    expect: readOne(403),
  },
  'GET /records/prescriptions/:id/pdf': {
    call: (w) => ({ path: `/records/prescriptions/${w.a.prescriptionId}/pdf` }),
    expect: readOne(403),
  },
  // A consents to one record; B cannot consent for A's record.
  'POST /consents': {
    call: async (w, p) => ({
      path: '/consents',
      body: {
        doctorId: w.ids.doctorTreating,
        scope: 'record',
        recordId: p === 'patientOwn' ? await w.fresh.file() : w.a.fileId,
      },
    }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  'DELETE /consents/:id': {
    call: async (w, p) => ({
      path: `/consents/${p === 'patientOwn' ? await w.fresh.consent() : w.a.consentId}`,
    }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  // One's own consents (held, for doctors): nothing of A's unless A granted it.
  'GET /consents': {
    call: () => ({ path: '/consents' }),
    sees: (b, w) => b.some((c: { id: string }) => c.id === w.a.consentId),
    expect: outcomes('filtered', {
      anonymous: 401,
      admin: 403,
      patientOwn: 'ok',
      doctorTreating: 'ok',
    }),
  },
  // Break-glass over a throwaway patient: a granted access must not change who may read A's records.
  'POST /emergency-access': {
    call: async (w) => ({
      path: '/emergency-access',
      body: {
        patientId: (await throwaway(w)).id,
        reasonCode: 'unconscious_patient',
        justification,
      },
    }),
    expect: only.doctors('ok', { doctorUnverified: NOT_VERIFIED }),
  },
  'GET /emergency-access': {
    call: () => ({ path: '/emergency-access' }),
    sees: (b, w) => b.items.some((e: { id: string }) => e.id === w.a.emergencyAccessId),
    expect: outcomes('filtered', {
      anonymous: 401,
      admin: 403,
      patientOwn: 'ok',
    }),
  },
  'GET /admin/emergency-access': {
    call: () => ({ path: '/admin/emergency-access?pageSize=100' }),
    sees: (b, w) => b.items.some((e: { id: string }) => e.id === w.a.emergencyAccessId),
    expect: only.admin(),
  },
  'POST /admin/emergency-access/:id/review': {
    call: async (w, p) => ({
      path: `/admin/emergency-access/${p === 'admin' ? await w.fresh.emergencyAccess() : w.a.emergencyAccessId}/review`,
      body: { decision: 'approved', note: 'Justified by the chart.' },
    }),
    expect: only.admin(),
  },
  'POST /admin/break-glass': {
    call: async (w) => ({
      path: '/admin/break-glass',
      body: {
        patientId: (await throwaway(w)).id,
        reason: 'Investigating a care complaint, ticket 4712.',
      },
    }),
    expect: only.admin(),
  },
  'GET /admin/break-glass': { call: () => ({ path: '/admin/break-glass' }), expect: only.admin() },
  'DELETE /admin/break-glass/:id': {
    call: async (w) => ({ path: `/admin/break-glass/${await w.fresh.breakGlass()}` }),
    expect: only.admin(),
  },
  'GET /me/export': { call: () => ({ path: '/me/export' }), expect: only.authenticated('ok') },
  // Erasing oneself: each patient erases a fresh account of their own.
  'DELETE /me': {
    call: async (w, p) => {
      if (p === 'patientOwn' || p === 'patientOther') {
        const fresh = await w.fresh.patient();
        return { path: '/me', body: { password: fresh.password, confirm: 'ERASE' }, as: fresh.client };
      }
      return {
        path: '/me',
        body: { password: p === 'anonymous' ? 'x' : w.accounts[p].password, confirm: 'ERASE' },
      };
    },
    expect: only.patients('ok'),
  },
};
