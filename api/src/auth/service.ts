import { disconnectUser } from '@telehealth/signaling/access-control';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { PgCodes, pgCode, type Queryable } from '@telehealth/platform/db/index';
import { enqueueEmail } from '../email/outbox.ts';
import { accountExistsMessage } from '../email/templates.ts';
import { AppError, badRequest, conflict, tooManyRequests, unauthorized } from '../http/errors.ts';
import { createFieldCipher, randomDigits, randomToken, sha256Hex } from '../security/crypto.ts';
import { LimitKeys, Limits } from './limits.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { reauthenticate } from './reauth.ts';
import { ACCESS_TOKEN_TTL_S } from '@telehealth/platform/auth/tokens';
import { matchTotpStep, newBackupCodes, newTotpSecret, totpUri } from './totp.ts';
import { findUserByEmail, findUserById, toPublicUser, type UserRow } from './users.ts';
import type { Session } from './schemas.ts';

export const REFRESH_TTL_MS = 7 * 24 * 3600 * 1000;
const RESET_TTL_MIN = 30;
const OTP_MAX_ATTEMPTS = 5;
const MIN = 60_000;

export interface IssuedSession {
  session: Session;
  refreshToken: string;
}

export function createAuthService(ctx: AppContext) {
  const { db, limiter, config } = ctx;
  const mfaCipher = createFieldCipher(config.recordsMasterKey, 'mfa-totp');

  /**
   * After a commit that bumped `users.session_version`: every open socket of the user, on every
   * signaling node, closes with 4001 now instead of living until its access token expires; the
   * reconnect's token predates the bump and is refused. Best effort (logged): a lost announcement
   * leaves the sockets until that expiry (at most 15 minutes), as before.
   */
  const announceSessionsEnded = (userId: string) =>
    disconnectUser(ctx.bus, userId, 'session_revoked', ctx.log);

  async function spend(key: string, budget: { limit: number; windowMs: number }) {
    const r = await limiter.hit(key, budget.limit, budget.windowMs);
    if (!r.allowed) throw tooManyRequests(r.retryAfterS);
  }

  /**
   * Records that the code's time step was used: one statement compares and sets, so two requests
   * carrying the same code cannot both pass. Steps only move forward (an older code is refused too).
   */
  async function consumeTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
    const r = await q.query(
      `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [userId, step],
    );
    return r.rowCount === 1;
  }

  async function issueSession(
    q: Queryable,
    user: UserRow,
    familyId: string = randomUUID(),
  ): Promise<IssuedSession> {
    // FOR SHARE waits for a password reset in flight, and sees it once committed: a sign-in racing a
    // reset cannot mint a session the reset's revocation missed.
    const current = (
      await q.query<{ session_version: number }>(
        'SELECT session_version FROM users WHERE id = $1 FOR SHARE',
        [user.id],
      )
    ).rows[0];
    if (current?.session_version !== user.session_version)
      throw unauthorized('SESSION_REVOKED', 'The password was just reset; sign in again');
    const refreshToken = randomToken();
    await q.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [user.id, familyId, sha256Hex(refreshToken), new Date(ctx.now().getTime() + REFRESH_TTL_MS)],
    );
    const accessToken = await ctx.tokens.sign({
      userId: user.id,
      role: user.role,
      sessionVersion: user.session_version,
    });
    return {
      refreshToken,
      session: { accessToken, expiresIn: ACCESS_TOKEN_TTL_S, user: toPublicUser(user) },
    };
  }

  return {
    issueSession,

    async registerStart(
      input: {
        email: string;
        password: string;
        name: string;
        role: 'patient' | 'doctor';
        timezone?: string;
        locale?: string;
      },
      ip: string,
    ): Promise<void> {
      await spend(`register-ip:${ip}`, Limits.registerPerIp);
      await spend(`register-email:${input.email}`, Limits.registerPerEmail);
      const code = randomDigits(6);
      const passwordHash = await hashPassword(input.password);
      await db.tx(async (q) => {
        const existing = await findUserByEmail(q, input.email);
        if (existing) {
          // Same answer as a new address, so sign-up cannot be used to discover who has an account.
          await enqueueEmail(q, {
            to: input.email,
            message: accountExistsMessage(`${config.publicUrl}/login`, existing.locale),
          });
          return;
        }
        await q.query(
          `INSERT INTO pending_registrations (email, name, role, password_hash, code_hash, attempts, expires_at, timezone, locale)
           VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8)
           ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
             code_hash = EXCLUDED.code_hash, attempts = 0, expires_at = EXCLUDED.expires_at, created_at = now(),
             timezone = EXCLUDED.timezone, locale = EXCLUDED.locale`,
          [
            input.email,
            input.name,
            input.role,
            passwordHash,
            sha256Hex(`${input.email}:${code}`),
            new Date(ctx.now().getTime() + config.env.OTP_TTL_MINUTES * MIN),
            input.timezone ?? 'UTC',
            input.locale ?? 'en',
          ],
        );
        await enqueueEmail(q, {
          to: input.email,
          message: {
            kind: 'registration_otp',
            name: input.name,
            code,
            ttlMinutes: config.env.OTP_TTL_MINUTES,
            locale: input.locale ?? 'en',
          },
        });
      });
    },

    async registerVerify(input: { email: string; code: string }): Promise<IssuedSession> {
      await spend(`otp-email:${input.email}`, Limits.otpPerEmail);
      type Outcome = { kind: 'ok'; issued: IssuedSession } | { kind: 'error'; error: AppError };
      const outcome = await db.tx<Outcome>(async (q) => {
        const { rows } = await q.query<{
          name: string;
          role: 'patient' | 'doctor';
          password_hash: string;
          code_hash: string;
          attempts: number;
          expires_at: Date;
          timezone: string;
          locale: string;
        }>('SELECT * FROM pending_registrations WHERE email = $1 FOR UPDATE', [input.email]);
        const p = rows[0];
        const invalid = badRequest('OTP_INVALID', 'The code is wrong or has expired');
        if (!p || p.expires_at.getTime() < ctx.now().getTime()) return { kind: 'error', error: invalid };
        if (p.attempts >= OTP_MAX_ATTEMPTS) {
          // Locked until a new code is requested; this one is dead when it expires anyway.
          const retryAfterS = Math.max(1, Math.ceil((p.expires_at.getTime() - ctx.now().getTime()) / 1000));
          return {
            kind: 'error',
            error: new AppError(
              429,
              'OTP_LOCKED',
              'Too many wrong codes; request a new one',
              { retryAfterSeconds: retryAfterS },
              { 'Retry-After': String(retryAfterS) },
            ),
          };
        }
        if (p.code_hash !== sha256Hex(`${input.email}:${input.code}`)) {
          // Committed even though the request fails: the attempt must count.
          await q.query('UPDATE pending_registrations SET attempts = attempts + 1 WHERE email = $1', [
            input.email,
          ]);
          return { kind: 'error', error: invalid };
        }
        let user: UserRow;
        try {
          user = (
            await q.query<UserRow>(
              `INSERT INTO users (email, name, role, password_hash, timezone, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
              [input.email, p.name, p.role, p.password_hash, p.timezone, p.locale],
            )
          ).rows[0]!;
        } catch (err) {
          if (pgCode(err) === PgCodes.uniqueViolation)
            return {
              kind: 'error',
              error: conflict('EMAIL_TAKEN', 'An account with this email already exists'),
            };
          throw err;
        }
        await q.query('DELETE FROM pending_registrations WHERE email = $1', [input.email]);
        for (const hook of ctx.onUserCreated ?? []) await hook(q, user);
        return { kind: 'ok', issued: await issueSession(q, user) };
      });
      if (outcome.kind === 'error') throw outcome.error;
      return outcome.issued;
    },

    async login(
      input: { email: string; password: string; otp?: string },
      ip: string,
    ): Promise<IssuedSession> {
      const emailKey = LimitKeys.loginEmail(input.email);
      const blocked = await limiter.peek(emailKey, Limits.loginPerEmail.limit);
      if (!blocked.allowed) throw tooManyRequests(blocked.retryAfterS, 'LOGIN_LOCKED');
      await spend(LimitKeys.loginIp(ip), Limits.loginPerIp);
      const user = await findUserByEmail(db, input.email);
      const ok = user
        ? await verifyPassword(user.password_hash, input.password)
        : (await verifyPassword(await dummyHash(), input.password), false);
      if (!user || !ok) {
        await limiter.hit(emailKey, Limits.loginPerEmail.limit, Limits.loginPerEmail.windowMs);
        throw unauthorized('INVALID_CREDENTIALS', 'Email or password is wrong');
      }
      if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended');
      return db.tx(async (q) => {
        if (user.mfa_enabled) {
          if (!input.otp) throw unauthorized('MFA_REQUIRED', 'Enter the code from your authenticator app');
          const step = matchTotpStep(mfaCipher.open(user.mfa_secret!), input.otp, ctx.now());
          if (step !== null && !(await consumeTotpStep(q, user.id, step))) {
            await limiter.hit(emailKey, Limits.loginPerEmail.limit, Limits.loginPerEmail.windowMs);
            throw unauthorized('MFA_CODE_USED', 'This code was already used; wait for the next one');
          }
          let passed = step !== null;
          if (!passed) {
            const r = await q.query(
              `UPDATE mfa_backup_codes SET used_at = now()
               WHERE id = (SELECT id FROM mfa_backup_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1 FOR UPDATE)`,
              [user.id, sha256Hex(input.otp.toLowerCase())],
            );
            passed = r.rowCount === 1;
          }
          if (!passed) {
            await limiter.hit(emailKey, Limits.loginPerEmail.limit, Limits.loginPerEmail.windowMs);
            throw unauthorized('MFA_INVALID', 'The authentication code is wrong');
          }
        }
        await limiter.reset(emailKey);
        return issueSession(q, user);
      });
    },

    /** Rotates a refresh token. Presenting one that was already rotated revokes its whole family. */
    async refresh(token: string | undefined): Promise<IssuedSession> {
      if (!token) throw unauthorized('REFRESH_MISSING', 'No refresh token');
      type Outcome = { kind: 'ok'; issued: IssuedSession } | { kind: 'error'; error: AppError };
      const outcome = await db.tx<Outcome>(async (q) => {
        // The account row first, then the token (the order a password reset takes), so a refresh and a
        // reset of the same account queue up instead of deadlocking.
        await q.query(
          'SELECT 1 FROM users WHERE id = (SELECT user_id FROM refresh_tokens WHERE token_hash = $1) FOR SHARE',
          [sha256Hex(token)],
        );
        const { rows } = await q.query<{
          id: string;
          user_id: string;
          family_id: string;
          expires_at: Date;
          used_at: Date | null;
          revoked_at: Date | null;
        }>('SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [sha256Hex(token)]);
        const t = rows[0];
        if (!t) return { kind: 'error', error: unauthorized('REFRESH_INVALID', 'Unknown refresh token') };
        if (t.used_at || t.revoked_at) {
          await q.query(
            'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
            [t.family_id],
          );
          ctx.log.warn(
            { userId: t.user_id, familyId: t.family_id },
            'refresh token reuse detected; family revoked',
          );
          return {
            kind: 'error',
            error: unauthorized('REFRESH_REUSED', 'This session was revoked; sign in again'),
          };
        }
        if (t.expires_at.getTime() <= ctx.now().getTime())
          return { kind: 'error', error: unauthorized('REFRESH_EXPIRED', 'Session expired; sign in again') };
        const user = await findUserById(q, t.user_id);
        if (!user || user.status !== 'active') {
          await q.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1', [t.family_id]);
          return {
            kind: 'error',
            error: new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended'),
          };
        }
        await q.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [t.id]);
        return { kind: 'ok', issued: await issueSession(q, user, t.family_id) };
      });
      if (outcome.kind === 'error') throw outcome.error;
      return outcome.issued;
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      await db.query(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
        [sha256Hex(token)],
      );
    },

    async forgotPassword(email: string): Promise<void> {
      await spend(`forgot:${email}`, Limits.forgotPerEmail);
      await db.tx(async (q) => {
        // The account row is locked first, by reset as well, so links of one account change in order.
        const user = (await q.query<UserRow>('SELECT * FROM users WHERE email = $1 FOR UPDATE', [email]))
          .rows[0];
        if (!user || user.status !== 'active') return;
        // Only the newest link works: an older one lying in a mailbox or a log is dead from now on.
        await q.query(
          'UPDATE password_resets SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
          [user.id],
        );
        const token = randomToken();
        await q.query(`INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
          user.id,
          sha256Hex(token),
          new Date(ctx.now().getTime() + RESET_TTL_MIN * MIN),
        ]);
        await enqueueEmail(q, {
          to: user.email,
          message: {
            kind: 'password_reset',
            name: user.name,
            link: `${config.publicUrl}/reset-password?token=${token}`,
            ttlMinutes: RESET_TTL_MIN,
            locale: user.locale,
          },
        });
      });
    },

    async resetPassword(token: string, password: string, ip: string): Promise<void> {
      await spend(`reset-ip:${ip}`, Limits.resetPerIp);
      const passwordHash = await hashPassword(password);
      const invalid = () => badRequest('RESET_TOKEN_INVALID', 'This reset link is invalid, used or expired');
      const user = await db.tx(async (q) => {
        const tokenHash = sha256Hex(token);
        const owner = (
          await q.query<{ user_id: string }>('SELECT user_id FROM password_resets WHERE token_hash = $1', [
            tokenHash,
          ])
        ).rows[0];
        if (!owner) throw invalid();
        // Lock the account, then spend the link in one statement that sees whatever a concurrent reset
        // or newer link committed meanwhile: two links of one account cannot both succeed.
        await q.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [owner.user_id]);
        const spent = await q.query<{ id: string }>(
          `UPDATE password_resets SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 RETURNING id`,
          [tokenHash, ctx.now()],
        );
        if (spent.rowCount !== 1) throw invalid();
        await q.query(
          'UPDATE password_resets SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
          [owner.user_id],
        );
        // Every session ends: refresh families are revoked, and access tokens signed under the old
        // session version are refused by token verification (HTTP and socket alike).
        const user = (
          await q.query<UserRow>(
            `UPDATE users SET password_hash = $2, session_version = session_version + 1, updated_at = now()
             WHERE id = $1 RETURNING *`,
            [owner.user_id, passwordHash],
          )
        ).rows[0]!;
        await q.query(
          'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [user.id],
        );
        await enqueueEmail(q, {
          to: user.email,
          message: { kind: 'password_changed', name: user.name, locale: user.locale },
        });
        return user;
      });
      // Committed: sockets opened before the reset close at once (their tokens are already refused).
      await announceSessionsEnded(user.id);
      // Whoever just proved control of the mailbox gets their login attempts back.
      await limiter.reset(LimitKeys.loginEmail(user.email));
    },

    async mfaSetup(userId: string) {
      const user = await findUserById(db, userId);
      if (!user) throw unauthorized();
      if (user.mfa_enabled) throw conflict('MFA_ALREADY_ENABLED', 'Two-factor authentication is already on');
      const secret = newTotpSecret();
      await db.query('UPDATE users SET mfa_secret = $2, updated_at = now() WHERE id = $1', [
        userId,
        mfaCipher.seal(secret),
      ]);
      return { secret, otpauthUrl: totpUri(secret, user.email) };
    },

    async mfaEnable(userId: string, code: string) {
      return db.tx(async (q) => {
        const user = await findUserById(q, userId, true);
        if (!user?.mfa_secret) throw badRequest('MFA_NOT_SET_UP', 'Start the set-up first');
        if (user.mfa_enabled)
          throw conflict('MFA_ALREADY_ENABLED', 'Two-factor authentication is already on');
        const step = matchTotpStep(mfaCipher.open(user.mfa_secret), code, ctx.now());
        if (step === null) throw badRequest('MFA_INVALID', 'The code is wrong');
        // The confirming code is spent too: it cannot be replayed to sign in.
        await q.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [userId, step]);
        const codes = newBackupCodes();
        await q.query('UPDATE users SET mfa_enabled = true, updated_at = now() WHERE id = $1', [userId]);
        await q.query('DELETE FROM mfa_backup_codes WHERE user_id = $1', [userId]);
        for (const c of codes)
          await q.query('INSERT INTO mfa_backup_codes (user_id, code_hash) VALUES ($1, $2)', [
            userId,
            sha256Hex(c),
          ]);
        return { backupCodes: codes };
      });
    },

    async mfaDisable(userId: string, password: string, code: string, ip: string) {
      const user = await findUserById(db, userId);
      if (!user?.mfa_enabled) throw badRequest('MFA_NOT_ENABLED', 'Two-factor authentication is off');
      await reauthenticate(ctx, { userId, password, ip });
      const step = matchTotpStep(mfaCipher.open(user.mfa_secret!), code, ctx.now());
      if (step === null) throw badRequest('MFA_INVALID', 'The code is wrong');
      await db.tx(async (q) => {
        if (!(await consumeTotpStep(q, userId, step)))
          throw badRequest('MFA_CODE_USED', 'This code was already used; wait for the next one');
        await q.query(
          'UPDATE users SET mfa_enabled = false, mfa_secret = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1',
          [userId],
        );
        await q.query('DELETE FROM mfa_backup_codes WHERE user_id = $1', [userId]);
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
