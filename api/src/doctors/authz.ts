/** Who may call the doctor directory and profile routes (authorization matrix, api/src/authz/types.ts). */
import { randomBytes } from 'node:crypto';
import { NOT_VERIFIED, only, outcomes, type RouteAuthzTable, type World } from '../authz/types.ts';

const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);

/** The caller's own profile as PUT expects it, so the walk changes nothing but what the case says. */
async function ownProfile(w: World, p: 'doctorUnverified' | 'doctorUnrelated' | 'doctorTreating') {
  const r = await w.clients[p].get(`/api/v1/doctors/${w.accounts[p].id}`);
  if (r.status !== 200) throw new Error(`own profile answered ${r.status}`);
  const d = r.body;
  return {
    specialty: d.specialty,
    languages: d.languages,
    feeMinor: d.feeMinor,
    currency: d.currency,
    timezone: d.timezone,
    bio: d.bio,
    slotMinutes: d.slotMinutes,
    bufferMinutes: d.bufferMinutes,
    onCall: d.onCall,
  };
}
const isDoctor = (p: string): p is 'doctorUnverified' | 'doctorUnrelated' | 'doctorTreating' =>
  p.startsWith('doctor');

export const doctorsAuthz: RouteAuthzTable = {
  'GET /doctors': [
    {
      call: () => ({ path: '/doctors?pageSize=100' }),
      sees: (b, w) => b.items.some((d: { id: string }) => d.id === w.ids.doctorTreating),
      expect: outcomes('ok'),
    },
    {
      name: 'an unverified doctor is not listed, to anyone',
      call: () => ({ path: '/doctors?pageSize=100' }),
      sees: (b, w) => b.items.some((d: { id: string }) => d.id === w.ids.doctorUnverified),
      expect: outcomes('filtered'),
    },
  ],
  'GET /specialties': { call: () => ({ path: '/specialties' }), expect: outcomes('ok') },
  'GET /fee-currencies': { call: () => ({ path: '/fee-currencies' }), expect: outcomes('ok') },
  'GET /doctors/:id': [
    { call: (w) => ({ path: `/doctors/${w.ids.doctorTreating}` }), expect: outcomes('ok') },
    {
      name: 'an unverified profile: its owner and admins only',
      call: (w) => ({ path: `/doctors/${w.ids.doctorUnverified}` }),
      expect: outcomes(404, { doctorUnverified: 'ok', admin: 'ok' }),
    },
  ],
  // Each doctor puts back their own profile.
  'PUT /doctors/me/profile': [
    {
      call: async (w, p) => ({
        path: '/doctors/me/profile',
        body: isDoctor(p) ? await ownProfile(w, p) : { specialty: 'x' },
      }),
      expect: only.doctors('ok'),
    },
    {
      // Going on call takes walk-ins: patients' names and triage. Issue 21.
      name: 'going on call',
      call: async (w, p) => ({
        path: '/doctors/me/profile',
        body: isDoctor(p) ? { ...(await ownProfile(w, p)), onCall: true } : { specialty: 'x' },
      }),
      expect: only.doctors('ok', { doctorUnverified: NOT_VERIFIED }),
    },
  ],
  'PUT /doctors/me/photo': {
    call: () => ({ path: '/doctors/me/photo', raw: { contentType: 'image/png', data: png() } }),
    expect: only.doctors('ok'),
  },
  // After the row above: the treating doctor has a photo. Photos are public profile material.
  'GET /doctors/:id/photo': {
    call: (w) => ({ path: `/doctors/${w.ids.doctorTreating}/photo` }),
    expect: outcomes('ok'),
  },
};
