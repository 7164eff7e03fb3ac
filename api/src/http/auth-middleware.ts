import type { RequestHandler } from 'express';
import type { Db } from '@telehealth/platform/db/index';
import { sessionRevoked, type Role, type TokenService } from '@telehealth/platform/auth/tokens';
import { accountState } from '../auth/users.ts';
import { AppError, unauthorized } from './errors.ts';

export interface AuthedUser {
  id: string;
  role: Role;
  /** A guardian acting for this user (a dependent, issue 19): the token's `act` claim, still vouched for. */
  actorId?: string;
  /** When the presented access token expires (epoch seconds). */
  tokenExpiresAt?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthedUser;
    requestId: string;
  }
}

/**
 * Resolves a Bearer access token into req.user. The user row is re-read on every request so that a
 * suspension or role change takes effect at once instead of when the 15-minute token expires, and a
 * token issued before the account's last password reset is refused. The token service does that read
 * when it has an account lookup (the same check the socket handshake gets); otherwise it happens here.
 */
const sessionEnded = () =>
  unauthorized('SESSION_REVOKED', 'This session ended (the password was reset); sign in again');

export function authenticate(tokens: TokenService, db: Db): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) return next();
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m?.[1]) return next(unauthorized('INVALID_TOKEN', 'Malformed Authorization header'));
    try {
      const v = await tokens.verify(m[1]);
      if (!v.ok) {
        return next(
          v.reason === 'expired'
            ? unauthorized('TOKEN_EXPIRED', 'Access token expired; refresh it')
            : v.reason === 'revoked'
              ? sessionEnded()
              : unauthorized('INVALID_TOKEN', 'Invalid access token'),
        );
      }
      const u = v.account ?? (await accountState(db, v.principal.userId));
      if (!u) return next(unauthorized('INVALID_TOKEN', 'Unknown user'));
      if (sessionRevoked(v.sessionVersion, u)) return next(sessionEnded());
      if (u.status !== 'active')
        return next(new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended'));
      req.user = {
        id: v.principal.userId,
        role: u.role,
        tokenExpiresAt: v.expiresAt,
        ...(v.actor ? { actorId: v.actor.userId } : {}),
      };
      next();
    } catch (err) {
      next(err);
    }
  };
}
