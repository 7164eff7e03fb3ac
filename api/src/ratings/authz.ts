/** Who may rate visits and read ratings (authorization matrix, api/src/authz/types.ts). */
import { only, outcomes, type RouteAuthzTable } from '../authz/types.ts';

export const ratingsAuthz: RouteAuthzTable = {
  // A rates a fresh completed visit; B cannot find A's.
  'POST /appointments/:id/rating': {
    call: async (w, p) => ({
      path: `/appointments/${p === 'patientOwn' ? await w.fresh.completedAppointment() : w.a.ratedAppointmentId}/rating`,
      body: { stars: 4, comment: 'Helpful' },
    }),
    expect: only.patients('ok', { patientOther: 404 }),
  },
  // The visit's patient, its doctor and admins.
  'GET /appointments/:id/rating': {
    call: (w) => ({ path: `/appointments/${w.a.ratedAppointmentId}/rating` }),
    expect: only.authenticated(404, { patientOwn: 'ok', doctorTreating: 'ok', admin: 'ok' }),
  },
  'GET /doctors/:id/rating': [
    { call: (w) => ({ path: `/doctors/${w.ids.doctorTreating}/rating` }), expect: outcomes('ok') },
    {
      name: 'an unverified doctor has no public rating',
      call: (w) => ({ path: `/doctors/${w.ids.doctorUnverified}/rating` }),
      expect: outcomes(404),
    },
  ],
  'GET /admin/ratings': {
    call: () => ({ path: '/admin/ratings' }),
    sees: (b, w) =>
      b.items.some((r: { appointmentId: string }) => r.appointmentId === w.a.ratedAppointmentId),
    expect: only.admin(),
  },
};
