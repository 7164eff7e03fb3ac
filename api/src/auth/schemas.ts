import { z } from 'zod';
import { IanaZone } from '../doctors/schemas.ts';
import { identityText } from '../http/text.ts';
import { AccountRoles } from '@telehealth/platform/auth/tokens';

export const Email = z
  .email('must be a valid email address')
  .max(254)
  .transform((s) => s.trim().toLowerCase());
export const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(128, 'must be at most 128 characters');

export const RegisterStart = z
  .object({
    email: Email,
    password: Password,
    name: identityText({ max: 120 }),
    role: z.enum(['patient', 'doctor']).default('patient'),
    timezone: IanaZone.optional(),
    locale: z.enum(['en', 'hi']).optional(),
  })
  .meta({ id: 'RegisterStart' });
export const RegisterVerify = z
  .object({ email: Email, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .meta({ id: 'RegisterVerify' });
export const Login = z
  .object({
    email: Email,
    password: z.string().min(1).max(128),
    /** A TOTP code or a backup code, when the account has MFA enabled. */
    otp: z.string().trim().max(20).optional(),
  })
  .meta({ id: 'Login' });
export const ForgotPassword = z.object({ email: Email }).meta({ id: 'ForgotPassword' });
export const ResetPassword = z
  .object({ token: z.string().min(20).max(200), password: Password })
  .meta({ id: 'ResetPassword' });
export const MfaCode = z
  .object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .meta({ id: 'MfaCode' });
export const MfaDisable = z
  .object({ password: z.string().min(1).max(128), code: z.string().trim().min(6).max(20) })
  .meta({ id: 'MfaDisable' });

export const PublicUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    // Accounts only: a call guest is never shown as a user (api/src/consultations/guests.ts).
    role: z.enum(AccountRoles),
    status: z.enum(['active', 'suspended']),
    mfaEnabled: z.boolean(),
    timezone: z.string(),
    locale: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type PublicUser = z.infer<typeof PublicUser>;

export const Session = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), user: PublicUser })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const MfaSetup = z.object({ secret: z.string(), otpauthUrl: z.string() }).meta({ id: 'MfaSetup' });
export const BackupCodes = z.object({ backupCodes: z.array(z.string()) }).meta({ id: 'BackupCodes' });
export const Accepted = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .meta({ id: 'Accepted' });
