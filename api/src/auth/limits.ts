const MIN = 60_000;

/**
 * Brute-force budgets: attempts per window, keyed by what the attacker varies. Re-authentication
 * (a password asked again by a signed-in user) spends the login budgets: one password, one budget,
 * whichever door the guesses come through.
 */
export const Limits = {
  loginPerEmail: { limit: 5, windowMs: 15 * MIN },
  loginPerIp: { limit: 50, windowMs: 15 * MIN },
  registerPerIp: { limit: 20, windowMs: 60 * MIN },
  registerPerEmail: { limit: 5, windowMs: 60 * MIN },
  otpPerEmail: { limit: 10, windowMs: 60 * MIN },
  forgotPerEmail: { limit: 3, windowMs: 60 * MIN },
  resetPerIp: { limit: 20, windowMs: 60 * MIN },
} as const;

export const LimitKeys = {
  loginEmail: (email: string) => `login:${email}`,
  loginIp: (ip: string) => `login-ip:${ip}`,
} as const;
