import type { AppContext } from '../context.ts';
import { forbidden, tooManyRequests } from '../http/errors.ts';
import { LimitKeys, Limits } from './limits.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Asks a signed-in user for their password again (erasing the account, turning MFA off). A stolen
 * access token must not turn this into an unlimited password oracle, so it spends the login budgets:
 * locked when sign-in is locked, every attempt counted per IP, every failure counted per account.
 */
export async function reauthenticate(
  ctx: Pick<AppContext, 'db' | 'limiter'>,
  input: { userId: string; password: string; ip: string },
): Promise<void> {
  const { rows } = await ctx.db.query<{ email: string; password_hash: string }>(
    'SELECT email, password_hash FROM users WHERE id = $1',
    [input.userId],
  );
  const user = rows[0];
  if (!user) throw forbidden('REAUTHENTICATION_FAILED', 'The password is not correct');
  const accountKey = LimitKeys.loginEmail(user.email);
  const blocked = await ctx.limiter.peek(accountKey, Limits.loginPerEmail.limit);
  if (!blocked.allowed) throw tooManyRequests(blocked.retryAfterS, 'REAUTHENTICATION_LOCKED');
  const perIp = await ctx.limiter.hit(
    LimitKeys.loginIp(input.ip),
    Limits.loginPerIp.limit,
    Limits.loginPerIp.windowMs,
  );
  if (!perIp.allowed) throw tooManyRequests(perIp.retryAfterS, 'REAUTHENTICATION_LOCKED');
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await ctx.limiter.hit(accountKey, Limits.loginPerEmail.limit, Limits.loginPerEmail.windowMs);
    throw forbidden('REAUTHENTICATION_FAILED', 'The password is not correct');
  }
}
