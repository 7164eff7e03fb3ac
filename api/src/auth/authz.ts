/** Who may call the account routes (authorization matrix, api/src/authz/types.ts). */
import { only, outcomes, type RouteAuthzTable, type World } from '../authz/types.ts';

const newEmail = (w: World) => `matrix-register-${w.fresh.seq()}-${Date.now().toString(36)}@example.test`;

export const authAuthz: RouteAuthzTable = {
  // Public: a signed-in caller may start another sign-up like anyone else.
  'POST /auth/register': {
    call: (w) => ({
      path: '/auth/register',
      body: { email: newEmail(w), password: 'a-long-password', name: 'Someone New' },
    }),
    expect: outcomes('ok'),
  },
  // A wrong code: refused for what it is (400), never for who asks.
  'POST /auth/register/verify': {
    call: (w) => ({ path: '/auth/register/verify', body: { email: newEmail(w), code: '000000' } }),
    expect: outcomes('allow'),
  },
  'POST /auth/login': {
    call: (w) => ({
      path: '/auth/login',
      body: { email: w.accounts.patientOwn.email, password: w.accounts.patientOwn.password },
    }),
    expect: outcomes('ok'),
  },
  // The refresh cookie is the credential: without one, 401.
  'POST /auth/refresh': {
    call: () => ({ path: '/auth/refresh' }),
    expect: outcomes('ok', { anonymous: 401 }),
  },
  // On a session of its own, so the walk's sessions survive.
  'POST /auth/logout': {
    call: async (w, p) =>
      p === 'anonymous'
        ? { path: '/auth/logout' }
        : { path: '/auth/logout', as: await w.fresh.session(w.accounts[p]) },
    expect: outcomes('ok'),
  },
  // Each for their own address (the budget per address is small).
  'POST /auth/password/forgot': {
    call: (w, p) => ({
      path: '/auth/password/forgot',
      body: { email: w.accounts[p === 'anonymous' ? 'patientOwn' : p].email },
    }),
    expect: outcomes('ok'),
  },
  // A token that was never issued.
  'POST /auth/password/reset': {
    call: () => ({
      path: '/auth/password/reset',
      body: { token: 'x'.repeat(43), password: 'another-long-password' },
    }),
    expect: outcomes('allow'),
  },
  'POST /auth/mfa/setup': { call: () => ({ path: '/auth/mfa/setup' }), expect: only.authenticated('ok') },
  // A wrong code (400): the secret from setup is not confirmed.
  'POST /auth/mfa/enable': {
    call: () => ({ path: '/auth/mfa/enable', body: { code: '000000' } }),
    expect: only.authenticated('allow'),
  },
  // The right password, MFA not on: refused for the state, not the caller.
  'POST /auth/mfa/disable': {
    call: (w, p) => ({
      path: '/auth/mfa/disable',
      body: { password: p === 'anonymous' ? 'x' : w.accounts[p].password, code: '000000' },
    }),
    expect: only.authenticated('allow'),
  },
  'GET /me': {
    call: () => ({ path: '/me' }),
    sees: (b, w, p) => p !== 'anonymous' && b.id === w.accounts[p].id,
    expect: only.authenticated('ok'),
  },
  'PATCH /me': {
    call: () => ({ path: '/me', body: { locale: 'en' } }),
    expect: only.authenticated('ok'),
  },
};
