import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { RouteBuilder } from '../http/route.ts';
import { IanaZone } from '../doctors/schemas.ts';
import { unauthorized } from '../http/errors.ts';
import { identityText } from '../http/text.ts';
import { createAuthService, REFRESH_TTL_MS, type IssuedSession } from './service.ts';
import {
  Accepted,
  BackupCodes,
  ForgotPassword,
  Login,
  MfaCode,
  MfaDisable,
  MfaSetup,
  PublicUser,
  RegisterStart,
  RegisterVerify,
  ResetPassword,
  Session,
} from './schemas.ts';
import { refuseWhenActing } from '../family/acting.ts';
import { findUserById, toPublicUser } from './users.ts';

export const REFRESH_COOKIE = 'th_rt';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export function registerAuthRoutes(route: RouteBuilder, ctx: AppContext) {
  const auth = createAuthService(ctx);
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.cookieSecure,
    path: '/api/v1/auth',
    maxAge: REFRESH_TTL_MS,
  };
  const respond = (res: Response, issued: IssuedSession) => {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, cookie);
    res.setHeader('Cache-Control', 'no-store');
    return issued.session;
  };
  const accepted = (message: string) => ({ status: 'accepted' as const, message });
  const tags = ['auth'];

  route({
    method: 'post',
    path: '/auth/register',
    summary: 'Start sign-up: emails a one-time code',
    tags,
    access: 'public',
    body: RegisterStart,
    response: Accepted,
    status: 202,
    handler: async ({ body, req }) => {
      await auth.registerStart(body, req.ip ?? 'unknown');
      return accepted('If the address can receive mail, a code is on its way.');
    },
  });
  route({
    method: 'post',
    path: '/auth/register/verify',
    summary: 'Finish sign-up with the emailed code',
    tags,
    access: 'public',
    body: RegisterVerify,
    response: Session,
    status: 201,
    handler: async ({ body, res }) => respond(res, await auth.registerVerify(body)),
  });
  route({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in (with `otp` when two-factor authentication is on)',
    tags,
    access: 'public',
    body: Login,
    response: Session,
    handler: async ({ body, req, res }) => respond(res, await auth.login(body, req.ip ?? 'unknown')),
  });
  route({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate the refresh cookie and get a new access token',
    tags,
    access: 'public',
    response: Session,
    handler: async ({ req, res }) => {
      try {
        return respond(res, await auth.refresh(readCookie(req, REFRESH_COOKIE)));
      } catch (err) {
        res.clearCookie(REFRESH_COOKIE, { ...cookie, maxAge: undefined });
        throw err;
      }
    },
  });
  route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Revoke this session',
    tags,
    access: 'public',
    handler: async ({ req, res }) => {
      await auth.logout(readCookie(req, REFRESH_COOKIE));
      res.clearCookie(REFRESH_COOKIE, { ...cookie, maxAge: undefined });
    },
  });
  route({
    method: 'post',
    path: '/auth/password/forgot',
    summary: 'Email a password reset link',
    tags,
    access: 'public',
    body: ForgotPassword,
    response: Accepted,
    status: 202,
    handler: async ({ body }) => {
      await auth.forgotPassword(body.email);
      return accepted('If an account exists for this address, a reset link is on its way.');
    },
  });
  route({
    method: 'post',
    path: '/auth/password/reset',
    summary: 'Set a new password with an emailed reset token; signs out every device',
    tags,
    access: 'public',
    body: ResetPassword,
    handler: async ({ body, req }) => {
      await auth.resetPassword(body.token, body.password, req.ip ?? 'unknown');
    },
  });
  route({
    method: 'post',
    path: '/auth/mfa/setup',
    summary: 'Create a TOTP secret (not active until confirmed)',
    tags,
    access: 'authenticated',
    response: MfaSetup,
    handler: async ({ user }) => {
      refuseWhenActing(user);
      return auth.mfaSetup(user.id);
    },
  });
  route({
    method: 'post',
    path: '/auth/mfa/enable',
    summary: 'Confirm a TOTP code; returns single-use backup codes',
    tags,
    access: 'authenticated',
    body: MfaCode,
    response: BackupCodes,
    handler: async ({ user, body }) => {
      refuseWhenActing(user);
      return auth.mfaEnable(user.id, body.code);
    },
  });
  route({
    method: 'post',
    path: '/auth/mfa/disable',
    summary: 'Turn two-factor authentication off',
    tags,
    access: 'authenticated',
    body: MfaDisable,
    handler: async ({ user, body, req }) => {
      refuseWhenActing(user);
      await auth.mfaDisable(user.id, body.password, body.code, req.ip ?? 'unknown');
    },
  });

  const UpdateMe = z
    .object({
      name: identityText({ max: 120 }).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
        .nullable()
        .optional(),
      timezone: IanaZone.optional(),
      locale: z.enum(['en', 'hi']).optional(),
    })
    .meta({ id: 'UpdateMe' });
  route({
    method: 'get',
    path: '/me',
    summary: 'The signed-in user',
    tags: ['users'],
    access: 'authenticated',
    response: PublicUser,
    handler: async ({ user }) => {
      const u = await findUserById(ctx.db, user.id);
      if (!u) throw unauthorized();
      return toPublicUser(u);
    },
  });
  route({
    method: 'patch',
    path: '/me',
    summary: 'Update my name, phone, time zone or language',
    tags: ['users'],
    access: 'authenticated',
    body: UpdateMe,
    response: PublicUser,
    handler: async ({ user, body }) => {
      const { rows } = await ctx.db.query(
        `UPDATE users SET name = COALESCE($2, name), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END,
           timezone = COALESCE($5, timezone), locale = COALESCE($6, locale), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [
          user.id,
          body.name ?? null,
          body.phone !== undefined,
          body.phone ?? null,
          body.timezone ?? null,
          body.locale ?? null,
        ],
      );
      return toPublicUser(rows[0] as never);
    },
  });
}
