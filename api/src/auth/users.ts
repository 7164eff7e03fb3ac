import type { Queryable } from '@telehealth/platform/db/index';
import type { PublicUser } from './schemas.ts';
import type {
  AccountLookup,
  AccountRole,
  AccountState,
  ActorLookup,
  Role,
} from '@telehealth/platform/auth/tokens';
import { actingGuardianState } from '../family/store.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  status: 'active' | 'suspended';
  password_hash: string;
  mfa_secret: string | null;
  mfa_enabled: boolean;
  /** Bumped by a password reset: access tokens signed under an older version are refused. */
  session_version: number;
  /** The last TOTP time step accepted (each code is good once). */
  totp_last_step: string | null;
  timezone: string;
  locale: string;
  created_at: Date;
}

/** A call guest is no account: nothing lists, signs in or shows one as a user. */
function accountRole(r: Role): AccountRole {
  if (r === 'guest') throw new Error('a call guest is not an account');
  return r;
}

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  phone: u.phone,
  role: accountRole(u.role),
  status: u.status,
  mfaEnabled: u.mfa_enabled,
  timezone: u.timezone,
  locale: u.locale,
  createdAt: u.created_at.toISOString(),
});

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>('SELECT * FROM users WHERE email = $1', [email])).rows[0];
}

export async function findUserById(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<UserRow | undefined> {
  return (await q.query<UserRow>(`SELECT * FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))
    .rows[0];
}

/** The account as token verification needs it (role, status, session version). */
export async function accountState(q: Queryable, id: string): Promise<AccountState | undefined> {
  const { rows } = await q.query<{ role: Role; status: AccountState['status']; session_version: number }>(
    'SELECT role, status, session_version FROM users WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { role: r.role, status: r.status, sessionVersion: r.session_version };
}

/** The acting guardian's account while the guardianship runs (acting-for tokens, issue 19). */
export const actorLookup =
  (q: Queryable): ActorLookup =>
  (actorId, principalId) =>
    actingGuardianState(q, actorId, principalId);

export const accountLookup =
  (q: Queryable): AccountLookup =>
  (id) =>
    accountState(q, id);
