/** Who may call the doctor onboarding routes (authorization matrix, api/src/authz/types.ts). */
import { only, type RouteAuthzTable } from '../authz/types.ts';

export const onboardingAuthz: RouteAuthzTable = {
  'GET /doctors/me/onboarding': {
    call: () => ({ path: '/doctors/me/onboarding' }),
    expect: only.doctors('ok'),
  },
  // The unverified doctor submits theirs; verified doctors' credentials are locked (409).
  'PUT /doctors/me/credentials': {
    call: (w) => ({
      path: '/doctors/me/credentials',
      body: {
        registrationNumber: `MATRIX-${Date.now().toString(36)}-${w.fresh.seq()}`,
        registrationCouncil: 'National Medical Commission (India)',
        qualifications: ['MBBS'],
        experienceYears: 3,
      },
    }),
    expect: only.doctors('allow', { doctorUnverified: 'ok' }),
  },
  'GET /admin/doctor-applications': {
    call: () => ({ path: '/admin/doctor-applications?pageSize=100' }),
    sees: (b, w) => b.items.some((a: { doctorId: string }) => a.doctorId === w.ids.doctorUnverified),
    expect: only.admin(),
  },
  // The admin rejects a fresh applicant; everyone else is refused on the matrix's unverified doctor.
  'POST /admin/doctors/:id/review': {
    call: async (w, p) => ({
      path: `/admin/doctors/${p === 'admin' ? (await w.fresh.doctor()).id : w.ids.doctorUnverified}/review`,
      body: { decision: 'reject', reason: 'The registration number could not be confirmed.' },
    }),
    expect: only.admin(),
  },
};
