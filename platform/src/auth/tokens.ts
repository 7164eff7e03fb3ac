import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';

/** Roles an account can be given (sign-up, the admin's user screen). */
export const AccountRoles = ['patient', 'doctor', 'admin'] as const;
export type AccountRole = (typeof AccountRoles)[number];
/**
 * Every principal: the accounts, and call guests (api/src/consultations/guests.ts), who hold a token
 * for one consultation and no password; the route builder refuses them everywhere else.
 */
export const Roles = [...AccountRoles, 'guest'] as const;
export type Role = (typeof Roles)[number];

const ISSUER = 'telehealth-hub';
const AUDIENCE = 'telehealth-hub';
export const ACCESS_TOKEN_TTL_S = 15 * 60;

// `sv`: the account's session version at signing. Tokens signed before the claim existed count as 0.
// `act`: the guardian acting for `sub` (a dependent, issue 19), with the guardian's own session version.
export const AccessClaims = z.object({
  sub: z.uuid(),
  role: z.enum(Roles),
  sv: z.number().int().min(0).default(0),
  exp: z.number().int(),
  act: z.object({ sub: z.uuid(), sv: z.number().int().min(0) }).optional(),
});
export type Principal = { userId: string; role: Role };
/** Who acts for the principal: a guardian signed in as themselves, with their session version. */
export type Actor = { userId: string; sessionVersion: number };

/** What verification re-reads about the account: one indexed lookup per verification. */
export interface AccountState {
  role: Role;
  status: 'active' | 'suspended';
  sessionVersion: number;
}
export type AccountLookup = (userId: string) => Promise<AccountState | undefined>;
/**
 * The acting guardian's account, answered only while `actorId` may act for `principalId` (an active
 * guardianship); undefined otherwise, which refuses the token.
 */
export type ActorLookup = (actorId: string, principalId: string) => Promise<AccountState | undefined>;

export type VerifyResult =
  | {
      ok: true;
      principal: Principal;
      /** The session version the token was issued under. */
      sessionVersion: number;
      /** The account as read during verification (present when the service has an account lookup). */
      account?: AccountState;
      /** The guardian acting for the principal (checked against the actor lookup). */
      actor?: Actor;
      /** When the token expires (epoch seconds): a token minted from this one must not outlive it. */
      expiresAt: number;
    }
  | { ok: false; reason: 'expired' | 'invalid' | 'revoked' };

/** A token issued under an older session version predates a password reset: every session ended then. */
export const sessionRevoked = (tokenVersion: number, account: Pick<AccountState, 'sessionVersion'>) =>
  tokenVersion < account.sessionVersion;

/**
 * Access tokens: short-lived HS256 JWTs. Shared by the API and the signaling tier. With `accounts`,
 * verification also refuses tokens of unknown accounts and tokens issued before the account's last
 * password reset, so the HTTP middleware and the socket handshake apply the same rule. An acting-for
 * token (`act`) is refused unless the service has an actor lookup that still vouches for the
 * guardianship and the guardian's session: ending either ends the token at its next use.
 */
export function createTokenService(
  secret: string,
  opts: { accounts?: AccountLookup; actors?: ActorLookup } = {},
) {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(
      p: Principal & { sessionVersion?: number; actor?: Actor },
      ttlSeconds = ACCESS_TOKEN_TTL_S,
    ): Promise<string> {
      return new SignJWT({
        role: p.role,
        sv: p.sessionVersion ?? 0,
        ...(p.actor ? { act: { sub: p.actor.userId, sv: p.actor.sessionVersion } } : {}),
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(p.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<VerifyResult> {
      let claims: z.infer<typeof AccessClaims>;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        const parsed = AccessClaims.safeParse(payload);
        if (!parsed.success) return { ok: false, reason: 'invalid' };
        claims = parsed.data;
      } catch (err) {
        return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
      const principal: Principal = { userId: claims.sub, role: claims.role };
      const expiresAt = claims.exp;
      const actor: Actor | undefined = claims.act && {
        userId: claims.act.sub,
        sessionVersion: claims.act.sv,
      };
      const base = {
        ok: true as const,
        principal,
        sessionVersion: claims.sv,
        expiresAt,
        ...(actor ? { actor } : {}),
      };
      if (actor) {
        // Fail closed: without a lookup nobody can tell whether the guardian may still act.
        if (!opts.actors) return { ok: false, reason: 'invalid' };
        const guardian = await opts.actors(actor.userId, claims.sub);
        if (!guardian || guardian.status !== 'active') return { ok: false, reason: 'revoked' };
        if (sessionRevoked(actor.sessionVersion, guardian)) return { ok: false, reason: 'revoked' };
      }
      if (!opts.accounts) return base;
      const account = await opts.accounts(claims.sub);
      if (!account) return { ok: false, reason: 'invalid' };
      if (sessionRevoked(claims.sv, account)) return { ok: false, reason: 'revoked' };
      return { ...base, account };
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
