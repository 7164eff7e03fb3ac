import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';

export const Roles = ['patient', 'doctor', 'admin'] as const;
export type Role = (typeof Roles)[number];

const ISSUER = 'telehealth-hub';
const AUDIENCE = 'telehealth-hub';
export const ACCESS_TOKEN_TTL_S = 15 * 60;

export const AccessClaims = z.object({ sub: z.uuid(), role: z.enum(Roles) });
export type Principal = { userId: string; role: Role };

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: 'expired' | 'invalid' };

/** Access tokens: short-lived HS256 JWTs. Shared by the API and the signaling tier. */
export function createTokenService(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(p: Principal, ttlSeconds = ACCESS_TOKEN_TTL_S): Promise<string> {
      return new SignJWT({ role: p.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(p.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<VerifyResult> {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        const claims = AccessClaims.safeParse(payload);
        if (!claims.success) return { ok: false, reason: 'invalid' };
        return { ok: true, principal: { userId: claims.data.sub, role: claims.data.role } };
      } catch (err) {
        return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
