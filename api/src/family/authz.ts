/**
 * Who may manage a family (authorization matrix, api/src/authz/types.ts). The object is a family
 * member patient A added: A (their guardian) manages them, patient B cannot find them, doctors and
 * admins have no family routes. What the dependent's own data gets (the guardian acting for them,
 * their own login, doctors with and without consent) is walked in family.test.ts.
 */
import { only, outcomes, perWorld, type RouteAuthzTable, type World } from '../authz/types.ts';

const add = async (w: World, body: Record<string, string>) => {
  const r = await w.clients.patientOwn.post('/api/v1/family', body);
  if (r.status !== 201) throw new Error(`fixture: add family member answered ${r.status}`);
  return (r.body as { id: string }).id;
};
/** A's child (7 at most dates of the walk). */
const child = perWorld((w) => add(w, { name: 'Aarav Matrix', birthDate: '2019-06-15', relation: 'child' }));
/** A's elderly parent: old enough for a login of their own. */
const elder = perWorld((w) => add(w, { name: 'Kamala Matrix', birthDate: '1950-01-01', relation: 'parent' }));

/** A manages their family member; B does not find them; doctors and admins have no family. */
const guardianOnly = (own: Parameters<typeof outcomes>[0] = 'ok') => only.patients(404, { patientOwn: own });

export const familyAuthz: RouteAuthzTable = {
  'GET /family': {
    call: async (w) => (await child(w), { path: '/family' }),
    sees: (b, w) => b.dependents.some((d: { name: string }) => d.name === 'Aarav Matrix') && !!w,
    expect: only.patients('filtered', { patientOwn: 'ok' }),
  },
  'POST /family': {
    call: (w) => ({
      path: '/family',
      body: { name: `Matrix Child ${w.fresh.seq()}`, birthDate: '2020-01-31', relation: 'child' },
    }),
    expect: only.patients('ok'),
  },
  'PATCH /family/:id': {
    call: async (w) => ({ path: `/family/${await child(w)}`, body: { relation: 'child' } }),
    expect: guardianOnly(),
  },
  // The only guardian of a member without a login cannot walk away (ending it is in family.test.ts).
  'DELETE /family/:id': {
    call: async (w) => ({ path: `/family/${await child(w)}` }),
    expect: guardianOnly({ status: 409, code: 'LAST_GUARDIAN' }),
  },
  // Only a member who signs in removes a guardian of theirs; nobody in the matrix has one.
  'DELETE /family/guardians/:id': {
    call: (w) => ({ path: `/family/guardians/${w.ids.patientA}` }),
    expect: only.patients(404),
  },
  'POST /family/:id/act': {
    call: async (w) => ({ path: `/family/${await child(w)}/act` }),
    sees: (b, w) => b.user.name === 'Aarav Matrix' && !!w,
    expect: guardianOnly(),
  },
  'POST /family/:id/invite': {
    call: async (w) => ({
      path: `/family/${await elder(w)}/invite`,
      body: { email: `matrix-elder-${w.fresh.seq()}@example.test` },
    }),
    expect: guardianOnly(),
  },
  // The link is the credential: everyone is refused a made-up one alike.
  'POST /family/invites/accept': {
    call: () => ({
      path: '/family/invites/accept',
      body: { token: 'not-a-real-invite-token-0123456789', password: 'a long enough password' },
    }),
    expect: outcomes({ status: 400, code: 'INVITE_INVALID' }),
  },
  'POST /family/:id/wallet/transfers': {
    call: async (w) => ({
      path: `/family/${await child(w)}/wallet/transfers`,
      body: { currency: 'INR', amountMinor: 100 },
    }),
    expect: guardianOnly(),
  },
};
