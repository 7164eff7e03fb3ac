/** Who may call the availability routes (authorization matrix, api/src/authz/types.ts). */
import { only, outcomes, type RouteAuthzTable, type World } from '../authz/types.ts';

/** The demo schedule (booking/seed.ts): putting it back changes no slot. */
const DEMO_RULES = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '18:00', end: '22:00' })),
];
/** A date 40 or more days ahead, a new one each call: each exception lands on a day of its own. */
const laterDate = (w: World) =>
  new Date(Date.now() + (39 + w.fresh.seq()) * 86_400_000).toISOString().slice(0, 10);

export const availabilityAuthz: RouteAuthzTable = {
  'GET /doctors/me/availability': {
    call: () => ({ path: '/doctors/me/availability' }),
    expect: only.doctors('ok'),
  },
  'PUT /doctors/me/availability': {
    call: () => ({ path: '/doctors/me/availability', body: { rules: DEMO_RULES } }),
    expect: only.doctors('ok'),
  },
  'POST /doctors/me/availability/exceptions': {
    call: (w) => ({
      path: '/doctors/me/availability/exceptions',
      body: { date: laterDate(w), kind: 'extra', start: '07:00', end: '08:00' },
    }),
    expect: only.doctors('ok'),
  },
  // The treating doctor's exception: gone for its owner (a fresh one), invisible to other doctors.
  'DELETE /doctors/me/availability/exceptions/:id': {
    call: async (w, p) => ({
      path: `/doctors/me/availability/exceptions/${
        p === 'doctorTreating' ? await w.fresh.exception(w.clients.doctorTreating) : w.a.exceptionId
      }`,
    }),
    expect: only.doctors(404, { doctorTreating: 'ok' }),
  },
  'GET /doctors/:id/slots': [
    {
      call: (w) => ({ path: `/doctors/${w.ids.doctorTreating}/slots` }),
      expect: outcomes('ok'),
    },
    {
      name: 'an unverified doctor has no public slots',
      call: (w) => ({ path: `/doctors/${w.ids.doctorUnverified}/slots` }),
      expect: outcomes(404, { doctorUnverified: 'ok', admin: 'ok' }),
    },
  ],
  'GET /search/doctors': {
    call: () => ({ path: '/search/doctors' }),
    expect: outcomes('ok'),
  },
};
