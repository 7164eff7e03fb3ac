/** Who may call the appointment routes (authorization matrix, api/src/authz/types.ts). */
import {
  only,
  outcomes,
  perWorld,
  type RouteAuthzTable,
  type WalkedPrincipal,
  type World,
} from '../authz/types.ts';

/** Those who may change A's appointment act on a fresh paid one; the others are refused on A's. */
const MAY_CHANGE: readonly WalkedPrincipal[] = ['patientOwn', 'doctorTreating', 'admin'];
const target = async (w: World, p: WalkedPrincipal) =>
  MAY_CHANGE.includes(p) ? (await w.fresh.appointment()).id : w.a.appointmentId;
/** One proposal per row: A answers it after everyone else was refused. */
const proposal = perWorld((w) => w.fresh.proposal());
const declined = perWorld((w) => w.fresh.proposal());
const hasA = (b: any, w: World) => b.items.some((a: { id: string }) => a.id === w.a.appointmentId);

export const bookingAuthz: RouteAuthzTable = {
  // Booked with a doctor outside the matrix, so nobody's relationships change.
  'POST /appointments': {
    call: async (w) => ({
      path: '/appointments',
      body: { doctorId: w.ids.doctorOnCall, startsAt: await w.fresh.slot(w.ids.doctorOnCall) },
    }),
    expect: only.patients('ok'),
  },
  // Admins see every appointment (no clinical content in it).
  'GET /appointments': {
    call: () => ({ path: '/appointments?pageSize=100' }),
    sees: hasA,
    expect: only.authenticated('filtered', { patientOwn: 'ok', doctorTreating: 'ok', admin: 'ok' }),
  },
  'GET /appointments/:id': {
    call: (w) => ({ path: `/appointments/${w.a.appointmentId}` }),
    expect: only.authenticated(404, { patientOwn: 'ok', doctorTreating: 'ok', admin: 'ok' }),
  },
  'POST /appointments/:id/reschedule': {
    call: async (w, p) => ({
      path: `/appointments/${await target(w, p)}/reschedule`,
      body: { startsAt: await w.fresh.slot() },
    }),
    expect: only.authenticated(404, { patientOwn: 'ok', doctorTreating: 'ok', admin: 'ok' }),
  },
  'POST /appointments/:id/cancel': {
    call: async (w, p) => ({
      path: `/appointments/${await target(w, p)}/cancel`,
      body: { reason: 'A clash in my schedule' },
    }),
    expect: only.authenticated(404, { patientOwn: 'ok', doctorTreating: 'ok', admin: 'ok' }),
  },
  // A's appointment has not started: its doctor and admins get past authorization to the refusal.
  'POST /appointments/:id/no-show': {
    call: (w) => ({ path: `/appointments/${w.a.appointmentId}/no-show` }),
    expect: outcomes(404, {
      anonymous: 401,
      patientOwn: 403,
      patientOther: 403,
      doctorTreating: 'allow',
      admin: 'allow',
    }),
  },
  'GET /appointments/:id/ics': {
    call: (w) => ({ path: `/appointments/${w.a.appointmentId}/ics` }),
    expect: only.authenticated(404, { admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  // A's visit is hours away: A gets past authorization to the closed call window.
  'POST /appointments/:id/check-in': {
    call: (w) => ({ path: `/appointments/${w.a.appointmentId}/check-in` }),
    expect: only.patients('allow', { patientOther: 404 }),
  },
  'POST /appointments/:id/proposals': {
    call: async (w) => ({
      path: `/appointments/${w.a.appointmentId}/proposals`,
      body: { kind: 'reschedule', startsAt: await w.fresh.slot(), note: 'Could we move this?' },
    }),
    expect: only.doctors(404, { doctorTreating: 'ok' }),
  },
  // After the row above: the treating doctor's proposal on A's visit.
  'GET /proposals': {
    call: () => ({ path: '/proposals' }),
    sees: (b, w) => b.some((x: { appointmentId: string }) => x.appointmentId === w.a.appointmentId),
    expect: outcomes('filtered', { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'POST /proposals/:id/accept': {
    call: async (w) => ({ path: `/proposals/${await proposal(w)}/accept` }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  'POST /proposals/:id/decline': {
    call: async (w) => ({ path: `/proposals/${await declined(w)}/decline` }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  'GET /doctors/me/agenda': {
    call: () => ({ path: '/doctors/me/agenda' }),
    expect: only.doctors('ok'),
  },
};
